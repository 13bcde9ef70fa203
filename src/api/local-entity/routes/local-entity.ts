/**
 * Core routes of local entities: not for the Public role (search and eligibility are
 * 01-custom-local-entity.ts).
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::local-entity.local-entity');

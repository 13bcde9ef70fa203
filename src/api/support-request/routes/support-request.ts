/**
 * Core routes of support requests: not for the Public role (the public route is
 * 01-custom-support-request.ts).
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::support-request.support-request');

/**
 * Core routes of registrations: not for the Public role (the public ones are
 * 01-custom-registration.ts).
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::registration.registration');

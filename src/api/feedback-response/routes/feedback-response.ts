/**
 * Core routes of feedback responses: not for the Public role (the public ones are
 * 01-custom-feedback-response.ts).
 */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::feedback-response.feedback-response');

import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::feedback-response.feedback-response');

import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::local-entity.local-entity');

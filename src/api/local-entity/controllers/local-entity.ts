import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::local-entity.local-entity');

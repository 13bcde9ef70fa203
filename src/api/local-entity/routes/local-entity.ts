import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::local-entity.local-entity');

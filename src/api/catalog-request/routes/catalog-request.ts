import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::catalog-request.catalog-request');

import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::catalog-request.catalog-request');

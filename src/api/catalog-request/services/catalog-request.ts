/** Core service of catalogue requests. */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::catalog-request.catalog-request');

/** Core service of catalogue resources. */
import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::catalog-resource.catalog-resource');

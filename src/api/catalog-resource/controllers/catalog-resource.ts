/** Core controller of catalogue resources (public reads only). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::catalog-resource.catalog-resource');

/** Core controller of catalogue requests (editors use the admin; the import is an admin route). */
import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::catalog-request.catalog-request');

/** Core routes of catalogue requests: not for the Public role. */
import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::catalog-request.catalog-request');

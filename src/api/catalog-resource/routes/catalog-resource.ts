/** Public read routes of catalogue resources: find and findOne, published only. */
import { factories } from '@strapi/strapi';

// Read-only for the public API: editors write in the admin.
export default factories.createCoreRouter('api::catalog-resource.catalog-resource', {
  only: ['find', 'findOne'],
  config: {
    find: { middlewares: ['global::public-read'] },
    findOne: { middlewares: ['global::public-read'] },
  },
});

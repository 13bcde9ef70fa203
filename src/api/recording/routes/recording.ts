/** Public read routes of recordings: find and findOne, published only. */
import { factories } from '@strapi/strapi';

// Read-only for the public API: editors write in the admin.
export default factories.createCoreRouter('api::recording.recording', {
  only: ['find', 'findOne'],
  config: {
    find: { middlewares: ['global::public-read'] },
    findOne: { middlewares: ['global::public-read'] },
  },
});

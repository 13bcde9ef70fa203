import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Editors work in Catalan; Spanish and English stay available in each user's profile.
    locales: ['ca', 'es'],
  },
  bootstrap(_app: StrapiApp) {},
};

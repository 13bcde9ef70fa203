import type { StrapiApp } from '@strapi/strapi/admin';
import { SessionRegistrations } from './components/SessionRegistrations';

export default {
  config: {
    // Editors work in Catalan; Spanish and English stay available in each user's profile.
    locales: ['ca', 'es'],
  },
  bootstrap(app: StrapiApp) {
    app.getPlugin('content-manager').injectComponent('editView', 'right-links', {
      name: 'gomunicipal-session-registrations',
      Component: SessionRegistrations,
    });
  },
};

import type { StrapiApp } from '@strapi/strapi/admin';
import { ImportCatalogRequests } from './components/ImportCatalogRequests';
import { ProposalReview } from './components/ProposalReview';
import { SessionRegistrations } from './components/SessionRegistrations';

export default {
  config: {
    // Editors work in Catalan; Spanish and English stay available in each user's profile.
    locales: ['ca', 'es'],
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager');
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-session-registrations',
      Component: SessionRegistrations,
    });
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-proposal-review',
      Component: ProposalReview,
    });
    contentManager.injectComponent('listView', 'actions', {
      name: 'gomunicipal-import-catalog-requests',
      Component: ImportCatalogRequests,
    });
  },
};

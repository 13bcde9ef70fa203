import { ChartPie } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { NextTopicProposal } from './components/NextTopicProposal';
import { ImportCatalogRequests } from './components/ImportCatalogRequests';
import { ProposalReview } from './components/ProposalReview';
import { SessionRegistrations } from './components/SessionRegistrations';

export default {
  config: {
    // Editors work in Catalan; Spanish and English stay available in each user's profile.
    locales: ['ca', 'es'],
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: '/gomunicipal/results',
      icon: ChartPie,
      intlLabel: { id: 'gomunicipal.results.menu', defaultMessage: 'Resultats de les enquestes' },
      Component: () => import('./pages/FeedbackResults'),
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::feedback-response.feedback-response' }],
    });
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
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-next-topic-proposal',
      Component: NextTopicProposal,
    });
    contentManager.injectComponent('listView', 'actions', {
      name: 'gomunicipal-import-catalog-requests',
      Component: ImportCatalogRequests,
    });
  },
};

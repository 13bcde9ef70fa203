/** The admin customisation: Catalan first, our translations, the home widgets, the injected boxes and columns, the pages. */
import { Calendar, ChartPie, Discuss, Earth, Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { NextTopicProposal } from './components/NextTopicProposal';
import { ImportAttendance } from './components/ImportAttendance';
import { ImportCatalogRequests } from './components/ImportCatalogRequests';
import { ProposalReview } from './components/ProposalReview';
import { addSeatsColumns } from './components/SessionSeatsColumns';
import { SessionNotice } from './components/SessionNotice';
import { SessionRegistrations } from './components/SessionRegistrations';
import { strapiCatalan } from './strapi-ca';
import { message, translations } from './translations';

const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';
const can = (action: 'read' | 'create', subject: string) => ({ action: `plugin::content-manager.explorer.${action}`, subject });

export default {
  config: {
    // Catalan, Spanish and English (Strapi always adds English). Each user picks one in their profile.
    locales: ['ca', 'es', 'en'],
    translations: { ...translations, ca: { ...strapiCatalan, ...translations.ca } },
    // No release notes fetched from GitHub (offline), no tutorial videos.
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // Catalan first: in the profile's language list, and for a browser that has not chosen yet
    // (a user's profile language, once set, wins at login).
    app.configurations.locales = ['ca', 'es', 'en'];
    if (window.localStorage.getItem(LANGUAGE_KEY) === null) window.localStorage.setItem(LANGUAGE_KEY, 'ca');
    // Strapi's guided tour is for developers (schemas, API tokens, Strapi Cloud), in English: off
    // unless a user turns it back on ("Reset guided tour" in their profile).
    if (window.localStorage.getItem(GUIDED_TOUR_KEY) === null) window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));

    app.addMenuLink({
      to: 'gomunicipal/planner',
      icon: Calendar,
      intlLabel: message('gomunicipal.planner.menu'),
      permissions: [can('create', 'api::session.session')],
      Component: () => import('./pages/PlannerPage'),
    });
    app.addMenuLink({
      to: 'gomunicipal/results',
      icon: ChartPie,
      intlLabel: message('gomunicipal.results.menu'),
      permissions: [can('read', 'api::feedback-response.feedback-response')],
      Component: () => import('./pages/FeedbackResults'),
    });
    app.addMenuLink({
      to: 'gomunicipal/reach',
      icon: Earth,
      intlLabel: message('gomunicipal.reach.menu'),
      permissions: [can('read', 'api::local-entity.local-entity')],
      Component: () => import('./pages/ReachPage'),
    });

    // GOmunicipal's widgets come first on the home page, before Strapi's own.
    app.widgets.register((strapiWidgets) => [
      {
        id: 'next-session',
        icon: Calendar,
        title: message('gomunicipal.widget.nextSession'),
        component: () => import('./widgets/NextSessionWidget').then((module) => module.default),
        permissions: [can('read', 'api::session.session')],
      },
      {
        id: 'last-feedback',
        icon: ChartPie,
        title: message('gomunicipal.widget.feedback'),
        component: () => import('./widgets/FeedbackWidget').then((module) => module.default),
        permissions: [can('read', 'api::feedback-response.feedback-response')],
      },
      {
        id: 'waiting-for-review',
        icon: Discuss,
        title: message('gomunicipal.widget.review'),
        component: () => import('./widgets/ReviewWidget').then((module) => module.default),
        permissions: [can('read', 'api::proposal.proposal')],
      },
      {
        id: 'failed-outbox-messages',
        icon: Mail,
        title: message('gomunicipal.widget.outbox'),
        component: () => import('./widgets/OutboxWidget').then((module) => module.default),
        permissions: [can('read', 'api::outbox-message.outbox-message')],
      },
      ...strapiWidgets,
    ]);
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager');
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-session-notice',
      Component: SessionNotice,
    });
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-session-registrations',
      Component: SessionRegistrations,
    });
    contentManager.injectComponent('editView', 'right-links', {
      name: 'gomunicipal-import-attendance',
      Component: ImportAttendance,
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
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addSeatsColumns);
  },
};

/**
 * The admin's own routes (under /admin/gomunicipal, with the admin's login and the content-manager
 * permission each needs): this table names the handler of each; handlers (controllers/) parse and
 * answer, the rules are in the services they call. See "Admin routes are named controllers" in
 * docs/decisions.md.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { attendanceController } from './controllers/attendance';
import { catalogRequestsController } from './controllers/catalog-requests';
import { feedbackController } from './controllers/feedback';
import { proposalsController } from './controllers/proposals';
import { reachController } from './controllers/reach';
import { sessionsController } from './controllers/sessions';

type Policy = string | { name: string; config: unknown };

const SIGNED_IN: Policy = 'admin::isAuthenticatedAdmin';

/** Admin login, and the content-manager permission `action` on `uid`. */
const allowed = (action: 'read' | 'create' | 'update', uid: string): Policy[] => [
  SIGNED_IN,
  { name: 'admin::hasPermissions', config: { actions: [[`plugin::content-manager.explorer.${action}`, uid]] } },
];

const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context) => Promise<void>, policies: Policy[]) => ({
  method,
  path: `/gomunicipal${path}`,
  handler,
  config: { policies },
  info: { type: 'admin' },
});

export const registerAdminRoutes = (strapi: Core.Strapi): void => {
  const sessions = sessionsController(strapi);
  const proposals = proposalsController(strapi);
  const feedback = feedbackController(strapi);
  const catalogRequests = catalogRequestsController(strapi);
  const attendance = attendanceController(strapi);
  const reach = reachController(strapi);
  const SESSION = 'api::session.session';
  const REGISTRATION = 'api::registration.registration';
  const PROPOSAL = 'api::proposal.proposal';
  const RESPONSE = 'api::feedback-response.feedback-response';

  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      route('GET', '/dashboard', sessions.dashboard, [SIGNED_IN]),
      route('GET', '/sessions/seats', sessions.seats, allowed('read', SESSION)),
      route('GET', '/sessions/:documentId/registrations', sessions.registrations, allowed('read', REGISTRATION)),
      route('GET', '/sessions/:documentId/registrations.csv', sessions.registrationsCsv, allowed('read', REGISTRATION)),
      route('GET', '/sessions/:documentId/notice', sessions.notice, allowed('read', SESSION)),
      route('POST', '/sessions/:documentId/notice/send', sessions.sendNotice, allowed('update', SESSION)),
      route('POST', '/sessions/:documentId/notice/hold', sessions.holdNotice, allowed('update', SESSION)),
      route('GET', '/planner/preview', sessions.planPreview, allowed('create', SESSION)),
      route('POST', '/planner', sessions.plan, allowed('create', SESSION)),
      route('GET', '/proposals/:documentId/review', proposals.review, allowed('read', PROPOSAL)),
      route('POST', '/proposals/:documentId/transition', proposals.transition, allowed('update', PROPOSAL)),
      route('POST', '/feedback-responses/:documentId/proposal', proposals.fromFeedback, allowed('create', PROPOSAL)),
      route('POST', '/catalog-requests/import', catalogRequests.importCsv, allowed('create', 'api::catalog-request.catalog-request')),
      route('GET', '/feedback/summary', feedback.summary, allowed('read', RESPONSE)),
      route('GET', '/feedback/responses', feedback.responses, allowed('read', RESPONSE)),
      route('GET', '/feedback/sessions', feedback.sessions, allowed('read', RESPONSE)),
      route('GET', '/feedback/export/:what.:format', feedback.export, allowed('read', RESPONSE)),
      route('POST', '/sessions/:documentId/attendance/preview', attendance.preview, allowed('read', REGISTRATION)),
      route('POST', '/sessions/:documentId/attendance', attendance.confirm, allowed('update', REGISTRATION)),
      route('GET', '/reach', reach.figures, allowed('read', 'api::local-entity.local-entity')),
      route('GET', '/reach/export.:format', reach.export, allowed('read', 'api::local-entity.local-entity')),
      route('POST', '/local-entities/comarcas', reach.importComarcas, allowed('update', 'api::local-entity.local-entity')),
    ],
  });
};

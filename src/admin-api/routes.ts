import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { ImportReport } from '../api/catalog-request/services/import';
import { TRANSITIONS, type ProposalService, type ProposalStatus, type TransitionInput } from '../api/proposal/services/proposal';
import type { RegistrationService } from '../api/registration/services/registration';
import type { DashboardService } from '../api/session/services/dashboard';
import { parsePlanRange, type PlannerService } from '../api/session/services/planner';
import { requestLanguage } from '../utils/language';
import { mostSimilar } from '../utils/similarity';
import { toCsv } from '../utils/csv';

/** Admin login, and the content-manager permission `action` on `uid`. */
const allowed = (action: 'read' | 'create' | 'update', uid: string) => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [[`plugin::content-manager.explorer.${action}`, uid]] } },
];

/** The language of an admin request's messages: `?locale=` (the admin's interface language) when ca/es, then Accept-Language. */
const adminLanguage = (ctx: Context) => requestLanguage(ctx.query.locale, ctx.get('accept-language'));

/**
 * Admin routes (under /admin, with the admin's login) for editors: a session's registration counts
 * and CSV export, the catalogue requests import, the season planner and the home page figures.
 */
export const registerAdminRoutes = (strapi: Core.Strapi): void => {
  const registrations = () => strapi.service('api::registration.registration') as unknown as RegistrationService;
  const policies = allowed('read', 'api::registration.registration');
  const documentId = (ctx: Context) => {
    const id = String(ctx.params.documentId);
    if (!/^[a-z0-9]{1,64}$/.test(id)) throw new errors.NotFoundError(`No session ${id.slice(0, 64)}`);
    return id;
  };

  const planner = () => strapi.service('api::session.planner') as unknown as PlannerService;
  const dashboard = () => strapi.service('api::session.dashboard') as unknown as DashboardService;

  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/gomunicipal/planner/preview',
        handler: async (ctx: Context) => {
          const { from, to } = parsePlanRange(ctx.query.from, ctx.query.to, adminLanguage(ctx));
          ctx.body = { data: await planner().preview(from, to) };
        },
        config: { policies: allowed('create', 'api::session.session') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'POST',
        path: '/gomunicipal/planner',
        handler: async (ctx: Context) => {
          const body = (ctx.request.body ?? {}) as { from?: unknown; to?: unknown };
          const { from, to } = parsePlanRange(body.from, body.to, adminLanguage(ctx));
          ctx.status = 201;
          ctx.body = { data: await planner().apply(from, to) };
        },
        config: { policies: allowed('create', 'api::session.session') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'GET',
        path: '/gomunicipal/dashboard',
        handler: async (ctx: Context) => {
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: await dashboard().summary() };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'GET',
        path: '/gomunicipal/sessions/seats',
        handler: async (ctx: Context) => {
          const ids = String(ctx.query.ids ?? '')
            .split(',')
            .filter((id) => /^[a-z0-9]{1,64}$/.test(id));
          if (ids.length > 100) {
            throw new errors.ValidationError(
              adminLanguage(ctx) === 'es' ? 'Como máximo 100 sesiones por petición.' : 'Com a màxim 100 sessions per petició.'
            );
          }
          ctx.body = { data: await dashboard().seatCounts(ids) };
        },
        config: { policies: allowed('read', 'api::session.session') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'GET',
        path: '/gomunicipal/sessions/:documentId/registrations',
        handler: async (ctx: Context) => {
          const summary = await registrations().summary(documentId(ctx));
          if (summary === null) throw new errors.NotFoundError('Aquesta sessió no existeix.');
          ctx.body = { data: summary };
        },
        config: { policies },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'GET',
        path: '/gomunicipal/sessions/:documentId/registrations.csv',
        handler: async (ctx: Context) => {
          const id = documentId(ctx);
          const rows = await registrations().exportRows(id);
          ctx.set('Content-Disposition', `attachment; filename="inscripcions-${id}.csv"`);
          ctx.set('Cache-Control', 'no-store');
          ctx.type = 'text/csv; charset=utf-8';
          ctx.body = toCsv(rows, [
              { key: 'fullName', header: 'Nom i cognoms' },
              { key: 'email', header: 'Correu electrònic' },
              { key: 'localEntity', header: 'Ens local' },
              { key: 'ineCode', header: 'Codi INE' },
              { key: 'jobTitle', header: 'Càrrec' },
              { key: 'status', header: 'Estat' },
              { key: 'attended', header: 'Hi ha assistit' },
              { key: 'language', header: 'Idioma' },
              { key: 'registeredAt', header: 'Data d’inscripció' },
          ]);
        },
        config: { policies },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'POST',
        path: '/gomunicipal/proposals/:documentId/transition',
        handler: async (ctx: Context) => {
          const body = (ctx.request.body ?? {}) as Partial<TransitionInput>;
          const user = ctx.state.user as { email: string; firstname?: string; lastname?: string };
          const by = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
          const proposals = strapi.service('api::proposal.proposal') as unknown as ProposalService;
          const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
          ctx.body = {
            data: await proposals.transition(
              String(ctx.params.documentId),
              {
                to: String(body.to ?? ''),
                note: text(body.note),
                publicAnswer: text(body.publicAnswer),
                session: text(body.session),
                duplicateOf: text(body.duplicateOf),
              },
              `${by} <${user.email}>`
            ),
          };
        },
        config: { policies: allowed('update', 'api::proposal.proposal') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'GET',
        path: '/gomunicipal/proposals/:documentId/review',
        handler: async (ctx: Context) => {
          const proposal = await strapi.db.query('api::proposal.proposal').findOne({
            where: { documentId: String(ctx.params.documentId) },
            select: ['documentId', 'title', 'reviewStatus'],
          });
          if (proposal === null) throw new errors.NotFoundError('Aquesta proposta no existeix.');
          const proposals = strapi.service('api::proposal.proposal') as unknown as ProposalService;
          const others = (await strapi.db.query('api::proposal.proposal').findMany({
            select: ['documentId', 'title', 'reviewStatus'],
            where: { documentId: { $ne: proposal.documentId } },
            limit: 2000,
          })) as { documentId: string; title: string; reviewStatus: string }[];
          const upcoming = (await strapi.documents('api::session.session').findMany({
            locale: 'ca',
            fields: ['title', 'startsAt'],
            filters: { startsAt: { $gt: new Date().toISOString() } },
            sort: ['startsAt:asc'],
            limit: 24,
          })) as unknown as { documentId: string; title: string; startsAt: string }[];
          ctx.body = {
            data: {
              status: proposal.reviewStatus,
              next: TRANSITIONS[proposal.reviewStatus as ProposalStatus],
              similarProposals: mostSimilar(
                proposal.title,
                others.map((o) => ({ text: o.title, item: { documentId: o.documentId, title: o.title, status: o.reviewStatus } }))
              ),
              similarSessions: (await proposals.similar(proposal.title, 'ca')).sessions,
              upcomingSessions: upcoming.map(({ documentId, title, startsAt }) => ({ documentId, title, startsAt })),
            },
          };
        },
        config: { policies: allowed('read', 'api::proposal.proposal') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
      {
        method: 'POST',
        path: '/gomunicipal/catalog-requests/import',
        handler: async (ctx: Context) => {
          const body = ctx.request.body as { csv?: unknown } | undefined;
          if (typeof body?.csv !== 'string') throw new errors.ValidationError('Envieu { "csv": "…" } amb el contingut del fitxer.');
          const importer = strapi.service('api::catalog-request.import') as unknown as { importCsv(text: string): Promise<ImportReport> };
          ctx.body = { data: await importer.importCsv(body.csv) };
        },
        config: { policies: allowed('create', 'api::catalog-request.catalog-request') },
        info: { pluginName: 'gomunicipal', type: 'admin' },
      },
    ],
  });
};

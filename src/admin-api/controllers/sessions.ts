/** Admin handlers about sessions: the home page figures, the list's seat counts, a session's registrations and their export, the planner. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { parsePlanRange } from '../../api/session/services/planner';
import { t } from '../../messages';
import { isDocumentId } from '../../utils/document-id';
import { languageOf } from '../../utils/language';
import { service } from '../../utils/services';
import { documentIdParam, sendSpreadsheet } from '../http';
import { dashboard } from '../services/dashboard';

const REGISTRATION_COLUMNS = [
  { key: 'fullName', header: 'Nom i cognoms' },
  { key: 'email', header: 'Correu electrònic' },
  { key: 'localEntity', header: 'Ens local' },
  { key: 'ineCode', header: 'Codi INE' },
  { key: 'jobTitle', header: 'Càrrec' },
  { key: 'status', header: 'Estat' },
  { key: 'attended', header: 'Hi ha assistit' },
  { key: 'language', header: 'Idioma' },
  { key: 'registeredAt', header: 'Data d’inscripció' },
];

export const sessionsController = (strapi: Core.Strapi) => ({
  async dashboard(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await dashboard(strapi).summary() };
  },

  /** GET …/sessions/seats?ids=a,b,c (at most 100) */
  async seats(ctx: Context) {
    const ids = String(ctx.query.ids ?? '').split(',').filter(isDocumentId);
    if (ids.length > 100) throw new errors.ValidationError(t(languageOf(ctx), 'admin.tooManySessions'));
    ctx.body = { data: await dashboard(strapi).seatCounts(ids) };
  },

  /** GET …/sessions/:documentId/notice: the change its registrants will be told of, when, and to how many (null: nothing pending). */
  async notice(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service(strapi, 'api::session.changes').pending(documentIdParam(ctx)) };
  },

  /** POST …/sessions/:documentId/notice/send: sends the pending change now. */
  async sendNotice(ctx: Context) {
    ctx.body = { data: { written: await service(strapi, 'api::session.changes').sendNow(documentIdParam(ctx)) } };
  },

  /** POST …/sessions/:documentId/notice/hold { held: boolean }: holds the pending change, or releases it. */
  async holdNotice(ctx: Context) {
    const held = (ctx.request as { body?: { held?: unknown } }).body?.held;
    if (typeof held !== 'boolean') throw new errors.ValidationError(t(languageOf(ctx), 'admin.noticeHeldFlag'));
    const changed = await service(strapi, 'api::session.changes').hold(documentIdParam(ctx), held);
    if (!changed) throw new errors.NotFoundError(t(languageOf(ctx), 'admin.noNoticePending'));
    ctx.body = { data: await service(strapi, 'api::session.changes').pending(documentIdParam(ctx)) };
  },

  async registrations(ctx: Context) {
    const summary = await service(strapi, 'api::registration.editors').summary(documentIdParam(ctx));
    if (summary === null) throw new errors.NotFoundError('Aquesta sessió no existeix.');
    ctx.body = { data: summary };
  },

  async registrationsCsv(ctx: Context) {
    const id = documentIdParam(ctx);
    const rows = await service(strapi, 'api::registration.editors').exportRows(id);
    await sendSpreadsheet(ctx, `inscripcions-${id}`, 'csv', rows, REGISTRATION_COLUMNS);
  },

  async planPreview(ctx: Context) {
    const { from, to } = parsePlanRange(ctx.query.from, ctx.query.to, languageOf(ctx));
    ctx.body = { data: await service(strapi, 'api::session.planner').preview(from, to) };
  },

  async plan(ctx: Context) {
    const body = (ctx.request.body ?? {}) as { from?: unknown; to?: unknown };
    const { from, to } = parsePlanRange(body.from, body.to, languageOf(ctx));
    ctx.status = 201;
    ctx.body = { data: await service(strapi, 'api::session.planner').apply(from, to) };
  },
});

/** Admin handlers of the reach ("Abast"): the figures, their CSV/XLSX export, and the comarca import (the rules are the reach and comarca services'). */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../messages';
import { languageOf } from '../../utils/language';
import { service } from '../../utils/services';
import { parseReachQuery } from '../../api/local-entity/services/reach';
import { sendSpreadsheet } from '../http';

const COLUMNS = [
  { key: 'ineCode', header: 'Codi INE' },
  { key: 'name', header: 'Ens local' },
  { key: 'kind', header: 'Tipus' },
  { key: 'comarca', header: 'Comarca' },
  { key: 'registrations', header: 'Inscripcions' },
  { key: 'attendees', header: 'Persones assistents' },
  { key: 'sessionsAttended', header: 'Sessions amb assistència' },
  { key: 'resourcesCompleted', header: 'Recursos del catàleg completats' },
  { key: 'eligible', header: 'Pot demanar suport' },
  { key: 'proposals', header: 'Propostes' },
  { key: 'supportRequests', header: 'Sol·licituds de suport' },
];

export const reachController = (strapi: Core.Strapi) => ({
  async figures(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service(strapi, 'api::local-entity.reach').figures(parseReachQuery(ctx.query, languageOf(ctx))) };
  },

  async export(ctx: Context) {
    const format = ctx.params.format;
    if (format !== 'csv' && format !== 'xlsx') throw new errors.NotFoundError(`csv o xlsx, no «${String(format).slice(0, 10)}»`);
    const reach = await service(strapi, 'api::local-entity.reach').figures(parseReachQuery(ctx.query, languageOf(ctx)));
    const rows = reach.rows.map((row) => ({ ...row, comarca: row.comarca ?? '', ineCode: row.ineCode ?? '', eligible: row.eligible ? 'sí' : 'no' }));
    await sendSpreadsheet(ctx, `abast-${reach.from ?? 'inici'}-${reach.to ?? 'avui'}`, format, rows, COLUMNS, 'Abast');
  },

  async importComarcas(ctx: Context) {
    const body = ctx.request.body as { csv?: unknown } | undefined;
    if (typeof body?.csv !== 'string') throw new errors.ValidationError(t(languageOf(ctx), 'comarca.header'));
    ctx.body = { data: await service(strapi, 'api::local-entity.comarcas').importCsv(body.csv, languageOf(ctx)) };
  },
});

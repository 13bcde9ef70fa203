/** Admin handler of the catalogue requests' CSV import (all or nothing; the rule is the import service's). */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { service } from '../../utils/services';

export const catalogRequestsController = (strapi: Core.Strapi) => ({
  async importCsv(ctx: Context) {
    const body = ctx.request.body as { csv?: unknown } | undefined;
    if (typeof body?.csv !== 'string') throw new errors.ValidationError('Envieu { "csv": "…" } amb el contingut del fitxer.');
    ctx.body = { data: await service(strapi, 'api::catalog-request.import').importCsv(body.csv) };
  },
});

/** Admin handlers of the attendance import ("Importa l'assistència"): the preview and the confirmation (the rules are the attendance service's). */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../messages';
import { languageOf } from '../../utils/language';
import { service } from '../../utils/services';
import { documentIdParam } from '../http';

/** The body `{ file: base64, minimumMinutes? }` as the file's bytes and the minimum asked for. */
const fileOf = (ctx: Context): { file: Buffer; minimum: unknown } => {
  const body = ctx.request.body as { file?: unknown; minimumMinutes?: unknown } | undefined;
  if (typeof body?.file !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(body.file)) throw new errors.ValidationError(t(languageOf(ctx), 'attendance.noFile'));
  return { file: Buffer.from(body.file, 'base64'), minimum: body.minimumMinutes };
};

export const attendanceController = (strapi: Core.Strapi) => ({
  async preview(ctx: Context) {
    const { file, minimum } = fileOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service(strapi, 'api::registration.attendance').preview(documentIdParam(ctx), file, minimum, languageOf(ctx)) };
  },

  async confirm(ctx: Context) {
    const { file, minimum } = fileOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service(strapi, 'api::registration.attendance').confirm(documentIdParam(ctx), file, minimum, languageOf(ctx)) };
  },
});

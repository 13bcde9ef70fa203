/** The portal routes of sessions: the upcoming and past lists, one session's and the programme's calendar. */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../../messages';
import { isDocumentId, shownId } from '../../../utils/document-id';
import { isLanguage, languageOf, type Language } from '../../../utils/language';
import { parsePortalArgs } from '../../../utils/portal-args';
import { publicOutput } from '../../../utils/public-output';
import { service } from '../../../utils/services';

const UID = 'api::session.session';

const refuseUnknownParams = (ctx: Context, allowed: readonly string[], language: Language) => {
  const unknown = Object.keys(ctx.query).find((key) => !allowed.includes(key));
  if (unknown === undefined) return;
  const shown = unknown.slice(0, 40);
  const message = {
    ca: `Paràmetre desconegut «${shown}»: s'admeten ${allowed.join(', ')}.`,
    es: `Parámetro desconocido «${shown}»: se admiten ${allowed.join(', ')}.`,
  };
  throw new errors.ValidationError(message[language], { param: unknown });
};


const calendarLocale = (ctx: Context): Language => {
  const language = languageOf(ctx);
  refuseUnknownParams(ctx, ['locale'], language);
  const locale = ctx.query.locale ?? 'ca';
  if (!isLanguage(locale)) parsePortalArgs({ locale }, 1, language);
  return locale as Language;
};

const sendCalendar = (ctx: Context, body: string, filename: string) => {
  ctx.type = 'text/calendar; charset=utf-8';
  ctx.set('Content-Disposition', `inline; filename="${filename}"`);
  ctx.body = body;
};

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => service(strapi, UID);
  // What `sanitizeOutput` does (drops private fields and relations the caller may not read), in one pass.
  const output = publicOutput(strapi);
  const sanitize = <T>(data: T, ctx: Context) => output(data, UID, ctx.state.auth);

  return {
    /** GET /api/sessions/upcoming?limit=5&locale=ca */
    async upcoming(ctx: Context) {
      const language = languageOf(ctx);
      refuseUnknownParams(ctx, ['limit', 'locale'], language);
      const args = parsePortalArgs(ctx.query, 5, language);
      const found = await sessions().upcoming(args);
      return { data: await sessions().withPortalFields(await sanitize(found, ctx)), meta: {} };
    },

    /** GET /api/sessions/past?limit=12&year=2024&locale=ca */
    async past(ctx: Context) {
      const language = languageOf(ctx);
      refuseUnknownParams(ctx, ['limit', 'year', 'locale'], language);
      const args = parsePortalArgs(ctx.query, 12, language);
      const found = await sessions().past(args);
      return { data: await sessions().withPortalFields(await sanitize(found, ctx)), meta: {} };
    },

    /** GET /api/calendar.ics?locale=ca */
    async calendarFeed(ctx: Context) {
      const locale = calendarLocale(ctx);
      sendCalendar(ctx, await strapi.service('api::session.calendar').feed(locale), 'gomunicipal.ics');
    },

    /** GET /api/sessions/:documentId/calendar.ics?locale=ca */
    async calendar(ctx: Context) {
      const locale = calendarLocale(ctx);
      const documentId = String(ctx.params.documentId);
      const body = isDocumentId(documentId)
        ? await strapi.service('api::session.calendar').single(documentId, locale)
        : undefined;
      if (body === undefined) {
        throw new errors.NotFoundError(t(locale, 'session.notPublished', { id: shownId(documentId) }));
      }
      sendCalendar(ctx, body, `gomunicipal-${documentId}.ics`);
    },
  };
});

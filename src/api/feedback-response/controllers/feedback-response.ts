/** The public survey routes (a link's form, a submission) and the published results (a session's, a range's). */
import { factories, type Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { answerConflict } from '../../../utils/http-errors';
import { isLanguage, languageOf, requestLanguage } from '../../../utils/language';
import { service } from '../../../utils/services';
import { parseRange } from './validation/range';

const UID = 'api::feedback-response.feedback-response';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  const feedback = () => service(strapi, UID);
  const results = () => service(strapi, 'api::feedback-response.results');
  const threshold = () => strapi.config.get('feedback.privacyThreshold', 5) as number;

  return {
    /** GET /api/feedback/:token : the survey of a link, in the registrant's language (or ?locale=). */
    async form(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      const locale = isLanguage(ctx.query.locale) ? ctx.query.locale : undefined;
      return answerConflict(ctx, async () => ({ data: await feedback().form(ctx.params.token, locale) }));
    },

    /**
     * POST /api/feedback/:token with { answers: [{ question, value }] }; problems are explained in
     * ?locale=, else the request's Accept-Language (ca or es), else the registrant's language.
     */
    async submit(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      const accepted = /\b(ca|es)\b/i.test(ctx.get('accept-language')) ? requestLanguage(undefined, ctx.get('accept-language')) : undefined;
      const locale = isLanguage(ctx.query.locale) ? ctx.query.locale : accepted;
      return answerConflict(ctx, async () => {
        const result = await feedback().submit(ctx.params.token, ctx.request.body, locale);
        ctx.status = 201;
        return { data: result };
      });
    },

    /** GET /api/sessions/:documentId/feedback-summary */
    async sessionSummary(ctx: Context) {
      const language = languageOf(ctx);
      return { data: await results().summary({ session: String(ctx.params.documentId) }, { language, threshold: threshold() }) };
    },

    /** GET /api/feedback-summary?from=YYYY-MM-DD&to=YYYY-MM-DD */
    async summary(ctx: Context) {
      const language = languageOf(ctx);
      const range = parseRange(ctx.query.from, ctx.query.to, language);
      return { data: await results().summary(range, { language, threshold: threshold() }) };
    },
  };
});

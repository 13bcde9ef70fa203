import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { bodyObject } from '../../../utils/form';
import { answerConflict } from '../../../utils/http-errors';
import { requestLanguage } from '../../../utils/language';
import { parseRegistration, type RegistrationService } from '../services/registration';

const UID = 'api::registration.registration';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  const registrations = () => strapi.service(UID) as unknown as RegistrationService;
  const languageOf = (ctx: Context) => requestLanguage(ctx.query.locale, ctx.get('accept-language'));

  return {
    /** POST /api/sessions/:documentId/registrations */
    async register(ctx: Context) {
      const language = languageOf(ctx);
      const input = parseRegistration(ctx.request.body, language, strapi.config.get('registrations.privacyVersion'));
      return answerConflict(ctx, async () => {
        const result = await registrations().register(String(ctx.params.documentId), input);
        // The same answer whether or not the address was already registered (that person is emailed).
        ctx.status = 201;
        return { data: { status: result.status } };
      });
    },

    /** POST /api/registrations/cancel { "token": "…" } */
    async cancel(ctx: Context) {
      const language = languageOf(ctx);
      const body = bodyObject(ctx.request.body, language);
      const extra = Object.keys(body).find((key) => key !== 'token');
      if (typeof body.token !== 'string' || extra !== undefined) {
        throw new errors.ValidationError(
          language === 'es' ? 'Se espera { "token": "…" } y nada más.' : 'S\'espera { "token": "…" } i res més.',
          { errors: [{ path: [extra ?? 'token'], message: 'token', name: 'ValidationError' }] }
        );
      }
      return { data: await registrations().cancel(body.token, language) };
    },
  };
});

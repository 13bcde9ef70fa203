/** The public registration routes: POST a registration, POST a cancellation (thin: parse, call the service, answer). */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../../messages';
import { bodyObject } from '../../../utils/form';
import { answerConflict } from '../../../utils/http-errors';
import { languageOf } from '../../../utils/language';
import { service } from '../../../utils/services';
import { parseRegistration } from './validation/registration';

const UID = 'api::registration.registration';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  const registrations = () => service(strapi, UID);

  return {
    /** POST /api/sessions/:documentId/registrations */
    async register(ctx: Context) {
      const input = parseRegistration(ctx.request.body, languageOf(ctx), strapi.config.get('privacy.version'));
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
        throw new errors.ValidationError(t(language, 'registration.cancelBody'), {
          errors: [{ path: [extra ?? 'token'], message: 'token', name: 'ValidationError' }],
        });
      }
      return { data: await registrations().cancel(body.token, language) };
    },
  };
});

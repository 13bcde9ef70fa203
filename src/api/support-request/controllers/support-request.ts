import { factories, type Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { requestLanguage } from '../../../utils/language';
import { parseSupportRequest, type SupportRequestService } from '../services/support-request';

const UID = 'api::support-request.support-request';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/support-requests */
  async submit(ctx: Context) {
    const input = parseSupportRequest(ctx.request.body, requestLanguage(ctx.query.locale, ctx.get('accept-language')));
    const result = await (strapi.service(UID) as unknown as SupportRequestService).submit(input);
    ctx.status = 201;
    return { data: result };
  },
}));

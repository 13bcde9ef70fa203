/** The public support-request route: parse the form, call the service, answer 201. */
import { factories, type Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { languageOf } from '../../../utils/language';
import { service } from '../../../utils/services';
import { parseSupportRequest } from './validation/support-request';

const UID = 'api::support-request.support-request';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/support-requests */
  async submit(ctx: Context) {
    const input = parseSupportRequest(ctx.request.body, languageOf(ctx));
    const result = await service(strapi, UID).submit(input);
    ctx.status = 201;
    return { data: result };
  },
}));

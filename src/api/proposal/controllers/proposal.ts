/** The public proposal routes: submit, similar topics as you type, the proposer's status, the topics coming up. */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../../messages';
import { languageOf } from '../../../utils/language';
import { service } from '../../../utils/services';
import { parseProposal } from './validation/proposal';

const UID = 'api::proposal.proposal';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  const proposals = () => service(strapi, UID);

  return {
    /** POST /api/proposals */
    async submit(ctx: Context) {
      const language = languageOf(ctx);
      const input = parseProposal(ctx.request.body, language, strapi.config.get('privacy.version'));
      ctx.status = 201;
      return { data: await proposals().submit(input) };
    },

    /** GET /api/proposals/similar?title=… : what may already cover a topic, as you type it. */
    async similar(ctx: Context) {
      const language = languageOf(ctx);
      const title = typeof ctx.query.title === 'string' ? ctx.query.title.trim() : '';
      if (title.length < 3 || title.length > 150) {
        throw new errors.ValidationError(t(language, 'proposal.similarTitle'), { param: 'title' });
      }
      return { data: await proposals().similar(title, language) };
    },

    /** GET /api/proposals/status?token=… : the proposer's private view. */
    async status(ctx: Context) {
      return { data: await proposals().statusByToken(String(ctx.query.token ?? ''), languageOf(ctx)) };
    },

    /** GET /api/proposed-topics?status=accepted&status=scheduled&limit=20 */
    async topics(ctx: Context) {
      const raw = ctx.query.status;
      const statuses = raw === undefined ? ['accepted', 'scheduled'] : Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      const limit = ctx.query.limit === undefined ? 20 : Number(ctx.query.limit);
      return { data: await proposals().publicTopics(statuses, limit, languageOf(ctx)) };
    },
  };
});


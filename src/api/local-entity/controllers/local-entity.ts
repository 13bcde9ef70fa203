/** The public local-entity routes: the search that forms use, and an entity's eligibility for on-demand support. */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { t } from '../../../messages';
import { languageOf } from '../../../utils/language';
import { service } from '../../../utils/services';

const UID = 'api::local-entity.local-entity';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/local-entities?search=sant&limit=10: name, INE code, kind and comarca, for forms. */
  async search(ctx: Context) {
    const unknown = Object.keys(ctx.query).find((key) => !['search', 'limit', 'locale'].includes(key));
    const search = typeof ctx.query.search === 'string' ? ctx.query.search.trim() : '';
    const limit = ctx.query.limit === undefined ? 10 : Number(ctx.query.limit);
    if (unknown !== undefined || search.length < 2 || search.length > 100 || !Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw new errors.ValidationError(t(languageOf(ctx), 'localEntity.searchParams'), {
        param: unknown ?? (search.length < 2 || search.length > 100 ? 'search' : 'limit'),
      });
    }
    return { data: await service(strapi, UID).search(search, limit) };
  },

  /** GET /api/local-entities/:ineCode/eligibility */
  async eligibility(ctx: Context) {
    return { data: await service(strapi, 'api::local-entity.eligibility').answer(String(ctx.params.ineCode), languageOf(ctx)) };
  },
}));

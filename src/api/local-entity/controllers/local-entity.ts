import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { requestLanguage } from '../../../utils/language';
import type { EligibilityService } from '../services/eligibility';
import type { LocalEntityService } from '../services/local-entity';

const UID = 'api::local-entity.local-entity';

export default factories.createCoreController(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/local-entities?search=sant&limit=10: name, INE code, kind and comarca, for forms. */
  async search(ctx: Context) {
    const language = requestLanguage(ctx.query.locale, ctx.get('accept-language'));
    const unknown = Object.keys(ctx.query).find((key) => !['search', 'limit', 'locale'].includes(key));
    const search = typeof ctx.query.search === 'string' ? ctx.query.search.trim() : '';
    const limit = ctx.query.limit === undefined ? 10 : Number(ctx.query.limit);
    if (unknown !== undefined || search.length < 2 || search.length > 100 || !Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw new errors.ValidationError(
        language === 'es'
          ? 'Use ?search= con entre 2 y 100 caracteres (nombre o código INE) y, si quiere, limit entre 1 y 50.'
          : 'Feu servir ?search= amb entre 2 i 100 caràcters (nom o codi INE) i, si voleu, limit entre 1 i 50.',
        { param: unknown ?? (search.length < 2 || search.length > 100 ? 'search' : 'limit') }
      );
    }
    const service = strapi.service(UID) as unknown as LocalEntityService;
    return { data: await service.search(search, limit) };
  },

  /** GET /api/local-entities/:ineCode/eligibility */
  async eligibility(ctx: Context) {
    const language = requestLanguage(ctx.query.locale, ctx.get('accept-language'));
    const eligibility = strapi.service('api::local-entity.eligibility') as unknown as EligibilityService;
    return { data: await eligibility.answer(String(ctx.params.ineCode), language) };
  },
}));

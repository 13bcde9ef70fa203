/**
 * The public filter bound (src/utils/filter-bounds.ts) on every REST query string, before the
 * router, authentication or any database work: a filter tree too large, too deep, with a list too
 * long or through a refused relation (`localizations`) is a 400 naming the bound, in the request's
 * language. GraphQL requests are bounded by graphql-http, with the same rule.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { queryFilterProblem, type FilterBounds } from '../utils/filter-bounds';
import { requestLanguage } from '../utils/language';

const queryBounds: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  if (!ctx.path.startsWith('/api/') || ctx.querystring === '') return next();
  const query = ctx.query as Record<string, unknown>;
  const problem = queryFilterProblem(query, strapi.config.get('portal.filters') as FilterBounds);
  if (problem !== undefined) {
    const language = requestLanguage(query.locale, ctx.get('accept-language'));
    throw new errors.ValidationError(problem.message[language], { param: problem.param, code: problem.code });
  }
  await next();
};

export default queryBounds;

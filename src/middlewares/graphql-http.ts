import type { Core } from '@strapi/strapi';
import { applyPublicCache } from '../utils/http-cache';

/**
 * Around the GraphQL endpoint, for portals:
 * - a plain `GET /graphql?query=...` (what `fetch(url)` or an HTTP cache sends) is accepted. Apollo's
 *   CSRF prevention would refuse it for lack of a preflight header; a GET cannot mutate (Apollo
 *   refuses mutations over GET) and the Public role only reads published content, so there is
 *   nothing to forge;
 * - anonymous GET answers without errors are cacheable (Cache-Control, ETag, 304); everything else,
 *   POSTs, mutations and authenticated requests, is `no-store`.
 */
const graphqlHttp: Core.MiddlewareFactory = (_config, { strapi }) => {
  const endpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql');
  return async (ctx, next) => {
    if (ctx.path !== endpoint) return next();
    const isQueryByGet = (ctx.method === 'GET' || ctx.method === 'HEAD') && typeof ctx.query.query === 'string';
    if (isQueryByGet) ctx.request.headers['apollo-require-preflight'] = 'true';
    await next();
    if (!isQueryByGet || (typeof ctx.body === 'string' && ctx.body.includes('"errors":'))) {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    applyPublicCache(ctx, strapi.config.get('portal.cacheMaxAge', 60));
  };
};

export default graphqlHttp;

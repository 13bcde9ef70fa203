/**
 * Global middleware: anonymous portal reads answered from the server-side cache (src/cache/)
 * before the router and the database.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { responseCacheLookups } from '../utils/metrics';
import { responseCache, type CachedResponse } from '../cache/store';
import { isCacheableGraphqlQuery } from '../cache/cacheable';
import { DOCUMENT_ID } from '../utils/document-id';
import { requestLanguage } from '../utils/language';

/** REST answers and site pages that may be served from the server-side cache (besides GraphQL GET queries). */
const ID = DOCUMENT_ID.source.slice(1, -1);
const REST_PATHS = [
  /^\/api\/sessions\/(upcoming|past)$/,
  /^\/api\/calendar\.ics$/,
  new RegExp(`^/api/sessions/${ID}/calendar\\.ics$`),
  // Published survey results (the privacy threshold applies inside; submissions change the rollups, which are watched).
  new RegExp(`^/api/sessions/${ID}/feedback-summary$`),
  /^\/api\/feedback-summary$/,
  // The public site (src/site/routes.ts): pages in /ca/ and /es/, its sitemap and feeds.
  /^\/(ca|es)\/(sessions\/[^/]{1,200}|results|feed\.xml)?$/,
  // Open data (src/site/opendata.ts): the catalogue and the datasets' files.
  /^\/(ca|es)\/opendata$/,
  /^\/opendata\/[a-z-]{1,40}\.(csv|json|ttl|jsonld)$/,
  /^\/sitemap\.xml$/,
  /^\/robots\.txt$/,
];

/** Response headers kept with an entry; CORS and security headers are set afresh by earlier middlewares. */
const KEPT_HEADERS = ['cache-control', 'content-disposition', 'vary'];

const toBuffer = (body: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null || body === undefined || typeof body !== 'object') return undefined;
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return undefined;
  return Buffer.from(JSON.stringify(body));
};

/**
 * An object body as JSON text, serialised once here: otherwise compression measures it (Koa's
 * `length` stringifies it) and Koa stringifies it again to send it; a cache fill would be a third.
 */
const serializeOnce = (ctx: Context) => {
  const { body } = ctx;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe === 'function') return;
  ctx.body = JSON.stringify(body);
};

const send = (ctx: Context, entry: CachedResponse, state: 'HIT' | 'MISS') => {
  for (const [name, value] of Object.entries(entry.headers)) ctx.set(name, value);
  ctx.set('X-Cache', state);
  ctx.set('Age', String(Math.floor((Date.now() - entry.storedAt) / 1000)));
  ctx.etag = entry.etag;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.type = entry.type;
  ctx.body = entry.body;
};

/**
 * Global middleware, placed right after CORS: anonymous GET reads of the portal API (the REST lists
 * and calendars, GraphQL queries of public content by GET) are answered from memory before Strapi's
 * router, authentication and database. What is stored is only what the inner layers already marked
 * `Cache-Control: public` (an anonymous, error-free 200), and only for the paths and GraphQL
 * queries listed here; requests with an `Authorization` header neither read nor fill the cache.
 * Entries live for the portal cache max-age and die at once when content changes
 * (src/cache/invalidation.ts).
 */
const responseCacheMiddleware: Core.MiddlewareFactory = (_config, { strapi }) => {
  const graphqlEndpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql') as string;
  const cacheable = (ctx: Context): 'rest' | 'graphql' | undefined => {
    if (ctx.method !== 'GET') return undefined;
    if (ctx.path === graphqlEndpoint) return typeof ctx.query.query === 'string' ? 'graphql' : undefined;
    return REST_PATHS.some((pattern) => pattern.test(ctx.path)) ? 'rest' : undefined;
  };

  return async (ctx, next) => {
    const cache = responseCache(strapi);
    const kind = cache.enabled ? cacheable(ctx) : undefined;
    if (kind === undefined || ctx.get('authorization') !== '') {
      await next();
      serializeOnce(ctx);
      // A write's answer leaves once the other processes know of its change (invalidateAfterCommit
      // starts telling them at the commit, without waiting).
      if (cache.enabled && ctx.method !== 'GET' && ctx.method !== 'HEAD') await cache.told();
      return;
    }

    // Read before the answer is computed: a change committed meanwhile makes this entry unreachable.
    const generation = await cache.generation();
    if (generation === undefined) return next();
    const language = requestLanguage(undefined, ctx.get('accept-language'));
    const key = `${generation} ${language} ${ctx.path}?${ctx.querystring}`;

    const hit = cache.get(key);
    if (hit !== undefined) {
      responseCacheLookups.inc({ result: 'hit' });
      return send(ctx, hit, 'HIT');
    }
    responseCacheLookups.inc({ result: 'miss' });

    let computedHere = false;
    const outcome = await cache.once(key, async () => {
      computedHere = true;
      await next();
      serializeOnce(ctx);
      ctx.set('X-Cache', 'MISS');
      const isPublic = ctx.status === 200 && /^public\b/.test(ctx.response.get('Cache-Control'));
      if (!isPublic) return;
      if (kind === 'graphql' && !isCacheableGraphqlQuery(ctx.query.query, ctx.query.operationName)) return;
      const body = toBuffer(ctx.body);
      if (body === undefined) return;
      const now = Date.now();
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = ctx.response.get(name);
        if (value !== '') headers[name] = value;
      }
      cache.set(key, {
        body,
        type: ctx.response.get('Content-Type'),
        etag: ctx.response.get('ETag'),
        headers,
        storedAt: now,
        expiresAt: now + cache.ttlMs,
      });
    });
    if (outcome === 'computed' || computedHere) return;

    // Another request computed this key meanwhile: answer from what it stored, or compute.
    const shared = cache.get(key);
    if (shared !== undefined) return send(ctx, shared, 'HIT');
    await next();
  };
};

export default responseCacheMiddleware;

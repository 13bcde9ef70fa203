/**
 * Around the GraphQL endpoint: the request's cost bound before anything expensive, plain GET
 * queries for portals, and HTTP caching of anonymous answers.
 */
import type { Core } from '@strapi/strapi';
import coBody from 'co-body';
import type { Context } from 'koa';
import { documentVerdict, requestProblem, type DocumentVerdict, type OperationBounds } from '../extensions/graphql/operation-bounds';
import { applyPublicCache } from '../utils/http-cache';
import { requestLanguage } from '../utils/language';

/** Verdicts of recent query texts: portals send the same few queries again and again. */
const MEMO_ENTRIES = 500;
const MEMO_MAX_QUERY = 20_000;

type GraphqlRequest = { query?: unknown; variables?: unknown };

/** The JSON limit of the plugin's own body parser (koa-bodyparser's default), which then finds the body parsed. */
const JSON_LIMIT = '1mb';

/**
 * The operations of a request: a GET's query string, a POST's JSON body (an array when batched).
 * Strapi's body parser leaves the GraphQL endpoint to the plugin's, which runs after this
 * middleware, so a JSON body is parsed here (a body over the limit or not JSON is answered 413 or
 * 400 by http-faults) and the plugin's parser keeps what it finds.
 */
const requestsOf = async (ctx: Context): Promise<GraphqlRequest[]> => {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return [ctx.query as GraphqlRequest];
  const request = ctx.request as { body?: unknown };
  if (request.body === undefined && ctx.method === 'POST' && ctx.is('application/json') !== false) {
    request.body = await coBody.json(ctx, { limit: JSON_LIMIT, strict: true });
  }
  const body = request.body;
  if (Array.isArray(body)) return body.filter((item): item is GraphqlRequest => item !== null && typeof item === 'object');
  return body !== null && typeof body === 'object' ? [body as GraphqlRequest] : [];
};

/**
 * - Every operation is measured before Apollo parses, validates or runs it (src/extensions/graphql/
 *   operation-bounds.ts): a fragment bomb, a fragment cycle, a huge filter or document is a 400 whose
 *   `extensions.code` names the bound, in the request's language, and no resolver or SQL runs.
 * - A plain `GET /graphql?query=...` (what `fetch(url)` or an HTTP cache sends) is accepted. Apollo's
 *   CSRF prevention would refuse it for lack of a preflight header; a GET cannot mutate (Apollo
 *   refuses mutations over GET) and the Public role only reads published content, so there is
 *   nothing to forge.
 * - Anonymous GET answers without errors are cacheable (Cache-Control, ETag, 304); everything else,
 *   POSTs, mutations and authenticated requests, is `no-store`.
 */
const graphqlHttp: Core.MiddlewareFactory = (_config, { strapi }) => {
  const endpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql');
  const bounds = (): OperationBounds => ({
    ...(strapi.config.get('portal.graphql') as Omit<OperationBounds, 'maxDepth' | 'filters'>),
    maxDepth: Number(strapi.config.get('plugin::graphql.depthLimit', 7)),
    filters: strapi.config.get('portal.filters') as OperationBounds['filters'],
  });
  const memo = new Map<string, DocumentVerdict>();
  const verdictOf = (query: string): DocumentVerdict => {
    const known = memo.get(query);
    if (known !== undefined) return known;
    const verdict = documentVerdict(query, bounds());
    if (query.length <= MEMO_MAX_QUERY) {
      if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
      memo.set(query, verdict);
    }
    return verdict;
  };

  return async (ctx, next) => {
    if (ctx.path !== endpoint) return next();
    for (const request of await requestsOf(ctx)) {
      if (typeof request.query !== 'string') continue;
      const problem = requestProblem(verdictOf(request.query), request.variables, bounds());
      if (problem === undefined) continue;
      const language = requestLanguage(undefined, ctx.get('accept-language'));
      ctx.status = 400;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { errors: [{ message: problem.message[language], extensions: { code: problem.code } }], data: null };
      return;
    }
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

/**
 * One authorization decision per scope and request: Strapi's GraphQL plugin asks `strapi.auth.verify`
 * for every relation field it resolves (each session's materials, recordings…), with the same
 * request's auth and the same scope each time, and users-permissions' `verify` builds lodash/fp
 * pipelines for every call (3 % of an uncached portal list's CPU). Within one request the answer
 * cannot change: the auth object (the request's credentials and ability) is made per request by
 * `authenticate`. Decisions are kept on that object only (a WeakMap), so none outlives its request
 * or reaches another; a refusal is given again as the same rejection.
 */
import type { Core } from '@strapi/strapi';

type Verify = (auth: unknown, config?: unknown) => Promise<unknown>;
type AuthService = { verify: Verify };

/** The key of a verify config: its scopes, or none (a route without scope). */
const scopeKey = (config: unknown): string | undefined => {
  if (config === undefined || config === null) return '';
  if (typeof config !== 'object') return undefined;
  const { scope } = config as { scope?: unknown };
  if (scope === undefined) return Object.keys(config).length === 0 ? '' : undefined;
  const scopes = Array.isArray(scope) ? scope : [scope];
  return scopes.every((s) => typeof s === 'string') && Object.keys(config).length === 1 ? `scope:${scopes.join('\u0000')}` : undefined;
};

export const verifyOncePerRequest = (strapi: Core.Strapi) => {
  const auth = strapi.get('auth') as AuthService;
  const verify = auth.verify.bind(auth);
  const decisions = new WeakMap<object, Map<string, Promise<unknown>>>();
  auth.verify = (request, config) => {
    const key = scopeKey(config);
    // Anything but a plain scope list (`false`, other options, no auth) is Strapi's to decide each time.
    if (key === undefined || request === null || typeof request !== 'object') return verify(request, config);
    let byScope = decisions.get(request);
    if (byScope === undefined) decisions.set(request, (byScope = new Map()));
    let decision = byScope.get(key);
    if (decision === undefined) byScope.set(key, (decision = verify(request, config)));
    return decision;
  };
};

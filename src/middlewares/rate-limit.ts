/** Route middleware: the per-IP limit of a public write (config/rate-limits.ts). */
import type { Core } from '@strapi/strapi';
import { requestLanguage } from '../utils/language';
import { limitRequest, type RateLimit } from '../utils/per-ip-limit';

/**
 * Route middleware: `{ name: 'global::rate-limit', config: { bucket: 'registration' } }` limits a route
 * per IP with the limit of that name in config/rate-limits.ts; beyond it, 429 with Retry-After.
 */
const rateLimit: Core.MiddlewareFactory<{ bucket: string }> = (config, { strapi }) => async (ctx, next) => {
  const limit = strapi.config.get(`rate-limits.${config.bucket}`) as RateLimit;
  await limitRequest(ctx, config.bucket, limit, requestLanguage(undefined, ctx.get('accept-language')));
  await next();
};

export default rateLimit;

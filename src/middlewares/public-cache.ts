/**
 * Route middleware: anonymous GET answers of the portal API are cacheable (Cache-Control, ETag,
 * 304).
 */
import type { Core } from '@strapi/strapi';
import { applyPublicCache } from '../utils/http-cache';

/** Route middleware: anonymous GET answers of the portal API are cacheable (ETag, 304). */
const publicCache: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  await next();
  applyPublicCache(ctx, strapi.config.get('portal.cacheMaxAge', 60));
};

export default publicCache;

/**
 * The http log line of every request (in place of `strapi::logger`): method, path, time, status,
 * without the private link tokens that travel in paths (`/api/feedback/<token>`) and query strings
 * (`?token=…`), so that a log reader cannot use a registrant's or proposer's link.
 */
import type { Core } from '@strapi/strapi';
import { redactedUrl } from '../utils/tokens';

const requestLog: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  const start = Date.now();
  try {
    await next();
  } finally {
    // Winston builds and pipes an entry before it looks at the level: nothing to do when http lines are off.
    if (strapi.log.isLevelEnabled('http')) strapi.log.http(`${ctx.method} ${redactedUrl(ctx.path, ctx.querystring)} (${Math.ceil(Date.now() - start)} ms) ${ctx.status}`);
  }
};

export default requestLog;

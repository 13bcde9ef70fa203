/**
 * Global middleware, the outermost: counts requests in flight (shutdown waits for them), refuses
 * new ones with 503 while the process shuts down (the proxy retries them on another process), and
 * records each request in the metrics (count and latency by route family).
 */
import type { Core } from '@strapi/strapi';
import { answerFault, UNAVAILABLE_MESSAGE } from '../utils/faults';
import { requestLanguage } from '../utils/language';
import { isShuttingDown, requestFinished, requestStarted } from '../utils/lifecycle';
import { httpDuration, httpRequests, routeFamily } from '../utils/metrics';

/** Answered while shutting down too: probes and the scrape. */
const OPERATIONS_PATHS = new Set(['/_health', '/_ready', '/metrics']);

const lifecycle: Core.MiddlewareFactory = () => async (ctx, next) => {
  if (isShuttingDown() && !OPERATIONS_PATHS.has(ctx.path)) {
    // Nothing of this request has run: a proxy may send it to another process, even a POST.
    ctx.set('Connection', 'close');
    answerFault(ctx, 503, UNAVAILABLE_MESSAGE[requestLanguage(undefined, ctx.get('accept-language'))]);
    return;
  }
  requestStarted();
  const start = process.hrtime.bigint();
  try {
    await next();
  } finally {
    requestFinished();
    const route = routeFamily(ctx.path);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    httpRequests.inc({ route, method: ctx.method, status: `${Math.floor(ctx.status / 100)}xx` });
    httpDuration.observe({ route, method: ctx.method }, seconds);
  }
};

export default lifecycle;

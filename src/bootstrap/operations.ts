/**
 * What operating several processes needs from each: the readiness route, the Prometheus scrape
 * and the graceful shutdown (drain, requests in flight, the email being sent, then the rest).
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { t } from '../messages';
import { requestLanguage } from '../utils/language';
import { beginShutdown, isShuttingDown, requestsIdle, withinMs } from '../utils/lifecycle';
import { registry, watchApp } from '../utils/metrics';

type Operations = { metricsToken: string; shutdownGraceSeconds: number; shutdownDrainSeconds: number };

const settings = (strapi: Core.Strapi): Operations => strapi.config.get('operations') as Operations;

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
};

/** True when the database answers `select 1` within 2 s. */
const databaseAnswers = async (strapi: Core.Strapi): Promise<boolean> => {
  try {
    return (await withinMs(strapi.db.connection.raw('select 1').then(() => true), 2000)) === true;
  } catch {
    return false;
  }
};

/** GET /_ready (503 while shutting down or the database is out of reach) and GET /metrics. */
export const registerOperationsRoutes = (strapi: Core.Strapi): void => {
  watchApp(strapi);
  strapi.server.routes([
    {
      method: 'GET',
      path: '/_ready',
      handler: async (ctx: Context) => {
        ctx.set('Cache-Control', 'no-store');
        const reason = isShuttingDown() ? 'shutting-down' : (await databaseAnswers(strapi)) ? undefined : 'database-unreachable';
        ctx.status = reason === undefined ? 200 : 503;
        ctx.body = { status: reason ?? 'ready' };
      },
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (ctx: Context) => {
        ctx.set('Cache-Control', 'no-store');
        const token = settings(strapi).metricsToken;
        if (token === '') {
          ctx.status = 404;
          return;
        }
        if (!sameSecret(ctx.get('authorization'), `Bearer ${token}`)) {
          ctx.status = 401;
          ctx.set('WWW-Authenticate', 'Bearer');
          const message = t(requestLanguage(undefined, ctx.get('accept-language')), 'metrics.tokenRequired');
          ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message, details: {} } };
          return;
        }
        ctx.type = registry.contentType;
        ctx.body = await registry.metrics();
      },
      config: { auth: false },
    },
  ]);
};

/**
 * The first part of shutdown (before Strapi closes connections and the database): new requests
 * are answered 503 for the drain time, then the listener closes and the requests in flight finish;
 * `rest` (scheduled tasks, the outbox) gets what is left of the grace period.
 */
export const shutDownGracefully = async (strapi: Core.Strapi, rest: (remainingMs: number) => Promise<void>): Promise<void> => {
  const { shutdownGraceSeconds, shutdownDrainSeconds } = settings(strapi);
  const deadline = Date.now() + shutdownGraceSeconds * 1000;
  beginShutdown();
  const server = strapi.server.httpServer;
  if (server.listening && shutdownDrainSeconds > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(shutdownDrainSeconds * 1000, deadline - Date.now())));
  }
  if (server.listening) {
    server.close();
    server.closeIdleConnections();
  }
  if (!(await requestsIdle(deadline - Date.now()))) strapi.log.warn('Shutdown: the grace period ended with requests still in flight.');
  await rest(deadline - Date.now());
};

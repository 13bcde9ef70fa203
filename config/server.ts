import type { Core } from '@strapi/strapi';
import { cronTasks } from '../src/cron/tasks';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // Public base URL: links in emails, calendar feeds and the embed are built from it.
  url: env('PUBLIC_URL', 'http://localhost:1337'),
  // Behind a reverse proxy, the client's address (per-IP rate limits) is the one the nearest
  // TRUST_PROXY_HOPS proxies saw: X-Forwarded-For entries a client adds itself are not believed.
  // (Strapi 5 reads `proxy.koa`; a plain boolean here is ignored.)
  proxy: {
    koa: env.bool('TRUST_PROXY', false),
    maxIpsCount: env.int('TRUST_PROXY_HOPS', 1),
  },
  app: {
    keys: env.array('APP_KEYS', []),
  },
  // No update check: nothing may reach the network at start.
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
    tasks: cronTasks(
      { outboxSeconds: env.int('OUTBOX_INTERVAL_SECONDS', 5), sessionChangesSeconds: env.int('SESSION_CHANGES_INTERVAL_SECONDS', 15) },
      env.array('CRON_TASKS', [])
    ),
  },
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('LOG_STARTUP', true) },
    config: { level: env('LOG_LEVEL', 'http') },
  },
});

export default config;

import type { Core } from '@strapi/strapi';

/** The email outbox worker (read with `strapi.config.get('email-outbox')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // How often the worker looks for due messages: OUTBOX_INTERVAL_SECONDS (default 5), in config/server.ts.
  batchSize: env.int('OUTBOX_BATCH_SIZE', 20),
  // A message being sent is locked this long; a process that died mid-send releases it so.
  lockSeconds: env.int('OUTBOX_LOCK_SECONDS', 120),
  // Retry after base × 2^(attempt−1) seconds, at most max; after maxAttempts, failed.
  retryBaseSeconds: env.int('OUTBOX_RETRY_BASE_SECONDS', 30),
  retryMaxSeconds: env.int('OUTBOX_RETRY_MAX_SECONDS', 600),
  maxAttempts: env.int('OUTBOX_MAX_ATTEMPTS', 20),
});

export default config;

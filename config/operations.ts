import type { Core } from '@strapi/strapi';

/** Running several processes: metrics, readiness, shutdown (src/bootstrap/operations.ts, docs/deploy.md). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Bearer token of GET /metrics; unset: /metrics answers 404.
  metricsToken: env('METRICS_TOKEN', ''),
  // At most this long from SIGTERM to exit: drain, requests in flight, the email being sent.
  shutdownGraceSeconds: env.int('SHUTDOWN_GRACE_SECONDS', 20),
  // After SIGTERM, new requests are answered 503 this long (the proxy moves them) before the listener closes.
  shutdownDrainSeconds: env.float('SHUTDOWN_DRAIN_SECONDS', 2),
});

export default config;

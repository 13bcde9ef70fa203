/**
 * The app's Prometheus metrics (prom-client): one registry per process, the instruments the code
 * moves (requests, response cache, GraphQL executors, outbox, scheduled tasks) and the gauges read at scrape time
 * (outbox depth, database pool). Served at /metrics by src/bootstrap/operations.ts.
 */
import type { Core } from '@strapi/strapi';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'gomunicipal_' });

export const httpRequests = new Counter({
  name: 'gomunicipal_http_requests_total',
  help: 'HTTP requests answered, by route family, method and status class',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'gomunicipal_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route family',
  labelNames: ['route', 'method'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const responseCacheLookups = new Counter({
  name: 'gomunicipal_response_cache_total',
  help: 'Server-side response cache lookups of anonymous portal reads, by result (hit, miss)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const graphqlOperations = new Counter({
  name: 'gomunicipal_graphql_operations_total',
  help: 'GraphQL operations executed, by executor: compiled (graphql-jit) or graphql-js',
  labelNames: ['executor'] as const,
  registers: [registry],
});

export const outboxOutcomes = new Counter({
  name: 'gomunicipal_outbox_messages_total',
  help: 'Outbox delivery attempts by outcome: sent, retried (failed, will retry), failed (gave up)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const taskRuns = new Counter({
  name: 'gomunicipal_scheduled_task_runs_total',
  help: 'Runs of a scheduled task in this process, by task',
  labelNames: ['task'] as const,
  registers: [registry],
});

export const taskSkips = new Counter({
  name: 'gomunicipal_scheduled_task_skipped_total',
  help: 'Ticks of a scheduled task this process left to another (the cross-process lock was taken)',
  labelNames: ['task'] as const,
  registers: [registry],
});

export const taskDuration = new Histogram({
  name: 'gomunicipal_scheduled_task_duration_seconds',
  help: 'Duration of scheduled task runs',
  labelNames: ['task'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});

type Pool = { numUsed(): number; numFree(): number; numPendingAcquires(): number; max: number };

let current: Core.Strapi | undefined;

new Gauge({
  name: 'gomunicipal_outbox_queue_depth',
  help: 'Messages waiting in the outbox, by status (pending, sending)',
  labelNames: ['status'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (current === undefined) return;
    for (const status of ['pending', 'sending'] as const) {
      try {
        this.set({ status }, await current.db.query('api::outbox-message.outbox-message').count({ where: { deliveryStatus: status } }));
      } catch {
        // Database away: the gauge is absent from this scrape rather than wrong.
      }
    }
  },
});

new Gauge({
  name: 'gomunicipal_db_pool_connections',
  help: 'Database pool connections by state (used, free, pending acquires, max)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    const pool = (current?.db?.connection?.client as { pool?: Pool } | undefined)?.pool;
    if (pool === undefined) return;
    this.set({ state: 'used' }, pool.numUsed());
    this.set({ state: 'free' }, pool.numFree());
    this.set({ state: 'pending' }, pool.numPendingAcquires());
    this.set({ state: 'max' }, pool.max);
  },
});

/** The app whose database the scrape-time gauges read. */
export const watchApp = (strapi: Core.Strapi): void => {
  current = strapi;
};

/**
 * At the app's destroy: the gauges no longer read it, and the registry lets its metrics go.
 * prom-client's garbage-collection observer lives as long as the process and holds the registry;
 * where one process boots the app many times (the tests), each destroyed app stayed in memory
 * through it (about 30 MB a boot).
 */
export const unwatchApp = (strapi: Core.Strapi): void => {
  if (current === strapi) current = undefined;
  registry.clear();
};

/**
 * The route family of a request, for labels, from its path alone (a cache hit never reaches the
 * router): `/api/<collection>`, `/graphql`, `site` (the /ca and /es pages), `/admin`, `/uploads`,
 * `/embed`, `operations` (probes, the scrape) or `other`: few, whatever the paths.
 */
export const routeFamily = (path: string): string => {
  const api = /^\/api\/([a-z-]+)/.exec(path);
  if (api !== null) return `/api/${api[1]}`;
  if (path === '/graphql') return '/graphql';
  if (/^\/(ca|es)(\/|$)/.test(path) || path === '/' || path === '/sitemap.xml' || path === '/robots.txt') return 'site';
  const top = /^\/(admin|uploads|embed|upload|content-manager)(\/|$)/.exec(path);
  if (top !== null) return `/${top[1]}`;
  if (path === '/_health' || path === '/_ready' || path === '/metrics') return 'operations';
  return 'other';
};

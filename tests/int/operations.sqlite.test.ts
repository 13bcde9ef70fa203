import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { DAY, createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';
import { service } from '../../src/utils/services';

/**
 * Operating several processes (issue #19): /metrics in Prometheus' text format behind a bearer
 * token, its counters moving with the traffic; /_ready.
 */
const TOKEN = 'metrics-token-for-the-test-0123456789';
let app: TestApp;

beforeAll(async () => {
  // The scheduler off: the test runs the outbox task itself and counts exactly that run (a scheduled
  // tick between its two scrapes, on a slow machine, counted a second one).
  app = await startApp({ METRICS_TOKEN: TOKEN, CRON_ENABLED: 'false' });
});

afterAll(async () => {
  await app?.stop();
});

type Family = { name: string; type: string; metrics: { labels?: Record<string, string>; value?: string; count?: string }[] };

const scrape = async (): Promise<Family[] & { text: string }> => {
  const response = await app.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return Object.assign(parsePrometheusTextFormat(response.text) as Family[], { text: response.text });
};

const value = (families: Family[], name: string, labels: Record<string, string>): number => {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(metric?.value ?? metric?.count ?? 0);
};

it('answers 401 without the token or with another', async () => {
  const none = await app.http().get('/metrics');
  expect(none.status).toBe(401);
  expect(none.body.error.message).toContain('testimoni');
  expect(none.text).not.toContain('gomunicipal_http_requests_total');
  const wrong = await app.http().get('/metrics').set('Authorization', 'Bearer not-the-token').set('Accept-Language', 'es');
  expect(wrong.status).toBe(401);
  expect(wrong.body.error.message).toContain('token');
});

it('parses as Prometheus text and its counters move with the traffic', async () => {
  await createSession(app.strapi, { title: 'Sessió mesurada', startsAt: new Date(Date.now() + 10 * DAY), capacity: 10 });
  const before = await scrape();
  const route = '/api/sessions';
  for (let i = 0; i < 5; i += 1) expect((await app.http().get('/api/sessions/upcoming')).status).toBe(200);
  const outbox = service(app.strapi, 'api::outbox-message.outbox-message');
  await outbox.enqueue({ kind: 'test', recipient: 'mesura@exemple.cat', language: 'ca', subject: 'Prova', text: 'Hola' });
  const tasks = app.strapi.config.get('server.cron.tasks') as Record<string, { task: (args: { strapi: unknown }) => Promise<void> }>;
  await tasks.outbox.task({ strapi: app.strapi });
  const after = await scrape();

  const requests = (families: Family[]) => value(families, 'gomunicipal_http_requests_total', { route, method: 'GET', status: '2xx' });
  expect(requests(after) - requests(before)).toBe(5);
  // The parser folds a labelled histogram's series into one: its count is read from the text.
  expect(after.find((f) => f.name === 'gomunicipal_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
  const latency = (families: { text: string }) =>
    Number(/^gomunicipal_http_request_duration_seconds_count\{route="\/api\/sessions",method="GET"\} (\d+)$/m.exec(families.text)?.[1] ?? 0);
  expect(latency(after) - latency(before)).toBe(5);
  // First read computed, the next four from the response cache.
  const cache = (families: Family[], result: string) => value(families, 'gomunicipal_response_cache_total', { result });
  expect(cache(after, 'miss') - cache(before, 'miss')).toBe(1);
  expect(cache(after, 'hit') - cache(before, 'hit')).toBe(4);
  expect(value(after, 'gomunicipal_outbox_queue_depth', { status: 'pending' })).toBeGreaterThanOrEqual(1);
  const runs = (families: Family[]) => value(families, 'gomunicipal_scheduled_task_runs_total', { task: 'outbox' });
  expect(runs(after) - runs(before)).toBe(1);
  expect(value(after, 'gomunicipal_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
  expect(value(after, 'gomunicipal_process_resident_memory_bytes', {})).toBeGreaterThan(0);
});

it('is ready while the database answers (503 during shutdown and with the database away: tests/int/deploy-nginx.pg.test.ts)', async () => {
  const ready = await app.http().get('/_ready');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready' });
  expect(ready.headers['cache-control']).toBe('no-store');
});

import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from '../helpers/browser';
import { startChildApp, type ChildApp } from '../helpers/child';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { TestNginx, TestRedis } from '../helpers/nginx';
import { outboxSettled } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';
import { hashToken } from '../../src/utils/tokens';
import { service } from '../../src/utils/services';
import { phase, sleep } from '../helpers/load';

/**
 * The deployment of issue #19, on PostgreSQL: Debian's nginx with deploy/nginx/gomunicipal.conf in
 * front of two app processes sharing a Redis of the test's own. Per-IP limits counted once across
 * processes (and per process while Redis is away), a scheduled task fired in both processes at once
 * runs once, a rolling restart under load loses and duplicates nothing, and a SIGKILL under load
 * leaves reads answering and every confirmed registration stored once.
 */
const METRICS_TOKEN = 'deploy-test-metrics-token-0123456789';
const FEEDBACK_TOKENS = 120;
let app: TestApp;
let smtp: TestSmtp;
let redis: TestRedis;
let nginx: TestNginx;
const ports: number[] = [];
const processes: (ChildApp | undefined)[] = [];
let childEnv: Record<string, string>;
let session: string;
let heldSession: string;
const feedbackTokens: string[] = [];
let fireDir: string;


beforeAll(async () => {
  redis = new TestRedis(await freePort());
  await redis.start();
  smtp = new TestSmtp(await freePort());
  await smtp.start();
  // This process makes the fixtures and reads the database; the two children serve.
  app = await startApp({ CRON_TASKS: 'none' });
  session = await createSession(app.strapi, { title: 'Sessió desplegada', startsAt: new Date(Date.now() + 20 * DAY), capacity: 100000 });
  heldSession = await createSession(app.strapi, { title: 'Sessió feta', startsAt: new Date(Date.now() - 2 * DAY), eventStatus: 'held' });
  const registrations = service(app.strapi, 'api::registration.registration');
  for (let i = 0; i < FEEDBACK_TOKENS; i += 1) {
    const created = await createRegistration(app.strapi, heldSession, 'confirmed', `assistent${i}@feta.example`);
    const token = registrations.tokenFor(created.documentId, 'feedback');
    await app.strapi.db.query('api::registration.registration').update({ where: { id: created.id }, data: { feedbackTokenHash: hashToken(token) } });
    feedbackTokens.push(token);
  }
  fireDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-fire-'));
  childEnv = {
    ...app.env,
    REDIS_URL: redis.url,
    TRUST_PROXY: 'true',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    CRON_TASKS: 'outbox,retention',
    OUTBOX_INTERVAL_SECONDS: '1',
    METRICS_TOKEN,
    SHUTDOWN_DRAIN_SECONDS: '1',
    SHUTDOWN_GRACE_SECONDS: '15',
    RATE_LIMIT_REGISTRATION_POINTS: '1000000',
    RATE_LIMIT_FEEDBACK_POINTS: '1000000',
    RATE_LIMIT_PROPOSAL_POINTS: '5',
  };
  ports.push(await freePort(), await freePort());
  const firing = { CHILD_APP_SETUP: path.join(__dirname, '..', 'helpers', 'fire-task.js'), FIRE_TASK_FILE: path.join(fireDir, 'tick'), FIRE_TASK_NAME: 'retention' };
  processes.push(...(await Promise.all(ports.map((port) => startChildApp({ ...childEnv, ...firing }, port)))));
  nginx = new TestNginx(await freePort(), ports);
  await nginx.start();
}, 240000);

afterAll(async () => {
  await nginx?.stop();
  for (const child of processes) await child?.stop();
  await app?.stop();
  await smtp?.stop();
  await redis?.stop();
  if (fireDir !== undefined) fs.rmSync(fireDir, { recursive: true, force: true });
});

const metric = async (port: number, name: string, labels: string): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
};

const proposalStatuses = async (url: string, count: number, headers: Record<string, string> = {}): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await fetch(`${url}/api/proposals`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    statuses.push(res.status);
  }
  return statuses;
};

it('runs a scheduled task fired in both processes at once exactly once', async () => {
  const runs = () => Promise.all(ports.map((port) => metric(port, 'gomunicipal_scheduled_task_runs_total', 'task="retention"')));
  const skips = () => Promise.all(ports.map((port) => metric(port, 'gomunicipal_scheduled_task_skipped_total', 'task="retention"')));
  fs.writeFileSync(path.join(fireDir, 'tick'), String(Math.floor(Date.now() / 1000) * 1000));
  const deadline = Date.now() + 20000;
  while (processes.some((p) => !/fired retention/.test(p?.output() ?? '')) && Date.now() < deadline) await sleep(100);
  const [ran, skipped] = [await runs(), await skips()];
  expect(ran[0] + ran[1]).toBe(1);
  expect(skipped[0] + skipped[1]).toBe(1);
});

it('trips a per-IP limit at the same count on one process and across two through nginx; per process while Redis is away', async () => {
  // One process, straight (its proxy trust reads the address from X-Forwarded-For).
  const direct = await proposalStatuses(`http://127.0.0.1:${ports[0]}`, 8, { 'x-forwarded-for': '203.0.113.10' });
  expect(direct.slice(0, 5)).not.toContain(429);
  expect(direct.slice(5)).toEqual([429, 429, 429]);
  // Through nginx, alternating between the two processes: the same count.
  const before = await Promise.all(ports.map((port) => metric(port, 'gomunicipal_http_requests_total', 'route="/api/proposals",method="POST",status="4xx"')));
  const balanced = await proposalStatuses(nginx.url, 8, { 'x-forwarded-for': '198.51.100.99' });
  expect(balanced.slice(0, 5)).not.toContain(429);
  expect(balanced.slice(5)).toEqual([429, 429, 429]);
  const after = await Promise.all(ports.map((port) => metric(port, 'gomunicipal_http_requests_total', 'route="/api/proposals",method="POST",status="4xx"')));
  expect(after[0] - before[0]).toBeGreaterThanOrEqual(3);
  expect(after[1] - before[1]).toBeGreaterThanOrEqual(3);

  // Redis away: each process still limits (its own count), and says so in its log.
  await redis.stop();
  const alone = await proposalStatuses(`http://127.0.0.1:${ports[1]}`, 7, { 'x-forwarded-for': '203.0.113.20' });
  expect(alone.slice(0, 5)).not.toContain(429);
  expect(alone.slice(5)).toEqual([429, 429]);
  expect(processes[1]?.output()).toMatch(/Per-IP limits: Redis is unreachable/);
  // Back for the rest (the processes reconnect by themselves).
  await redis.start();
});

/** `sent`: when the request left; `at`: when its answer (or its failure) was read. */
type Outcome = { kind: 'read' | 'page' | 'register' | 'feedback'; sent: number; at: number; status: number; email?: string };

/** Steady mixed load through nginx: portal reads, site pages, registrations, feedback. */
const driveLoad = (outcomes: Outcome[], prefix: string) => {
  let running = true;
  let counter = 0;
  const one = async () => {
    counter += 1;
    const n = counter;
    const token = n % 4 === 3 ? feedbackTokens.shift() : undefined;
    const kind: Outcome['kind'] = n % 4 === 0 ? 'read' : n % 4 === 1 ? 'page' : n % 4 === 2 || token === undefined ? 'register' : 'feedback';
    const email = `${prefix}${n}@carrega.example`;
    const sent = Date.now();
    try {
      const res =
        kind === 'read'
          ? await fetch(`${nginx.url}/api/sessions/upcoming`)
          : kind === 'page'
            ? await fetch(`${nginx.url}/ca`)
            : kind === 'register'
              ? await fetch(`${nginx.url}/api/sessions/${session}/registrations`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ fullName: `Persona ${n}`, email, localEntity: '080193', consent: true }),
                })
              : await fetch(`${nginx.url}/api/feedback/${token}`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ answers: [{ question: 'content', value: 4 }, { question: 'duration', value: 'right' }, { question: 'understood', value: 5 }, { question: 'applicable', value: 4 }] }),
                });
      await res.arrayBuffer();
      outcomes.push({ kind, sent, at: Date.now(), status: res.status, email: kind === 'register' ? email : undefined });
    } catch {
      outcomes.push({ kind, sent, at: Date.now(), status: 0, email: kind === 'register' ? email : undefined });
    }
  };
  const workers = Array.from({ length: 4 }, async () => {
    while (running) {
      await one();
      await sleep(40);
    }
  });
  return async () => {
    running = false;
    await Promise.all(workers);
  };
};

const failed = (outcomes: Outcome[]) => outcomes.filter((o) => o.status < 200 || o.status >= 300);

const rowsByEmail = async (): Promise<Map<string, number>> => {
  const rows = (await app.strapi.db.query('api::registration.registration').findMany({ where: { session: { documentId: session } }, select: ['email'] })) as { email: string }[];
  const counts = new Map<string, number>();
  for (const { email } of rows) counts.set(email, (counts.get(email) ?? 0) + 1);
  return counts;
};

it('loses and duplicates nothing through a rolling restart under load (SIGTERM, restart, then the other)', async () => {
  const outcomes: Outcome[] = [];
  const stopLoad = driveLoad(outcomes, 'rolling');
  await sleep(1500);
  for (const index of [0, 1]) {
    const child = processes[index];
    const stopping = child?.kill('SIGTERM');
    // Draining: not ready, while nginx moves its traffic to the other process.
    await sleep(200);
    const ready = await fetch(`http://127.0.0.1:${ports[index]}/_ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'shutting-down' });
    await stopping;
    processes[index] = await startChildApp(childEnv, ports[index]);
    expect((await fetch(`http://127.0.0.1:${ports[index]}/_ready`)).status).toBe(200);
    // As an operator does: the next process restarts once nginx sends this one traffic again.
    const served = () => metric(ports[index], 'gomunicipal_http_requests_total', 'route="/api/sessions",method="GET",status="2xx"');
    const deadline = Date.now() + 15000;
    while ((await served()) === 0 && Date.now() < deadline) await sleep(100);
    expect(await served()).toBeGreaterThan(0);
  }
  await stopLoad();

  expect(failed(outcomes)).toEqual([]);
  for (const kind of ['read', 'page', 'register', 'feedback'] as const) expect(outcomes.filter((o) => o.kind === kind).length).toBeGreaterThan(10);
  const registered = outcomes.filter((o) => o.kind === 'register').map((o) => o.email ?? '');
  const counts = await rowsByEmail();
  expect(registered.filter((email) => counts.get(email) !== 1)).toEqual([]);
  expect([...counts.keys()].filter((email) => email.startsWith('rolling')).length).toBe(registered.length);
  const feedbackRows = await app.strapi.db.query('api::feedback-response.feedback-response').count({});
  expect(feedbackRows).toBe(outcomes.filter((o) => o.kind === 'feedback').length);

  // Every registration's email arrives once: none lost at a shutdown, none sent twice.
  const received = () => smtp.messages.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).filter((to) => to.startsWith('rolling'));
  await smtp.waitFor(() => new Set(received()).size >= registered.length, 60000);
  await outboxSettled(app.strapi);
  expect(received().sort()).toEqual([...registered].sort());
  console.log(`rolling restart: ${outcomes.length} requests through nginx, none failed; ${registered.length} registrations, each stored and emailed once`);
});

it('keeps reads answering through the other process after a SIGKILL, and stores every confirmed registration once', async () => {
  const outcomes: Outcome[] = [];
  const stopLoad = driveLoad(outcomes, 'killed');
  await sleep(1500);
  await processes[1]?.kill('SIGKILL');
  processes[1] = undefined;
  // Once the process is gone (kill resolves at its exit), every read goes to process 0: nginx moves
  // within fail_timeout. A read sent before could have had part of its answer from the killed
  // process, which no proxy can finish; the reads judged are those sent after.
  const killedAt = Date.now();
  const readsAfterKill = () => outcomes.filter((o) => (o.kind === 'read' || o.kind === 'page') && o.sent > killedAt);
  const confirmedSoFar = () => outcomes.filter((o) => o.kind === 'register' && o.status === 201);
  await phase(3000, () => readsAfterKill().length > 10 && confirmedSoFar().length > 5);
  await stopLoad();

  const reads = readsAfterKill();
  expect(reads.length).toBeGreaterThan(10);
  expect(failed(reads)).toEqual([]);
  const confirmed = confirmedSoFar().map((o) => o.email ?? '');
  expect(confirmed.length).toBeGreaterThan(5);
  const counts = await rowsByEmail();
  expect(confirmed.filter((email) => counts.get(email) !== 1)).toEqual([]);
  expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  console.log(`SIGKILL: ${outcomes.length} requests, ${failed(outcomes).length} failed (${failed(reads).length} reads); ${confirmed.length} confirmed registrations stored once`);
});

#!/usr/bin/env node
/**
 * `npm run soak [-- --duration 120 --rate 20 --warmup 20 --no-gc]`: the app in production mode on
 * PostgreSQL, in a process of its own, under a steady mixed load (portal reads by REST and GraphQL,
 * calendar feeds, registrations from many addresses) for `duration` seconds after a `warmup`.
 * Prints errors, latencies and the app's memory (RSS) in the first and last 30 s; exits 1 on any
 * error or on RSS growth over 10 %. Not part of `npm test`. Needs the compiled app (it compiles it).
 *
 * PostgreSQL: DATABASE_HOST/PORT/USERNAME/PASSWORD as usual, DATABASE_NAME (default `test`); the
 * soak works in a schema of its own, dropped at the end.
 */
/* global fetch, setInterval, clearInterval, setTimeout */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { appSecrets, CHILD_APP, freePort, startChild } = require('../tooling');
const os = require('os');

const APP_DIR = path.resolve(__dirname, '..');

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return value;
};
const DURATION = option('duration', 120);
const RATE = option('rate', 20);
const WARMUP = option('warmup', 20);
const WINDOW = Math.min(30, DURATION / 3);
const MAX_IN_FLIGHT = 200;
const MAX_GROWTH = 0.1;
// Without --no-gc, the app process runs a full collection every 5 s, so that RSS shows what is
// retained rather than how lazily V8 collects (see docs/reliability.md for both measurements).
const FORCE_GC = !process.argv.includes('--no-gc');

/**
 * The mix, by weight. `feedback` submits the survey of a session that has ended (POST
 * /api/feedback/:token), each time with another registrant's single-use link, which the app process
 * creates at start (enough for the whole run, written to a file).
 */
const MIX = { restRead: 35, graphqlRead: 25, calendar: 10, registration: 20, feedback: 10 };


const pgConnection = {
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
  database: process.env.DATABASE_NAME || 'test',
};
const pgRun = async (sql) => {
  const { Client } = require('pg');
  const client = new Client(pgConnection);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** The app process: tooling/child-app.js with the soak's setup (scripts/soak-setup.js); "ready <documentId>". */
const startApp = async (env) => {
  const app = await startChild(CHILD_APP, { ...env, CHILD_APP_SETUP: path.join(__dirname, 'soak-setup.js'), CHILD_APP_GC: String(FORCE_GC) }, { args: ['--expose-gc'], cwd: APP_DIR });
  return { child: app.child, session: app.detail, output: app.output };
};

const rssOf = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
};

const percentile = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const main = async () => {
  const { compileStrapi } = require('@strapi/strapi');
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  console.log('Compiling the app…');
  await compileStrapi({ appDir: APP_DIR });

  const schema = `soak_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  await pgRun(`CREATE SCHEMA "${schema}"`);
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    // Survey links: enough for every feedback submission of the run, with room to spare.
    SOAK_FEEDBACK_LINKS: String(Math.ceil((DURATION + WARMUP) * RATE * (MIX.feedback / Object.values(MIX).reduce((a, b) => a + b, 0)) * 1.5) + 20),
    SOAK_LINKS_FILE: path.join(os.tmpdir(), `soak-links-${process.pid}.txt`),
    PORT: String(port),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_STARTUP: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: pgConnection.host,
    DATABASE_PORT: String(pgConnection.port),
    DATABASE_USERNAME: pgConnection.user,
    DATABASE_PASSWORD: pgConnection.password,
    DATABASE_NAME: pgConnection.database,
    DATABASE_SCHEMA: schema,
    // Production secrets: random, long, never placeholders.
    ...appSecrets(),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Many clients behind one proxy: each request claims its address, rate limits as configured.
    TRUST_PROXY: 'true',
    // Emails wait in the outbox (no SMTP): nothing leaves the machine.
    SMTP_HOST: '',
  };
  let app;
  try {
    console.log(`Starting the app (production, PostgreSQL schema ${schema})…`);
    app = await startApp(env);
    const base = `http://127.0.0.1:${port}`;
    const session = app.session;
    const links = fs.readFileSync(env.SOAK_LINKS_FILE, 'utf8').split('\n').filter(Boolean);
    fs.rmSync(env.SOAK_LINKS_FILE, { force: true });
    const answers = (n) => ({
      answers: [
        { question: 'content', value: 1 + (n % 5) },
        { question: 'duration', value: ['too_short', 'right', 'too_long'][n % 3] },
        { question: 'understood', value: 1 + ((n * 3) % 5) },
        { question: 'applicable', value: 1 + ((n * 7) % 5) },
        ...(n % 4 === 0 ? [{ question: 'comment', value: 'Comentari de prova ' + n }] : []),
      ],
    });

    const weights = Object.entries(MIX).filter(([, weight]) => weight > 0);
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    const pick = () => {
      let r = Math.random() * total;
      for (const [kind, weight] of weights) {
        r -= weight;
        if (r < 0) return kind;
      }
      return weights[0][0];
    };
    let counter = 0;
    const requestOf = (kind) => {
      counter += 1;
      // 2,000 client addresses: at 25 % registrations and the default limit (10 per address per
      // 10 minutes), no address is ever limited at the default rate.
      const headers = { 'x-forwarded-for': `10.${(counter % 2000) >> 8}.${counter % 256}.${1 + (counter % 7)}` };
      switch (kind) {
        case 'restRead': {
          const paths = ['/api/sessions/upcoming', '/api/sessions/past?locale=es', '/api/sessions?sort=startsAt:desc&populate=materials', `/api/sessions/${session}`];
          return [base + paths[counter % paths.length], { headers }];
        }
        case 'graphqlRead':
          return [
            `${base}/graphql`,
            {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ upcomingSessions { title startsAt seatsLeft } pastSessions { title materials { title } } }' }),
            },
          ];
        case 'calendar':
          return [`${base}/api/calendar.ics`, { headers }];
        case 'registration':
          return [
            `${base}/api/sessions/${session}/registrations`,
            {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({ fullName: `Persona ${counter}`, email: `soak${counter}@example.org`, localEntity: '080193', consent: true }),
            },
          ];
        case 'feedback': {
          const link = links.pop();
          if (link === undefined) return undefined;
          return [
            `${base}/api/feedback/${link}`,
            { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(answers(counter)) },
          ];
        }
        default:
          return undefined;
      }
    };

    const results = []; // { at, kind, status, ms, error? }
    const rss = []; // { at, bytes }
    let inFlight = 0;
    let phaseStart = 0;
    const fire = () => {
      const kind = pick();
      const request = requestOf(kind);
      if (request === undefined) return;
      if (inFlight >= MAX_IN_FLIGHT) {
        results.push({ at: Date.now(), kind, status: 0, ms: 0, error: 'overloaded: too many requests in flight' });
        return;
      }
      inFlight += 1;
      const started = Date.now();
      fetch(...request)
        .then(async (res) => {
          const body = await res.text();
          const failed = res.status < 200 || res.status >= 400;
          results.push({ at: Date.now(), kind, status: res.status, ms: Date.now() - started, error: failed ? body.slice(0, 160) : undefined });
        })
        .catch((error) => results.push({ at: Date.now(), kind, status: 0, ms: Date.now() - started, error: String(error.cause ?? error) }))
        .finally(() => {
          inFlight -= 1;
        });
    };

    const run = (seconds) =>
      new Promise((resolve) => {
        const interval = 1000 / RATE;
        const start = Date.now();
        let sent = 0;
        // Steady: as many requests as the elapsed time calls for, checked every 5 ms.
        const timer = setInterval(() => {
          const due = Math.floor((Date.now() - start) / interval);
          while (sent < due) {
            fire();
            sent += 1;
          }
          if (Date.now() - start >= seconds * 1000) {
            clearInterval(timer);
            resolve();
          }
        }, 5);
      });

    console.log(`Warm-up: ${WARMUP} s at ${RATE} req/s…`);
    await run(WARMUP);
    results.length = 0;
    phaseStart = Date.now();
    const sampler = setInterval(() => rss.push({ at: Date.now(), bytes: rssOf(app.child.pid) }), 1000);
    console.log(`Soak: ${DURATION} s at ${RATE} req/s${FORCE_GC ? ' (full GC in the app every 5 s)' : ''}…`);
    await run(DURATION);
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(sampler);
    const end = phaseStart + DURATION * 1000;

    const errors = results.filter((r) => r.status < 200 || r.status >= 400);
    const first = rss.filter((s) => s.at - phaseStart <= WINDOW * 1000).map((s) => s.bytes);
    const last = rss.filter((s) => end - s.at <= WINDOW * 1000).map((s) => s.bytes);
    const growth = (mean(last) - mean(first)) / mean(first);
    const heap = [...app.output().matchAll(/^heap (\d+) (\d+)$/gm)].map((m) => ({ at: Number(m[1]), bytes: Number(m[2]) }));
    const heapFirst = heap.filter((h) => h.at >= phaseStart && h.at - phaseStart <= WINDOW * 1000).map((h) => h.bytes);
    const heapLast = heap.filter((h) => h.at <= end && end - h.at <= WINDOW * 1000).map((h) => h.bytes);

    console.log(`\nRequests: ${results.length} in ${DURATION} s (${(results.length / DURATION).toFixed(1)} req/s), errors: ${errors.length}`);
    for (const kind of Object.keys(MIX)) {
      const mine = results.filter((r) => r.kind === kind);
      if (mine.length === 0) continue;
      const ms = mine.map((r) => r.ms);
      console.log(`  ${kind.padEnd(13)} ${String(mine.length).padStart(6)}  p50 ${percentile(ms, 50)} ms  p95 ${percentile(ms, 95)} ms  p99 ${percentile(ms, 99)} ms  max ${Math.max(...ms)} ms`);
    }
    const byProblem = new Map();
    for (const e of errors) {
      const key = `${e.kind} ${e.status}${e.error ? ` ${e.error}` : ''}`;
      byProblem.set(key, (byProblem.get(key) ?? 0) + 1);
    }
    for (const [problem, count] of byProblem) console.log(`  error: ${problem} ×${count}`);
    console.log(
      `RSS: first ${WINDOW} s mean ${mb(mean(first))}, last ${WINDOW} s mean ${mb(mean(last))}, growth ${(growth * 100).toFixed(1)} % ` +
        `(min ${mb(Math.min(...rss.map((s) => s.bytes)))}, max ${mb(Math.max(...rss.map((s) => s.bytes)))})`
    );
    if (FORCE_GC) console.log(
      `Heap after GC: first ${WINDOW} s mean ${mb(mean(heapFirst))}, last ${WINDOW} s mean ${mb(mean(heapLast))}, ` +
        `growth ${(((mean(heapLast) - mean(heapFirst)) / mean(heapFirst)) * 100).toFixed(1)} %`
    );
    const ok = errors.length === 0 && growth <= MAX_GROWTH;
    console.log(ok ? 'Soak passed.' : `Soak FAILED: ${errors.length} errors, RSS growth ${(growth * 100).toFixed(1)} % (limit ${MAX_GROWTH * 100} %).`);
    return ok ? 0 : 1;
  } finally {
    if (app !== undefined) {
      await new Promise((resolve) => {
        app.child.once('exit', resolve);
        app.child.kill('SIGTERM');
      });
    }
    await pgRun(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);

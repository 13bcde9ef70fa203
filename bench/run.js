#!/usr/bin/env node
/**
 * `npm run bench [-- --db postgres|sqlite] [--smoke] [--scenario text] [--rounds n] [--duration s]
 *  [--connections n] [--heap MB] [--keep-db] [--out file]`
 *
 * 1. compiles the app (dist/), creates its own database (PostgreSQL `gomunicipal_bench`, or a
 *    temporary SQLite file) and generates the data set into it (bench/data.js);
 * 2. starts the app in production mode as a child process on a free port, and the bare Node
 *    baseline server as another;
 * 3. drives each scenario (bench/scenarios.js) with autocannon from a third process, round after
 *    round (scenarios interleaved, so that a neighbour's load hits them alike), sampling the app's
 *    RSS meanwhile;
 * 4. prints a Markdown table of the medians with each scenario's ratio to its baseline (the
 *    median of the rounds' ratios, `pairedRatio`) and the targets, writes
 *    bench/results/latest.json, and stops everything it started.
 */
'use strict';
const { fork } = require('child_process');
const { appSecrets, CHILD_APP, freePort, startChild } = require('../tooling');

/** The admin user the bench's "editor" logs in as (the stampede scenario saves a session through the admin). */
const BENCH_EDITOR = { email: 'bench-editor@gomunicipal.test', password: 'BenchEditora2026' };
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generate } = require('./data');
const { scenarios } = require('./scenarios');
const feedbackSummaries = require('./feedback-summaries');

const APP_DIR = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results', 'latest.json');
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
const PG_DATABASE = 'gomunicipal_bench';

const parseArgs = (argv) => {
  const options = { db: 'postgres', smoke: false, scenario: undefined, rounds: 3, duration: 6, connections: 10, keepDb: false, heapMb: 384, out: RESULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      i += 1;
      if (argv[i] === undefined) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    if (arg === '--db') options.db = value();
    else if (arg === '--smoke') options.smoke = true;
    else if (arg === '--scenario') options.scenario = value();
    else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--duration') options.duration = Number(value());
    else if (arg === '--connections') options.connections = Number(value());
    else if (arg === '--keep-db') options.keepDb = true;
    else if (arg === '--heap') options.heapMb = Number(value());
    else if (arg === '--out') options.out = path.resolve(value());
    else throw new Error(`unknown option ${arg}`);
  }
  if (!['postgres', 'sqlite'].includes(options.db)) throw new Error('--db must be postgres or sqlite');
  if (options.smoke) Object.assign(options, { rounds: 1, duration: 0.5, db: argv.includes('--db') ? options.db : 'sqlite' });
  return options;
};

const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The bench's own database: created empty, dropped at the end; a small query helper for checks. */
const createDatabase = async (client) => {
  if (client === 'sqlite') {
    const filename = path.join(os.tmpdir(), `gomunicipal-bench-${process.pid}.db`);
    const remove = () => ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(`${filename}${s}`, { force: true }));
    remove();
    let sqlite;
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      rows: async (sql, params = []) => {
        const Database = require('better-sqlite3');
        sqlite = sqlite ?? new Database(filename, { readonly: true });
        return sqlite.prepare(sql).all(...params);
      },
      drop: async () => {
        sqlite?.close();
        remove();
      },
    };
  }
  const { Client } = require('pg');
  const admin = async (sql) => {
    const pg = new Client({ ...PG, database: 'postgres' });
    await pg.connect();
    try {
      await pg.query(sql);
    } finally {
      await pg.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${PG_DATABASE}`);
  let pg;
  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: PG.host,
      DATABASE_PORT: String(PG.port),
      DATABASE_USERNAME: PG.user,
      DATABASE_PASSWORD: PG.password,
      DATABASE_NAME: PG_DATABASE,
      DATABASE_SCHEMA: 'public',
    },
    rows: async (sql, params = []) => {
      if (pg === undefined) {
        pg = new Client({ ...PG, database: PG_DATABASE });
        await pg.connect();
      }
      let n = 0;
      return (await pg.query(sql.replace(/\?/g, () => `$${(n += 1)}`), params)).rows;
    },
    drop: async (keep) => {
      await pg?.end();
      if (!keep) await admin(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
    },
  };
};

const stopChild = (child) => child?.stop() ?? Promise.resolve();

const rssMb = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return undefined;
  }
};

/** Load generators waiting for their next run: starting one costs about 0.3 s of CPU, 20 to 60 times a run. */
const idleWorkers = [];
/** A waiting load generator that is still there, if any. */
const idleWorker = () => {
  for (let worker = idleWorkers.pop(); worker !== undefined; worker = idleWorkers.pop()) if (worker.connected) return worker;
  return undefined;
};

/** One autocannon run in a process of its own (a waiting one, else a new one); RSS of `pid` sampled meanwhile. */
const runLoad = (options, pid) =>
  new Promise((resolve, reject) => {
    const worker = idleWorker() ?? fork(path.join(__dirname, 'load.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let maxRss = 0;
    const sampler = setInterval(() => {
      const rss = pid === undefined ? undefined : rssMb(pid);
      if (rss !== undefined) maxRss = Math.max(maxRss, rss);
    }, 200);
    const exited = (code) => {
      clearInterval(sampler);
      reject(new Error(`load generator exited with ${code}`));
    };
    worker.once('exit', exited);
    worker.once('message', (result) => {
      clearInterval(sampler);
      worker.off('exit', exited);
      if (result.error) {
        reject(new Error(result.error));
        return;
      }
      idleWorkers.push(worker);
      resolve({ ...result, rss: pid === undefined ? undefined : Math.max(maxRss, rssMb(pid) ?? 0) });
    });
    worker.send(options);
  });

const fetchOnce = async (base, request) => {
  const res = await fetch(`${base}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? 'application/octet-stream', body };
};

const machine = () => ({
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
});

const fmt = (value, digits = 0) => (value === undefined || value === null || Number.isNaN(value) ? '–' : value.toFixed(digits));

/**
 * A scenario's throughput over its baseline's, paired by round: the median of each round's ratio
 * (the two measured minutes apart at most, in the same round), not the ratio of the two medians.
 * This machine's speed drifts between rounds (node-http fell from 13.6k to 8.4k req/s from one
 * round to the next in one run); a round's drift reaches both sides of its ratio alike.
 */
const pairedRatio = (figures, base) => {
  if (base === undefined || base.rounds.length !== figures.rounds.length || base.rounds.some((r) => r.rps === 0)) return undefined;
  return median(figures.rounds.map((r, i) => r.rps / base.rounds[i].rps));
};

const evaluate = (scenario, figures, byName, client) => {
  const targets = scenario.targets ?? {};
  const applies = targets.onlyOn === undefined || targets.onlyOn.includes(client);
  const ratio = pairedRatio(figures, scenario.baseline === undefined ? undefined : byName.get(scenario.baseline));
  const goals = [];
  const failures = [];
  if (applies && targets.ratio !== undefined) {
    goals.push(`≥ ${targets.ratio} × ${scenario.baseline}`);
    if (!(ratio >= targets.ratio)) failures.push('ratio');
  }
  // A second ratio, against another scenario of the same run (e.g. the hand-written SQL baseline).
  if (applies && targets.against !== undefined) {
    const second = pairedRatio(figures, byName.get(targets.against.name));
    goals.push(`≥ ${targets.against.ratio} × ${targets.against.name} (${fmt(second, 2)} ×)`);
    if (!(second >= targets.against.ratio)) failures.push(`ratio to ${targets.against.name}`);
  }
  // A ratio shown beside the target, not judged (e.g. the REST list against the portal query's baseline).
  if (targets.shown !== undefined) goals.push(`${fmt(pairedRatio(figures, byName.get(targets.shown)), 2)} × ${targets.shown}, shown`);
  if (applies && targets.p99Ms !== undefined) {
    goals.push(`p99 < ${targets.p99Ms} ms`);
    if (!(figures.p99 < targets.p99Ms)) failures.push('p99');
  }
  if (applies && targets.rps !== undefined) {
    goals.push(`≥ ${targets.rps} req/s`);
    if (!(figures.rps >= targets.rps)) failures.push('req/s');
  }
  if (figures.check !== undefined) {
    goals.push(figures.check.note);
    if (!figures.check.ok) failures.push('check');
  }
  if (figures.errors > 0) failures.push('errors');
  return { ratio, goal: goals.join('; '), pass: goals.length === 0 && failures.length === 0 ? undefined : failures.length === 0, failures };
};

const table = (rows, memory) => {
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | errors | app RSS MB | baseline | ratio | target | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |',
  ];
  for (const row of rows) {
    const result = row.pass === undefined ? (row.errors > 0 ? 'errors' : '') : row.pass ? 'pass' : `**FAIL** (${row.failures.join(', ')})`;
    lines.push(
      `| ${row.name} | ${fmt(row.rps)} | ${fmt(row.p50, 1)} | ${fmt(row.p99, 1)} | ${row.errors} | ${fmt(row.rss)} | ${row.baseline ?? ''} | ${
        row.ratio === undefined ? '' : `${row.ratio.toFixed(2)} ×`
      } | ${row.goal} | ${result} |`
    );
  }
  lines.push(`| app memory (max RSS under load) | | | | | ${fmt(memory.max)} | | | < ${memory.limit} MB | ${memory.pass ? 'pass' : '**FAIL**'} |`);
  return lines.join('\n');
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2));
  // `--scenario a,b`: the scenarios whose name contains any of the comma-separated texts.
  const filters = options.scenario === undefined ? undefined : options.scenario.split(',').filter((f) => f !== '');
  const chosen = scenarios.filter(
    (s) => filters === undefined || filters.some((f) => s.name.includes(f)) || s.baselineServer !== undefined || s.name === 'health'
  );
  // A scenario's baseline runs too, whatever the filter.
  for (const s of [...chosen]) {
    const base = scenarios.find((b) => b.name === s.baseline);
    if (base !== undefined && !chosen.includes(base)) chosen.splice(chosen.indexOf(s), 0, base);
  }
  const started = Date.now();
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length > 0) await cleanups.pop()().catch((error) => log(`cleanup: ${error.message}`));
  };
  process.once('SIGINT', () => cleanup().then(() => process.exit(130)));

  try {
    log(`GOmunicipal bench: ${options.db}${options.smoke ? ', smoke' : ''}, ${options.rounds} round(s) of ${options.duration} s, ${options.connections} connections`);
    log('compiling the app (dist/)…');
    const { compileStrapi, createStrapi } = require('@strapi/strapi');
    // The tests (which run the smoke) compile once per run and say so.
    if (process.env.GOMUNICIPAL_DIST_READY !== 'true') await compileStrapi({ appDir: APP_DIR });

    const database = await createDatabase(options.db);
    cleanups.push(() => database.drop(options.keepDb));
    const appEnv = {
      ...database.env,
      STRAPI_TELEMETRY_DISABLED: 'true',
      LOG_STARTUP: 'false',
      LOG_LEVEL: 'warn',
      SEED_ON_BOOTSTRAP: 'false',
      CRON_TASKS: 'outbox',
      ...appSecrets(),
      RATE_LIMIT_REGISTRATION_POINTS: '100000000',
      // The editor whose saves the stampede scenario makes (created at the app's first start).
      ADMIN_EMAIL: BENCH_EDITOR.email,
      ADMIN_PASSWORD: BENCH_EDITOR.password,
    };

    log('generating the data set…');
    const generationStarted = Date.now();
    Object.assign(process.env, appEnv, { CRON_ENABLED: 'false' });
    const generator = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false }).load();
    let dataSet;
    let feedback;
    try {
      dataSet = await generate(generator, { smoke: options.smoke, log });
      // The feedback rollups a live system keeps one submission at a time and the registration
      // counts it keeps per session, rebuilt from the raw rows and verified; then the summaries
      // timed in-process, next to a naive baseline.
      await feedbackSummaries.rebuildKeptCounts(generator, { past: dataSet.past, log });
      if (filters === undefined || filters.some((f) => 'feedback'.includes(f) || f.includes('feedback'))) {
        log('timing the feedback summaries…');
        feedback = await feedbackSummaries.measureSummaries(generator, { past: dataSet.past, samples: options.smoke ? 5 : 50, naiveSamples: options.smoke ? 1 : 3, log });
      }
    } finally {
      await generator.destroy();
    }
    const generationSeconds = (Date.now() - generationStarted) / 1000;

    log('starting the app (production mode)…');
    const startApp = async (extraEnv) => {
      const port = await freePort();
      const child = await startChild(
        CHILD_APP,
        {
          ...appEnv,
          NODE_ENV: 'production',
          PORT: String(port),
          // A heap limit, as a production deployment sets one: without it V8 sizes the heap to the
          // machine's memory and lets garbage pile up far beyond what the app needs.
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${options.heapMb}`.trim(),
          ...extraEnv,
        },
        { cwd: APP_DIR }
      );
      cleanups.push(() => stopChild(child));
      return { child, base: `http://127.0.0.1:${port}` };
    };
    const processStarted = Date.now();
    const { child: app, base } = await startApp({});
    const context = { ...dataSet, client: options.db, db: database, now: new Date().toISOString(), base };

    // The bare baseline sends the bytes of the first cached scenario's answer.
    const reference = scenarios.find((s) => s.name === 'graphql-get-cached').request(context);
    const answer = await fetchOnce(base, reference);
    if (answer.status !== 200) throw new Error(`the portal query answered ${answer.status}: ${answer.body.toString().slice(0, 500)}`);
    // Cold start: from spawning the process to the first answered portal list (nothing is warmed first).
    const coldStartMs = Date.now() - processStarted;
    log(`cold start: ${(coldStartMs / 1000).toFixed(2)} s from process start to the first answered portal list`);
    const login = await fetchOnce(base, { method: 'POST', path: '/admin/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_EDITOR) });
    if (login.status !== 200) throw new Error(`the bench editor could not log in (${login.status})`);
    context.adminToken = JSON.parse(login.body.toString()).data.token;
    // The uncached REST list (routes that refuse unknown parameters, where uniqueQuery cannot be
    // used) is measured on a second app on the same database, started without the response cache:
    // anonymous requests, as a portal's miss finds it. Started after the cold start was timed, idle
    // (no scheduled tasks) but for its own scenarios.
    const uncachedApp = chosen.some((s) => s.server === 'uncached') ? await startApp({ RESPONSE_CACHE: 'false', CRON_ENABLED: 'false' }) : undefined;
    const bare = await startChild(
      path.join(__dirname, 'baseline-server.js'),
      { BASELINE_BODY_BASE64: answer.body.toString('base64'), BASELINE_CONTENT_TYPE: answer.type },
      { cwd: APP_DIR }
    );
    cleanups.push(() => stopChild(bare));
    // The hand-written-SQL baselines answer the uncached portal query and the REST archive: their
    // bytes must be the app's.
    const sql = await startChild(path.join(__dirname, 'sql-baseline-server.js'), database.env, { cwd: APP_DIR });
    cleanups.push(() => stopChild(sql));
    const ports = { bare: bare.detail, sql: sql.detail };
    for (const baseline of scenarios.filter((s) => s.sameBytesAs !== undefined)) {
      const request = baseline.request(context);
      const [appAnswer, sqlAnswer] = [await fetchOnce(base, request), await fetchOnce(`http://127.0.0.1:${ports.sql}`, request)];
      if (!appAnswer.body.equals(sqlAnswer.body)) {
        const at = [...appAnswer.body, -1].findIndex((byte, i) => byte !== sqlAnswer.body[i]);
        for (const [name, answer] of [['app', appAnswer], ['sql', sqlAnswer]]) fs.writeFileSync(path.join(os.tmpdir(), `gomunicipal-bench-${name}.json`), answer.body);
        throw new Error(
          `${baseline.name}'s answer (${sqlAnswer.body.length} bytes) differs from the app's ${baseline.sameBytesAs} (${appAnswer.body.length}) at byte ${at} (both in ${os.tmpdir()}/gomunicipal-bench-{app,sql}.json):\n app: ${appAnswer.body.toString().slice(Math.max(0, at - 80), at + 80)}\n sql: ${sqlAnswer.body.toString().slice(Math.max(0, at - 80), at + 80)}`
        );
      }
      log(`${baseline.name} answers the app's ${appAnswer.body.length} bytes of ${baseline.sameBytesAs}, byte for byte`);
    }

    // The app process a scenario is measured on.
    const serverOf = (scenario) => (scenario.server === 'uncached' ? uncachedApp : { child: app, base });
    // Every scenario must answer 2xx once before it is measured.
    for (const scenario of chosen) {
      if (scenario.baselineServer) continue;
      const request = scenario.request(context);
      const unique = (text) => text?.replace(/\[<id>\]/g, `probe${Date.now()}`);
      const probe = await fetchOnce(serverOf(scenario).base, { ...request, path: unique(request.path), body: unique(request.body) });
      if (probe.status >= 300) throw new Error(`${scenario.name} answered ${probe.status}: ${probe.body.toString().slice(0, 500)}`);
    }

    const samples = new Map(chosen.map((s) => [s.name, []]));
    for (let round = 1; round <= options.rounds; round += 1) {
      log(`round ${round}/${options.rounds}`);
      for (const scenario of chosen) {
        const request = scenario.request(context);
        const url = scenario.baselineServer ? `http://127.0.0.1:${ports[scenario.baselineServer]}${request.path}` : `${serverOf(scenario).base}${request.path}`;
        const load = { url, method: request.method, headers: request.headers, body: request.body, connections: options.connections, countHeader: scenario.countHeader, uniqueQuery: scenario.uniqueQuery };
        if (scenario.warm) await fetchOnce(serverOf(scenario).base, request);
        // A short warm-up (JIT, pools), not counted; none in a smoke run, whose figures are not judged.
        if (!options.smoke) await runLoad({ ...load, duration: 1 }, undefined);
        const hostile = scenario.background?.(context);
        const background =
          hostile === undefined
            ? undefined
            : runLoad({ url: base, requests: hostile.requests, overallRate: hostile.rate, connections: 2, duration: options.duration }, undefined);
        const result = await runLoad({ ...load, duration: options.duration }, scenario.baselineServer ? undefined : serverOf(scenario).child.pid);
        if (background !== undefined) result.background = await background;
        samples.get(scenario.name).push(result);
        log(`  ${scenario.name.padEnd(22)} ${fmt(result.rps).padStart(7)} req/s  p50 ${fmt(result.p50, 1)} ms  p99 ${fmt(result.p99, 1)} ms  errors ${result.errors}`);
      }
    }

    const byName = new Map();
    for (const scenario of chosen) {
      const runs = samples.get(scenario.name);
      const figures = {
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        errors: runs.reduce((sum, r) => sum + r.errors, 0),
        rss: runs.every((r) => r.rss === undefined) ? undefined : Math.max(...runs.map((r) => r.rss ?? 0)),
        rounds: runs,
      };
      if (scenario.check !== undefined) figures.check = await scenario.check(context, figures);
      byName.set(scenario.name, figures);
    }
    const rows = chosen.map((scenario) => {
      const figures = byName.get(scenario.name);
      return { name: scenario.name, about: scenario.about, baseline: scenario.baseline, ...figures, ...evaluate(scenario, figures, byName, options.db) };
    });
    const maxRss = Math.max(0, ...rows.map((r) => r.rss ?? 0));
    const memory = { max: maxRss, limit: 600, pass: maxRss < 600 };
    const markdown = [table(rows, memory), ...(feedback ? [feedbackSummaries.markdown(feedback)] : [])].join('\n\n');
    const passed = rows.every((r) => r.pass !== false) && memory.pass && (feedback === undefined || feedback.rows.every((r) => r.pass !== false));

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      options,
      dataSet: { ...dataSet.sizes, generationSeconds },
      coldStartMs,
      rows: rows.map(({ rounds, ...row }) => ({ ...row, rounds: rounds.map(({ statuses, ...r }) => ({ ...r, statuses })) })),
      memory,
      feedback,
      passed,
      markdown,
    };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);

    process.stdout.write(
      `\n### GOmunicipal bench, ${options.db}${options.smoke ? ' (smoke)' : ''}, ${report.date}\n\n` +
        `${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGb} GB, Node ${report.machine.node}; ` +
        `load average at the end ${report.machine.loadAverage.join(' ')}. Medians of ${options.rounds} round(s) of ${options.duration} s, ` +
        `${options.connections} connections; a ratio is the median of the rounds' ratios. Cold start ${(coldStartMs / 1000).toFixed(2)} s to the first answered portal list.\n\n${markdown}\n\n` +
        `${passed ? 'All targets met.' : 'Some targets were missed.'} Written to ${path.relative(APP_DIR, options.out)} ` +
        `(${((Date.now() - started) / 1000).toFixed(0)} s in all).\n`
    );
    return options.smoke ? 0 : passed ? 0 : 2;
  } finally {
    await cleanup();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    // Database errors carry their whole SQL: the first lines are enough.
    console.error(String(error?.stack ?? error).slice(0, 3000));
    process.exit(1);
  }
);

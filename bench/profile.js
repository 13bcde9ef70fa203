#!/usr/bin/env node
/**
 * `node bench/profile.js --scenario graphql-post [--db postgres|sqlite] [--sqlite-file f] [--duration s]
 *  [--connections n] [--out file.cpuprofile] [--top n] [--no-compile]`
 *
 * Where one scenario's time goes inside the app: runs the compiled app (production mode, as the
 * bench does) on the database a previous `npm run bench -- --keep-db` left (PostgreSQL
 * `gomunicipal_bench`; on SQLite, the file given), loads it with the scenario's request (1 s of
 * warm-up, then `--duration` seconds under V8's sampling profiler) and prints the functions with the
 * most self and inclusive time, and the time per layer (Koa and Strapi's middlewares, GraphQL,
 * the query engine, our code…). The raw profile is written to `--out` (open it in Chrome's DevTools);
 * do not commit it. Figures are shares of the profiled CPU time; the bench measures throughput.
 */
'use strict';
const { fork } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { appSecrets, CHILD_APP, freePort, startChild } = require('../tooling');
const { scenarios } = require('./scenarios');

const APP_DIR = path.resolve(__dirname, '..');
const BENCH_EDITOR = { email: 'bench-editor@gomunicipal.test', password: 'BenchEditora2026' };

const parseArgs = (argv) => {
  const options = { db: 'postgres', scenario: 'graphql-post', duration: 10, connections: 10, out: path.join(os.tmpdir(), 'gomunicipal.cpuprofile'), top: 25, compile: true };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      i += 1;
      if (argv[i] === undefined) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    if (arg === '--db') options.db = value();
    else if (arg === '--sqlite-file') options.sqliteFile = path.resolve(value());
    else if (arg === '--scenario') options.scenario = value();
    else if (arg === '--duration') options.duration = Number(value());
    else if (arg === '--connections') options.connections = Number(value());
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--top') options.top = Number(value());
    else if (arg === '--no-compile') options.compile = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (options.db === 'sqlite' && options.sqliteFile === undefined) throw new Error('--db sqlite needs --sqlite-file (a bench database kept with --keep-db)');
  return options;
};

const databaseEnv = (options) =>
  options.db === 'sqlite'
    ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: options.sqliteFile }
    : {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: '127.0.0.1',
        DATABASE_PORT: '5432',
        DATABASE_USERNAME: 'postgres',
        DATABASE_PASSWORD: '',
        DATABASE_NAME: 'gomunicipal_bench',
        DATABASE_SCHEMA: 'public',
      };

const runLoad = (options) =>
  new Promise((resolve, reject) => {
    const worker = fork(path.join(__dirname, 'load.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    worker.once('message', (result) => (result.error ? reject(new Error(result.error)) : resolve(result)));
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    worker.send(options);
  });

const call = async (base, { method = 'GET', path: url, headers, body }) => {
  const res = await fetch(`${base}${url}`, { method, headers, body });
  return { status: res.status, text: await res.text() };
};

// ---- analysis ----

/** The layer a function belongs to, from its script's path. */
const LAYERS = [
  ['garbage collection', (url, name) => name === '(garbage collector)'],
  ['idle / program', (url, name) => name === '(idle)' || name === '(program)' || name === '(root)'],
  ['our code (dist/src, dist/config)', (url) => /\/dist\/(src|config)\//.test(url)],
  ['Strapi GraphQL plugin (resolver wrappers, policies)', (url) => /@strapi\/plugin-graphql\//.test(url)],
  ['GraphQL-js / Apollo (parse, validate, execute, serialise)', (url) => /node_modules\/(graphql|@apollo|@graphql-tools|graphql-depth-limit|nexus)\//.test(url)],
  ['query engine (@strapi/database)', (url) => /@strapi\/database\//.test(url)],
  ['knex', (url) => /node_modules\/knex\//.test(url)],
  ['database driver (pg, better-sqlite3)', (url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+|better-sqlite3)\//.test(url)],
  ['sanitise / transform output (@strapi/utils, core-api)', (url) => /@strapi\/utils\/|@strapi\/core\/dist\/core-api\//.test(url)],
  ['users-permissions (auth, API tokens)', (url) => /@strapi\/plugin-users-permissions\/|@strapi\/core\/dist\/services\/(auth|content-api)|@strapi\/admin\/dist\/server/.test(url)],
  ['Koa and Strapi middlewares / router', (url) => /node_modules\/(koa|koa-[a-z-]+|@koa\/[a-z-]+|co-body|raw-body|koa-compose|koa-compress|koa-session|helmet|koa-helmet|koa-static|formidable)\/|@strapi\/core\/dist\/(middlewares|services\/server|server)/.test(url)],
  ['other Strapi core', (url) => /@strapi\//.test(url)],
  ['lodash / fp helpers', (url) => /node_modules\/lodash/.test(url)],
  ['Node.js internals (http, net, streams, zlib…)', (url) => url.startsWith('node:') || url === '' ],
  ['other node_modules', () => true],
];

/** Layers that run on behalf of others: their time is also shown charged to the caller's layer. */
const GENERIC = new Set(['Node.js internals (http, net, streams, zlib…)', 'idle / program', 'other node_modules', 'lodash / fp helpers']);

const layerOf = (frame) => LAYERS.find(([, test]) => test(frame.url, frame.functionName))[0];
const short = (frame) => {
  const url = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`;
};

const analyse = (profile) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const layers = new Map();
  const layersInclusive = new Map();
  const layersCharged = new Map();
  let total = 0;
  let busy = 0;
  const stackOf = (leaf) => {
    const stack = [];
    for (let n = leaf; n !== undefined; n = byId.get(parent.get(n.id))) stack.push(n);
    return stack;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id);
    const stack = stackOf(leaf);
    // The profiler's own work (writing the profile at the end) is not the app's.
    if (stack.some((n) => n.callFrame.url.endsWith('profile-setup.js'))) return;
    total += dt;
    if (leaf.callFrame.functionName === '(idle)') return;
    busy += dt;
    const key = short(leaf.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const layer = layerOf(leaf.callFrame);
    layers.set(layer, (layers.get(layer) ?? 0) + dt);
    // Node's internals (sockets, streams, timers, promise hooks) charged to the innermost caller of a known layer.
    const charged = stack.map((n) => layerOf(n.callFrame)).find((l) => !GENERIC.has(l)) ?? layer;
    layersCharged.set(charged, (layersCharged.get(charged) ?? 0) + dt);
    const seen = new Set();
    const seenLayers = new Set();
    for (const n of stack) {
      const k = short(n.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
      const l = layerOf(n.callFrame);
      if (!seenLayers.has(l)) {
        seenLayers.add(l);
        layersInclusive.set(l, (layersInclusive.get(l) ?? 0) + dt);
      }
    }
  });
  return { total, busy, self, inclusive, layers, layersInclusive, layersCharged };
};

const report = (result, top, requests) => {
  const pct = (ms) => `${((100 * ms) / result.busy).toFixed(1)} %`;
  const perRequest = (ms) => (requests > 0 ? `${(ms / requests).toFixed(2)} ms` : '–');
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  const lines = [
    `profiled ${(result.total / 1000).toFixed(1)} s, busy ${(result.busy / 1000).toFixed(1)} s (${((100 * result.busy) / result.total).toFixed(0)} %), ${requests} requests: ${perRequest(result.busy)} of CPU per request`,
    '',
    '| layer | self | self per request | self + Node internals and helpers it called | inclusive (on the stack) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...sorted(result.layers).map(
      ([layer, ms]) => `| ${layer} | ${pct(ms)} | ${perRequest(ms)} | ${GENERIC.has(layer) ? '' : pct(result.layersCharged.get(layer) ?? 0)} | ${pct(result.layersInclusive.get(layer) ?? 0)} |`
    ),
    '',
    '| top self time | self |',
    '| --- | ---: |',
    ...sorted(result.self).slice(0, top).map(([name, ms]) => `| \`${name}\` | ${pct(ms)} |`),
    '',
    '| top inclusive time | inclusive |',
    '| --- | ---: |',
    ...sorted(result.inclusive).slice(0, top * 2).map(([name, ms]) => `| \`${name}\` | ${pct(ms)} |`),
  ];
  return lines.join('\n');
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2));
  const scenario = scenarios.find((s) => s.name === options.scenario);
  if (scenario === undefined || scenario.baselineServer !== undefined) throw new Error(`no app scenario named ${options.scenario}`);
  if (options.compile) {
    process.stderr.write('compiling the app (dist/)…\n');
    await require('@strapi/strapi').compileStrapi({ appDir: APP_DIR });
  }
  const port = await freePort();
  const env = {
    ...databaseEnv(options),
    ...appSecrets(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_STARTUP: 'false',
    LOG_LEVEL: 'warn',
    SEED_ON_BOOTSTRAP: 'false',
    CRON_TASKS: 'outbox',
    RATE_LIMIT_REGISTRATION_POINTS: '100000000',
    ADMIN_EMAIL: BENCH_EDITOR.email,
    ADMIN_PASSWORD: BENCH_EDITOR.password,
    NODE_ENV: 'production',
    PORT: String(port),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=384`.trim(),
    CHILD_APP_SETUP: path.join(__dirname, 'profile-setup.js'),
    PROFILE_OUT: options.out,
    // As the bench measures it: on an app without the response cache (bench/scenarios.js, `server`).
    ...(scenario.server === 'uncached' ? { RESPONSE_CACHE: 'false', CRON_ENABLED: 'false' } : {}),
  };
  process.stderr.write('starting the app (production mode)…\n');
  const app = await startChild(CHILD_APP, env, { cwd: APP_DIR });
  try {
    const base = `http://127.0.0.1:${port}`;
    const login = await call(base, { method: 'POST', path: '/admin/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_EDITOR) });
    if (login.status !== 200) throw new Error(`the bench editor could not log in (${login.status}): is this a database kept by the bench?`);
    const adminToken = JSON.parse(login.text).data.token;
    const context = { client: options.db, now: new Date().toISOString(), base, adminToken };
    const request = scenario.request(context);
    const probe = await call(base, request);
    if (probe.status >= 300) throw new Error(`${scenario.name} answered ${probe.status}: ${probe.text.slice(0, 300)}`);
    const load = { url: `${base}${request.path}`, method: request.method, headers: request.headers, body: request.body, connections: options.connections, uniqueQuery: scenario.uniqueQuery };
    await runLoad({ ...load, duration: 2 });
    const profiled = new Promise((resolve) => {
      const listener = (chunk) => {
        if (!chunk.toString().includes('profiled')) return;
        app.child.stdout.off('data', listener);
        resolve(undefined);
      };
      app.child.stdout.on('data', listener);
    });
    app.child.kill('SIGUSR2');
    const result = await runLoad({ ...load, duration: options.duration });
    app.child.kill('SIGUSR2');
    await profiled;
    process.stderr.write(`${scenario.name}: ${result.rps.toFixed(0)} req/s under the profiler (p50 ${result.p50} ms), ${result.errors} errors\n`);
    const profile = JSON.parse(fs.readFileSync(options.out, 'utf8'));
    process.stdout.write(`### ${scenario.name} (${options.db})\n\n${report(analyse(profile), options.top, result.requests)}\n\nRaw profile: ${options.out}\n`);
  } finally {
    await app.stop();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(String(error?.stack ?? error).slice(0, 3000));
    process.exit(1);
  }
);

import path from 'path';
import type { Core } from '@strapi/strapi';
import supertest from 'supertest';
import { appSecrets } from '../../tooling';
import { createTestDatabase, type TestDatabase } from './database';
import { forgetNativeModules, nativeRequire } from './native';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

/*
 * Strapi is loaded by Node's own require (native.ts), not jest's per-file module registry:
 * node_modules are read and compiled once per jest process (a boot on a template copy takes about
 * 2 s instead of about 9). What must stay per app is forgotten before each boot: the app's own dist/ (its modules
 * keep state: caches, counters, the outbox worker) and the admin login limiter's in-memory store
 * (koa2-ratelimit keeps one store per loaded module; a shared one would throttle later files).
 * See docs/decisions.md, "One module cache per test process".
 */
const { createStrapi } = nativeRequire('@strapi/strapi') as typeof import('@strapi/strapi');
const PER_APP = [DIST_DIR + path.sep, path.join(APP_DIR, 'node_modules', 'koa2-ratelimit') + path.sep];

/** A module of the running app's dist/ (the instance the app loaded, with its state), e.g. appModule('src', 'cron', 'tasks'). */
export const appModule = <T>(...segments: string[]): T => nativeRequire(path.join(DIST_DIR, ...segments)) as T;

export const TEST_ADMIN = { email: 'editor@gomunicipal.test', password: 'Editora2026' };

export type TestApp = {
  strapi: Core.Strapi;
  http: () => ReturnType<typeof supertest>;
  /** The environment this app was started with (database, secrets): what a second process needs. */
  env: Record<string, string>;
  stop(): Promise<void>;
};


type Pool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/**
 * Resolves once no query is running or waiting for a connection (at most 30 s, for a loaded
 * machine): what Strapi starts on its own after loading (its own bootstrap jobs) must not be cut
 * off by an early destroy, which aborts them and crashes the process.
 */
const databaseIdle = async (strapi: Core.Strapi) => {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  const deadline = Date.now() + 30000;
  while (pool !== undefined && Date.now() < deadline && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Boots one real Strapi for a test file, on a fresh database of the DATABASE_CLIENT in use,
 * with the seed loaded by bootstrap as on a first start. Routes are mounted without listening;
 * a browser test listens on a port itself (`serveAdminPanel` serves the admin build).
 * `existing`: boot on that database instead (e.g. one a restore filled); it is dropped at stop
 * unless `keepDatabase`.
 */
export const startApp = async (
  extraEnv: Record<string, string> = {},
  { serveAdminPanel = false, existing, keepDatabase = false }: { serveAdminPanel?: boolean; existing?: TestDatabase; keepDatabase?: boolean } = {}
): Promise<TestApp> => {
  const database = existing ?? (await createTestDatabase());
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_STARTUP: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Tests run reminders, invitations and retention themselves; only the outbox worker is scheduled.
    CRON_TASKS: 'outbox',
    // In-process apps are not behind a proxy: no drain at stop.
    SHUTDOWN_DRAIN_SECONDS: '0',
    ...appSecrets(),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...database.env,
    ...extraEnv,
  };
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);

  let strapi: Core.Strapi | undefined;
  try {
    // Serving the admin panel needs its build (`npx strapi build`, in dist/build); the browser test of the admin asks for it.
    forgetNativeModules(PER_APP);
    strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel }).load();
    await strapi.server.mount();
  } catch (error) {
    await database.drop();
    throw error;
  }
  const app = strapi;
  // Strapi sets the global `strapi` in Node's realm, where it runs; the test file's realm gets it too, as before.
  (globalThis as { strapi?: Core.Strapi }).strapi = app;
  return {
    strapi: app,
    http: () => supertest(app.server.httpServer),
    env,
    stop: async () => {
      // No new ticks first: a scheduled task every second or two keeps the pool busy, so the wait
      // below could last its whole 30 s.
      app.cron.stop();
      await databaseIdle(app);
      await app.destroy();
      if (!keepDatabase) await database.drop();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
};

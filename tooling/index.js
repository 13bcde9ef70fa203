// @ts-check
/**
 * What the benchmark (bench/), the scripts (scripts/) and the tests' helpers (tests/helpers/)
 * share: a free loopback port, the app's secrets for a throw-away process, the SQL statement
 * counter, and a child process that says when it is ready. Plain CommonJS so that node runs it
 * directly; linted, and type-checked from its JSDoc (tsconfig.tooling.json).
 */
'use strict';
const crypto = require('crypto');
const net = require('net');
const { spawn } = require('child_process');

/** A TCP port that is free right now on the loopback interface. */
const freePort = () =>
  /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
      });
    })
  );

/** A random secret, long enough for a production start (src/bootstrap/secrets.ts). */
const randomSecret = () => crypto.randomBytes(24).toString('base64');

/** The variables of Strapi's secrets, each a fresh random value: for a process that lives as long as a test or a run. */
const appSecrets = () => ({
  APP_KEYS: [randomSecret(), randomSecret()].join(','),
  API_TOKEN_SALT: randomSecret(),
  ADMIN_JWT_SECRET: randomSecret(),
  TRANSFER_TOKEN_SALT: randomSecret(),
  JWT_SECRET: randomSecret(),
  ENCRYPTION_KEY: randomSecret(),
});

/**
 * Counts the SQL statements that `work` sends through an app's database connection.
 * @param {{ db: { connection: { client: { on(event: string, listener: () => void): unknown; removeListener(event: string, listener: () => void): unknown } } } }} strapi
 * @param {() => Promise<unknown>} work
 * @returns {Promise<number>}
 */
const countQueries = async (strapi, work) => {
  let count = 0;
  const listener = () => {
    count += 1;
  };
  strapi.db.connection.client.on('query', listener);
  try {
    await work();
  } finally {
    strapi.db.connection.client.removeListener('query', listener);
  }
  return count;
};

/**
 * @typedef {{
 *   pid: number;
 *   detail: string;
 *   child: import('child_process').ChildProcess;
 *   alive(): boolean;
 *   output(): string;
 *   kill(signal: NodeJS.Signals): Promise<void>;
 *   stop(): Promise<void>;
 * }} Child
 */

/**
 * Starts a Node script as a child process and resolves once it prints a line `ready [detail]`;
 * rejects if it exits first or takes longer than `timeoutMs`. What it prints is kept for diagnostics.
 * @param {string} script
 * @param {Record<string, string | undefined>} env
 * @param {{ args?: string[]; cwd?: string; timeoutMs?: number }} [options]
 * @returns {Promise<Child>}
 */
const startChild = (script, env, { args = [], cwd, timeoutMs = 120000 } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let exited = false;
    let ready = false;
    const exit = new Promise((done) => child.once('exit', () => done(undefined)));
    /** @param {NodeJS.Signals} signal */
    const kill = async (signal) => {
      if (!exited) child.kill(signal);
      await exit;
    };
    const keep = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      if (output.length > 200000) output = output.slice(-100000);
    };
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms: ${output.slice(-5000)}`)), timeoutMs);
    child.stdout?.on('data', (chunk) => {
      keep(chunk);
      const match = /^ready ?(.*)$/m.exec(output);
      if (match === null || ready) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid ?? 0,
        detail: match[1],
        child,
        alive: () => !exited,
        output: () => output,
        kill,
        stop: async () => {
          const force = setTimeout(() => child.kill('SIGKILL'), 15000);
          await kill('SIGTERM');
          clearTimeout(force);
        },
      });
    });
    child.stderr?.on('data', keep);
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${output.slice(-5000)}`));
    });
  });

/** The child app (tooling/child-app.js): the compiled app (dist/), listening on PORT. */
const CHILD_APP = require('path').join(__dirname, 'child-app.js');

module.exports = { freePort, randomSecret, appSecrets, countQueries, startChild, CHILD_APP };

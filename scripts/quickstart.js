#!/usr/bin/env node
/**
 * `npm run quickstart`: the first of the README's two commands. Installs the dependencies when
 * node_modules is missing or older than package-lock.json, and Debian's Chromium (for the browser
 * tests) when it is missing and apt-get can run, generates the secrets into .env,
 * builds the admin panel and starts GOmunicipal on http://localhost:1337 with the embedded
 * SQLite database; the seed loads on the first start. Plain Node: it runs before `npm ci`.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const root = path.resolve(__dirname, '..');
const run = (command, args) => {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// The browser tests of `npm test` drive Debian's Chromium; install it where this machine can.
if (!fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) {
  const canApt = process.getuid && process.getuid() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (canApt) {
    run('apt-get', ['update', '-qq']);
    run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium']);
  } else {
    console.warn('Chromium is not installed: `npm test` needs it for the browser tests (apt-get install chromium, or set CHROMIUM_PATH).');
  }
}

const generated = ensureEnv();
if (generated.length > 0) console.log(`Generated ${generated.join(', ')} into .env (git-ignored).`);

process.env.STRAPI_TELEMETRY_DISABLED = 'true';
run('npx', ['strapi', 'build']);
run('npx', ['strapi', 'start']);

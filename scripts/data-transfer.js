/**
 * What `npm run backup` and `npm run restore` share: Strapi's own data transfer (`strapi export` /
 * `strapi import`), run in this process with the encryption key from BACKUP_ENCRYPTION_KEY, so that
 * the key never appears on a command line (visible to every user of the machine in `ps`).
 */
'use strict';
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const APP_DIR = path.resolve(__dirname, '..');
const SUFFIX = /\.tar(\.gz)?(\.enc)?$/;

/** The key from the environment, or exit 2 with the reason: a backup is never written in clear. */
const backupKey = () => {
  const key = process.env.BACKUP_ENCRYPTION_KEY;
  if (key === undefined || key.trim() === '') {
    console.error('BACKUP_ENCRYPTION_KEY is not set: backups are always encrypted, with a key from the environment.');
    process.exit(2);
  }
  if (key.length < 16) {
    console.error('BACKUP_ENCRYPTION_KEY is too short: use at least 16 characters.');
    process.exit(2);
  }
  return key;
};

/** Runs the Strapi CLI with `args` against the configured database; the CLI exits the process. */
const runStrapiCli = async (args) => {
  process.chdir(APP_DIR);
  ensureEnv();
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_STARTUP: 'false',
    CRON_ENABLED: 'false',
    // A restore replaces everything: no need to seed the empty database first.
    SEED_ON_BOOTSTRAP: 'false',
  });
  // The CLI module of the pinned @strapi/strapi (what its `strapi` binary runs).
  const strapiDir = path.dirname(require.resolve('@strapi/strapi'));
  if (process.env.GOMUNICIPAL_DIST_READY === 'true') {
    // The tests and CI compile dist/ once and say so. Strapi's export and import compile the app
    // again first, rewriting dist/ while other test processes load it (a CI run saw their boots
    // fail on half-written modules), so they are given the compiled app instead, as
    // scripts/with-strapi.js does.
    const core = require(require.resolve('@strapi/core', { paths: [strapiDir] }));
    core.compileStrapi = async () => ({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') });
  }
  const { runCLI } = require(path.join(strapiDir, 'cli.js'));
  await runCLI(['node', 'strapi', ...args]);
};

module.exports = { APP_DIR, SUFFIX, backupKey, runStrapiCli };

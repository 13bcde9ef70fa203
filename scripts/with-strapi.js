/**
 * Runs `work(app)` against a loaded GOmunicipal (the configured database, no server, no cron),
 * then shuts it down; for command-line scripts. Returns `work`'s exit code.
 */
'use strict';
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const withStrapi = async (work, env = {}) => {
  ensureEnv();
  Object.assign(process.env, { STRAPI_TELEMETRY_DISABLED: 'true', LOG_STARTUP: 'false', LOG_LEVEL: 'warn', CRON_ENABLED: 'false', ...env });
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..');
  // The tests compile once per run and say so; anyone else gets a fresh compile.
  const context = process.env.GOMUNICIPAL_DIST_READY === 'true' ? { appDir, distDir: path.join(appDir, 'dist') } : await compileStrapi({ appDir });
  const app = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    return await work(app, context);
  } finally {
    await app.destroy();
  }
};

/** Exits with the code `main` resolves to, or 1 (and the error) if it throws. */
const run = (main) =>
  main().then(
    (code) => process.exit(code ?? 0),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );

module.exports = { withStrapi, run };

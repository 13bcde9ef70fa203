#!/usr/bin/env node
/**
 * `npm run seed`: loads the programme's real data into the configured database
 * (DATABASE_CLIENT and DATABASE_*). Idempotent: running it again changes nothing.
 */
'use strict';
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const main = async () => {
  ensureEnv();
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.LOG_STARTUP = 'false';
  // The script seeds itself, so that what it reports is what it created.
  process.env.SEED_ON_BOOTSTRAP = 'false';
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: path.resolve(__dirname, '..') });
  const app = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { seed } = require(path.join(context.distDir, 'src', 'seed'));
    const report = await seed(app);
    console.log(
      `Seed: created ${report.sessions} sessions, ${report.catalogResources} catalogue resources, ` +
        `${report.localEntities} local entities (existing records are left as they are).`
    );
  } finally {
    await app.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);

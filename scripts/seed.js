#!/usr/bin/env node
/**
 * `npm run seed`: loads the programme's real data into the configured database
 * (DATABASE_CLIENT and DATABASE_*). Idempotent: running it again changes nothing.
 */
'use strict';
const path = require('path');
const { run, withStrapi } = require('./with-strapi');

// The script seeds itself (not bootstrap), so that what it reports is what it created.
run(() =>
  withStrapi(
    async (app, context) => {
      const { seed } = require(path.join(context.distDir, 'src', 'seed'));
      const report = await seed(app);
      console.log(
        `Seed: created ${report.sessions} sessions, ${report.catalogResources} catalogue resources, ` +
          `${report.localEntities} local entities${report.programme ? ', the programme page texts' : ''} (existing records are left as they are).`
      );
      return 0;
    },
    { SEED_ON_BOOTSTRAP: 'false' }
  )
);

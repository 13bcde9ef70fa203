#!/usr/bin/env node
/**
 * `npm run import:catalog-requests -- file.csv`: imports catalogue requests into the configured
 * database, all or nothing (docs/catalog-requests.md). Exit code 1 and a report of every bad row
 * when the file is refused.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { run, withStrapi } = require('./with-strapi');

run(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run import:catalog-requests -- file.csv');
    return 2;
  }
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  return withStrapi(async (app) => {
    try {
      const report = await app.service('api::catalog-request.import').importCsv(text);
      console.log(`Imported ${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged.`);
      return 0;
    } catch (error) {
      console.error(error.message);
      for (const row of (error.details && error.details.rows) || []) console.error(`  line ${row.line}: ${row.errors.join('; ')}`);
      return 1;
    }
  });
});

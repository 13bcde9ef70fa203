#!/usr/bin/env node
/**
 * `npm run plan-season -- --from 2027-07 --to 2027-12 [--dry-run]`: prints the dates (ISO, one per
 * line) of the draft sessions the programme's rule gives for those months, against the configured
 * database; without --dry-run, creates them.
 */
'use strict';
const { run, withStrapi } = require('./with-strapi');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};

run(async () => {
  const from = option('--from');
  const to = option('--to') || from;
  const dryRun = args.includes('--dry-run');
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!from || !month.test(from) || !month.test(to)) {
    console.error('Usage: npm run plan-season -- --from YYYY-MM [--to YYYY-MM] [--dry-run]');
    return 2;
  }
  return withStrapi(async (app) => {
    try {
      const planner = app.service('api::session.planner');
      const plan = dryRun ? await planner.preview(from, to) : await planner.apply(from, to);
      for (const date of plan.create) console.log(date);
      for (const skipped of plan.skipped) console.error(`# ${skipped.month}: ${skipped.reason}${skipped.date ? ` (${skipped.date})` : ''}`);
      return 0;
    } catch (error) {
      console.error(error.message);
      return 1;
    }
  }, { LOG_LEVEL: 'error' });
});

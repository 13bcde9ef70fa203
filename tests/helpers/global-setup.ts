/**
 * Once per jest run: compile the app unless the caller already has (every test file then loads dist/), and make the pass's
 * template database, the app's first start (schema, seed, first admin), which each test file's
 * database is copied from (tests/helpers/database.ts). Scripts the tests run as child processes
 * are told that dist/ is current, so that they do not compile again.
 */
import { compileStrapi } from '@strapi/strapi';
import { createTestDatabase, describeTemplate, maintenanceDatabase, MAINTENANCE_VARIABLE, TEMPLATE_VARIABLE } from './database';
import { startApp } from './strapi';

export default async function globalSetup(): Promise<void> {
  // CI compiles once for its three concurrent passes (.ci/run) and says so; otherwise compile here.
  if (process.env.GOMUNICIPAL_DIST_READY !== 'true') await compileStrapi({ appDir: process.cwd() });
  process.env.GOMUNICIPAL_DIST_READY = 'true';
  process.env[MAINTENANCE_VARIABLE] ??= maintenanceDatabase();
  const template = await createTestDatabase({ empty: true, name: `tmpl_${process.pid}` });
  const app = await startApp({ CRON_ENABLED: 'false' }, { existing: template, keepDatabase: true });
  await app.stop();
  process.env[TEMPLATE_VARIABLE] = JSON.stringify(describeTemplate(template));
  (globalThis as { __templateDatabase?: typeof template }).__templateDatabase = template;
}

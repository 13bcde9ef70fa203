/**
 * Once per jest run: compile the app unless the caller already has (every test file then loads dist/), and make the pass's
 * template database, the app's first start (schema, seed, first admin), which each test file's
 * database is copied from (tests/helpers/database.ts). Scripts the tests run as child processes
 * are told that dist/ is current, so that they do not compile again.
 *
 * With GOMUNICIPAL_SHARED_TEMPLATES (a folder; `.ci/run` sets it), the shards of one CI run share one
 * template per database client: the first shard of a client makes it (it holds `<client>.lock`),
 * the others wait for `<client>.json`, and `.ci/run` drops the templates at its end. A first start
 * is most of a shard's own overhead (about 12 s alone, twice that beside another shard).
 */
import fs from 'fs';
import path from 'path';
import { compileStrapi } from '@strapi/strapi';
import { createTestDatabase, describeTemplate, maintenanceDatabase, MAINTENANCE_VARIABLE, TEMPLATE_VARIABLE, type TestDatabase } from './database';
import { sleep } from './load';
import { startApp } from './strapi';

const makeTemplate = async (name: string): Promise<TestDatabase> => {
  const template = await createTestDatabase({ empty: true, name });
  const app = await startApp({ CRON_ENABLED: 'false' }, { existing: template, keepDatabase: true });
  await app.stop();
  return template;
};

/** The template this CI run's shards share for the current client: made here by the first shard, else waited for. */
const sharedTemplate = async (folder: string): Promise<string> => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite').replace('mariadb', 'mysql');
  const [ready, failed] = [path.join(folder, `${client}.json`), path.join(folder, `${client}.failed`)];
  let mine = true;
  try {
    fs.mkdirSync(path.join(folder, `${client}.lock`), { recursive: false });
  } catch {
    mine = false;
  }
  if (mine) {
    try {
      const template = await makeTemplate(`tmpl_shared_${client}_${process.pid}`);
      fs.writeFileSync(`${ready}.part`, JSON.stringify(describeTemplate(template)));
      fs.renameSync(`${ready}.part`, ready);
    } catch (error) {
      fs.writeFileSync(failed, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + 10 * 60 * 1000;
  while (!fs.existsSync(ready) && !fs.existsSync(failed) && Date.now() < deadline) await sleep(200);
  if (!fs.existsSync(ready)) throw new Error(`The shared ${client} template of this CI run was not made (${fs.existsSync(failed) ? fs.readFileSync(failed, 'utf8') : 'still not ready after ten minutes'}).`);
  return fs.readFileSync(ready, 'utf8');
};

export default async function globalSetup(): Promise<void> {
  // CI compiles once for its three concurrent passes (.ci/run) and says so; otherwise compile here.
  if (process.env.GOMUNICIPAL_DIST_READY !== 'true') await compileStrapi({ appDir: process.cwd() });
  process.env.GOMUNICIPAL_DIST_READY = 'true';
  process.env[MAINTENANCE_VARIABLE] ??= maintenanceDatabase();
  const shared = process.env.GOMUNICIPAL_SHARED_TEMPLATES;
  if (shared !== undefined && shared !== '') {
    process.env[TEMPLATE_VARIABLE] = await sharedTemplate(shared);
    return;
  }
  const template = await makeTemplate(`tmpl_${process.pid}`);
  process.env[TEMPLATE_VARIABLE] = JSON.stringify(describeTemplate(template));
  // Dropped by global-teardown.ts.
  (globalThis as { __templateDatabase?: typeof template }).__templateDatabase = template;
}

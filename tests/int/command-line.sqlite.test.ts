import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { barcelonaMunicipalities } from '../../src/seed';
import { createSession } from '../helpers/fixtures';
import { APP_DIR, startApp, type TestApp } from '../helpers/strapi';
import { zonedWallTimeToUtc } from '../../src/utils/time';

/**
 * The command-line scripts as an operator runs them, each a child process that boots the app on
 * the same database (scripts/with-strapi.js): what they print, their exit codes, what they write.
 * They are thin wrappers of services that planner.test.ts and eligibility.test.ts check on every
 * database, and each call boots a second Strapi, so they run once, in the SQLite pass.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

const script = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', name), ...args], {
    cwd: APP_DIR,
    env: { ...process.env, ...app.env },
    encoding: 'utf8',
    timeout: 120000,
  });

describe('npm run plan-season', () => {
  it('prints the dates it would create with --dry-run, and creates drafts without it; a bad month exits 2', async () => {
    await createSession(app.strapi, { title: 'Ja programada', startsAt: zonedWallTimeToUtc('2027-10-28', '10:00') });
    const sessions = app.strapi.db.query('api::session.session');
    const before = await sessions.count();

    const dry = script('plan-season.js', '--from', '2027-07', '--to', '2027-12', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout.trim().split('\n')).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
    expect(dry.stderr).toContain('# 2027-08: august');
    expect(dry.stderr).toContain('# 2027-10: existing (2027-10-28)');
    expect(await sessions.count()).toBe(before);

    const created = script('plan-season.js', '--from', '2027-07', '--to', '2027-12');
    expect(created.status).toBe(0);
    expect(created.stdout.trim().split('\n')).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
    expect(await sessions.count()).toBe(before + 4);

    expect(script('plan-season.js', '--from', '2027-13', '--dry-run').status).toBe(2);
  });
});

describe('npm run import:catalog-requests', () => {
  it('imports a file, and exits 1 with the report for a bad one', () => {
    const ine = (i: number) => barcelonaMunicipalities()[i].ineCode;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-import-'));
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, `ine_code,resource_code,status,requested_at\n${ine(30)},gestio-transparencia-municipal,requested,2025-03-01\n`);
    fs.writeFileSync(bad, `ine_code,resource_code,status\n${ine(31)},gestio-transparencia-municipal,finished\n`);
    const ok = script('import-catalog-requests.js', good);
    expect({ status: ok.status, out: ok.stdout }).toEqual({ status: 0, out: expect.stringContaining('Imported 1 rows: 1 created') });
    const refused = script('import-catalog-requests.js', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 2: estat «finished» desconegut');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

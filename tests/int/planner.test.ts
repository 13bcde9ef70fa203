import { spawnSync } from 'child_process';
import path from 'path';
import type { PlannerService } from '../../src/api/session/services/planner';
import { createSession } from '../helpers/fixtures';
import { APP_DIR, startApp, type TestApp } from '../helpers/strapi';
import { zonedWallTimeToUtc } from '../../src/utils/time';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

const planSeason = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', 'plan-season.js'), ...args], {
    cwd: APP_DIR,
    env: { ...process.env, ...app.env },
    encoding: 'utf8',
    timeout: 120000,
  });

describe('the season planner', () => {
  it('prints the dates it would create with --dry-run, and creates drafts without it, never twice', async () => {
    // A session already on 28 October 2027.
    await createSession(app.strapi, { title: 'Ja programada', startsAt: zonedWallTimeToUtc('2027-10-28', '10:00') });

    const dry = planSeason('--from', '2027-07', '--to', '2027-12', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout.trim().split('\n')).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
    expect(dry.stderr).toContain('# 2027-08: august');
    expect(dry.stderr).toContain('# 2027-10: existing (2027-10-28)');
    const sessions = app.strapi.db.query('api::session.session');
    const before = await sessions.count();

    const created = planSeason('--from', '2027-07', '--to', '2027-12');
    expect(created.stdout.trim().split('\n')).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
    expect(await sessions.count()).toBe(before + 4);
    const drafts = await app.strapi.documents('api::session.session').findMany({
      locale: 'ca',
      status: 'draft',
      filters: { slug: { $endsWith: '-dijous-gomunicipal' } },
      sort: 'startsAt:asc',
    });
    expect(drafts.map((d) => [d.title, d.startsAt, d.publishedAt ?? null, d.eventStatus, d.durationMinutes])).toEqual([
      ['Dijous GOmunicipal de juliol del 2027', '2027-07-29T08:00:00.000Z', null, 'scheduled', 60],
      ['Dijous GOmunicipal de setembre del 2027', '2027-09-30T08:00:00.000Z', null, 'scheduled', 60],
      ['Dijous GOmunicipal de novembre del 2027', '2027-11-25T09:00:00.000Z', null, 'scheduled', 60],
      ['Dijous GOmunicipal de desembre del 2027', '2027-12-23T09:00:00.000Z', null, 'scheduled', 60],
    ]);

    const planner = app.strapi.service('api::session.planner') as unknown as PlannerService;
    expect((await planner.preview('2027-07', '2027-12')).create).toEqual([]);
    expect(planSeason('--from', '2027-13', '--dry-run').status).toBe(2);
  });
});

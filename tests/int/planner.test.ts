import type { PlannerService } from '../../src/api/session/services/planner';
import { createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';
import { zonedWallTimeToUtc } from '../../src/utils/time';

/**
 * The season planner's service on every database: the dates its rule gives, the drafts it
 * creates, never twice. `npm run plan-season` is a thin wrapper of it, checked once in
 * command-line.sqlite.test.ts.
 */
let app: TestApp;
let planner: PlannerService;

beforeAll(async () => {
  app = await startApp();
  planner = app.strapi.service('api::session.planner') as unknown as PlannerService;
});

afterAll(async () => {
  await app?.stop();
});

describe('the season planner', () => {
  it('previews the dates it would create, and creates drafts, never twice', async () => {
    // A session already on 28 October 2027.
    await createSession(app.strapi, { title: 'Ja programada', startsAt: zonedWallTimeToUtc('2027-10-28', '10:00') });

    const preview = await planner.preview('2027-07', '2027-12');
    expect(preview.create).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
    expect(preview.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ month: '2027-08', reason: 'august' }),
        expect.objectContaining({ month: '2027-10', reason: 'existing', date: '2027-10-28' }),
      ])
    );
    const sessions = app.strapi.db.query('api::session.session');
    const before = await sessions.count();

    expect((await planner.apply('2027-07', '2027-12')).create).toEqual(['2027-07-29', '2027-09-30', '2027-11-25', '2027-12-23']);
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

    expect((await planner.preview('2027-07', '2027-12')).create).toEqual([]);
    expect((await planner.apply('2027-07', '2027-12')).create).toEqual([]);
    expect(await sessions.count()).toBe(before + 4);
  });
});

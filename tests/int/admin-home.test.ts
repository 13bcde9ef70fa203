import { FAILED_MESSAGES, PROPOSALS_WAITING, SUPPORT_REQUESTS_PENDING } from '../../src/admin/links';
import { REVIEWER_ROLE } from '../../src/bootstrap/reviewer-role';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { zonedWallTimeToUtc } from '../../src/utils/time';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp();
  token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
});

afterAll(async () => {
  await app?.stop();
});

const asEditor = (request: ReturnType<ReturnType<TestApp['http']>['get']>) => request.set('authorization', `Bearer ${token}`);

describe('the planner page’s admin routes', () => {
  it('are for logged-in editors only', async () => {
    expect((await app.http().get('/admin/gomunicipal/planner/preview?from=2027-07&to=2027-12')).status).toBe(401);
    expect((await app.http().post('/admin/gomunicipal/planner').send({ from: '2027-07', to: '2027-12' })).status).toBe(401);
    expect((await app.http().get('/admin/gomunicipal/dashboard')).status).toBe(401);
  });

  it('need the right to create sessions: a reviewer sees the dashboard but cannot plan', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: REVIEWER_ROLE.code } });
    await app.strapi.service('admin::user').create({
      email: 'revisor.planner@diba.example',
      firstname: 'Pere',
      lastname: 'Revisor',
      password: 'Revisor2026',
      isActive: true,
      roles: [role.id],
    });
    const reviewer = (await app.http().post('/admin/login').send({ email: 'revisor.planner@diba.example', password: 'Revisor2026' })).body.data.token;
    const as = <T extends { set(name: string, value: string): T }>(request: T) => request.set('authorization', `Bearer ${reviewer}`);
    expect((await as(app.http().get('/admin/gomunicipal/planner/preview?from=2027-07&to=2027-12'))).status).toBe(403);
    expect((await as(app.http().post('/admin/gomunicipal/planner')).send({ from: '2027-07', to: '2027-12' })).status).toBe(403);
    expect((await as(app.http().get('/admin/gomunicipal/dashboard'))).status).toBe(200);
  });

  it('refuse a bad range with a 400 that names the problem, in Catalan or Spanish', async () => {
    const preview = (query: string, language?: string) => {
      const request = asEditor(app.http().get(`/admin/gomunicipal/planner/preview?${query}`));
      return language === undefined ? request : request.set('accept-language', language);
    };
    const bad = await preview('from=2027-13&to=2027-12');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Indiqueu el primer mes com a AAAA-MM (per exemple 2027-01).');
    expect(bad.body.error.details).toEqual({ field: 'from' });
    expect((await preview('from=2027-07', 'es-ES,es;q=0.9')).body.error.message).toBe('Indique el último mes como AAAA-MM (por ejemplo 2027-06).');
    expect((await preview('from=2027-07&to=2027-06&locale=es')).body.error.message).toBe('El último mes no puede ser anterior al primero.');
    expect((await preview('from=2020-01&to=2020-03')).body.error.message).toContain('No es poden planificar mesos passats');
    expect((await preview('from=2027-01&to=2030-12')).body.error.message).toBe('Planifiqueu com a màxim 36 mesos alhora.');
    const post = await asEditor(app.http().post('/admin/gomunicipal/planner')).send({ from: 202707, to: '2027-12' });
    expect(post.status).toBe(400);
    expect(await app.strapi.db.query('api::session.session').count({ where: { slug: { $endsWith: '-dijous-gomunicipal' } } })).toBe(0);
  });

  it('preview what they would create, create exactly that as drafts, and never twice', async () => {
    await createSession(app.strapi, { title: 'Ja programada', startsAt: zonedWallTimeToUtc('2028-03-30', '10:00') });

    const preview = await asEditor(app.http().get('/admin/gomunicipal/planner/preview?from=2028-02&to=2028-08'));
    expect(preview.status).toBe(200);
    expect(preview.body.data).toEqual({
      create: ['2028-02-24', '2028-04-27', '2028-05-25', '2028-06-29', '2028-07-27'],
      skipped: [
        { month: '2028-03', date: '2028-03-30', reason: 'existing' },
        { month: '2028-08', date: null, reason: 'august' },
      ],
    });
    expect(await app.strapi.db.query('api::session.session').count({ where: { slug: { $endsWith: '-dijous-gomunicipal' } } })).toBe(0);

    const created = await asEditor(app.http().post('/admin/gomunicipal/planner')).send({ from: '2028-02', to: '2028-08' });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual(preview.body.data);
    const drafts = await app.strapi.documents('api::session.session').findMany({
      locale: 'ca',
      status: 'draft',
      filters: { slug: { $endsWith: '-dijous-gomunicipal' } },
      sort: 'startsAt:asc',
    });
    expect(drafts.map((d) => [d.startsAt, d.publishedAt ?? null, d.eventStatus, d.durationMinutes])).toEqual([
      ['2028-02-24T09:00:00.000Z', null, 'scheduled', 60],
      ['2028-04-27T08:00:00.000Z', null, 'scheduled', 60],
      ['2028-05-25T08:00:00.000Z', null, 'scheduled', 60],
      ['2028-06-29T08:00:00.000Z', null, 'scheduled', 60],
      ['2028-07-27T08:00:00.000Z', null, 'scheduled', 60],
    ]);
    const published = await app.strapi.documents('api::session.session').findMany({
      locale: 'ca',
      status: 'published',
      filters: { slug: { $endsWith: '-dijous-gomunicipal' } },
    });
    expect(published).toEqual([]);

    const again = await asEditor(app.http().post('/admin/gomunicipal/planner')).send({ from: '2028-02', to: '2028-08' });
    expect(again.body.data.create).toEqual([]);
    expect(await app.strapi.db.query('api::session.session').count({ where: { slug: { $endsWith: '-dijous-gomunicipal' } } })).toBe(5);
  });
});

describe('the dashboard route', () => {
  it('answers the next session with its registrations and seats left, and what waits for someone', async () => {
    const empty = await asEditor(app.http().get('/admin/gomunicipal/dashboard'));
    expect(empty.status).toBe(200);
    const base = empty.body.data as { proposalsWaiting: number; supportRequestsPending: number; failedOutboxMessages: number };

    const now = Date.now();
    // A sooner draft and a sooner cancelled session are not the next session; the published one is.
    await createSession(app.strapi, { title: 'Esborrany', startsAt: new Date(now + 2 * 3600000), publish: false });
    await createSession(app.strapi, { title: 'Cancel·lada', startsAt: new Date(now + 3 * 3600000), eventStatus: 'cancelled' });
    const next = await createSession(app.strapi, { title: 'La propera', startsAt: new Date(now + 4 * 3600000), capacity: 5 });
    await createSession(app.strapi, { title: 'Més endavant', startsAt: new Date(now + 9 * DAY), capacity: 5 });
    // Within a day with its meeting link: no warning (La propera, without one, is warned about).
    await createSession(app.strapi, { title: 'Amb enllaç', startsAt: new Date(now + 5 * 3600000), meetingUrl: 'https://teams.example/meet/ok' });
    await createRegistration(app.strapi, next, 'confirmed', 'a@ajuntament.example');
    await createRegistration(app.strapi, next, 'confirmed', 'b@ajuntament.example');
    await createRegistration(app.strapi, next, 'waitlisted', 'c@ajuntament.example');
    await createRegistration(app.strapi, next, 'cancelled', 'd@ajuntament.example');

    const proposal = (reviewStatus: string, n: number) => ({ title: `Proposta ${n}`, email: `p${n}@example.org`, reviewStatus, language: 'ca' });
    for (const [n, status] of ['received', 'received', 'under_review', 'accepted', 'declined'].entries()) {
      await app.strapi.db.query('api::proposal.proposal').create({ data: proposal(status, n) });
    }
    const request = (requestStatus: string, n: number) => ({ requesterName: 'Nom', email: `s${n}@example.org`, topic: 'Tema', requestStatus, language: 'ca' });
    for (const [n, status] of ['pending', 'done', 'pending', 'declined'].entries()) {
      await app.strapi.db.query('api::support-request.support-request').create({ data: request(status, n) });
    }
    const message = (deliveryStatus: string, n: number) => ({ kind: 'confirmation', recipient: `o${n}@example.org`, language: 'ca', subject: 'Assumpte', text: 'Text', deliveryStatus });
    for (const [n, status] of ['failed', 'sent', 'failed', 'failed'].entries()) {
      await app.strapi.db.query('api::outbox-message.outbox-message').create({ data: message(status, n) });
    }

    const response = await asEditor(app.http().get('/admin/gomunicipal/dashboard'));
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.data).toEqual({
      nextSession: {
        documentId: next,
        title: 'La propera',
        startsAt: new Date(now + 4 * 3600000).toISOString(),
        eventStatus: 'scheduled',
        capacity: 5,
        confirmed: 2,
        seatsLeft: 3,
      },
      // The last session held is the seed's latest; no one has answered its survey here.
      lastFeedback: expect.objectContaining({ responses: 0, responseRate: null }),
      // Published sessions within 24 hours without a meeting link (not the draft, the cancelled one, or one with its link).
      withoutLink: [{ documentId: next, title: 'La propera', startsAt: new Date(now + 4 * 3600000).toISOString() }],
      proposalsWaiting: base.proposalsWaiting + 3,
      supportRequestsPending: base.supportRequestsPending + 2,
      failedOutboxMessages: base.failedOutboxMessages + 3,
    });
    // No email, name or meeting link: only figures and the session's public fields.
    expect(JSON.stringify(response.body)).not.toMatch(/@|meeting/i);

    // Each figure links to a content-manager list filtered the same way: the list shows as many.
    for (const [link, count] of [
      [PROPOSALS_WAITING, base.proposalsWaiting + 3],
      [SUPPORT_REQUESTS_PENDING, base.supportRequestsPending + 2],
      [FAILED_MESSAGES, base.failedOutboxMessages + 3],
    ] as const) {
      const listed = await asEditor(app.http().get(link));
      expect(listed.status).toBe(200);
      expect(listed.body.pagination.total).toBe(count);
    }

    const seats = await asEditor(app.http().get(`/admin/gomunicipal/sessions/seats?ids=${next},nosuchsession`));
    expect(seats.status).toBe(200);
    expect(seats.body.data).toEqual({ [next]: { capacity: 5, confirmed: 2, seatsLeft: 3 } });
  });
});

describe('a session start given without a time', () => {
  it('becomes 10:00 Madrid time, whether a bare date or the admin date picker’s midnight', async () => {
    const sessions = app.strapi.documents('api::session.session');
    const bare = await sessions.create({ locale: 'ca', data: { title: 'Data sola', slug: 'data-sola', startsAt: '2028-11-30' } as never });
    expect(bare.startsAt).toBe('2028-11-30T09:00:00.000Z');
    const midnight = await sessions.create({ locale: 'ca', data: { title: 'Mitjanit', slug: 'mitjanit', startsAt: '2028-06-28T22:00:00.000Z' } as never });
    expect(midnight.startsAt).toBe('2028-06-29T08:00:00.000Z');
    expect(midnight.durationMinutes).toBe(60);
    expect(midnight.eventStatus).toBe('scheduled');
    const updated = await sessions.update({ documentId: midnight.documentId, locale: 'ca', data: { startsAt: '2028-07-26T22:00:00.000Z' } });
    expect(updated?.startsAt).toBe('2028-07-27T08:00:00.000Z');
    const timed = await sessions.update({ documentId: midnight.documentId, locale: 'ca', data: { startsAt: '2028-07-27T15:30:00.000Z' } });
    expect(timed?.startsAt).toBe('2028-07-27T15:30:00.000Z');
  });
});

describe('the content manager’s session views', () => {
  it('put materials and recordings near the top of the edit view and list sessions newest first', async () => {
    const response = await asEditor(app.http().get('/content-manager/content-types/api::session.session/configuration'));
    expect(response.status).toBe(200);
    const { layouts, settings } = response.body.data.contentType as {
      layouts: { edit: { name: string; size: number }[][]; list: string[] };
      settings: { defaultSortBy: string; defaultSortOrder: string };
    };
    expect(layouts.edit.slice(0, 4).map((row) => row.map((field) => field.name))).toEqual([
      ['title', 'slug'],
      ['startsAt', 'durationMinutes'],
      ['eventStatus', 'registrationOpen'],
      ['materials', 'recordings'],
    ]);
    const fields = layouts.edit.flat().map((field) => field.name);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).toEqual(expect.arrayContaining(['meetingUrl', 'speakers', 'catalogResources', 'description', 'summary']));
    for (const row of layouts.edit) expect(row.reduce((sum, field) => sum + field.size, 0)).toBeLessThanOrEqual(12);
    expect(layouts.list).toEqual(['title', 'startsAt', 'eventStatus', 'capacity']);
    expect(settings).toMatchObject({ defaultSortBy: 'startsAt', defaultSortOrder: 'DESC' });
  });
});

/**
 * The attendance import (issue 18): Teams reports built here in the real format (UTF-16LE with BOM,
 * tabs, three sections, English and Catalan headers), a person who rejoins twice, an unregistered
 * attendee, a participant below the minimum; broken files; preview, confirmation, idempotence; and
 * the seats service's attendee count that the results read.
 */
import { createRegistration, createSession, DAY } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { teamsReportText, utf16le, type Activity, type Participant } from '../helpers/teams-report';

let app: TestApp;
let token: string;
let session: string;

const post = (path: string, file: Buffer, extra: Record<string, unknown> = {}, language = 'ca') =>
  app
    .http()
    .post(`/admin/gomunicipal/sessions/${path}`)
    .set('authorization', `Bearer ${token}`)
    .set('accept-language', language)
    .send({ file: file.toString('base64'), ...extra });

type Stored = { email: string; attended: boolean | null; minutesAttended: number | null };
const stored = async (sessionId: string): Promise<Stored[]> =>
  (await app.strapi.db.query('api::registration.registration').findMany({
    select: ['email', 'attended', 'minutesAttended'],
    where: { session: { documentId: sessionId } },
    orderBy: { email: 'asc' },
  })) as Stored[];

const participants: Participant[] = [
  { name: 'Ana Puig', email: 'Ana.Puig@Example.cat', duration: '45m 30s' },
  { name: 'Berta Soler', email: 'berta@example.cat', duration: '50m' },
  { name: 'Carles Vidal', email: 'carles@example.cat', duration: '12m 5s' },
  { name: 'Eva Nadal', email: 'eva.nadal@example.cat', duration: '55m' },
];
const activities: Activity[] = [
  // Ana leaves and rejoins twice: 20m + 15m 30s + 10m = 45m 30s.
  { name: 'Ana Puig', email: 'Ana.Puig@Example.cat', duration: '20m' },
  { name: 'Berta Soler', email: 'berta@example.cat', duration: '50m' },
  { name: 'Ana Puig', email: 'ana.puig@example.cat', duration: '15m 30s' },
  { name: 'Carles Vidal', email: 'carles@example.cat', duration: '12m 5s' },
  { name: 'Ana Puig', email: 'ANA.PUIG@example.cat', duration: '10m' },
  { name: 'Eva Nadal', email: 'eva.nadal@example.cat', duration: '55m' },
];
const report = utf16le(teamsReportText('en', participants, activities));

beforeAll(async () => {
  app = await startApp();
  token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
  session = await createSession(app.strapi, { title: 'Sessió amb assistència', startsAt: new Date(Date.now() - 3 * DAY), eventStatus: 'held' });
  for (const email of ['ana.puig@example.cat', 'berta@example.cat', 'carles@example.cat', 'dolors@example.cat']) {
    await createRegistration(app.strapi, session, 'confirmed', email);
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('Teams attendance report', () => {
  it('previews the matches without writing: rejoins merged, below the minimum, absent, unregistered counted', async () => {
    const res = await post(`${session}/attendance/preview`, report);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ format: 'teams', durationMinutes: 60, minimumMinutes: 30, matched: 2, belowMinimum: 1, absent: 1, unregistered: 1, changes: 4 });
    const minutes = Object.fromEntries(data.lines.map((l: { minutes: number; attended: boolean; registration: string }) => [l.registration, [l.minutes, l.attended]]));
    expect(Object.values(minutes).sort()).toEqual([[0, false], [12, false], [45, true], [50, true]].sort());
    // The unregistered attendee is a count, never a name or an address.
    expect(JSON.stringify(res.body)).not.toMatch(/eva|nadal/i);
    expect((await stored(session)).every((r) => r.minutesAttended === null && r.attended !== true)).toBe(true);
  });

  it('confirms all at once, feeds the seats service and the results; the same file again changes nothing', async () => {
    const first = await post(`${session}/attendance`, report);
    expect(first.status).toBe(200);
    expect(first.body.data.updated).toBe(4);
    expect(await stored(session)).toEqual([
      { email: 'ana.puig@example.cat', attended: true, minutesAttended: 45 },
      { email: 'berta@example.cat', attended: true, minutesAttended: 50 },
      { email: 'carles@example.cat', attended: false, minutesAttended: 12 },
      { email: 'dolors@example.cat', attended: false, minutesAttended: 0 },
    ]);
    const counts = (await app.strapi.service('api::registration.seats').confirmedCounts([session])).get(session);
    expect(counts).toMatchObject({ confirmed: 4, confirmedAttended: 2 });
    const summary = await app.strapi.service('api::feedback-response.results').summary({ session }, { language: 'ca', threshold: null });
    expect(summary.attendees).toBe(2);
    const unregistered = await app.strapi.db.query('api::registration.registration').count({ where: { email: { $containsi: 'eva' } } });
    expect(unregistered).toBe(0);

    const again = await post(`${session}/attendance`, report);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ updated: 0, changes: 0, matched: 2 });
    const preview = await post(`${session}/attendance/preview`, report);
    expect(preview.body.data.changes).toBe(0);
  });

  it('reads a report with Catalan headers, and an editor-chosen minimum', async () => {
    const other = await createSession(app.strapi, { title: 'Sessió en català', startsAt: new Date(Date.now() - 2 * DAY), eventStatus: 'held' });
    await createRegistration(app.strapi, other, 'confirmed', 'carles@example.cat');
    await createRegistration(app.strapi, other, 'waitlisted', 'berta@example.cat');
    const file = utf16le(teamsReportText('ca', participants, activities));
    const res = await post(`${other}/attendance`, file, { minimumMinutes: 10 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ minimumMinutes: 10, matched: 2, belowMinimum: 0, unregistered: 2 });
    expect(await stored(other)).toEqual([
      { email: 'berta@example.cat', attended: true, minutesAttended: 50 },
      { email: 'carles@example.cat', attended: true, minutesAttended: 12 },
    ]);
    const bad = await post(`${other}/attendance/preview`, file, { minimumMinutes: 61 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('60');
  });

  it('accepts a plain UTF-8 CSV with email and minutes', async () => {
    const other = await createSession(app.strapi, { title: 'Sessió d’una altra eina', startsAt: new Date(Date.now() - DAY), eventStatus: 'held' });
    await createRegistration(app.strapi, other, 'confirmed', 'ana.puig@example.cat');
    await createRegistration(app.strapi, other, 'confirmed', 'berta@example.cat');
    const res = await post(`${other}/attendance`, Buffer.from('email,minutes\nANA.PUIG@example.cat,40\nberta@example.cat,5\n', 'utf8'));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ format: 'csv', matched: 1, belowMinimum: 1 });
    expect((await stored(other)).map((r) => [r.minutesAttended, r.attended])).toEqual([
      [40, true],
      [5, false],
    ]);
  });

  describe('refuses broken files, naming the problem, and writes nothing', () => {
    let before: Stored[];
    beforeAll(async () => {
      before = await stored(session);
    });
    afterEach(async () => {
      expect(await stored(session)).toEqual(before);
    });

    it('a wrong encoding (Latin-1, UTF-16 without its BOM)', async () => {
      const latin1 = Buffer.from(teamsReportText('ca', participants, activities), 'latin1');
      const res = await post(`${session}/attendance`, latin1);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/codificació/);
      const noBom = Buffer.from(teamsReportText('en', participants, activities), 'utf16le');
      const es = await post(`${session}/attendance`, noBom, {}, 'es');
      expect(es.status).toBe(400);
      expect(es.body.error.message).toMatch(/codificación/);
    });

    it('a missing section', async () => {
      const res = await post(`${session}/attendance`, utf16le(teamsReportText('en', participants, activities, { omit: 'activities' })));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('3. In-Meeting Activities');
    });

    it('a bad duration, with its line', async () => {
      const broken = [...activities.slice(0, 2), { ...activities[2], duration: 'una hora' }, ...activities.slice(3)];
      const text = teamsReportText('en', participants, broken);
      const line = text.split('\r\n').findIndex((l) => l.includes('una hora')) + 1;
      const res = await post(`${session}/attendance`, utf16le(text));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`Línia ${line}: la durada «una hora» no és vàlida (ha de ser com 1h 2m 3s o 45m 10s).`);
      const es = await post(`${session}/attendance/preview`, utf16le(text), {}, 'es');
      expect(es.body.error.message).toMatch(new RegExp(`^Línea ${line}: la duración`));
    });

    it('no file, and an unknown session', async () => {
      const none = await app.http().post(`/admin/gomunicipal/sessions/${session}/attendance`).set('authorization', `Bearer ${token}`).send({});
      expect(none.status).toBe(400);
      const unknown = await post('abcdefghijklmnopqrstuvwx/attendance', report);
      expect(unknown.status).toBe(404);
    });

    it('needs an editor', async () => {
      const res = await app.http().post(`/admin/gomunicipal/sessions/${session}/attendance`).send({ file: report.toString('base64') });
      expect(res.status).toBe(401);
    });
  });
});

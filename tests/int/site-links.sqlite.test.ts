import ICAL from 'ical.js';
import { load } from 'cheerio';
import { createRegistration, createSession, removeUploads, uploadFile, type UploadedFile } from '../helpers/fixtures';
import { startPublicApp } from '../helpers/public-app';
import type { TestSmtp } from '../helpers/smtp';
import { TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { service } from '../../src/utils/services';
import { zonedWallTimeToUtc } from '../../src/utils/time';

/**
 * Every link a person is given ends on the session's HTML page, which answers 200: the calendar
 * events, the emails (confirmation, waiting list, promotion, reminder, survey invitation, through
 * a real SMTP server on loopback) and GraphQL's `pageUrl`. And caption files are checked when an
 * editor saves them: a broken WebVTT is refused naming its line.
 */
let app: TestApp;
let smtp: TestSmtp;
let base: string;
const uploads: UploadedFile[] = [];
let upcoming: string;
let held: string;
// 10:00 in Madrid three days ahead (registrations come before its reminder time).
const upcomingStart = zonedWallTimeToUtc(new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10), '10:00');

const slugOf = async (documentId: string) =>
  ((await app.strapi.db.query('api::session.session').findOne({ where: { documentId }, select: ['slug'] })) as { slug: string }).slug;

/** The session page a text links to, fetched: its status and h1. */
const followPageLink = async (text: string) => {
  const match = new RegExp(`${base.replace(/[.:/]/g, '\\$&')}(/(ca|es)/sessions/[^\\s"<>]+)`).exec(text);
  expect(match).not.toBeNull();
  const res = await app.http().get((match as RegExpExecArray)[1]);
  return { path: (match as RegExpExecArray)[1], status: res.status, h1: load(res.text)('h1').text() };
};

beforeAll(async () => {
  ({ app, smtp, base } = await startPublicApp({ smtp: true, env: { RATE_LIMIT_REGISTRATION_POINTS: '1000' } }));
  upcoming = await createSession(app.strapi, {
    title: 'Sessió amb una plaça',
    titleEs: 'Sesión con una plaza',
    startsAt: upcomingStart,
    capacity: 1,
    meetingUrl: 'https://teams.example/meet/1',
  });
  held = await createSession(app.strapi, { title: 'Sessió acabada', startsAt: new Date(Date.now() - 2 * 3600000), eventStatus: 'held' });
});

afterAll(async () => {
  if (app !== undefined) await removeUploads(app.strapi, uploads);
  await app?.stop();
  await smtp?.stop();
});

describe('links to the session page', () => {
  it('puts the page in the .ics events (one session and the feed), and the page answers 200', async () => {
    const slug = await slugOf(upcoming);
    for (const [path, locale] of [[`/api/sessions/${upcoming}/calendar.ics?locale=es`, 'es'], ['/api/calendar.ics', 'ca']] as const) {
      const res = await app.http().get(path);
      const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent');
      const event = events.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(upcoming)) as ICAL.Component;
      const url = String(event.getFirstPropertyValue('url'));
      expect(url).toBe(`${base}/${locale}/sessions/${slug}`);
      expect(String(event.getFirstPropertyValue('description'))).toContain(url);
      const page = await app.http().get(new URL(url).pathname);
      expect(page.status).toBe(200);
      expect(load(page.text)('h1').text()).toBe(locale === 'es' ? 'Sesión con una plaza' : 'Sessió amb una plaça');
    }
  });

  it('gives GraphQL portals the page URL in the session language', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ upcomingSessions(limit: 5, locale: "es") { documentId pageUrl } }' });
    const mine = res.body.data.upcomingSessions.find((s: { documentId: string }) => s.documentId === upcoming);
    expect(mine.pageUrl).toBe(`${base}/es/sessions/${await slugOf(upcoming)}`);
    expect((await app.http().get(new URL(mine.pageUrl).pathname)).status).toBe(200);
  });

  it('links every email about a session to its page in the registrant language: confirmation, waiting list, promotion, reminder, survey', async () => {
    const register = (email: string, language: string) =>
      app.http().post(`/api/sessions/${upcoming}/registrations`).send({ fullName: 'Persona Enllaç', email, localEntity: '080193', consent: true, language });
    expect((await register('primera@ajuntament.example', 'ca')).body.data.status).toBe('confirmed');
    expect((await register('segona@ajuntament.example', 'es')).body.data.status).toBe('waitlisted');
    await smtp.waitFor(() => smtp.to('primera@').length === 1 && smtp.to('segona@').length === 1);
    const confirmation = smtp.to('primera@')[0];
    expect(await followPageLink(confirmation.text ?? '')).toMatchObject({ status: 200, h1: 'Sessió amb una plaça' });
    expect(await followPageLink(String(confirmation.html))).toMatchObject({ status: 200 });
    expect(await followPageLink(smtp.to('segona@')[0].text ?? '')).toMatchObject({ status: 200, h1: 'Sesión con una plaza' });

    const token = /token=([A-Za-z0-9_.-]+)/.exec(confirmation.text ?? '')?.[1];
    expect((await app.http().post('/api/registrations/cancel').send({ token })).status).toBe(200);
    await smtp.waitFor(() => smtp.to('segona@').length === 2);
    const promoted = smtp.to('segona@')[1];
    expect(promoted.subject).toMatch(/^Ya tiene plaza/);
    expect(await followPageLink(promoted.text ?? '')).toMatchObject({ status: 200, h1: 'Sesión con una plaza' });

    expect(await service(app.strapi, 'api::registration.jobs').queueReminders(24, new Date(upcomingStart.getTime() - 20 * 3600000))).toBe(1);
    await smtp.waitFor(() => smtp.to('segona@').length === 3);
    expect(smtp.to('segona@')[2].subject).toMatch(/^Mañana/);
    expect(await followPageLink(smtp.to('segona@')[2].text ?? '')).toMatchObject({ status: 200 });

    await createRegistration(app.strapi, held, 'confirmed', 'enquesta@ajuntament.example');
    expect(await service(app.strapi, 'api::feedback-response.invitations').queue()).toBe(1);
    await smtp.waitFor(() => smtp.to('enquesta@').length === 1);
    expect(await followPageLink(smtp.to('enquesta@')[0].text ?? '')).toMatchObject({ status: 200, h1: 'Sessió acabada' });
  });
});

describe('compression', () => {
  it('leaves the calendar and CSV downloads intact (type, disposition, content), compressed when the client accepts it', async () => {
    const feed = await app.http().get('/api/calendar.ics').set('accept-encoding', 'gzip');
    expect(feed.status).toBe(200);
    expect(feed.headers['content-encoding']).toBe('gzip');
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['content-disposition']).toBe('inline; filename="gomunicipal.ics"');
    expect(new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    expect((await app.http().get('/api/calendar.ics').set('accept-encoding', 'identity')).headers['content-encoding']).toBeUndefined();

    const token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
    const csv = await app
      .http()
      .get(`/admin/gomunicipal/sessions/${upcoming}/registrations.csv`)
      .set('authorization', `Bearer ${token}`)
      .set('accept-encoding', 'gzip, br');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="inscripcions-${upcoming}.csv"`);
    expect(csv.text.split('\n')[0]).toMatch(/Correu electrònic/);
  });
});

describe('caption files', () => {
  const BROKEN = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nBé\n\n00:00:04.000 --> 00:0x:05.000\nMalament\n';

  it('refuses a broken WebVTT when an editor saves, naming the line, in the editor language; accepts a valid one', async () => {
    const broken = await uploadFile(app.strapi, 'trencat.vtt', 'text/vtt', BROKEN);
    const valid = await uploadFile(app.strapi, 'bo.vtt', 'text/vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHola a tothom\n');
    uploads.push(broken, valid);
    const recordings = app.strapi.documents('api::recording.recording');
    const doc = await recordings.create({ locale: 'ca', data: { title: 'Gravació amb subtítols', platform: 'youtube', videoUrl: 'https://www.youtube.com/watch?v=x', session: held } as never });

    // Through the Document Service, as any code would.
    await expect(recordings.update({ documentId: doc.documentId, locale: 'ca', data: { captions: [{ language: 'ca', file: broken.id }] } as never })).rejects.toThrow(
      /«trencat\.vtt» no és WebVTT vàlid: línia 6, columna 22/
    );

    // Through the admin, as an editor saves: 400 with the line, in Spanish for a Spanish interface.
    const token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
    const save = (file: number, language: string) =>
      app
        .http()
        .put(`/content-manager/collection-types/api::recording.recording/${doc.documentId}?locale=ca`)
        .set('authorization', `Bearer ${token}`)
        .set('accept-language', language)
        .send({ title: 'Gravació amb subtítols', platform: 'youtube', videoUrl: 'https://www.youtube.com/watch?v=x', captions: [{ language: 'ca', file }] });
    const refused = await save(broken.id, 'es');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/«trencat\.vtt» no es WebVTT válido: línea 6, columna 22/);
    const accepted = await save(valid.id, 'ca');
    expect(accepted.status).toBe(200);
    const stored = await app.strapi.db.query('api::recording.recording').findOne({ where: { documentId: doc.documentId }, populate: { captions: { populate: { file: true } } } });
    expect(stored.captions.map((c: { file: { id: number } }) => c.file.id)).toEqual([valid.id]);
  });
});

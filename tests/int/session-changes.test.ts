import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { DAY, createMaterial, createRecording, createRegistration, createSession } from '../helpers/fixtures';
import { startPublicApp } from '../helpers/public-app';
import type { TestSmtp } from '../helpers/smtp';
import { TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { service } from '../../src/utils/services';
import { zonedWallTimeToUtc } from '../../src/utils/time';
import { drainOutbox } from '../helpers/outbox';
import { taskLock } from '../../src/cron/lock';

/**
 * When an editor changes a published session, its registrants are told (issue 17): through the
 * real outbox and a loopback SMTP server, with calendar updates parsed by ical.js; edits within
 * the quiet period coalesce; an undone edit sends nothing; the editor sees and controls what goes.
 */
let app: TestApp;
let smtp: TestSmtp;
const QUIET = 10 * 60000;
const later = () => new Date(Date.now() + QUIET + 60000);

const sessions = () => app.strapi.documents('api::session.session');
const changes = () => service(app.strapi, 'api::session.changes');

/** Saves and publishes a change to a Catalan session, as an editor does in the admin. */
const edit = async (documentId: string, data: Record<string, unknown>) => {
  await sessions().update({ documentId, locale: 'ca', data: data as never });
  await sessions().publish({ documentId, locale: 'ca' });
};

const register = async (session: string, email: string, language = 'ca') => {
  const res = await app
    .http()
    .post(`/api/sessions/${session}/registrations`)
    .send({ fullName: 'Persona Avisada', email, localEntity: '080193', consent: true, language });
  expect(res.status).toBe(201);
  return res.body.data.status as string;
};

const calendarOf = (mail: ParsedMail) => {
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (ics === undefined) return undefined;
  const component = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
  const event = component.getFirstSubcomponent('vevent') as ICAL.Component;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
  };
};

/** A session with two seats and `n` people registered through the form: two confirmed, the rest waiting. */
const sessionWithPeople = async (prefix: string, n: number, extra: { meetingUrl?: string; capacity?: number } = {}) => {
  // A fixed afternoon hour: an hour computed from the clock can land on midnight in Madrid (a run
  // at 22:00 UTC), which the admin rule reads as "no time given" and moves to the default hour.
  const startsAt = zonedWallTimeToUtc(new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10), '17:00');
  const documentId = await createSession(app.strapi, { title: `Sessió ${prefix}`, startsAt, capacity: extra.capacity ?? 2, meetingUrl: extra.meetingUrl });
  for (let i = 0; i < n; i += 1) await register(documentId, `${prefix}${i}@avisos.example`, i === 1 ? 'es' : 'ca');
  await smtp.waitFor(() => Array.from({ length: n }, (_, i) => smtp.to(`${prefix}${i}@`).length).every((count) => count === 1));
  return { documentId, startsAt };
};

beforeAll(async () => {
  ({ app, smtp } = await startPublicApp({ smtp: true, env: { RATE_LIMIT_REGISTRATION_POINTS: '1000', SESSION_CHANGE_QUIET_MINUTES: '10' } }));
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('a published session changes', () => {
  it('tells every confirmed and waitlisted registrant of a reschedule, once, with old and new times and an updated invitation', async () => {
    const { documentId, startsAt } = await sessionWithPeople('repro', 3, { meetingUrl: 'https://teams.example/meet/repro' });
    const confirmation = calendarOf(smtp.to('repro0@')[0]);
    expect(confirmation).toMatchObject({ sequence: 0 });

    const moved = new Date(startsAt.getTime() + 7 * DAY + 2 * 3600000);
    await edit(documentId, { startsAt: moved.toISOString() });
    // Within the quiet period nothing goes.
    expect(await changes().sendDue(new Date())).toBe(0);
    expect(await changes().sendDue(later())).toBe(3);
    expect(await changes().sendDue(later())).toBe(0);
    await smtp.waitFor(() => [0, 1, 2].every((i) => smtp.to(`repro${i}@`).length === 2));

    const format = (date: Date, language: string) =>
      new Intl.DateTimeFormat(language, { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' }).format(date);
    const catalan = smtp.to('repro0@')[1];
    expect(catalan.subject).toBe('Canvis a la sessió: Sessió repro');
    const day = (date: Date) => new Intl.DateTimeFormat('ca', { timeZone: 'Europe/Madrid', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
    const hours = (date: Date) => `d(e |’)${format(date, 'ca')} a ${format(new Date(date.getTime() + 3600000), 'ca')}`;
    expect(catalan.text).toMatch(new RegExp(`abans ${day(startsAt)}, ${hours(startsAt)}; ara ${day(moved)}, ${hours(moved)} \\(hora de Barcelona\\)`));
    const update = calendarOf(catalan);
    expect(update).toMatchObject({ method: 'REQUEST', uid: confirmation?.uid });
    expect(update?.sequence).toBeGreaterThan(confirmation?.sequence ?? 0);
    expect(update?.start.getTime()).toBe(moved.getTime());

    const spanish = smtp.to('repro1@')[1];
    expect(spanish.subject).toBe('Cambios en la sesión: Sessió repro');
    expect(spanish.text).toMatch(/Cambio de fecha y hora: antes .+; ahora .+/);

    // The waitlisted person hears of it without the link or an invitation.
    const waiting = smtp.to('repro2@')[1];
    expect(waiting.text).toContain("llista d'espera");
    expect(waiting.text).toContain('ara ');
    expect(waiting.text).not.toContain('teams.example');
    expect(calendarOf(waiting)).toBeUndefined();

    // The public feed carries the revision too.
    const feed = await app.http().get(`/api/sessions/${documentId}/calendar.ics`);
    const event = new ICAL.Component(ICAL.parse(feed.text)).getFirstSubcomponent('vevent') as ICAL.Component;
    expect(Number(event.getFirstPropertyValue('sequence'))).toBe(update?.sequence);
    expect(feed.text).not.toContain('teams.example');
  });

  it('sends one message with the net change for three quick edits, and nothing for an undone one or a typo fix', async () => {
    const { documentId, startsAt } = await sessionWithPeople('rapid', 2);
    await edit(documentId, { durationMinutes: 75 });
    await edit(documentId, { durationMinutes: 90 });
    await edit(documentId, { startsAt: new Date(startsAt.getTime() + 3600000).toISOString() });
    expect(await changes().sendDue(later())).toBe(2);
    await smtp.waitFor(() => smtp.to('rapid0@').length === 2 && smtp.to('rapid1@').length === 2);
    const start = new Date(startsAt.getTime() + 3600000);
    const format = (date: Date) => new Intl.DateTimeFormat('ca', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' }).format(date);
    expect(smtp.to('rapid0@')[1].text).toMatch(new RegExp(`ara .+, d(e |’)${format(start)} a ${format(new Date(start.getTime() + 90 * 60000))} \\(hora de Barcelona\\)`));

    // Moved and moved back within the quiet period; a new summary: nothing to tell.
    await edit(documentId, { startsAt: new Date(startsAt.getTime() + DAY).toISOString() });
    expect((await changes().pending(documentId))?.change.rescheduled).toBeDefined();
    await edit(documentId, { startsAt: start.toISOString(), summary: 'Resum amb una errata corregida' });
    expect(await changes().pending(documentId)).toBeNull();
    expect(await changes().sendDue(later())).toBe(0);
    await drainOutbox(app.strapi);
    expect(smtp.to('rapid0@')).toHaveLength(2);
    expect(smtp.to('rapid1@')).toHaveLength(2);
  });

  it('sends a link added later to the confirmed people only', async () => {
    const { documentId } = await sessionWithPeople('link', 3);
    await edit(documentId, { meetingUrl: 'https://teams.example/meet/new-link' });
    expect(await changes().sendDue(later())).toBe(2);
    await smtp.waitFor(() => smtp.to('link0@').length === 2 && smtp.to('link1@').length === 2);
    expect(smtp.to('link0@')[1].text).toContain('Enllaç per connectar-vos (Microsoft Teams): https://teams.example/meet/new-link');
    expect(smtp.to('link1@')[1].text).toContain('Enlace para conectarse (Microsoft Teams): https://teams.example/meet/new-link');
    expect(calendarOf(smtp.to('link0@')[1])).toMatchObject({ method: 'REQUEST', sequence: 1 });
    await drainOutbox(app.strapi);
    expect(smtp.to('link2@')).toHaveLength(1);
  });

  it('cancels with METHOD:CANCEL, tells the waiting list too, and keeps the session in the feed as cancelled', async () => {
    const { documentId } = await sessionWithPeople('cancel', 3, { meetingUrl: 'https://teams.example/meet/cancel' });
    await edit(documentId, { eventStatus: 'cancelled' });
    expect(await changes().sendDue(later())).toBe(3);
    await smtp.waitFor(() => [0, 1, 2].every((i) => smtp.to(`cancel${i}@`).length === 2));
    const message = smtp.to('cancel0@')[1];
    expect(message.subject).toBe('Sessió cancel·lada: Sessió cancel');
    expect(message.text).toMatch(/Disculpeu les molèsties/);
    expect(message.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/ca\//);
    const cancel = calendarOf(message);
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 1 });
    expect(smtp.to('cancel1@')[1].subject).toBe('Sesión cancelada: Sessió cancel');
    expect(calendarOf(smtp.to('cancel2@')[1])).toBeUndefined();

    const feed = await app.http().get('/api/calendar.ics');
    const event = new ICAL.Component(ICAL.parse(feed.text))
      .getAllSubcomponents('vevent')
      .find((e) => String(e.getFirstPropertyValue('uid')) === cancel?.uid) as ICAL.Component;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(event.getFirstPropertyValue('sequence'))).toBe(1);
  });
});

describe('what editors see and decide', () => {
  it('shows the pending change and its recipients, holds it, and sends it at once', async () => {
    const { documentId, startsAt } = await sessionWithPeople('editor', 3);
    const token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
    const admin = (method: 'get' | 'post', path: string) => app.http()[method](`/admin/gomunicipal/sessions/${documentId}${path}`).set('authorization', `Bearer ${token}`);
    expect((await admin('get', '/notice')).body.data).toBeNull();

    await edit(documentId, { startsAt: new Date(startsAt.getTime() + DAY).toISOString() });
    const pending = (await admin('get', '/notice')).body.data;
    expect(pending).toMatchObject({ held: false, recipients: { confirmed: 2, waitlisted: 1 } });
    expect(pending.change.rescheduled.to.startsAt).toBe(new Date(startsAt.getTime() + DAY).toISOString());

    const bad = await admin('post', '/notice/hold').send({ held: 'sí' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/held/);
    expect((await admin('post', '/notice/hold').send({ held: true })).body.data.held).toBe(true);
    expect(await changes().sendDue(later())).toBe(0);

    const sent = await admin('post', '/notice/send');
    expect(sent.body.data.written).toBe(3);
    await smtp.waitFor(() => [0, 1, 2].every((i) => smtp.to(`editor${i}@`).length === 2));
    expect((await admin('get', '/notice')).body.data).toBeNull();
    expect((await app.http().post('/admin/gomunicipal/sessions/' + documentId + '/notice/send')).status).toBe(401);
  });
});

describe('seats', () => {
  it('promotes exactly the people who fit when capacity goes from 3 to 5 with 4 waiting, in order, emailed with the link', async () => {
    const { documentId } = await sessionWithPeople('seat', 7, { capacity: 3, meetingUrl: 'https://teams.example/meet/seat' });
    const statuses = async () =>
      Object.fromEntries(
        (
          (await app.strapi.db.query('api::registration.registration').findMany({
            where: { session: { documentId } },
            select: ['email', 'registrationStatus'],
          })) as { email: string; registrationStatus: string }[]
        ).map((r) => [r.email.split('@')[0], r.registrationStatus])
      );
    expect(Object.values(await statuses()).filter((s) => s === 'waitlisted')).toHaveLength(4);
    await edit(documentId, { capacity: 5 });
    expect(await statuses()).toEqual({
      seat0: 'confirmed',
      seat1: 'confirmed',
      seat2: 'confirmed',
      seat3: 'confirmed',
      seat4: 'confirmed',
      seat5: 'waitlisted',
      seat6: 'waitlisted',
    });
    await smtp.waitFor(() => smtp.to('seat3@').length === 2 && smtp.to('seat4@').length === 2);
    expect(smtp.to('seat3@')[1].subject).toMatch(/^Ja teniu plaça/);
    expect(smtp.to('seat3@')[1].text).toContain('https://teams.example/meet/seat');
    // Lowering it removes nobody, and capacity is not a change to tell.
    await edit(documentId, { capacity: 2 });
    expect(Object.values(await statuses()).filter((s) => s === 'confirmed')).toHaveLength(5);
    expect(await changes().pending(documentId)).toBeNull();
    await drainOutbox(app.strapi);
    expect(smtp.to('seat5@')).toHaveLength(1);
  });
});

describe('reminders', () => {
  it('speak of today in both languages, and a registration after the reminder time gets no late reminder but its confirmation says when the link comes', async () => {
    const startsAt = zonedWallTimeToUtc(new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10), '10:00');
    const documentId = await createSession(app.strapi, { title: 'Sessió recordada', startsAt, capacity: 10 });
    await register(documentId, 'recorda-ca@avisos.example', 'ca');
    await register(documentId, 'recorda-es@avisos.example', 'es');
    await smtp.waitFor(() => smtp.to('recorda-ca@').length === 1 && smtp.to('recorda-es@').length === 1);
    expect(smtp.to('recorda-ca@')[0].text).toContain('i com a tard amb el recordatori, 24 hores abans de la sessió');
    // Three hours before, on the day (07:00 in Madrid).
    expect(await service(app.strapi, 'api::registration.jobs').queueReminders(24, new Date(startsAt.getTime() - 3 * 3600000))).toBe(2);
    await smtp.waitFor(() => smtp.to('recorda-ca@').length === 2 && smtp.to('recorda-es@').length === 2);
    expect(smtp.to('recorda-ca@')[1].subject).toBe('Avui, d’aquí a 3 hores: Sessió recordada');
    expect(smtp.to('recorda-ca@')[1].text).toMatch(/Us recordem que avui, .+, de 10:00 a 11:00 \(hora de Barcelona\), .+: comença d’aquí a 3 hores\./);
    expect(smtp.to('recorda-es@')[1].subject).toBe('Hoy, dentro de 3 horas: Sessió recordada');
    expect(smtp.to('recorda-es@')[1].text).toContain('de 10:00 a 11:00 h (hora de Barcelona)');

    // Registered 12 hours before: no reminder; the confirmation promises the link as soon as there is one.
    const close = await createSession(app.strapi, { title: 'Sessió propera', startsAt: new Date(Date.now() + 12 * 3600000), capacity: 10 });
    await register(close, 'tard@avisos.example', 'ca');
    await smtp.waitFor(() => smtp.to('tard@').length === 1);
    expect(smtp.to('tard@')[0].text).toContain('Us enviarem l’enllaç per connectar-vos per correu tan bon punt el tinguem');
    const before = await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { kind: 'reminder', recipient: 'tard@avisos.example' } });
    await service(app.strapi, 'api::registration.jobs').queueReminders(24);
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { kind: 'reminder', recipient: 'tard@avisos.example' } })).toBe(before);
  });
});

describe('after the session', () => {
  it('tells confirmed registrants once that the recording and materials are available, with the survey link when they have not answered', async () => {
    const held = await createSession(app.strapi, { title: 'Sessió gravada', startsAt: new Date(Date.now() - 3 * 3600000), eventStatus: 'held' });
    await createRegistration(app.strapi, held, 'confirmed', 'gravacio-a@avisos.example');
    await createRegistration(app.strapi, held, 'cancelled', 'gravacio-baixa@avisos.example');
    expect(await service(app.strapi, 'api::feedback-response.invitations').queue()).toBe(1);
    await createRegistration(app.strapi, held, 'confirmed', 'gravacio-b@avisos.example');
    await smtp.waitFor(() => smtp.to('gravacio-a@').length === 1);
    const survey = /\/feedback\/\?token=[A-Za-z0-9_.-]+/.exec(smtp.to('gravacio-a@')[0].text ?? '')?.[0];
    expect(survey).toBeDefined();

    await createRecording(app.strapi, held, 'Gravació de la sessió', 'https://www.youtube.com/watch?v=gravada');
    await createMaterial(app.strapi, held, 'Presentació', 'https://example.org/presentacio.pdf');
    await smtp.waitFor(() => smtp.to('gravacio-a@').length === 2 && smtp.to('gravacio-b@').length === 1);
    const slug = ((await app.strapi.db.query('api::session.session').findOne({ where: { documentId: held }, select: ['slug'] })) as { slug: string }).slug;
    const [a, b] = [smtp.to('gravacio-a@')[1], smtp.to('gravacio-b@')[0]];
    expect(a.subject).toBe('Ja teniu la gravació i els materials: Sessió gravada');
    expect(a.text).toContain(`/ca/sessions/${slug}`);
    expect(a.text).toContain(survey);
    expect(b.text).toContain(`/ca/sessions/${slug}`);
    expect(b.text).not.toContain('/feedback/');
    await drainOutbox(app.strapi);
    expect(smtp.to('gravacio-a@')).toHaveLength(2);
    expect(smtp.to('gravacio-baixa@')).toHaveLength(0);
    expect(await changes().announceRecording(held)).toBe(0);

    // An upcoming session's recording (a trailer, say) tells nobody yet.
    const { documentId: upcoming } = await sessionWithPeople('abans', 1);
    await createRecording(app.strapi, upcoming, 'Presentació prèvia', 'https://www.youtube.com/watch?v=previa');
    await drainOutbox(app.strapi);
    expect(smtp.to('abans0@')).toHaveLength(1);
  });
});

describe('the lock of a scheduled task across processes (without Redis)', () => {
  it('takes each tick once: not while it is held, nor after its release, nor an earlier one; the next tick is taken', async () => {
    const lock = taskLock(app.strapi);
    // (a task of its own, an hour ahead: none of the app's own ticks comes near)
    const task = `lock-test-${Date.now()}`;
    const tick = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600000);
    const later = (seconds: number) => new Date(tick.getTime() + seconds * 1000);
    const first = await lock(task, tick);
    expect(first).toEqual(expect.any(Function));
    if (app.strapi.db.dialect.client === 'sqlite') {
      // One process: nothing to share, every tick is taken.
      await first?.();
      return;
    }
    // Each call takes its own connection, as another process would.
    expect(await lock(task, tick)).toBeUndefined();
    await first?.();
    expect(await lock(task, tick)).toBeUndefined();
    expect(await lock(task, later(-5))).toBeUndefined();
    const next = await lock(task, later(1));
    expect(next).toEqual(expect.any(Function));
    // Released for the run only: the tick after is free at once.
    await next?.();
    const after = await lock(task, later(2));
    expect(after).toEqual(expect.any(Function));
    await after?.();
  });
});

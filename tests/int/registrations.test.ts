import crypto from 'crypto';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { service } from '../../src/utils/services';
import { zonedWallTimeToUtc } from '../../src/utils/time';
import type { SeatsService } from '../../src/api/registration/services/seats';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import type { TestSmtp } from '../helpers/smtp';
import { startAppWithSmtp } from '../helpers/public-app';
import { appModule, TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
let smtp: TestSmtp;
const MEETING = 'https://teams.example/l/meetup-join/SECRET-meeting-link';

const register = (session: string, body: Record<string, unknown>, language = 'ca') =>
  app.http().post(`/api/sessions/${session}/registrations`).set('accept-language', language).send(body);

const person = (n: string, extra: Record<string, unknown> = {}) => ({
  fullName: `Persona ${n}`,
  email: `persona.${n}@ajuntament.example`,
  localEntity: '080193',
  jobTitle: 'Tècnica de transparència',
  consent: true,
  ...extra,
});

const registrationsOf = async (session: string) =>
  (await app.strapi.db.query('api::registration.registration').findMany({
    where: { session: { documentId: session } },
  })) as { email: string; registrationStatus: string; tokenHash: string | null; fullName: string }[];

const seats = () => app.strapi.service('api::registration.seats') as unknown as SeatsService;
const storedCount = async (session: string) =>
  (
    (await app.strapi.db.query('api::registration.seat-count').findOne({ where: { sessionDocumentId: session } })) as {
      confirmed: number;
    } | null
  )?.confirmed ?? null;

const linkIn = (mail: ParsedMail, path: string) => {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text ?? '');
  if (match === null) throw new Error(`No ${path} link in: ${mail.text}`);
  return match[1];
};

beforeAll(async () => {
  ({ app, smtp } = await startAppWithSmtp({
    EMAIL_FROM: 'Dijous GOmunicipal <gomunicipal@diba.example>',
    OUTBOX_RETRY_BASE_SECONDS: '1',
    OUTBOX_RETRY_MAX_SECONDS: '1',
    RATE_LIMIT_REGISTRATION_POINTS: '100000',
    RATE_LIMIT_CANCELLATION_POINTS: '100000',
  }));
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('registering, the waiting list and cancelling, with the emails people receive', () => {
  let session: string;
  let cancelTokenA: string;

  beforeAll(async () => {
    session = await createSession(app.strapi, {
      title: 'Sessió amb dues places',
      titleEs: 'Sesión con dos plazas',
      startsAt: new Date(Math.floor((Date.now() + 20 * DAY) / 60000) * 60000),
      capacity: 2,
      meetingUrl: MEETING,
    });
  });

  it('confirms a registration and emails the meeting link, a cancel link and a calendar invitation', async () => {
    const res = await register(session, person('a'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ data: { status: 'confirmed' } });
    expect(res.text).not.toContain('persona.a');

    await smtp.waitFor(() => smtp.to('persona.a@').length === 1);
    const [mail] = smtp.to('persona.a@');
    expect(mail.subject).toBe('Inscripció confirmada: Sessió amb dues places');
    expect(mail.from?.text).toContain('gomunicipal@diba.example');
    expect(mail.text).toContain('Hola, Persona a:');
    expect(mail.text).toContain(MEETING);
    expect(mail.text).toContain('uns minuts abans');
    expect(mail.html).toContain(`<a href="${MEETING}"`);
    cancelTokenA = linkIn(mail, '/register/cancel/');
    const ics = mail.attachments.find((a) => a.filename === 'dijous-gomunicipal.ics');
    expect(ics?.contentType).toContain('text/calendar');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? '')).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.summary).toBe('Sessió amb dues places');
    expect(event.location).toBe(MEETING);

    // Tokens are stored hashed, never as sent.
    const [row] = await registrationsOf(session);
    expect(row.tokenHash).toBe(crypto.createHash('sha256').update(cancelTokenA).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(cancelTokenA);
  });

  it('creates nothing for the same email twice, answers as a first registration and tells the person by email', async () => {
    const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
    const before = await outbox.count();
    const res = await register(session, person('a', { email: 'PERSONA.A@ajuntament.example', fullName: 'Una altra' }));
    // Exactly what a new address gets (issue 22: nobody learns whether an address is registered).
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ data: { status: 'confirmed' } });
    expect(await registrationsOf(session)).toHaveLength(1);
    const told = (await outbox.findMany({ where: { kind: 'already-registered' } })) as { recipient: string; text: string }[];
    expect(await outbox.count()).toBe(before + 1);
    expect(told).toHaveLength(1);
    expect(told[0].recipient).toBe('persona.a@ajuntament.example');
    expect(told[0].text).toMatch(/ja hi estàveu inscrit o inscrita/);
    expect(told[0].text).toMatch(/Teniu plaça/);
    // Sent again within the hour, still one message.
    await register(session, person('a', { email: 'persona.a@ajuntament.example' }));
    expect(await outbox.count()).toBe(before + 1);
  });

  it('writes in Spanish to a Spanish registrant, and puts the third person on the waiting list', async () => {
    expect((await register(session, person('b', { language: 'es' }))).body.data.status).toBe('confirmed');
    const waitlisted = await register(session, person('c', { localEntity: 'Consorci de prova' }));
    expect(waitlisted.status).toBe(201);
    expect(waitlisted.body.data.status).toBe('waitlisted');

    await smtp.waitFor(() => smtp.to('persona.b@').length === 1 && smtp.to('persona.c@').length === 1);
    expect(smtp.to('persona.b@')[0].subject).toBe('Inscripción confirmada: Sesión con dos plazas');
    const [waitMail] = smtp.to('persona.c@');
    expect(waitMail.subject).toBe("Llista d'espera: Sessió amb dues places");
    expect(waitMail.text).not.toContain(MEETING);
    expect(waitMail.attachments).toHaveLength(0);

    const seats = await app.http().get('/api/sessions/upcoming?limit=100');
    expect(seats.body.data.find((s: { documentId: string }) => s.documentId === session).seatsLeft).toBe(0);
  });

  it('cancels through the emailed link and gives the seat to the first on the waiting list', async () => {
    const res = await app.http().post('/api/registrations/cancel').send({ token: cancelTokenA });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ status: 'cancelled', session });

    // Persona a: the confirmation, the "already registered" message of the second try, the cancellation.
    await smtp.waitFor(() => smtp.to('persona.a@').length === 3 && smtp.to('persona.c@').length === 2);
    expect(smtp.to('persona.a@')[2].subject).toBe('Inscripció cancel·lada: Sessió amb dues places');
    const promoted = smtp.to('persona.c@')[1];
    expect(promoted.subject).toBe('Ja teniu plaça: Sessió amb dues places');
    expect(promoted.text).toContain(MEETING);
    expect(promoted.attachments.map((a) => a.filename)).toEqual(['dijous-gomunicipal.ics']);

    const statuses = Object.fromEntries((await registrationsOf(session)).map((r) => [r.email, r.registrationStatus]));
    expect(statuses).toEqual({
      'persona.a@ajuntament.example': 'cancelled',
      'persona.b@ajuntament.example': 'confirmed',
      'persona.c@ajuntament.example': 'confirmed',
    });

    const again = await app.http().post('/api/registrations/cancel').send({ token: cancelTokenA });
    expect(again.body.data.status).toBe('cancelled');
    const unknown = await app.http().post('/api/registrations/cancel').send({ token: 'x'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('enllaç de cancel·lació');
  });

  it('sends the reminder once, the day before', async () => {
    // 10:00 in Madrid three days ahead, reminded at 14:00 the day before.
    const startsAt = zonedWallTimeToUtc(new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10), '10:00');
    const soon = await createSession(app.strapi, { title: 'Sessió de demà', startsAt, meetingUrl: MEETING });
    expect((await register(soon, person('d'))).status).toBe(201);
    const jobs = service(app.strapi, 'api::registration.jobs');
    const dayBefore = new Date(startsAt.getTime() - 20 * 3600000);
    expect(await jobs.queueReminders(24, dayBefore)).toBeGreaterThanOrEqual(1);
    expect(await jobs.queueReminders(24, dayBefore)).toBe(0);
    await smtp.waitFor(() => smtp.to('persona.d@').length === 2);
    const reminder = smtp.to('persona.d@').find((m) => m.subject === 'Demà: Sessió de demà');
    expect(reminder?.text).toContain(MEETING);
    expect(reminder?.text).toContain('/register/cancel/?token=');
  });
});

describe('the feedback survey invitation', () => {
  it('goes once to confirmed registrants when the session has ended, with a single-use link stored hashed', async () => {
    const ended = await createSession(app.strapi, { title: 'Sessió acabada', startsAt: new Date(Date.now() - 3 * 3600000) });
    const running = await createSession(app.strapi, { title: 'Sessió en curs', startsAt: new Date(Date.now() - 30 * 60000) });
    await createRegistration(app.strapi, ended, 'confirmed', 'assistent@ajuntament.example');
    await createRegistration(app.strapi, ended, 'cancelled', 'baixa@ajuntament.example');
    await createRegistration(app.strapi, running, 'confirmed', 'encara@ajuntament.example');
    const invitations = service(app.strapi, 'api::feedback-response.invitations');
    expect(await invitations.queue()).toBe(1);
    expect(await invitations.queue()).toBe(0);

    await smtp.waitFor(() => smtp.to('assistent@').length === 1);
    const [mail] = smtp.to('assistent@');
    expect(mail.subject).toBe('Com ha anat la sessió? Sessió acabada');
    const token = linkIn(mail, '/feedback/');
    expect(mail.text).toContain('caduca al cap de 30 dies');
    const [row] = (await app.strapi.db.query('api::registration.registration').findMany({
      where: { email: 'assistent@ajuntament.example' },
    })) as { feedbackTokenHash: string }[];
    expect(row.feedbackTokenHash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(smtp.to('baixa@')).toHaveLength(0);
    expect(smtp.to('encara@')).toHaveLength(0);
  });
});

describe('for editors', () => {
  it('counts a session\'s registrations and exports them as CSV, only to admins', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió per exportar', startsAt: new Date(Date.now() + 25 * DAY), capacity: 1 });
    await register(session, person('x1', { jobTitle: 'Secretària, interventora' }));
    await register(session, person('x2', { localEntity: 'Consorci «Prova»' }));
    const token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;

    const summary = await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations`).set('authorization', `Bearer ${token}`);
    expect(summary.status).toBe(200);
    expect(summary.body.data).toEqual({ session, capacity: 1, confirmed: 1, waitlisted: 1, cancelled: 0, attended: 0, seatsLeft: 0 });

    const csv = await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations.csv`).set('authorization', `Bearer ${token}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Nom i cognoms,Correu electrònic,Ens local,Codi INE,Càrrec,Estat,Hi ha assistit,Idioma,Data d’inscripció');
    expect(lines[1]).toMatch(/^Persona x1,persona\.x1@ajuntament\.example,Barcelona,080193,"Secretària, interventora",confirmed,no,ca,/);
    expect(lines[2]).toMatch(/^Persona x2,persona\.x2@ajuntament\.example,Consorci «Prova»,,Tècnica de transparència,waitlisted,no,ca,/);

    expect((await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations.csv`)).status).toBe(401);

    // Marking attendance in the content manager: its form sends every field, the state included.
    const [row] = (await app.strapi.db.query('api::registration.registration').findMany({
      where: { email: 'persona.x1@ajuntament.example' },
    })) as { documentId: string }[];
    const marked = await app
      .http()
      .put(`/content-manager/collection-types/api::registration.registration/${row.documentId}`)
      .set('authorization', `Bearer ${token}`)
      .send({ fullName: 'Persona x1', email: 'persona.x1@ajuntament.example', registrationStatus: 'confirmed', attended: true, language: 'ca' });
    expect(marked.status).toBe(200);
    const after = await app.http().get(`/admin/gomunicipal/sessions/${session}/registrations`).set('authorization', `Bearer ${token}`);
    expect(after.body.data.attended).toBe(1);
    expect((await app.http().get(`/admin/gomunicipal/sessions/nope/registrations`).set('authorization', `Bearer ${token}`)).status).toBe(404);
  });
});

describe('refusals', () => {
  let open: string;
  beforeAll(async () => {
    open = await createSession(app.strapi, { title: 'Sessió oberta', startsAt: new Date(Date.now() + 30 * DAY) });
  });

  it('names every bad field, in the request language', async () => {
    const res = await register(open, { email: 'no-és-un-correu', consent: false, color: 'blau' });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort();
    expect(fields).toEqual(['color', 'consent', 'email', 'fullName', 'localEntity']);
    expect(res.body.error.details.errors.find((e: { path: string[] }) => e.path[0] === 'fullName').message).toBe(
      'Cal indicar el nom i cognoms.'
    );
    const es = await register(open, { ...person('e'), consent: 'yes' }, 'es');
    expect(es.status).toBe(400);
    expect(es.body.error.message).toBe('Hay que aceptar el tratamiento de los datos personales para inscribirse.');
  });

  it('refuses malformed and unknown entities, the honeypot, and bodies that are not objects', async () => {
    const cases: [unknown, string][] = [
      [person('f', { localEntity: '080194' }), 'codi INE 080194 no és vàlid'],
      [person('f', { localEntity: '280796' }), 'No coneixem cap ens local amb el codi INE 280796'],
      [person('f', { website: 'http://spam.example' }), "No s'ha pogut acceptar"],
      [person('f', { fullName: 'x'.repeat(151) }), 'entre 2 i 150'],
      [person('f', { fullName: 'Nom\u0000amb nul' }), 'caràcters no vàlids'],
      [[person('f')], 'objecte JSON'],
    ];
    for (const [body, message] of cases) {
      const res = await register(open, body as Record<string, unknown>);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({ status: 400, message: expect.stringContaining(message) });
    }
    const text = await app.http().post(`/api/sessions/${open}/registrations`).set('content-type', 'application/json').send('{"fullName": ');
    expect(text.status).toBe(400);
    expect(await registrationsOf(open)).toHaveLength(0);
  });

  it('says why a session does not take registrations', async () => {
    const now = Date.now();
    const cancelled = await createSession(app.strapi, { title: 'Cancel·lada', startsAt: new Date(now + DAY), eventStatus: 'cancelled' });
    const closed = await createSession(app.strapi, { title: 'Tancada', startsAt: new Date(now + DAY), registrationOpen: false });
    const draft = await createSession(app.strapi, { title: 'Esborrany', startsAt: new Date(now + DAY), publish: false });
    const [held] = await app.strapi.documents('api::session.session').findMany({ locale: 'ca', status: 'published', filters: { eventStatus: 'held' }, limit: 1 });
    const cases: [string, number, string][] = [
      [cancelled, 409, 'SESSION_CANCELLED'],
      [closed, 409, 'REGISTRATION_CLOSED'],
      [held.documentId, 409, 'SESSION_STARTED'],
      [draft, 404, ''],
      ['doesnotexist', 404, ''],
    ];
    for (const [id, status, code] of cases) {
      const res = await register(id, person('g'));
      expect({ id, status: res.status, code: res.body.error.details?.code ?? '' }).toEqual({ id, status, code });
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
  });
});

describe('GraphQL', () => {
  it('registers with registerForSession and reports field errors the same way', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió GraphQL', startsAt: new Date(Date.now() + 40 * DAY), meetingUrl: MEETING });
    const mutation = `mutation ($id: ID!, $input: RegistrationInput!) { registerForSession(sessionId: $id, input: $input) { status alreadyRegistered } }`;
    const ok = await app.http().post('/graphql').send({ query: mutation, variables: { id: session, input: person('h') } });
    expect(ok.body).toEqual({ data: { registerForSession: { status: 'confirmed', alreadyRegistered: false } } });
    expect(ok.text).not.toContain('SECRET');

    const bad = await app.http().post('/graphql').set('accept-language', 'es').send({
      query: mutation,
      variables: { id: session, input: { ...person('i'), email: 'malament' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe('El correo electrónico no tiene un formato válido.');
    expect(bad.body.errors[0].extensions.error.details.errors[0].path).toEqual(['email']);

    const closed = await app.http().post('/graphql').send({ query: mutation, variables: { id: 'doesnotexist', input: person('j') } });
    expect(closed.body.errors[0].message).toContain('No hi ha cap sessió publicada');
  });

  it('never lets anyone read registrations', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ registrations { email } }' });
    expect(res.status).toBe(400);
    expect((await app.http().get('/api/registrations')).status).toBe(403);
    expect((await app.http().get('/api/outbox-messages')).status).toBe(403);
  });
});

describe('sending', () => {
  it('sends messages one after another over one SMTP connection, not one connection each', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de molts correus', startsAt: new Date(Date.now() + 50 * DAY) });
    const opened = smtp.connections;
    const names = ['t1', 't2', 't3', 't4', 't5', 't6'];
    for (const n of names) expect((await register(session, person(n))).status).toBe(201);
    await smtp.waitFor(() => names.every((n) => smtp.to(`persona.${n}@`).length === 1));
    // (Two at most: the pool opens a new connection after 100 messages, which may fall here.)
    expect(smtp.connections - opened).toBeLessThanOrEqual(2);
  });
});

describe('an SMTP outage', () => {
  it('keeps messages in the outbox and delivers each exactly once when the server is back', async () => {
    await smtp.waitFor(() => true);
    const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
    // Let everything queued so far go out first.
    const settle = async () => {
      for (let i = 0; i < 200 && (await outbox.count({ where: { deliveryStatus: { $in: ['pending', 'sending'] } } })) > 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await settle();
    const delivered = smtp.messages.length;
    await smtp.stop();

    const session = await createSession(app.strapi, { title: 'Sessió durant la caiguda', startsAt: new Date(Date.now() + 60 * DAY) });
    for (const n of ['k', 'l', 'm']) expect((await register(session, person(n))).status).toBe(201);
    for (let i = 0; i < 100; i += 1) {
      if ((await outbox.count({ where: { kind: 'confirmation', attempts: { $gte: 1 }, deliveryStatus: 'pending' } })) >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const waiting = await outbox.findMany({ where: { recipient: { $in: ['persona.k@ajuntament.example'] } } });
    expect(waiting[0]).toMatchObject({ deliveryStatus: 'pending' });
    expect(waiting[0].attempts).toBeGreaterThanOrEqual(1);
    expect(waiting[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.messages.length).toBe(delivered);

    await smtp.start();
    await smtp.waitFor(() => ['k', 'l', 'm'].every((n) => smtp.to(`persona.${n}@`).length >= 1));
    await settle();
    for (const n of ['k', 'l', 'm']) expect(smtp.to(`persona.${n}@`)).toHaveLength(1);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await outbox.count({ where: { deliveryStatus: 'sent' } })).toBe(smtp.messages.length);
  });
});

describe('retention', () => {
  it('anonymises registrations of old sessions and keeps their counts', async () => {
    const [old] = await app.strapi.documents('api::session.session').findMany({ locale: 'ca', status: 'published', sort: 'startsAt:asc', limit: 1 });
    await createRegistration(app.strapi, old.documentId, 'confirmed', 'antiga@ajuntament.example');
    const jobs = service(app.strapi, 'api::registration.jobs');
    expect(await jobs.anonymizeOlderThan(24)).toBe(1);
    const rows = await registrationsOf(old.documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ registrationStatus: 'confirmed', fullName: '—', tokenHash: null });
    expect(JSON.stringify(rows)).not.toContain('antiga@');
    expect(await jobs.anonymizeOlderThan(24)).toBe(0);
  });
});

describe('capacity under concurrency', () => {
  it('confirms exactly 50 of 200 simultaneous registrations and waitlists 150', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió molt demanada', startsAt: new Date(Date.now() + 50 * DAY), capacity: 50 });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => register(session, person(`conc${i}`)))
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const rows = await registrationsOf(session);
    expect(rows).toHaveLength(200);
    expect(rows.filter((r) => r.registrationStatus === 'confirmed')).toHaveLength(50);
    expect(rows.filter((r) => r.registrationStatus === 'waitlisted')).toHaveLength(150);
    expect(responses.filter((r) => r.body.data.status === 'confirmed')).toHaveLength(50);
    // The kept seat count matches a recount, and the emails went out: one per person.
    expect(await seats().verify()).toEqual({ ok: true, differences: [] });
    expect(await storedCount(session)).toBe(50);
    const messages = (await app.strapi.db.query('api::outbox-message.outbox-message').findMany({
      select: ['kind', 'recipient'],
      where: { recipient: { $startsWith: 'persona.conc' } },
    })) as { kind: string; recipient: string }[];
    expect(messages.filter((m) => m.kind === 'confirmation')).toHaveLength(50);
    expect(messages.filter((m) => m.kind === 'waitlisted')).toHaveLength(150);
    expect(new Set(messages.map((m) => m.recipient)).size).toBe(200);
  });

  it('writes concurrent registrations of one session together, with one transaction per group', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió en grup', startsAt: new Date(Date.now() + 50 * DAY), capacity: 5 });
    const registrations = service(app.strapi, 'api::registration.registration');
    const input = (n: number) => ({
      fullName: `Persona ${n}`,
      email: `grup.${n}@ajuntament.example`,
      consentVersion: 'v1',
      language: 'ca' as const,
      localEntityName: 'Ajuntament de prova',
    });
    // Twelve people at once, one of them twice: one transaction for the first, one for the rest.
    // The scheduled outbox worker would open transactions of its own meanwhile: it waits.
    app.strapi.cron.stop();
    // (the app runs from dist/: its own module holds the runs in flight)
    const { cronIdle } = appModule<typeof import('../../src/cron/tasks')>('src', 'cron', 'tasks');
    await cronIdle();
    let transactions = 0;
    const countBegins = (query: { sql: string }) => {
      if (/^(begin|start transaction)/i.test(query.sql.trim())) transactions += 1;
    };
    app.strapi.db.connection.client.on('query', countBegins);
    let results;
    try {
      results = await Promise.all([...Array.from({ length: 12 }, (_, n) => registrations.register(session, input(n))), registrations.register(session, input(3))]);
    } finally {
      app.strapi.db.connection.client.removeListener('query', countBegins);
      app.strapi.cron.start();
    }
    expect(results.map((r) => r.status)).toEqual([
      ...Array.from({ length: 5 }, () => 'confirmed'),
      ...Array.from({ length: 7 }, () => 'waitlisted'),
      // The repeat is answered as a newcomer would be (the session is full), not with its own state.
      'waitlisted',
    ]);
    expect(results.map((r) => r.created)).toEqual([...Array.from({ length: 12 }, () => true), false]);
    expect(transactions).toBe(2);
    expect(await registrationsOf(session)).toHaveLength(12);
  });

  it('recounts the seats after an editor changes a registration, and gives a freed seat to the next person', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió editada', startsAt: new Date(Date.now() + 50 * DAY), capacity: 2 });
    for (const n of ['ed1', 'ed2', 'ed3']) expect((await register(session, person(n))).status).toBe(201);
    expect(await storedCount(session)).toBe(2);
    // An editor cancels a confirmed registration in the admin (the Document Service): the count is dropped…
    const [first] = (await app.strapi.db.query('api::registration.registration').findMany({
      where: { session: { documentId: session }, email: person('ed1').email },
    })) as { documentId: string }[];
    await app.strapi.documents('api::registration.registration').update({ documentId: first.documentId, data: { registrationStatus: 'cancelled' } });
    expect(await storedCount(session)).toBeNull();
    // …and the next registration recounts: one seat is free.
    const next = await register(session, person('ed4'));
    expect(next.body.data.status).toBe('confirmed');
    expect(await storedCount(session)).toBe(2);
    expect((await register(session, person('ed5'))).body.data.status).toBe('waitlisted');
    expect(await seats().verify()).toEqual({ ok: true, differences: [] });
  });
});

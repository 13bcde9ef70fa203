import type { ParsedMail } from 'mailparser';
import { DAY, createRegistration, createSession, onTheHour } from '../helpers/fixtures';
import { startPublicApp } from '../helpers/public-app';
import type { TestSmtp } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';
import { service } from '../../src/utils/services';
import { drainOutbox } from '../helpers/outbox';

/**
 * Alerts of new sessions (issue 17) through the real site, outbox and a loopback SMTP server:
 * double opt-in, one alert per first publication, one-click unsubscribe (RFC 8058) that deletes
 * the address, the List-Unsubscribe headers on the session-change messages too, bad input refused
 * with nothing written, and no subscriber address in any public answer.
 */
let app: TestApp;
let base: string;
let smtp: TestSmtp;
const UID = 'api::alert-subscription.alert-subscription';
const subscriptions = () => app.strapi.db.query(UID);
const outboxCount = () => app.strapi.db.query('api::outbox-message.outbox-message').count();

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const subscribe = (language: 'ca' | 'es', fields: Record<string, string>) =>
  app.http().post(`/${language}/alerts`).set('content-type', 'application/x-www-form-urlencoded').send(form(fields));

/** The first link in a message's text that starts with `prefix`. */
const linkIn = (mail: ParsedMail, prefix: string): string => {
  const found = (mail.text ?? '').match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(`${base}${prefix}`));
  if (found === undefined) throw new Error(`No ${prefix} link in: ${mail.text}`);
  return found;
};

/** A path and query of this app from an absolute URL of it. */
const local = (url: string) => url.slice(base.length);

/** A header of a message as it was sent (mailparser folds List-* headers into an object of its own). */
const rawHeader = (mail: ParsedMail, name: string): string | undefined => {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
};

/** The List-Unsubscribe URL of a message (between angle brackets). */
const listUnsubscribe = (mail: ParsedMail): string => {
  const value = rawHeader(mail, 'List-Unsubscribe') ?? '';
  const match = /<([^>]+)>/.exec(value);
  if (match === null) throw new Error(`No List-Unsubscribe URL in ${value}`);
  return match[1];
};

const oneClick = (url: string) =>
  app.http().post(local(url)).set('content-type', 'application/x-www-form-urlencoded').send('List-Unsubscribe=One-Click');

/** Subscribes and confirms `email` through the site as a person would; returns the confirmation message. */
const subscribeAndConfirm = async (email: string, language: 'ca' | 'es') => {
  expect((await subscribe(language, { email, language, consent: 'on' })).status).toBe(200);
  await smtp.waitFor(() => smtp.to(email).length === 1);
  const confirmation = smtp.to(email)[0];
  const url = linkIn(confirmation, `/${language}/alerts/confirm`);
  expect((await app.http().post(local(url))).status).toBe(200);
  return confirmation;
};

const upcoming = (days: number) => onTheHour(days * DAY);

beforeAll(async () => {
  ({ app, base, smtp } = await startPublicApp({ smtp: true, env: { RATE_LIMIT_ALERTS_POINTS: '1000', SESSION_CHANGE_QUIET_MINUTES: '10' } }));
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('alerts of new sessions', () => {
  it('are double opt-in: the form sends a confirmation link, and only a confirmed address gets alerts', async () => {
    const page = await app.http().get('/ca/alerts');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form class="alerts-form" method="post" action="/ca/alerts"');

    const sent = await subscribe('ca', { email: 'Pendent@Ajuntament.example', language: 'es', consent: 'on' });
    expect(sent.status).toBe(200);
    expect(sent.headers['cache-control']).toBe('no-store');
    expect(sent.text).toContain('Mireu el vostre correu');
    const [row] = await subscriptions().findMany({ where: { email: 'pendent@ajuntament.example' } });
    expect(row).toMatchObject({ language: 'es', confirmedAt: null });
    await smtp.waitFor(() => smtp.to('pendent@ajuntament.example').length === 1);
    const confirmation = smtp.to('pendent@ajuntament.example')[0];
    expect(confirmation.subject).toBe('Confirme los avisos de nuevas sesiones del Dijous GOmunicipal');
    const confirmUrl = linkIn(confirmation, '/es/alerts/confirm');

    // Not confirmed yet: a new session alerts nobody.
    await createSession(app.strapi, { title: 'Sessió abans de confirmar', startsAt: upcoming(30) });
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { kind: 'new-session' } })).toBe(0);

    // Opening the link shows a button (a mail scanner's GET confirms nothing); the button confirms.
    const opened = await app.http().get(local(confirmUrl));
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.text).toContain('Confirmar los avisos');
    expect((await subscriptions().findOne({ where: { id: row.id } })).confirmedAt).toBeNull();
    const confirmed = await app.http().post(local(confirmUrl));
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Avisos confirmados');
    expect((await subscriptions().findOne({ where: { id: row.id } })).confirmedAt).not.toBeNull();
    // Again: still confirmed, nothing else changes.
    expect((await app.http().post(local(confirmUrl))).status).toBe(200);

    const session = await createSession(app.strapi, { title: 'Sessió després de confirmar', titleEs: 'Sesión después de confirmar', startsAt: upcoming(40) });
    await smtp.waitFor(() => smtp.to('pendent@ajuntament.example').length === 2);
    const alert = smtp.to('pendent@ajuntament.example')[1];
    expect(alert.subject).toBe('Nueva sesión del Dijous GOmunicipal: Sesión después de confirmar');
    expect(alert.text).toContain(`${base}/register/?session=${session}&lang=es`);
    expect(rawHeader(alert, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(listUnsubscribe(alert)).toBe(linkIn(alert, '/es/unsubscribe'));
  });

  it('an expired confirmation link is refused and the retention clean-up deletes the address', async () => {
    expect((await subscribe('ca', { email: 'tard@ajuntament.example', consent: 'on' })).status).toBe(200);
    await smtp.waitFor(() => smtp.to('tard@ajuntament.example').length === 1);
    const url = linkIn(smtp.to('tard@ajuntament.example')[0], '/ca/alerts/confirm');
    const [row] = await subscriptions().findMany({ where: { email: 'tard@ajuntament.example' } });
    await subscriptions().update({ where: { id: row.id }, data: { confirmationSentAt: new Date(Date.now() - 49 * 3600000) } });
    const late = await app.http().post(local(url));
    expect(late.status).toBe(410);
    expect(late.text).toContain('L&#39;enllaç ha caducat');
    expect(await subscriptions().count({ where: { id: row.id, confirmedAt: { $notNull: true } } })).toBe(0);
    expect(await service(app.strapi, 'api::alert-subscription.alerts').purgeUnconfirmed()).toBe(1);
    expect(await subscriptions().count({ where: { email: 'tard@ajuntament.example' } })).toBe(0);
  });

  it('send one alert per first publication: not again on unpublish and publish, edits or a past session', async () => {
    await subscribeAndConfirm('una@ajuntament.example', 'ca');
    const before = smtp.to('una@ajuntament.example').length;
    const session = await createSession(app.strapi, { title: 'Una sola alerta', startsAt: upcoming(50) });
    await smtp.waitFor(() => smtp.to('una@ajuntament.example').length === before + 1);
    const alert = smtp.to('una@ajuntament.example')[before];
    expect(alert.subject).toBe('Nova sessió del Dijous GOmunicipal: Una sola alerta');
    expect(alert.text).toMatch(/(de \d\d|d’\d\d):\d\d a \d\d:\d\d/);

    const sessions = app.strapi.documents('api::session.session');
    await sessions.unpublish({ documentId: session, locale: 'ca' });
    await sessions.publish({ documentId: session, locale: 'ca' });
    await sessions.update({ documentId: session, locale: 'ca', data: { title: 'Una sola alerta (retocada)' } as never });
    await sessions.publish({ documentId: session, locale: 'ca' });
    await createSession(app.strapi, { title: 'Ja feta', startsAt: new Date(Date.now() - 3 * DAY), eventStatus: 'held' });
    await createSession(app.strapi, { title: 'Esborrany', startsAt: upcoming(60), publish: false });
    // Whatever was written has gone.
    await drainOutbox(app.strapi);
    expect(smtp.to('una@ajuntament.example').filter((mail) => mail.subject?.startsWith('Nova sessió'))).toHaveLength(1);
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { dedupeKey: { $startsWith: `new-session:${session}:` } } })).toBe(
      await subscriptions().count({ where: { confirmedAt: { $notNull: true } } })
    );
  });

  it('one-click unsubscribe (POST to the List-Unsubscribe URL) deletes the address, idempotently, and stops the alerts', async () => {
    await subscribeAndConfirm('baixa@ajuntament.example', 'ca');
    await createSession(app.strapi, { title: 'Abans de la baixa', startsAt: upcoming(70) });
    await smtp.waitFor(() => smtp.to('baixa@ajuntament.example').some((mail) => mail.subject?.includes('Abans de la baixa')));
    const alert = smtp.to('baixa@ajuntament.example').find((mail) => mail.subject?.includes('Abans de la baixa')) as ParsedMail;
    const url = listUnsubscribe(alert);

    // The page (GET) asks; it deletes nothing.
    const page = await app.http().get(local(url));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dona&#39;m de baixa');
    expect(await subscriptions().count({ where: { email: 'baixa@ajuntament.example' } })).toBe(1);

    const done = await oneClick(url);
    expect(done.status).toBe(200);
    expect(done.text).toContain('hem esborrat la vostra adreça');
    expect(await subscriptions().count({ where: { email: 'baixa@ajuntament.example' } })).toBe(0);
    expect((await oneClick(url)).status).toBe(200);

    const count = smtp.to('baixa@ajuntament.example').length;
    await createSession(app.strapi, { title: 'Després de la baixa', startsAt: upcoming(80) });
    await drainOutbox(app.strapi);
    expect(smtp.to('baixa@ajuntament.example')).toHaveLength(count);
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { recipient: 'baixa@ajuntament.example', deliveryStatus: 'pending' } })).toBe(0);
  });

  it('say the same to a known and an unknown address, and do not resend a pending link at once', async () => {
    await subscribeAndConfirm('ja-sabuda@ajuntament.example', 'ca');
    const messages = smtp.to('ja-sabuda@ajuntament.example').length;
    const known = await subscribe('ca', { email: 'ja-sabuda@ajuntament.example', consent: 'on' });
    const unknown = await subscribe('ca', { email: 'mai-vista@ajuntament.example', consent: 'on' });
    const again = await subscribe('ca', { email: 'mai-vista@ajuntament.example', consent: 'on' });
    expect([known.status, unknown.status, again.status]).toEqual([200, 200, 200]);
    expect(known.text).toBe(unknown.text);
    expect(again.text).toBe(unknown.text);
    await smtp.waitFor(() => smtp.to('mai-vista@ajuntament.example').length === 1);
    await drainOutbox(app.strapi);
    expect(smtp.to('mai-vista@ajuntament.example')).toHaveLength(1);
    expect(smtp.to('ja-sabuda@ajuntament.example')).toHaveLength(messages);
  });

  it('refuse bad input with a 400 page naming the problem in the page’s language, writing nothing', async () => {
    const rows = await subscriptions().count();
    const messages = await outboxCount();
    const cases: [string, 'ca' | 'es', Record<string, string>, string, string | undefined][] = [
      ['no consent', 'ca', { email: 'sense@consentiment.example' }, "Cal acceptar que desem l'adreça", 'consent'],
      ['no consent (es)', 'es', { email: 'sin@consentimiento.example' }, 'Hay que aceptar que guardemos la dirección', 'consent'],
      ['bad email', 'ca', { email: 'no-es-un-correu', consent: 'on' }, 'El correu electrònic no té un format vàlid.', 'email'],
      ['missing email', 'es', { consent: 'on' }, 'Hay que indicar el correo electrónico.', 'email'],
      ['unknown field', 'ca', { email: 'camp@extra.example', consent: 'on', admin: 'true' }, 'Camp desconegut «admin».', undefined],
      ['bad language', 'ca', { email: 'idioma@extra.example', consent: 'on', language: 'fr' }, "L'idioma ha de ser ca o es.", undefined],
      ['honeypot', 'ca', { email: 'robot@extra.example', consent: 'on', website: 'http://spam.example' }, "No s'ha pogut acceptar el formulari.", 'email'],
    ];
    for (const [name, language, fields, message, field] of cases) {
      const res = await subscribe(language, fields);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.headers['content-type']).toContain('text/html');
      // The summary on top names the problem, and links to the field, which says it is invalid.
      expect({ name, has: res.text.includes(message.replace(/'/g, '&#39;')) }).toEqual({ name, has: true });
      if (field !== undefined) expect({ name, invalid: new RegExp(`id="${field}"[^>]*aria-invalid="true"`).test(res.text) }).toEqual({ name, invalid: true });
    }
    // A JSON body that is not an object, and a body too odd to be a form.
    expect((await app.http().post('/ca/alerts').set('content-type', 'application/json').send('[1,2]')).status).toBe(400);

    // Links that are not ours: a changed token, another record's id, an unknown list.
    const [row] = await subscriptions().findMany({ where: { confirmedAt: { $notNull: true } }, limit: 1 });
    const forged = `token=${'A'.repeat(43)}`;
    expect((await app.http().get(`/ca/alerts/confirm?id=${row.documentId}&${forged}`)).status).toBe(400);
    expect((await app.http().post(`/ca/alerts/confirm?id=${row.documentId}&${forged}`)).status).toBe(400);
    expect((await app.http().get(`/ca/unsubscribe?list=alerts&id=${row.documentId}&${forged}`)).status).toBe(400);
    expect((await app.http().post(`/ca/unsubscribe?list=alerts&id=${row.documentId}&${forged}`)).status).toBe(400);
    expect((await app.http().post(`/es/unsubscribe?list=everything&id=${row.documentId}&${forged}`)).text).toContain('Este enlace no es válido');
    expect((await app.http().post('/ca/unsubscribe')).status).toBe(400);

    expect(await subscriptions().count()).toBe(rows);
    expect(await outboxCount()).toBe(messages);
  });

  it('are rate-limited per address like the other forms, with a page that says so', async () => {
    app.strapi.config.set('rate-limits.alertSubscription', { points: 2, seconds: 600 });
    try {
      expect((await subscribe('ca', { email: 'limit1@ajuntament.example', consent: 'on' })).status).toBe(200);
      expect((await subscribe('ca', { email: 'limit2@ajuntament.example', consent: 'on' })).status).toBe(200);
      const refused = await subscribe('es', { email: 'limit3@ajuntament.example', consent: 'on' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('Demasiadas peticiones');
      expect(await subscriptions().count({ where: { email: 'limit3@ajuntament.example' } })).toBe(0);
    } finally {
      app.strapi.config.set('rate-limits.alertSubscription', { points: 1000, seconds: 600 });
    }
  });
});

describe('messages about a session someone registered for', () => {
  it('carry the List-Unsubscribe headers; one click stops them for that registration, which stands', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió amb avisos', startsAt: upcoming(25), capacity: 10, meetingUrl: 'https://teams.example/meet/a' });
    await createRegistration(app.strapi, session, 'confirmed', 'continua@ajuntament.example');
    const { documentId: leaves } = await createRegistration(app.strapi, session, 'confirmed', 'prou@ajuntament.example');
    const changes = service(app.strapi, 'api::session.changes');
    const sessions = app.strapi.documents('api::session.session');
    const later = () => new Date(Date.now() + 11 * 60000);

    await sessions.update({ documentId: session, locale: 'ca', data: { meetingUrl: 'https://teams.example/meet/b' } as never });
    await sessions.publish({ documentId: session, locale: 'ca' });
    expect(await changes.sendDue(later())).toBe(2);
    await smtp.waitFor(() => smtp.to('prou@ajuntament.example').length === 1 && smtp.to('continua@ajuntament.example').length === 1);
    const first = smtp.to('prou@ajuntament.example')[0];
    expect(first.subject).toBe('Canvis a la sessió: Sessió amb avisos');
    expect(rawHeader(first, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = listUnsubscribe(first);
    expect(url).toContain('list=updates');
    expect(first.text).toContain(url);

    const done = await oneClick(url);
    expect(done.status).toBe(200);
    expect(done.text).toContain('La inscripció es manté');
    const registration = await app.strapi.db.query('api::registration.registration').findOne({ where: { documentId: leaves } });
    expect(registration).toMatchObject({ registrationStatus: 'confirmed' });
    expect(registration.updatesStoppedAt).not.toBeNull();

    await sessions.update({ documentId: session, locale: 'ca', data: { meetingUrl: 'https://teams.example/meet/c' } as never });
    await sessions.publish({ documentId: session, locale: 'ca' });
    expect(await changes.sendDue(later())).toBe(1);
    await smtp.waitFor(() => smtp.to('continua@ajuntament.example').length === 2);
    await drainOutbox(app.strapi);
    expect(smtp.to('prou@ajuntament.example')).toHaveLength(1);
  });
});

describe('privacy', () => {
  it('no subscriber address reaches any public answer (canary)', async () => {
    const canary = 'canari-avisos-5d1e@ajuntament.example';
    await subscribeAndConfirm(canary, 'es');
    const session = await createSession(app.strapi, { title: 'Sessió canària', startsAt: upcoming(90) });
    await smtp.waitFor(() => smtp.to(canary).length === 2);
    const [slugged] = await app.strapi.db.query('api::session.session').findMany({ select: ['slug'], where: { documentId: session }, limit: 1 });
    const paths = [
      '/ca/', '/es/', '/ca/alerts', '/es/alerts', '/ca/results', `/ca/sessions/${slugged.slug}`, '/ca/feed.xml', '/es/feed.xml', '/sitemap.xml',
      '/ca/opendata', '/opendata/catalog.ttl', '/opendata/catalog.jsonld', '/api/calendar.ics', '/api/sessions?populate=*', '/api/sessions/upcoming',
      '/api/alert-subscriptions', '/api/openapi.json', '/api/schema.graphql',
    ];
    for (const path of paths) {
      const res = await app.http().get(path);
      expect({ path, leaked: res.text.includes('canari-avisos') }).toEqual({ path, leaked: false });
    }
    expect((await app.http().get('/api/alert-subscriptions')).status).toBeGreaterThanOrEqual(400);
    const graphql = await app.http().post('/graphql').send({ query: '{ __schema { queryType { fields { name } } } }' });
    expect(JSON.stringify(graphql.body)).not.toMatch(/alertSubscription/i);
    const attempt = await app.http().post('/graphql').send({ query: '{ alertSubscriptions { email } }' });
    expect(attempt.status).toBe(400);
    expect(JSON.stringify(attempt.body)).not.toContain('canari');
  });
});

import { freePort } from '../helpers/browser';
import { startChildApp, type ChildApp } from '../helpers/child';
import { DAY, createSession } from '../helpers/fixtures';
import { TestSmtp } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';
import { service } from '../../src/utils/services';

// PostgreSQL only (jest.config.js runs *.pg.test.ts when DATABASE_CLIENT=postgres): two app
// processes, both running the scheduled task that sends session changes, and this one also
// sending by hand at the same time; each change reaches each person once (issue 17).
let app: TestApp;
let second: ChildApp;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = new TestSmtp(await freePort());
  await smtp.start();
  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    OUTBOX_INTERVAL_SECONDS: '1',
    CRON_TASKS: 'outbox,sessionChanges',
    SESSION_CHANGES_INTERVAL_SECONDS: '2',
    SESSION_CHANGE_QUIET_MINUTES: '0',
    RATE_LIMIT_REGISTRATION_POINTS: '100000',
  });
  second = await startChildApp(app.env, await freePort());
}, 120000);

afterAll(async () => {
  await second?.stop();
  await app?.stop();
  await smtp?.stop();
});

it('sends each change exactly once per person with two processes', async () => {
  const startsAt = new Date(Date.now() + 30 * DAY);
  const session = await createSession(app.strapi, { title: 'Sessió de dos processos', startsAt, capacity: 10 });
  for (let i = 0; i < 16; i += 1) {
    const res = await app
      .http()
      .post(`/api/sessions/${session}/registrations`)
      .send({ fullName: `Persona ${i}`, email: `p${i}@dos-avisos.example`, localEntity: '080193', consent: true });
    expect(res.status).toBe(201);
  }
  await smtp.waitFor((messages) => messages.length === 16, 60000);

  const documents = app.strapi.documents('api::session.session');
  const changes = service(app.strapi, 'api::session.changes');
  const change = async (data: Record<string, unknown>) => {
    await documents.update({ documentId: session, locale: 'ca', data: data as never });
    await documents.publish({ documentId: session, locale: 'ca' });
    // This process sends by hand, three times at once, while both schedulers run.
    await Promise.all([changes.sendDue(), changes.sendDue(), changes.sendDue()]);
  };

  await change({ startsAt: new Date(startsAt.getTime() + DAY).toISOString() });
  await smtp.waitFor((messages) => messages.length >= 32, 60000);
  await change({ eventStatus: 'cancelled' });
  await smtp.waitFor((messages) => messages.length >= 48, 60000);
  // Long enough for both schedulers (every 2 s) to have run twice more.
  await new Promise((resolve) => setTimeout(resolve, 4500));

  for (let i = 0; i < 16; i += 1) {
    const subjects = smtp.to(`p${i}@dos-avisos.example`).map((m) => m.subject);
    expect(subjects.filter((s) => s?.startsWith('Canvis a la sessió'))).toHaveLength(1);
    expect(subjects.filter((s) => s?.startsWith('Sessió cancel·lada'))).toHaveLength(1);
  }
  expect(smtp.messages).toHaveLength(48);
  const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
  expect(await outbox.count({ where: { kind: { $in: ['session-changed', 'session-cancelled'] } } })).toBe(32);
}, 180000);

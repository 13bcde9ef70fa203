import supertest from 'supertest';
import { freePort } from '../helpers/browser';
import { startChildApp, type ChildApp } from '../helpers/child';
import { DAY, createSession } from '../helpers/fixtures';
import { outboxSettled } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';

// PostgreSQL only (jest.config.js runs *.pg.test.ts when DATABASE_CLIENT=postgres): two app
// processes on one database, as a deployment behind a load balancer runs.
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
    OUTBOX_BATCH_SIZE: '25',
    RATE_LIMIT_REGISTRATION_POINTS: '100000',
  });
  second = await startChildApp(app.env, await freePort());
});

afterAll(async () => {
  await second?.stop();
  await app?.stop();
  await smtp?.stop();
});

it('keeps capacity and sends every email exactly once with two processes', async () => {
  const session = await createSession(app.strapi, { title: 'Sessió compartida', startsAt: new Date(Date.now() + 30 * DAY), capacity: 50 });
  const person = (i: number) => ({ fullName: `Persona ${i}`, email: `p${i}@dos.example`, localEntity: '080193', consent: true });
  const path = `/api/sessions/${session}/registrations`;
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? app.http().post(path).send(person(i)) : supertest(second.url).post(path).send(person(i))
    )
  );
  expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  const rows = (await app.strapi.db.query('api::registration.registration').findMany({
    where: { session: { documentId: session } },
  })) as { registrationStatus: string }[];
  expect(rows.filter((r) => r.registrationStatus === 'confirmed')).toHaveLength(50);
  expect(rows.filter((r) => r.registrationStatus === 'waitlisted')).toHaveLength(150);

  // Both processes run the outbox worker; each of the 200 emails arrives once.
  await smtp.waitFor((messages) => messages.length >= 200, 60000);
  await outboxSettled(app.strapi);
  const recipients = smtp.messages.map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
  expect(recipients).toHaveLength(200);
  expect(new Set(recipients).size).toBe(200);
  const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
  expect(await outbox.count({ where: { deliveryStatus: 'sent' } })).toBe(200);
});

import supertest from 'supertest';
import { freePort } from '../helpers/browser';
import { startChildApp, type ChildApp } from '../helpers/child';
import { DAY, createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

// PostgreSQL only: two app processes on one database share the cache's invalidations through
// Redis (127.0.0.1:6379); each keeps its answers in its own memory.
let app: TestApp;
let second: ChildApp;
let session: string;
const PORTAL = `/graphql?query=${encodeURIComponent('{ upcomingSessions(limit: 10) { documentId title seatsLeft } }')}`;
type Portal = { data: { upcomingSessions: { documentId: string; title: string; seatsLeft: number | null }[] } };
const mine = (body: Portal) => body.data.upcomingSessions.find((s) => s.documentId === session);

beforeAll(async () => {
  app = await startApp({ REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_REGISTRATION_POINTS: '1000' });
  second = await startChildApp(app.env, await freePort());
  session = await createSession(app.strapi, { title: 'Sessió compartida', startsAt: new Date(Date.now() + 9 * DAY), capacity: 30 });
});

afterAll(async () => {
  await second?.stop();
  await app?.stop();
});

const warm = async (get: () => supertest.Test) => {
  await get();
  const res = await get();
  expect(res.headers['x-cache']).toBe('HIT');
  return res;
};

it('serves the change made in one process at once from the other', async () => {
  const fromSecond = () => supertest(second.url).get(PORTAL);
  const fromFirst = () => app.http().get(PORTAL);
  expect(mine((await warm(fromSecond)).body)?.title).toBe('Sessió compartida');
  await warm(fromFirst);

  const sessions = app.strapi.documents('api::session.session');
  await sessions.update({ documentId: session, locale: 'ca', data: { title: 'Sessió editada' } });
  await sessions.publish({ documentId: session, locale: 'ca' });
  const afterEdit = await fromSecond();
  expect(afterEdit.headers['x-cache']).toBe('MISS');
  expect(mine(afterEdit.body)?.title).toBe('Sessió editada');
  expect(mine((await fromFirst()).body)?.title).toBe('Sessió editada');

  // A registration taken by the second process changes the seats the first one shows.
  const seatsBefore = mine((await warm(fromFirst)).body)?.seatsLeft;
  const registered = await supertest(second.url)
    .post(`/api/sessions/${session}/registrations`)
    .send({ fullName: 'Pere Compartit', email: 'pere@redis.example', localEntity: '080193', consent: true });
  expect(registered.status).toBe(201);
  expect(mine((await fromFirst()).body)?.seatsLeft).toBe((seatsBefore ?? 0) - 1);

  await warm(fromSecond);
  await sessions.unpublish({ documentId: session, locale: 'ca' });
  expect(mine((await fromSecond()).body)).toBeUndefined();
});

it('keeps the REST lists of both processes fresh too', async () => {
  const url = '/api/sessions/upcoming?limit=10';
  await warm(() => supertest(second.url).get(url));
  const added = await createSession(app.strapi, { title: 'Sessió nova compartida', startsAt: new Date(Date.now() + 11 * DAY) });
  const res = await supertest(second.url).get(url);
  expect(res.body.data.map((s: { documentId: string }) => s.documentId)).toContain(added);
});

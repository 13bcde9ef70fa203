import { DAY, createMaterial, createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

// The server-side cache of anonymous portal reads, in one process (no Redis): hits, invalidation
// on every kind of change, the TTL, and what it must never store or serve.
let app: TestApp;
let next: string;
const CANARY = 'https://teams.example/l/meetup-join/CANARY-cache';
const PORTAL = '{ upcomingSessions(limit: 10) { documentId title seatsLeft materials { title } } }';
const portalByGet = () => app.http().get(`/graphql?query=${encodeURIComponent(PORTAL)}`);
const titles = (res: { body: { data: { upcomingSessions: { title: string }[] } } }) =>
  res.body.data.upcomingSessions.map((s) => s.title);

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_REGISTRATION_POINTS: '1000' });
  next = await createSession(app.strapi, {
    title: 'Sessió en memòria',
    titleEs: 'Sesión en memoria',
    startsAt: new Date(Date.now() + 10 * DAY),
    capacity: 20,
    meetingUrl: CANARY,
  });
});

afterAll(async () => {
  await app?.stop();
});

afterEach(() => {
  app.strapi.config.set('portal.cacheMaxAge', 60);
});

it('answers the second identical anonymous read from the cache, byte for byte, per language', async () => {
  const first = await app.http().get('/api/sessions/upcoming?limit=10');
  expect(first.status).toBe(200);
  expect(first.headers['x-cache']).toBe('MISS');
  const second = await app.http().get('/api/sessions/upcoming?limit=10');
  expect(second.headers['x-cache']).toBe('HIT');
  expect(second.text).toBe(first.text);
  expect(second.headers['content-type']).toBe(first.headers['content-type']);
  expect(second.headers['cache-control']).toBe('public, max-age=60');
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.text).not.toContain('CANARY');

  // A hit honours If-None-Match, and CORS headers are the caller's, not the first caller's.
  const conditional = await app.http().get('/api/sessions/upcoming?limit=10').set('if-none-match', first.headers.etag);
  expect(conditional.status).toBe(304);
  const cors = await app.http().get('/api/sessions/upcoming?limit=10').set('origin', 'https://portal.example');
  expect(cors.headers['x-cache']).toBe('HIT');
  expect(cors.headers['access-control-allow-origin']).toBe('https://portal.example');

  // Another locale, or another Accept-Language, is another entry.
  const spanish = await app.http().get('/api/sessions/upcoming?limit=10&locale=es');
  expect(spanish.headers['x-cache']).toBe('MISS');
  expect(spanish.body.data[0].title).toBe('Sesión en memoria');
  expect((await app.http().get('/api/sessions/upcoming?limit=10&locale=es')).headers['x-cache']).toBe('HIT');
  const byHeader = () => app.http().get('/api/sessions/upcoming?limit=10').set('accept-language', 'es-ES,es;q=0.9');
  expect((await byHeader()).headers['x-cache']).toBe('MISS');
  expect((await byHeader()).headers['x-cache']).toBe('HIT');

  const graphqlFirst = await portalByGet();
  const graphqlSecond = await portalByGet();
  expect([graphqlFirst.headers['x-cache'], graphqlSecond.headers['x-cache']]).toEqual(['MISS', 'HIT']);
  expect(graphqlSecond.text).toBe(graphqlFirst.text);
});

it('serves fresh answers at once after a publish, an edit, a new material and an unpublish', async () => {
  await portalByGet();
  expect((await portalByGet()).headers['x-cache']).toBe('HIT');

  const added = await createSession(app.strapi, { title: 'Sessió afegida', startsAt: new Date(Date.now() + 12 * DAY) });
  const afterPublish = await portalByGet();
  expect(afterPublish.headers['x-cache']).toBe('MISS');
  expect(titles(afterPublish)).toContain('Sessió afegida');

  const sessions = app.strapi.documents('api::session.session');
  await sessions.update({ documentId: added, locale: 'ca', data: { title: 'Sessió reanomenada' } });
  await sessions.publish({ documentId: added, locale: 'ca' });
  const afterEdit = await portalByGet();
  expect(titles(afterEdit)).toContain('Sessió reanomenada');
  expect(titles(afterEdit)).not.toContain('Sessió afegida');

  await createMaterial(app.strapi, added, 'Diapositives noves', 'https://example.org/slides.pdf');
  const afterMaterial = await portalByGet();
  const withMaterial = afterMaterial.body.data.upcomingSessions.find((s: { documentId: string }) => s.documentId === added);
  expect(withMaterial.materials.map((m: { title: string }) => m.title)).toEqual(['Diapositives noves']);

  await sessions.unpublish({ documentId: added, locale: 'ca' });
  const afterUnpublish = await portalByGet();
  expect(titles(afterUnpublish)).not.toContain('Sessió reanomenada');
  const rest = await app.http().get('/api/sessions/upcoming?limit=10');
  expect(rest.body.data.map((s: { title: string }) => s.title)).not.toContain('Sessió reanomenada');
});

it('shows the seats a registration or a cancellation changed', async () => {
  const seats = async () =>
    (await portalByGet()).body.data.upcomingSessions.find((s: { documentId: string }) => s.documentId === next).seatsLeft;
  const before = await seats();
  expect((await portalByGet()).headers['x-cache']).toBe('HIT');
  const registered = await app
    .http()
    .post(`/api/sessions/${next}/registrations`)
    .send({ fullName: 'Anna Memòria', email: 'anna@cache.example', localEntity: '080193', consent: true });
  expect(registered.status).toBe(201);
  expect(await seats()).toBe(before - 1);

  const row = (await app.strapi.db.query('api::registration.registration').findOne({ where: { email: 'anna@cache.example' } })) as {
    id: number;
  };
  await app.strapi.db.query('api::registration.registration').update({ where: { id: row.id }, data: { registrationStatus: 'cancelled' } });
  expect(await seats()).toBe(before);
});

it('forgets an answer when its time to live has passed', async () => {
  app.strapi.config.set('portal.cacheMaxAge', 1);
  const url = '/api/sessions/past?limit=3';
  expect((await app.http().get(url)).headers['x-cache']).toBe('MISS');
  expect((await app.http().get(url)).headers['x-cache']).toBe('HIT');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect((await app.http().get(url)).headers['x-cache']).toBe('MISS');
});

it('neither reads nor fills the cache for authenticated requests', async () => {
  const token = await app.strapi
    .service('admin::api-token')
    .create({ name: 'cache test', type: 'full-access', lifespan: null, description: '' });
  const url = '/api/sessions/upcoming?limit=7';
  const authed = await app.http().get(url).set('authorization', `Bearer ${token.accessKey}`);
  expect(authed.status).toBe(200);
  expect(authed.headers['x-cache']).toBeUndefined();
  expect(authed.headers['cache-control']).toBe('no-store');
  // The authenticated answer was not stored for anonymous callers.
  expect((await app.http().get(url)).headers['x-cache']).toBe('MISS');
  // An anonymous entry is not served to an authenticated caller either.
  expect((await app.http().get(url).set('authorization', `Bearer ${token.accessKey}`)).headers['x-cache']).toBeUndefined();
  const wrongToken = await app.http().get(url).set('authorization', 'Bearer not-a-token');
  expect(wrongToken.status).toBe(401);
});

it('never stores errors, POSTs, or GraphQL queries outside the public content', async () => {
  // Asked twice, each answered by the app (status shown), never by the cache.
  const twice = async (path: string) => {
    const answers = [await app.http().get(path), await app.http().get(path)];
    return answers.map((r) => `${r.status} ${r.headers['x-cache'] === 'HIT' ? 'HIT' : 'app'}`);
  };
  expect(await twice('/api/sessions/upcoming?limit=500')).toEqual(['400 app', '400 app']);
  expect(await twice('/api/sessions/upcoming?status=draft')).toEqual(['400 app', '400 app']);
  const eligibility = `/graphql?query=${encodeURIComponent('{ eligibility(ineCode: "080193") { eligible } }')}`;
  expect(await twice(eligibility)).toEqual(['200 app', '200 app']);
  const mixed = `/graphql?query=${encodeURIComponent('{ upcomingSessions { title } proposedTopics { title } }')}`;
  expect(await twice(mixed)).toEqual(['200 app', '200 app']);
  const broken = `/graphql?query=${encodeURIComponent('{ upcomingSessions { meetingUrl } }')}`;
  expect(await twice(broken)).toEqual(['400 app', '400 app']);

  const post = () => app.http().post('/graphql').set('content-type', 'application/json').send({ query: PORTAL });
  const posts = [await post(), await post()];
  expect(posts.map((r) => r.status)).toEqual([200, 200]);
  expect(posts.map((r) => r.headers['x-cache'])).toEqual([undefined, undefined]);
  expect(posts[1].headers['cache-control']).toBe('no-store');
});

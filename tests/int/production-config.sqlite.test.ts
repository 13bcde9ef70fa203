import { startApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

// A production start with an origin allowlist, as a provincial deployment would run it.
beforeAll(async () => {
  app = await startApp({
    NODE_ENV: 'production',
    CORS_ORIGINS: 'https://governobert.diba.example,https://www.ajuntament.example',
    RATE_LIMIT_REGISTRATION_POINTS: '3',
    RATE_LIMIT_REGISTRATION_SECONDS: '600',
  });
});

afterAll(async () => {
  await app?.stop();
});

describe('CORS_ORIGINS', () => {
  it('allows the listed origins only, for REST and GraphQL', async () => {
    const allowed = await app.http().get('/api/sessions/upcoming').set('origin', 'https://www.ajuntament.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.ajuntament.example');

    const other = await app.http().get('/api/sessions/upcoming').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeFalsy();

    const preflight = await app
      .http()
      .options('/graphql')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeFalsy();

    const graphql = await app
      .http()
      .get(`/graphql?query=${encodeURIComponent('{ pastSessions(limit: 1) { title } }')}`)
      .set('origin', 'https://governobert.diba.example');
    expect(graphql.status).toBe(200);
    expect(graphql.headers['access-control-allow-origin']).toBe('https://governobert.diba.example');
  });
});

describe('errors in production', () => {
  it('carry a message a portal developer can act on, and never a stack trace', async () => {
    const cases = [
      () => app.http().post('/graphql').send({ query: '{ sessions { meetingUrl } }' }),
      () => app.http().post('/graphql').send({ query: '{ pastSessions(limit: 1000) { title } }' }),
      () => app.http().post('/graphql').send({ query: '{ sessions(status: DRAFT) { title } }' }),
      () => app.http().get('/api/sessions/past?year=abc'),
    ];
    for (const send of cases) {
      const res = await send();
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/stacktrace|\bat [A-Za-z.]+ \(/);
      const message = res.body.errors?.[0]?.message ?? res.body.error?.message;
      expect(typeof message).toBe('string');
      expect(message.length).toBeGreaterThan(10);
    }
  });
});

describe('per-IP rate limit on registration', () => {
  it('answers 429 with Retry-After beyond the configured number, over REST and GraphQL alike', async () => {
    const [held] = await app.strapi
      .documents('api::session.session')
      .findMany({ locale: 'ca', status: 'published', limit: 1 });
    const attempt = () =>
      app.http().post(`/api/sessions/${held.documentId}/registrations`).set('accept-language', 'es').send({});
    // Counted before the body is read: bad requests use up the allowance too.
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(400);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(500);
    expect(limited.body.error.message).toContain('Demasiadas peticiones');

    const graphql = await app.http().post('/graphql').send({
      query: 'mutation { registerForSession(sessionId: "x", input: {}) { status } }',
    });
    expect(graphql.status).toBe(429);
    expect(graphql.body.errors[0].message).toContain("Massa peticions");
    expect(Number(graphql.headers['retry-after'])).toBeGreaterThan(500);
    expect(await app.strapi.db.query('api::registration.registration').count()).toBe(0);
  });
});

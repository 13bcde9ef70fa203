import { startApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ CORS_ORIGINS: 'https://governobert.diba.example,https://www.ajuntament.example' });
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

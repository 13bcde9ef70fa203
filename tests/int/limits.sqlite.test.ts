import { t } from '../../src/messages';
import { createSession, DAY } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The limits of issue #9: security headers (CSP without inline scripts, framing, the embed loadable
 * cross-origin), body size, a per-IP rate limit on every public write (REST and GraphQL, found from
 * the routes and the schema, so a new write without a limit fails here), CORS as configured.
 */
let app: TestApp;
let session: string;

beforeAll(async () => {
  // Behind a proxy, as deployed: each test request claims its own address with X-Forwarded-For.
  app = await startApp({ TRUST_PROXY: 'true' });
  session = await createSession(app.strapi, { title: 'Sessió dels límits', startsAt: new Date(Date.now() + 10 * DAY), capacity: 5 });
});

afterAll(async () => {
  await app?.stop();
});

const directives = (csp: string | undefined): Map<string, string[]> =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...values]) => [name, values])
  );

describe('security headers', () => {
  const PAGES = ['/register/', '/register/cancel/', '/support/', '/propose/', '/propose/status/', '/embed/demo.html'];
  const API = ['/api/sessions/upcoming', '/api/calendar.ics', '/graphql?query=%7Bsessions%7Btitle%7D%7D'];

  it.each([...PAGES, ...API])('%s has a CSP without inline scripts and may only be framed by its own origin', async (path) => {
    const res = await app.http().get(path);
    expect(res.status).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    expect(scripts).toBeDefined();
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets other origins load the embed script, its styles and the API it calls', async () => {
    for (const path of ['/embed/gomunicipal-sessions.js', '/embed/demo.css', '/api/sessions/upcoming', '/api/calendar.ics']) {
      const res = await app.http().get(path).set('origin', 'https://www.ajuntament.example');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, corp: res.headers['cross-origin-resource-policy'] }).toEqual({ path, corp: 'cross-origin' });
      // Open CORS answers with the caller's origin (or '*').
      expect({ path, acao: res.headers['access-control-allow-origin'] }).toEqual({ path, acao: expect.stringMatching(/^(\*|https:\/\/www\.ajuntament\.example)$/) });
    }
    const script = await app.http().get('/embed/gomunicipal-sessions.js');
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('public pages load no inline script, so the CSP does not break them', async () => {
    for (const path of PAGES) {
      const res = await app.http().get(path);
      // Every <script> has a src (same origin); no inline handlers.
      expect({ path, inline: res.text.match(/<script(?![^>]*\bsrc=)[^>]*>/gi) ?? [] }).toEqual({ path, inline: [] });
      expect({ path, handlers: res.text.match(/\son[a-z]+\s*=/gi) ?? [] }).toEqual({ path, handlers: [] });
    }
  });
});

describe('body size', () => {
  const big = (bytes: number) => ({ title: 'x'.repeat(bytes), description: 'Proposta' });

  it.each([
    ['REST', '/api/proposals'],
    ['GraphQL', '/graphql'],
  ])('%s: a body over the limit is a 413 with a JSON message in the request language', async (_kind, path) => {
    const payload = path === '/graphql' ? { query: `{ sessions { title } } # ${'x'.repeat(2_000_000)}` } : big(2_000_000);
    const message = (body: { error?: { message?: string }; errors?: { message?: string }[] }) => body.error?.message ?? body.errors?.[0]?.message;
    const ca = await app.http().post(path).set('content-type', 'application/json').send(payload);
    expect(ca.status).toBe(413);
    expect(ca.headers['content-type']).toMatch(/application\/json/);
    expect(message(ca.body)).toMatch(/massa gran/);
    const es = await app.http().post(path).set('accept-language', 'es').set('content-type', 'application/json').send(payload);
    expect(es.status).toBe(413);
    expect(message(es.body)).toMatch(/demasiado grande/);
  });

  it('a body that is not JSON is a 400 that says so, not a parser error', async () => {
    const res = await app.http().post('/api/proposals').set('content-type', 'application/json').send('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('El cos de la petició no és JSON vàlid.');
  });

  it('a form-encoded body over its limit is a 413 too', async () => {
    const res = await app.http().post('/api/proposals').type('form').send(`title=${'x'.repeat(300_000)}`);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/massa gran/);
  });
});

describe('per-IP rate limits', () => {
  // Far more than any configured limit (the largest default is 20 per window).
  const TRIES = 60;
  const concrete = (path: string) => path.replace(/:documentId/g, session).replace(/:[A-Za-z]+/g, 'x').replace(/\(\.\*\)/g, 'x');

  const publicWrites = async (): Promise<string[]> => {
    const routes = (app.strapi.server.listRoutes() as { path: string; methods: string[] }[])
      .filter((r) => r.path.startsWith('/api/'))
      .flatMap((r) => r.methods.filter((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)).map((m) => `${m} ${r.path}`));
    const open: string[] = [];
    for (const route of [...new Set(routes)]) {
      const [method, path] = route.split(' ');
      // An anonymous probe from an address of its own, so that the probe does not use up the limit.
      const res = await app.http()[method.toLowerCase() as 'post'](concrete(path)).set('x-forwarded-for', '203.0.113.250').send({});
      // A 404 of our own (an unknown token, say) names what was not found; a route refused to the Public role gets the generic one.
      const routed404 = res.status === 404 && res.body?.error?.message !== t('ca', 'request.notFound');
      if ((routed404 || ![401, 403, 404, 405].includes(res.status)) && !(res.status === 400 && /Forbidden/.test(res.text))) open.push(route);
    }
    return open;
  };

  it('finds the public writes to check', async () => {
    const writes = await publicWrites();
    // The ones known today; whatever else appears is checked by the next test just the same.
    expect(writes).toEqual(
      expect.arrayContaining([
        'POST /api/sessions/:documentId/registrations',
        'POST /api/registrations/cancel',
        'POST /api/support-requests',
        'POST /api/proposals',
        'POST /api/feedback/:token',
      ])
    );
  });

  it('every public REST write answers 429 with Retry-After and a message once an address sends too many', async () => {
    const writes = await publicWrites();
    const unlimited: string[] = [];
    for (const [index, route] of writes.entries()) {
      const [method, path] = route.split(' ');
      const ip = `198.51.100.${index + 1}`;
      let limited: { status: number; headers: Record<string, string>; body: { error?: { message?: string } } } | undefined;
      for (let i = 0; i < TRIES && limited === undefined; i += 1) {
        const res = await app.http()[method.toLowerCase() as 'post'](concrete(path)).set('x-forwarded-for', ip).send({});
        if (res.status === 429) limited = res;
      }
      if (limited === undefined) {
        unlimited.push(route);
        continue;
      }
      expect({ route, retryAfter: Number(limited.headers['retry-after']) }).toEqual({ route, retryAfter: expect.any(Number) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error?.message).toMatch(/Massa peticions/);
      // Another address is not affected.
      const other = await app.http()[method.toLowerCase() as 'post'](concrete(path)).set('x-forwarded-for', '192.0.2.77').send({});
      expect({ route, other: String(other.status) }).toEqual({ route, other: expect.not.stringMatching(/^429$/) });
    }
    expect(unlimited).toEqual([]);
  });

  type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
  type Field = { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] };
  type InputType = { name: string; inputFields: { name: string; type: TypeRef }[] | null; enumValues: { name: string }[] | null; kind: string };
  const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

  /** A call of `field` with every required argument filled with a placeholder of its type. */
  const callOf = (field: Field, types: Map<string, InputType>): string => {
    const value = (type: TypeRef): string => {
      if (type.kind === 'NON_NULL' && type.ofType !== null) return value(type.ofType);
      if (type.kind === 'LIST') return '[]';
      const named = types.get(type.name ?? '');
      if (named?.kind === 'INPUT_OBJECT') {
        const required = (named.inputFields ?? []).filter((f) => f.type.kind === 'NON_NULL');
        return `{ ${required.map((f) => `${f.name}: ${value(f.type)}`).join(', ')} }`;
      }
      if (named?.kind === 'ENUM') return named.enumValues?.[0]?.name ?? 'X';
      if (type.name === 'Int' || type.name === 'Float') return '1';
      if (type.name === 'Boolean') return 'true';
      return type.name === 'ID' ? `"${session}"` : '"x"';
    };
    const args = field.args.filter((a) => a.type.kind === 'NON_NULL').map((a) => `${a.name}: ${value(a.type)}`);
    let returned = field.type;
    while (returned.ofType !== null && (returned.kind === 'NON_NULL' || returned.kind === 'LIST')) returned = returned.ofType;
    const selection = returned.kind === 'OBJECT' || returned.kind === 'INTERFACE' || returned.kind === 'UNION' ? ' { __typename }' : '';
    return `mutation { ${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${selection} }`;
  };

  it('every GraphQL mutation an anonymous caller may run answers 429 with Retry-After and a message', async () => {
    const schema = await app.http().post('/graphql').send({
      query: `{ __schema {
        mutationType { fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } }
        types { name kind enumValues { name } inputFields { name type { ${TYPE_REF} } } }
      } }`,
    });
    const fields = schema.body.data.__schema.mutationType.fields as Field[];
    const types = new Map((schema.body.data.__schema.types as InputType[]).map((t) => [t.name, t]));

    const open: string[] = [];
    const unlimited: string[] = [];
    for (const [index, field] of fields.entries()) {
      const query = callOf(field, types);
      const probe = await app.http().post('/graphql').set('x-forwarded-for', `203.0.113.${index + 1}`).send({ query });
      const codes = (probe.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
      // The call is well formed (else the probe proves nothing) and refused only when not public.
      expect({ field: field.name, codes }).toEqual({ field: field.name, codes: expect.not.arrayContaining(['GRAPHQL_VALIDATION_FAILED']) });
      if (codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED')) continue;
      open.push(field.name);
      const ip = `198.51.101.${index + 1}`;
      let limited: { status: number; headers: Record<string, string>; body: { errors?: { message: string; extensions?: { code?: string } }[] } } | undefined;
      for (let i = 0; i < TRIES && limited === undefined; i += 1) {
        const res = await app.http().post('/graphql').set('x-forwarded-for', ip).send({ query });
        if (res.status === 429) limited = res;
      }
      if (limited === undefined) {
        unlimited.push(field.name);
        continue;
      }
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.errors?.[0]?.extensions?.code).toBe('STRAPI_RATE_LIMIT_ERROR');
      expect(limited.body.errors?.[0]?.message).toMatch(/Massa peticions/);
    }
    expect(open).toEqual(expect.arrayContaining(['registerForSession', 'cancelRegistration', 'requestSupport', 'submitProposal']));
    expect(unlimited).toEqual([]);
  });

  it('counts the address the proxy saw: X-Forwarded-For entries a client adds do not escape the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await app.http().post('/api/proposals').set('x-forwarded-for', `10.9.8.${i}, 198.51.103.1`).send({});
      statuses.push(res.status);
    }
    // The default proposal limit is 5 per window.
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('refuses the account mutations the users-permissions plugin opens to anyone (no end-user accounts here)', async () => {
    const res = await app.http().post('/graphql').send({
      query: 'mutation { register(input: { username: "intrusa", email: "intrusa@example.org", password: "Secreta2026" }) { jwt } }',
    });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].message).toMatch(/comptes d’usuari/);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(0);
  });

  it('answers in Spanish when asked', async () => {
    let res: { status: number; body: { error?: { message?: string } } } = { status: 0, body: {} };
    for (let i = 0; i < TRIES && res.status !== 429; i += 1) {
      res = await app.http().post('/api/proposals').set('x-forwarded-for', '198.51.102.1').set('accept-language', 'es').send({});
    }
    expect(res.status).toBe(429);
    expect(res.body.error?.message).toMatch(/Demasiadas peticiones/);
  });
});

describe('CORS as configured (open by default; the allowlist is in production-config.sqlite.test.ts)', () => {
  it('answers preflights of any origin for the public API and GraphQL, without credentials', async () => {
    for (const path of ['/api/sessions/upcoming', '/graphql', '/api/proposals']) {
      const res = await app
        .http()
        .options(path)
        .set('origin', 'https://www.ajuntament.example')
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toMatch(/^(\*|https:\/\/www\.ajuntament\.example)$/);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    }
    const get = await app.http().get('/api/sessions/upcoming').set('origin', 'https://www.ajuntament.example');
    expect(get.headers['access-control-expose-headers']).toMatch(/Retry-After/);
  });
});

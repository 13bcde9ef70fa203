import { countQueries, createSession, DAY } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Issue 22, availability: what one anonymous request could do to the server. Each bound refuses
 * with a 400 whose code names it, before any resolver or database work (no SQL statement is sent),
 * for GET and POST alike, and no database error text ever reaches a client.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ NODE_ENV: 'production' });
  await createSession(app.strapi, { title: 'Sessió de les proves de seguretat', startsAt: new Date(Date.now() - 3 * DAY) });
  // The first request of a process loads what it lazily needs; the counts below are of the requests themselves.
  await app.http().post('/graphql').send({ query: '{ sessions { title } }' });
  await app.http().get('/api/sessions');
});

afterAll(async () => {
  await app?.stop();
});

type GraphqlAnswer = { status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }; text: string };

const post = (query: string, variables: Record<string, unknown> = {}, language = 'ca') =>
  app.http().post('/graphql').set('content-type', 'application/json').set('accept-language', language).send({ query, variables }) as unknown as Promise<GraphqlAnswer>;
const get = (query: string, variables?: Record<string, unknown>) =>
  app
    .http()
    .get('/graphql')
    .query({ query, ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }) }) as unknown as Promise<GraphqlAnswer>;

/** Each fragment spreads the next one twice: 2^levels fields once expanded, from about 1 KB of text. */
const fragmentBomb = (levels: number) => {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Session { ...F${i + 1} ...F${i + 1} }`);
  return `query { sessions { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Session { title }`;
};

const orTerms = (n: number) => Array.from({ length: n }, (_, i) => ({ title: { eq: `t${i}` } }));
const literal = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(literal).join(',')}]` : typeof value === 'object' && value !== null ? `{${Object.entries(value).map(([k, v]) => `${k}:${literal(v)}`).join(',')}}` : JSON.stringify(value);

const expectRefused = async (answer: () => Promise<GraphqlAnswer>, code: string) => {
  let res: GraphqlAnswer | undefined;
  const statements = await countQueries(app.strapi, async () => {
    res = await answer();
  });
  expect({ status: res?.status, code: res?.body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code });
  expect(statements).toBe(0);
  return res as GraphqlAnswer;
};

describe('finding 1: fragment bombs and cycles', () => {
  it('a fragment bomb is refused for its expanded size, by POST and by GET, before any SQL', async () => {
    const bomb = fragmentBomb(22);
    expect(bomb.length).toBeLessThan(1600);
    const res = await expectRefused(() => post(bomb), 'QUERY_TOO_MANY_FIELDS');
    expect(res.body.errors?.[0].message).toMatch(/camps/);
    await expectRefused(() => get(bomb), 'QUERY_TOO_MANY_FIELDS');
  });

  it('a bomb hidden in a fragment no operation uses is refused too', async () => {
    await expectRefused(() => post(`{ sessions { title } } ${fragmentBomb(22).replace('query { sessions { ...F0 } }', '')}`), 'QUERY_TOO_MANY_FIELDS');
  });

  it('a cycle of fragments is a 400 naming the cycle, not a 500', async () => {
    const cycle = 'query { sessions { ...A } } fragment A on Session { title ...B } fragment B on Session { slug ...A }';
    const res = await expectRefused(() => post(cycle), 'FRAGMENT_CYCLE');
    expect(res.body.errors?.[0].message).toMatch(/A/);
    const es = await post(cycle, {}, 'es');
    expect(es.body.errors?.[0].message).toMatch(/fragmento/);
    await expectRefused(() => get(cycle), 'FRAGMENT_CYCLE');
  });

  it('depth counts through fragments', async () => {
    const deep = 'query { sessions { ...M } } fragment M on Session { materials { session { materials { session { materials { session { materials { session { title } } } } } } } } }';
    await expectRefused(() => post(deep), 'QUERY_TOO_DEEP');
  });

  it('an ordinary portal query with fragments still answers', async () => {
    const res = await post('query { pastSessions(limit: 3) { ...S } } fragment S on Session { title startsAt materials { title } }');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('finding 2: huge filters', () => {
  it('an inline filter with too many terms is refused naming the limit', async () => {
    const res = await expectRefused(() => post(`{ sessions(filters: { or: ${literal(orTerms(200))} }) { title } }`), 'FILTER_TOO_LARGE');
    expect(res.body.errors?.[0].message).toMatch(/més de 50 condicions/);
  });

  it('a 20,000-term filter through variables is refused, by POST and GET, before any SQL', async () => {
    const query = 'query ($f: SessionFiltersInput) { sessions(filters: $f) { title } }';
    await expectRefused(() => post(query, { f: { or: orTerms(20_000) } }), 'FILTER_TOO_LARGE');
    // By GET, as many as fit in a URL (Node refuses request lines over 16 KB itself, with a 431).
    await expectRefused(() => get(query, { f: { or: orTerms(200) } }), 'FILTER_TOO_LARGE');
  });

  it('a 20,000-term filter written inline is refused by the size of the document', async () => {
    await expectRefused(() => post(`{ sessions(filters: { or: ${literal(orTerms(20_000))} }) { title } }`), 'QUERY_TOO_LARGE');
  });

  it('filters of nested lists are bounded too', async () => {
    await expectRefused(
      () => post(`{ sessions { materials(filters: { or: ${literal(orTerms(120))} }) { title } } }`),
      'FILTER_TOO_LARGE'
    );
  });

  it('deeply nested filters and long `in` lists are refused', async () => {
    let nested: Record<string, unknown> = { title: { eq: 'x' } };
    for (let i = 0; i < 12; i += 1) nested = { and: [nested] };
    await expectRefused(() => post('query ($f: SessionFiltersInput) { sessions(filters: $f) { title } }', { f: nested }), 'FILTER_TOO_DEEP');
    const ids = Array.from({ length: 500 }, (_, i) => `id${i}`);
    await expectRefused(() => post('query ($f: SessionFiltersInput) { sessions(filters: $f) { title } }', { f: { documentId: { in: ids } } }), 'FILTER_LIST_TOO_LONG');
  });

  it('REST filters are bounded by the same rule, in REST error shape', async () => {
    const terms = Array.from({ length: 150 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&');
    let res: { status: number; body: { error?: { message?: string; details?: { code?: string } } } } | undefined;
    const statements = await countQueries(app.strapi, async () => {
      res = await app.http().get(`/api/sessions?${terms}`);
    });
    expect(res?.status).toBe(400);
    expect(res?.body.error?.details?.code).toBe('FILTER_TOO_LARGE');
    expect(statements).toBe(0);
    const populate = Array.from({ length: 120 }, (_, i) => `populate[materials][filters][$or][${i}][title][$eq]=t${i}`).join('&');
    const nested = await app.http().get(`/api/sessions?${populate}`);
    expect(nested.status).toBe(400);
    expect(nested.body.error.details.code).toBe('FILTER_TOO_LARGE');
  });

  it('ordinary filters still answer', async () => {
    const rest = await app.http().get('/api/sessions?filters[$or][0][title][$contains]=seguretat&filters[$or][1][title][$contains]=xyz');
    expect(rest.status).toBe(200);
    expect(rest.body.data).toHaveLength(1);
    const gql = await post('{ sessions(filters: { or: [{ title: { contains: "seguretat" } }, { title: { contains: "xyz" } }] }) { title } }');
    expect(gql.status).toBe(200);
    expect((gql.body.data as { sessions: unknown[] }).sessions).toHaveLength(1);
  });
});

describe('finding 3: database errors never reach a client', () => {
  const SQL = /select|from|where|sqlite|knex|syntax|\bsql\b|relation|column|at \w+ \(/i;

  it('a GraphQL resolver error answers a generic 500 with an id that is in the log, without SQL text', async () => {
    const logged: string[] = [];
    const original = app.strapi.log.error;
    app.strapi.log.error = ((message: unknown, ...rest: unknown[]) => {
      logged.push([message, ...rest].map((part) => (part instanceof Error ? `${part.message}` : String(part))).join(' '));
    }) as typeof original;
    const knex = app.strapi.db.connection;
    const table = app.strapi.db.metadata.get('api::session.session').tableName;
    // A statement the database refuses (as SQLite does past 1,000 `or` terms): the table moved from under the app.
    await knex.schema.renameTable(table, `${table}_moved`);
    try {
      const res = await post('{ sessions { title } }');
      expect(res.status).toBe(500);
      expect(res.text).not.toMatch(SQL);
      const [error] = res.body.errors ?? [];
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions?.error).toBeUndefined();
      const id = String(error.extensions?.errorId);
      expect(id).toMatch(/^[a-f0-9-]{8,}$/);
      expect(logged.some((line) => line.includes(id))).toBe(true);

      const rest = await app.http().get('/api/sessions');
      expect(rest.status).toBe(500);
      expect(rest.text).not.toMatch(SQL);
      expect(rest.body.error.details.errorId).toMatch(/^[a-f0-9-]{8,}$/);
      expect(logged.some((line) => line.includes(rest.body.error.details.errorId))).toBe(true);
    } finally {
      await knex.schema.renameTable(`${table}_moved`, table);
      app.strapi.log.error = original;
    }
  });

  it('GET /graphql for a browser is not Apollo’s landing page with CDN scripts', async () => {
    const res = await app.http().get('/graphql').set('accept', 'text/html');
    expect(res.text).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(res.text).not.toMatch(/apollographql|cdn\./i);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

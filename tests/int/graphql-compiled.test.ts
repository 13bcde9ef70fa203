import type { Counter } from 'prom-client';
import { DAY, createMaterial, createRecording, createSession } from '../helpers/fixtures';
import { appModule, startApp, type TestApp } from '../helpers/strapi';

/**
 * GraphQL queries run compiled by graphql-jit from their second sending on
 * (src/extensions/graphql/jit.ts): every answer, errors included, must be byte for byte the one
 * graphql-js gave the first time; mutations, unknown operations and variables that do not coerce
 * stay with graphql-js.
 */
let app: TestApp;
let operations: Counter<'executor'>;

const post = (body: Record<string, unknown>, language = 'ca') =>
  app.http().post('/graphql').set('content-type', 'application/json').set('accept-language', language).send(body);

const ranBy = async (executor: 'compiled' | 'graphql-js') =>
  (await operations.get()).values.find((value) => value.labels.executor === executor)?.value ?? 0;

beforeAll(async () => {
  app = await startApp();
  ({ graphqlOperations: operations } = appModule<{ graphqlOperations: Counter<'executor'> }>('src', 'utils', 'metrics.js'));
  const now = Math.floor(Date.now() / 60000) * 60000;
  await createSession(app.strapi, { title: 'Sessió compilada', titleEs: 'Sesión compilada', startsAt: new Date(now + 9 * DAY), capacity: 20 });
  for (let i = 0; i < 3; i += 1) {
    const held = await createSession(app.strapi, { title: `Sessió feta ${i}`, startsAt: new Date(now - (i + 2) * DAY), eventStatus: 'held' });
    await createMaterial(app.strapi, held, `Material ${i}`, `https://example.org/material-${i}.pdf`);
    await createRecording(app.strapi, held, `Gravació ${i}`, `https://video.example.org/${i}`);
  }
});

afterAll(async () => {
  await app?.stop();
});

const PORTAL = `query Portal($withMaterials: Boolean!, $limit: Int) {
  next: upcomingSessions(limit: $limit) { ...S __typename }
  pastSessions(limit: 12) { ...S materials @include(if: $withMaterials) { title kind url } }
}
fragment S on Session {
  documentId title startsAt endsAt eventStatus isUpcoming calendarUrl pageUrl seatsLeft registrationAvailable
  recordings { title videoUrl chapters { startsAtSecond title } }
}`;

const CASES: [string, Record<string, unknown>, { compiled: number; status: number; language?: string }][] = [
  ['the portal query with a fragment, aliases, a directive and variables', { query: PORTAL, variables: { withMaterials: true, limit: 5 } }, { compiled: 2, status: 200 }],
  ['the same document with other variables', { query: PORTAL, variables: { withMaterials: false } }, { compiled: 3, status: 200 }],
  [
    "Strapi's generated queries with filters, sorting and relations",
    {
      query: `{ sessions(filters: { eventStatus: { ne: "cancelled" } }, sort: "startsAt:asc", pagination: { limit: 5 }) {
        documentId title speakers { name } catalogResources { name } materials(sort: "title:desc") { title } }
        sessions_connection { pageInfo { total pageSize } } }`,
    },
    { compiled: 2, status: 200 },
  ],
  ['a Spanish list', { query: '{ upcomingSessions(locale: "es") { title pageUrl } }' }, { compiled: 2, status: 200 }],
  ["a resolver's refusal (a limit over 100), in Spanish", { query: '{ upcomingSessions(limit: 500) { title } }' }, { compiled: 2, status: 400, language: 'es' }],
  ['a refused publication status', { query: '{ sessions(status: DRAFT) { title } }' }, { compiled: 2, status: 400 }],
  // Arguments on a list's relation: Strapi resolves it, by the session's id (which the list reads for that).
  ['a relation with arguments under a portal list', { query: '{ pastSessions(limit: 2) { title materials(pagination: { limit: 5 }, sort: "title:desc") { title } } }' }, { compiled: 2, status: 200 }],
  ['an error below the root', { query: '{ pastSessions(limit: 2) { title materials(sort: "nope:asc") { title } } }' }, { compiled: 2, status: 400 }],
  ['an introspection query', { query: '{ __schema { queryType { name } } __type(name: "Session") { name fields { name type { kind name ofType { name } } } } }' }, { compiled: 2, status: 200 }],
  ['variables that do not coerce', { query: 'query($limit: Int) { upcomingSessions(limit: $limit) { title } }', variables: { limit: 'molts' } }, { compiled: 0, status: 400 }],
  ['an unknown operation name', { query: 'query A { upcomingSessions { title } }', operationName: 'B' }, { compiled: 0, status: 400 }],
  ['a mutation', { query: 'mutation { login(input: { identifier: "a@b.cat", password: "x" }) { jwt } }' }, { compiled: 0, status: 403 }],
];

describe('GraphQL operations compiled by graphql-jit', () => {
  it.each(CASES)('answers %s the same from the compiled query as from graphql-js', async (_name, body, expected) => {
    const compiledBefore = await ranBy('compiled');
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await post(body, expected.language));
    // A document's first sending runs on graphql-js, the next ones compiled where the operation compiles.
    expect(await ranBy('compiled')).toBe(compiledBefore + expected.compiled);
    expect(answers.map((answer) => answer.status)).toEqual(Array(3).fill(expected.status));
    expect(answers[1].text).toBe(answers[0].text);
    expect(answers[2].text).toBe(answers[0].text);
  });

  it('gives the compiled answers their data', async () => {
    const { body } = await post({ query: PORTAL, variables: { withMaterials: true, limit: 5 } });
    expect(body.errors).toBeUndefined();
    expect(body.data.next.map((s: { title: string }) => s.title)).toContain('Sessió compilada');
    expect(body.data.next[0].__typename).toBe('Session');
    expect(body.data.pastSessions.slice(0, 3).map((s: { materials: { title: string }[] }) => s.materials[0].title)).toEqual(['Material 0', 'Material 1', 'Material 2']);
    expect(body.data.pastSessions[0].recordings[0].title).toBe('Gravació 0');
    const spanish = await post({ query: '{ upcomingSessions(limit: 500) { title } }' }, 'es');
    expect(spanish.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(spanish.body.errors[0].message).toMatch(/100/);
    expect(spanish.body.errors[0].path).toEqual(['upcomingSessions']);
    expect(spanish.body.errors[0].locations).toEqual([{ line: 1, column: 3 }]);
  });
});

import { createRegistration, createSession, DAY } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The public surface, reviewed: every REST route an anonymous caller can use, and every GraphQL
 * query and mutation in the schema. Anything new fails this test until it is added here, on purpose.
 */
const PUBLIC_ROUTES = [
  // Strapi's health check answers any method with 204.
  'GET /_health',
  'POST /_health',
  'PUT /_health',
  'PATCH /_health',
  'DELETE /_health',
  // The developer kit: the API's own contract (OpenAPI document, GraphQL SDL).
  'GET /api/openapi.json',
  'GET /api/schema.graphql',
  'GET /api/catalog-resources',
  'GET /api/catalog-resources/:id',
  'GET /api/materials',
  'GET /api/materials/:id',
  'GET /api/recordings',
  'GET /api/recordings/:id',
  'GET /api/sessions',
  'GET /api/sessions/:id',
  'GET /api/sessions/upcoming',
  'GET /api/sessions/past',
  'GET /api/sessions/:documentId/calendar.ics',
  'GET /api/calendar.ics',
  'POST /api/sessions/:documentId/registrations',
  'POST /api/registrations/cancel',
  'GET /api/local-entities',
  'GET /api/local-entities/:ineCode/eligibility',
  'POST /api/support-requests',
  'POST /api/proposals',
  'GET /api/proposals/similar',
  'GET /api/proposals/status',
  'GET /api/proposed-topics',
  'GET /api/feedback/:token',
  'POST /api/feedback/:token',
  'GET /api/sessions/:documentId/feedback-summary',
  'GET /api/feedback-summary',
].sort();

const GRAPHQL_QUERIES = [
  'catalogResource', 'catalogResources', 'catalogResources_connection', 'eligibility', 'feedbackSummary', 'i18NLocale', 'i18NLocales',
  'i18NLocales_connection', 'material', 'materials', 'materials_connection', 'me', 'pastSessions', 'proposedTopics',
  'recording', 'recordings', 'recordings_connection', 'reviewWorkflowsWorkflow', 'reviewWorkflowsWorkflowStage',
  'reviewWorkflowsWorkflowStages', 'reviewWorkflowsWorkflowStages_connection', 'reviewWorkflowsWorkflows',
  'reviewWorkflowsWorkflows_connection', 'session', 'sessions', 'sessions_connection', 'upcomingSessions', 'uploadFile',
  'uploadFiles', 'uploadFiles_connection', 'usersPermissionsRole', 'usersPermissionsRoles', 'usersPermissionsRoles_connection',
  'usersPermissionsUser', 'usersPermissionsUsers', 'usersPermissionsUsers_connection',
].sort();
// Of those, what anonymous callers may actually run.
const GRAPHQL_PUBLIC_QUERIES = [
  'catalogResource', 'catalogResources', 'catalogResources_connection', 'eligibility', 'feedbackSummary', 'material', 'materials',
  'materials_connection', 'pastSessions', 'proposedTopics', 'recording', 'recordings', 'recordings_connection', 'session',
  'sessions', 'sessions_connection', 'upcomingSessions',
];
const GRAPHQL_MUTATIONS = [
  'cancelRegistration', 'changePassword', 'createReviewWorkflowsWorkflow', 'createReviewWorkflowsWorkflowStage',
  'createUsersPermissionsRole', 'createUsersPermissionsUser', 'deleteReviewWorkflowsWorkflow',
  'deleteReviewWorkflowsWorkflowStage', 'deleteUploadFile', 'deleteUsersPermissionsRole', 'deleteUsersPermissionsUser',
  'emailConfirmation', 'forgotPassword', 'login', 'register', 'registerForSession', 'requestSupport', 'resetPassword',
  'submitFeedback', 'submitProposal', 'updateReviewWorkflowsWorkflow', 'updateReviewWorkflowsWorkflowStage', 'updateUploadFile',
  'updateUsersPermissionsRole', 'updateUsersPermissionsUser',
].sort();
const GRAPHQL_PUBLIC_MUTATIONS = ['cancelRegistration', 'registerForSession', 'requestSupport', 'submitFeedback', 'submitProposal'];

let app: TestApp;
const CANARY = 'CANARY7731';

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_REGISTRATION_POINTS: '100000' });
  const { strapi } = app;
  // A canary in every private field there is.
  const session = await createSession(strapi, {
    title: 'Sessió amb canaris',
    startsAt: new Date(Date.now() + 9 * DAY),
    capacity: 10,
    meetingUrl: `https://teams.example/${CANARY}`,
  });
  await createRegistration(strapi, session, 'confirmed', `${CANARY.toLowerCase()}@example.org`);
  await strapi.db.query('api::registration.registration').updateMany({
    where: {},
    data: { fullName: `Nom ${CANARY}`, jobTitle: CANARY, localEntityName: CANARY, tokenHash: CANARY, feedbackTokenHash: CANARY },
  });
  await strapi.documents('api::proposal.proposal').create({
    data: {
      title: 'Proposta acceptada amb canaris',
      reviewStatus: 'received',
      name: CANARY,
      email: `p-${CANARY.toLowerCase()}@example.org`,
      description: CANARY,
      staffNotes: CANARY,
      language: 'ca',
    },
  });
  // Status and tracking hash are the workflow's (a Document Service write may not set them).
  await strapi.db.query('api::proposal.proposal').updateMany({ where: {}, data: { reviewStatus: 'accepted', trackingTokenHash: CANARY } });
  await strapi.documents('api::support-request.support-request').create({
    data: {
      requesterName: CANARY,
      email: `s-${CANARY.toLowerCase()}@example.org`,
      topic: CANARY,
      description: CANARY,
      staffNotes: CANARY,
      preferredDates: CANARY,
      requestStatus: 'pending',
      language: 'ca',
    },
  });
  await strapi.documents('api::feedback-response.feedback-response').create({
    data: { session, comment: CANARY, nextTopic: CANARY, answers: { canary: CANARY }, language: 'ca' },
  });
  // Enough answers with free text (and a custom question holding a canary) for the summaries to publish figures.
  await strapi.db.query('api::feedback-rollup.feedback-rollup').createMany({
    data: [
      { sessionDocumentId: session, question: '__responses', kind: 'meta', value: '', count: 9 },
      { sessionDocumentId: session, question: 'content', kind: 'scale', value: '4', count: 9 },
      { sessionDocumentId: session, question: 'comment', kind: 'text', value: '', count: 9 },
    ],
  });
  await strapi.documents('api::outbox-message.outbox-message').create({
    data: {
      kind: 'test',
      recipient: `o-${CANARY.toLowerCase()}@example.org`,
      subject: CANARY,
      text: CANARY,
      html: CANARY,
      language: 'ca',
      deliveryStatus: 'pending',
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

const SAMPLE: Record<string, string> = { ':id': 'abc', ':documentId': 'abc', ':ineCode': '080193', '(.*)': 'x' };
const concrete = (path: string) => path.replace(/:id|:documentId|:ineCode|\(\.\*\)/g, (param) => SAMPLE[param]);

describe('the public surface', () => {
  it('has no REST route an anonymous caller can use that is not on the list', async () => {
    const routes = (app.strapi.server.listRoutes() as { path: string; methods: string[] }[])
      .filter((r) => r.path.startsWith('/api/') || r.path === '/_health')
      .flatMap((r) => r.methods.filter((m) => ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(m)).map((m) => `${m} ${r.path}`));
    const open: string[] = [];
    for (const route of [...new Set(routes)]) {
      const [method, path] = route.split(' ');
      const res = await app.http()[method.toLowerCase() as 'get'](concrete(path)).send(method === 'GET' ? undefined : {});
      if (![401, 403, 404, 405].includes(res.status) && !(res.status === 400 && /Forbidden/.test(res.text))) open.push(route);
    }
    // Reachable anonymously (2xx, or a 4xx about the input rather than about who is asking).
    expect(open.sort()).toEqual(PUBLIC_ROUTES.filter((r) => open.includes(r)).sort());
    expect(open.filter((r) => !PUBLIC_ROUTES.includes(r))).toEqual([]);
  });

  it('has exactly the reviewed GraphQL queries and mutations, and anonymous callers run only the public ones', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' });
    const queries = res.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name).sort();
    const mutations = res.body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort();
    expect(queries).toEqual(GRAPHQL_QUERIES);
    expect(mutations).toEqual(GRAPHQL_MUTATIONS);

    for (const name of GRAPHQL_QUERIES.filter((q) => !GRAPHQL_PUBLIC_QUERIES.includes(q))) {
      const single = !name.endsWith('s') && !name.endsWith('_connection') && name !== 'me';
      const query = name === 'me' ? '{ me { id } }' : single ? `{ ${name}(documentId: "x") { documentId } }` : name.endsWith('_connection') ? `{ ${name} { pageInfo { total } } }` : `{ ${name} { documentId } }`;
      const answer = await app.http().post('/graphql').send({ query });
      expect({ name, refused: answer.body.errors?.[0]?.extensions?.code }).toEqual({ name, refused: 'FORBIDDEN' });
    }
    const calls: Record<string, string> = {
      cancelRegistration: 'mutation { cancelRegistration(token: "x") { status } }',
      registerForSession: 'mutation { registerForSession(sessionId: "x", input: {}) { status } }',
      requestSupport: 'mutation { requestSupport(input: {}) { status } }',
      submitProposal: 'mutation { submitProposal(input: {}) { status } }',
      submitFeedback: 'mutation { submitFeedback(token: "x", answers: []) { submitted } }',
    };
    for (const name of GRAPHQL_PUBLIC_MUTATIONS) {
      // Open to anonymous callers: refused for the input, never for who is asking.
      const answer = await app.http().post('/graphql').send({ query: calls[name] });
      expect({ name, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ name, code: expect.not.stringMatching(/FORBIDDEN/) });
    }
    for (const name of ['login', 'register', 'forgotPassword', 'createUsersPermissionsUser', 'deleteUploadFile']) {
      const answer = await app.http().post('/graphql').send({ query: `mutation { ${name} }` });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.body.data ?? null).toBeNull();
    }
  });

  it('never shows a canary to anonymous callers', async () => {
    const session = (await app.http().get('/api/sessions/upcoming')).body.data[0].documentId as string;
    const slug = (await app.http().get('/api/sessions/upcoming')).body.data[0].slug as string;
    const responses = await Promise.all([
      // The public site's pages, sitemap and feeds (src/site).
      app.http().get('/ca/'),
      app.http().get('/es/'),
      app.http().get(`/ca/sessions/${slug}`),
      app.http().get('/ca/results'),
      app.http().get('/es/results'),
      app.http().get('/sitemap.xml'),
      app.http().get('/ca/feed.xml'),
      app.http().get('/api/sessions?populate=*'),
      app.http().get(`/api/sessions/${session}?populate=*`),
      app.http().get('/api/sessions/upcoming'),
      app.http().get('/api/sessions/past'),
      app.http().get(`/api/sessions/${session}/calendar.ics`),
      app.http().get('/api/calendar.ics'),
      app.http().get('/api/materials?populate=*'),
      app.http().get('/api/recordings?populate=*'),
      app.http().get('/api/catalog-resources?populate=*'),
      app.http().get('/api/local-entities?search=Barcelona'),
      app.http().get('/api/local-entities/080193/eligibility'),
      app.http().get('/api/proposed-topics'),
      app.http().get('/api/proposals/similar?title=Proposta%20acceptada'),
      app.http().get(`/api/sessions/${session}/feedback-summary`),
      app.http().get('/api/feedback-summary'),
      app.http().post('/graphql').send({ query: `{ feedbackSummary { questions { key distribution { value label } } } session(documentId: "${session}") { feedbackSummary { responses } } }` }),
      app.http().post('/graphql').send({
        query: `{ sessions { title materials { title } recordings { title } catalogResources { name } }
          upcomingSessions { title seatsLeft calendarUrl } pastSessions { title } proposedTopics { title status }
          eligibility(ineCode: "080193") { reason { ca } } }`,
      }),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(new RegExp(CANARY, 'i'));
    }
    const offset = 7;
    // The session page shows the session, without its meeting link.
    expect(responses[2].text).toContain('Sessió amb canaris');
    // The accepted proposal is there, without its proposer.
    expect(responses[offset + 11].body.data.map((t: { title: string }) => t.title)).toContain('Proposta acceptada amb canaris');
    // The session's feedback figures are published (nine responses), without any free text.
    expect(responses[offset + 13].body.data).toMatchObject({ responses: 9, suppressed: false });
  });
});

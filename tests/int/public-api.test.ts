import { applyPublicPermissions } from '../../src/bootstrap/permissions';
import { countQueries } from '../helpers/fixtures';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { appModule, startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
const CANARY = 'https://teams.example/l/meetup-join/CANARY-meeting-7f3a';
const DRAFT_TITLE = 'Sessió en esborrany que no és pública';

const graphql = (query: string, headers: Record<string, string> = {}) =>
  app.http().post('/graphql').set('content-type', 'application/json').set(headers).send({ query });

beforeAll(async () => {
  app = await startApp();
  const sessions = app.strapi.documents('api::session.session');
  // A meeting link on every published session, as editors set it before a session.
  for (const session of await sessions.findMany({ locale: 'ca', status: 'draft' })) {
    await sessions.update({ documentId: session.documentId, locale: 'ca', data: { meetingUrl: CANARY } });
    await sessions.publish({ documentId: session.documentId, locale: 'ca' });
  }
  const published = await sessions.findMany({ locale: 'ca', status: 'published' });
  // The canary is really there to leak: the tests below would prove nothing otherwise.
  expect(published.map((s) => s.meetingUrl)).toEqual(Array(6).fill(CANARY));
  await sessions.create({
    locale: 'ca',
    data: {
      title: DRAFT_TITLE,
      slug: 'sessio-en-esborrany',
      startsAt: '2027-01-28T09:00:00.000Z',
      durationMinutes: 60,
      eventStatus: 'scheduled',
      registrationOpen: true,
      meetingUrl: CANARY,
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

describe('anonymous REST', () => {
  it('lists the six published sessions with their dates and titles, and no draft', async () => {
    const res = await app.http().get('/api/sessions?sort=startsAt:asc');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBe(6);
    expect(res.body.data.map((s: { startsAt: string }) => s.startsAt.slice(0, 10))).toEqual([
      '2023-09-21',
      '2023-10-26',
      '2023-11-23',
      '2024-01-25',
      '2024-02-29',
      '2024-04-25',
    ]);
    expect(res.body.data[5].title).toBe('El portal de transparència: on som i cap a on anem?');
    expect(JSON.stringify(res.body)).not.toContain(DRAFT_TITLE);
  });

  it('answers in Spanish with locale=es', async () => {
    const res = await app.http().get('/api/sessions?locale=es&sort=startsAt:desc&pagination[pageSize]=1');
    expect(res.status).toBe(200);
    expect(res.body.data[0].title).toBe('El portal de transparencia: ¿dónde estamos y hacia dónde vamos?');
  });

  it('never shows a meeting link: not in lists, single sessions, populated relations or filters', async () => {
    const list = await app.http().get('/api/sessions?populate=*');
    expect(list.status).toBe(200);
    const one = await app.http().get(`/api/sessions/${list.body.data[0].documentId}?populate=*`);
    expect(one.status).toBe(200);
    const resources = await app.http().get('/api/catalog-resources?populate=*');
    expect(resources.status).toBe(200);
    for (const body of [list.text, one.text, resources.text]) {
      expect(body).not.toContain('CANARY');
      expect(body).not.toContain('meetingUrl');
    }
    for (const query of ['fields[0]=meetingUrl', 'filters[meetingUrl][$contains]=CANARY', 'sort=meetingUrl']) {
      const res = await app.http().get(`/api/sessions?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('meetingUrl');
    }
  });

  it('refuses drafts and unknown locales with a 400 that names the parameter, in the request language', async () => {
    const draft = await app.http().get('/api/sessions?status=draft');
    expect(draft.status).toBe(400);
    expect(draft.body.error.details.param).toBe('status');
    expect(draft.body.error.message).toContain('Només el contingut publicat');
    expect(JSON.stringify(draft.body)).not.toContain(DRAFT_TITLE);

    const spanish = await app.http().get('/api/sessions?status=draft').set('accept-language', 'es-ES,es;q=0.9');
    expect(spanish.body.error.message).toContain('Solo el contenido publicado');

    const locale = await app.http().get('/api/materials?locale=fr');
    expect(locale.status).toBe(400);
    expect(locale.body.error.details.param).toBe('locale');
    expect(locale.body.error.message).toContain('«fr»');
  });

  it('answers other bad input with a 4xx and a message, never a 500', async () => {
    const cases = [
      '/api/sessions?filters[nope]=1',
      '/api/sessions?populate[nope]=*',
      '/api/recordings?sort=nope:asc',
      '/api/sessions/does-not-exist',
      '/api/catalog-resources?publicationFilter=never-published',
    ];
    for (const url of cases) {
      const res = await app.http().get(url);
      expect({ url, status: res.status >= 400 && res.status < 500 }).toEqual({ url, status: true });
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('cannot write published content: sessions and materials are read-only over REST', async () => {
    const before = await app.strapi.db.query('api::session.session').count();
    const create = await app.http().post('/api/sessions').send({ data: { title: 'Intrusa', startsAt: '2027-01-01T09:00:00Z' } });
    expect([403, 404, 405]).toContain(create.status);
    const remove = await app.http().delete(`/api/materials/anything`);
    expect([403, 404, 405]).toContain(remove.status);
    expect(await app.strapi.db.query('api::session.session').count()).toBe(before);
  });

  it.each(['registrations', 'feedback-responses', 'proposals', 'support-requests', 'catalog-requests', 'outbox-messages'])(
    'refuses to list %s to the Public role (403)',
    async (collection) => {
      const list = await app.http().get(`/api/${collection}`);
      expect(list.status).toBe(403);
      const one = await app.http().get(`/api/${collection}/anything`);
      expect(one.status).toBe(403);
    }
  );

  it.each(['registrations', 'feedback-responses', 'catalog-requests', 'local-entities'])(
    'refuses to create %s through the generic route (403)',
    async (collection) => {
      const create = await app.http().post(`/api/${collection}`).send({ data: {} });
      expect(create.status).toBe(403);
    }
  );

  it('shows local entities only through the search, with public fields', async () => {
    expect((await app.http().get('/api/local-entities')).status).toBe(400);
    expect((await app.http().get('/api/local-entities/anything')).status).toBe(403);
    const found = await app.http().get('/api/local-entities?search=Brull');
    expect(found.body.data).toEqual([{ name: 'el Brull', ineCode: '080266', kind: 'ajuntament', comarca: null }]);
  });

  it('re-applies least privilege at every start, removing permissions granted by hand', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'api::registration.registration.find', role: role.id } });
    await applyPublicPermissions(app.strapi);
    const actions = (
      await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })
    ).map((p: { action: string }) => p.action);
    expect(actions).not.toContain('api::registration.registration.find');
    expect(actions.sort()).toEqual(
      [
        'api::catalog-resource.catalog-resource.find',
        'api::catalog-resource.catalog-resource.findOne',
        'api::material.material.find',
        'api::material.material.findOne',
        'api::recording.recording.find',
        'api::recording.recording.findOne',
        'api::registration.registration.register',
        'api::registration.registration.cancel',
        'api::local-entity.local-entity.search',
        'api::local-entity.local-entity.eligibility',
        'api::support-request.support-request.submit',
        'api::proposal.proposal.submit',
        'api::proposal.proposal.similar',
        'api::proposal.proposal.status',
        'api::proposal.proposal.topics',
        'api::feedback-response.feedback-response.form',
        'api::feedback-response.feedback-response.submit',
        'api::feedback-response.feedback-response.sessionSummary',
        'api::feedback-response.feedback-response.summary',
        'api::session.session.find',
        'api::session.session.findOne',
        'api::session.session.upcoming',
        'api::session.session.past',
        'api::session.session.calendar',
        'api::session.session.calendarFeed',
      ].sort()
    );
    expect((await app.http().get('/api/registrations')).status).toBe(403);
  });

  it("reads the Public role's permissions afresh for every request, in one statement, as the query engine would", async () => {
    const permissions = app.strapi.plugin('users-permissions').service('permission');
    const actions = (list: { action: string }[]) => list.map((p) => p.action).sort();
    let lean: { action: string }[] = [];
    expect(await countQueries(app.strapi, async () => (lean = await permissions.findPublicPermissions()))).toBe(1);
    const stock = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: { type: 'public' } } });
    expect(actions(lean)).toEqual(actions(stock));
    expect(lean.length).toBeGreaterThan(20);
    // The lean statement (src/extensions/users-permissions/) reads the action only, not whole rows.
    expect(Object.keys(lean[0])).toEqual(['action']);
    // Nothing is kept: a revoked permission is refused at the next request, a granted one allowed.
    const granted = stock.find((p: { action: string }) => p.action === 'api::material.material.find');
    expect((await app.http().get('/api/materials')).status).toBe(200);
    await app.strapi.db.query('plugin::users-permissions.permission').delete({ where: { id: granted.id } });
    try {
      expect((await app.http().get('/api/materials')).status).toBe(403);
    } finally {
      await applyPublicPermissions(app.strapi);
    }
    expect((await app.http().get('/api/materials')).status).toBe(200);
  });
});

describe('anonymous GraphQL', () => {
  it('returns the same six published sessions', async () => {
    const res = await graphql('{ sessions(sort: "startsAt:asc") { title startsAt } }');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.sessions).toHaveLength(6);
    expect(res.body.data.sessions[0]).toEqual({
      title: "Tenim nous electes a l'Ajuntament: el mòdul d'organització política del portal de transparència AOC",
      startsAt: '2023-09-21T08:00:00.000Z',
    });
    expect(JSON.stringify(res.body)).not.toContain(DRAFT_TITLE);
  });

  it('has no meetingUrl field and no query for private collections', async () => {
    const meeting = await graphql('{ sessions { title meetingUrl } }');
    expect(meeting.status).toBe(400);
    expect(meeting.body.errors[0].message).toContain('meetingUrl');
    expect(meeting.text).not.toContain('CANARY');
    for (const query of ['registrations', 'feedbackResponses', 'proposals', 'supportRequests', 'catalogRequests', 'localEntities']) {
      const res = await graphql(`{ ${query} { documentId } }`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toContain(`El tipus Query no té cap camp «${query}».`);
    }
  });

  it('refuses drafts with a message, and offers no mutation on published content', async () => {
    const draft = await graphql('{ sessions(status: DRAFT) { title } }', { 'accept-language': 'es' });
    expect(draft.body.data?.sessions ?? null).toBeNull();
    expect(draft.body.errors[0].message).toContain('Solo el contenido publicado');
    expect(draft.text).not.toContain(DRAFT_TITLE);

    const mutation = await graphql('mutation { createSession(data: { title: "Intrusa" }) { documentId } }');
    expect(mutation.status).toBe(400);
    expect(mutation.body.errors[0].message).toContain('createSession');
  });

  it("records the root query's arguments for its relations without Apollo instrumenting every field", async () => {
    const contentApi = app.strapi.plugin('graphql').service('content-api');
    const original = contentApi.isBuiltInQueryField;
    const asked: string[] = [];
    // Strapi's relation resolvers look the root field up only when its arguments were recorded.
    contentApi.isBuiltInQueryField = (name: string) => {
      asked.push(name);
      return original.call(contentApi, name);
    };
    let res;
    try {
      res = await graphql('{ archive: sessions(sort: "startsAt:asc") { title materials { title } } }');
    } finally {
      contentApi.isBuiltInQueryField = original;
    }
    expect(res.status).toBe(200);
    expect(res.body.data.archive).toHaveLength(6);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['sessions']));
    // No field of the schema Apollo serves calls Apollo's per-field hook (src/extensions/graphql/plain-leaves.ts).
    const { servedSchema } = appModule<{ servedSchema: () => GraphQLSchema }>('src', 'extensions', 'graphql', 'plain-leaves.js');
    const schema = servedSchema();
    const resolvers = ['Session', 'Material', 'Query'].flatMap((type) => Object.values((schema.getType(type) as GraphQLObjectType).getFields()));
    expect(resolvers.length).toBeGreaterThan(20);
    expect(resolvers.filter((field) => String(field.resolve).includes('willResolveField')).map((field) => field.name)).toEqual([]);
  });

  it('decides each scope once per request, and afresh at the next one', async () => {
    type Ability = { can: (action: string, ...rest: unknown[]) => boolean };
    const engine = app.strapi.contentAPI.permissions.engine as unknown as { generateAbility: (...args: unknown[]) => Promise<Ability> };
    const generate = engine.generateAbility;
    let checks: string[] = [];
    // Every request's ability (made by users-permissions' authenticate) records what it is asked.
    engine.generateAbility = async (...args) => {
      const ability = await generate.apply(engine, args);
      const can = ability.can.bind(ability);
      ability.can = (action, ...rest) => {
        checks.push(action);
        return can(action, ...rest);
      };
      return ability;
    };
    const query = '{ sessions { title materials { title } recordings { title } } }';
    const permissions = app.strapi.db.query('plugin::users-permissions.permission');
    try {
      const res = await graphql(query);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.sessions).toHaveLength(6);
      // Strapi's wrapper verifies the twelve relation fields (six sessions' materials and recordings) and the root field.
      expect(checks).toContain('api::material.material.find');
      expect(checks).toContain('api::recording.recording.find');
      expect(checks.length).toBe(new Set(checks).size);
      // A revoked permission is refused at the next request: nothing is kept between requests.
      const [granted] = await permissions.findMany({ where: { action: 'api::material.material.find', role: { type: 'public' } } });
      await permissions.delete({ where: { id: granted.id } });
      checks = [];
      const refused = await graphql(query);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.body.errors?.[0]?.message).toBe('No teniu permís per accedir a aquest recurs.');
      expect(checks.filter((action) => action === 'api::material.material.find')).toHaveLength(1);
    } finally {
      engine.generateAbility = generate;
      await applyPublicPermissions(app.strapi);
    }
    const again = await graphql(query);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.sessions).toHaveLength(6);
  });

  it('never returns a meeting link through nested relations either', async () => {
    const res = await graphql(
      '{ catalogResources { name sessions { title materials { title } recordings { title } } } sessions { title catalogResources { name } } }'
    );
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('CANARY');
  });
});

describe('admin', () => {
  const login = async () => {
    const res = await app.http().post('/admin/login').send(TEST_ADMIN);
    expect(res.status).toBe(200);
    return res.body.data.token as string;
  };

  it('creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    expect(typeof (await login())).toBe('string');
  });

  it('refuses a local entity whose INE code has a wrong check digit, naming the field', async () => {
    const token = await login();
    const url = '/content-manager/collection-types/api::local-entity.local-entity';
    const bad = await app
      .http()
      .post(url)
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Consorci de prova', ineCode: '080194', kind: 'consorci' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('ineCode 080194');

    const malformed = await app
      .http()
      .post(url)
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Consorci de prova', ineCode: '8019', kind: 'consorci' });
    expect(malformed.status).toBe(400);

    const count = await app.strapi.db.query('api::local-entity.local-entity').count();
    expect(count).toBe(311);

    const good = await app
      .http()
      .post(url)
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Consell Comarcal de prova', kind: 'consell-comarcal' });
    expect(good.status).toBeLessThan(300);
    expect(await app.strapi.db.query('api::local-entity.local-entity').count()).toBe(312);
  });
});

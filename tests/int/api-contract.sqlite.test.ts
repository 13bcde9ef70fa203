import fs from 'fs';
import path from 'path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, parse, printSchema, validate } from 'graphql';
import type { Response } from 'supertest';
import { buildOpenApi } from '../../src/developer/openapi';
import { INTROSPECTION } from '../../src/developer/sdl';
import { ineCheckDigit } from '../../src/utils/ine';
import { hashToken, linkToken } from '../../src/utils/tokens';
import { service } from '../../src/utils/services';
import { createMaterial, createRecording, createRegistration, createSession, DAY } from '../helpers/fixtures';
import { APP_DIR, startApp, type TestApp } from '../helpers/strapi';

/**
 * The developer kit's contract: the OpenAPI document served is the committed one and passes a real
 * validator (swagger-parser); one real request per documented operation answers a status the
 * document lists, with a body its schema accepts (Ajv, JSON Schema 2020-12, as OpenAPI 3.1 is);
 * nothing private is in the document or in those answers; the committed SDL is the schema the app
 * serves, and every GraphQL query of docs/api.md validates against it.
 */
type Doc = { paths: Record<string, Record<string, Op>>; components: { responses: Record<string, ResponseObject> } };
type Op = { operationId: string; responses: Record<string, ResponseObject> };
type ResponseObject = { $ref?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> };

const CANARY = 'canari-privat-7f3a';
let app: TestApp;
let doc: Doc;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_PROPOSAL_POINTS: '1', RATE_LIMIT_SUPPORT_POINTS: '100' });
  const { strapi } = app;
  ids.upcoming = await createSession(strapi, {
    title: 'Publicitat activa al portal',
    titleEs: 'Publicidad activa en el portal',
    startsAt: new Date(Date.now() + 20 * DAY),
    capacity: 30,
    meetingUrl: `https://teams.example/${CANARY}`,
  });
  ids.past = await createSession(strapi, { title: 'Treu-li suc a la gravació', startsAt: new Date(Date.now() - 5 * DAY), eventStatus: 'held', meetingUrl: `https://teams.example/${CANARY}-2` });
  ids.started = await createSession(strapi, { title: 'Ja ha començat', startsAt: new Date(Date.now() - 60 * 1000) });
  ids.material = await createMaterial(strapi, ids.past, 'Presentació', 'https://example.org/presentacio.pdf');
  ids.recording = await createRecording(strapi, ids.past, 'Gravació', 'https://www.youtube.com/watch?v=abc');
  const resource = await strapi.db.query('api::catalog-resource.catalog-resource').findOne({ where: { publishedAt: { $notNull: true } } });
  ids.resource = resource.documentId;
  const registration = await createRegistration(strapi, ids.past, 'confirmed', `${CANARY}@ajuntament.example`);
  const old = await createSession(strapi, { title: 'Fa massa temps', startsAt: new Date(Date.now() - 60 * DAY), eventStatus: 'held' });
  const expired = await createRegistration(strapi, old, 'confirmed', 'antiga@ajuntament.example');
  tokens.expired = service(strapi, 'api::registration.registration').tokenFor(expired.documentId, 'feedback');
  await strapi.db.query('api::registration.registration').update({ where: { id: expired.id }, data: { feedbackTokenHash: hashToken(tokens.expired) } });
  tokens.feedback = service(strapi, 'api::registration.registration').tokenFor(registration.documentId, 'feedback');
  await strapi.db.query('api::registration.registration').update({ where: { id: registration.id }, data: { feedbackTokenHash: hashToken(tokens.feedback) } });
  doc = (await app.http().get('/api/openapi.json')).body;
});

afterAll(async () => {
  await app?.stop();
});

describe('the OpenAPI document', () => {
  it('is served at /api/openapi.json, equals the committed docs/openapi.json, and is valid OpenAPI 3.1', async () => {
    const res = await app.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public/);
    expect(res.text).toBe(fs.readFileSync(path.join(APP_DIR, 'docs', 'openapi.json'), 'utf8'));
    const checked = (await SwaggerParser.validate(JSON.parse(res.text))) as { openapi: string; paths: object };
    expect(checked.openapi).toBe('3.1.0');
    expect(Object.keys(checked.paths).length).toBeGreaterThan(20);
  });

  it('refuses a document that breaks the spec (the validator is really validating)', async () => {
    const broken = JSON.parse(JSON.stringify(doc));
    broken.paths['/api/sessions/upcoming'].get.responses = { 200: { content: 'JSON' } };
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });

  it('carries nothing private: no meeting link, no registrant field in any answer, and a planted private attribute stays out', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('meetingUrl');
    expect(text).not.toContain(CANARY);
    const component = (target: string) => {
      const [, , kind, name] = target.split('/');
      return (doc.components as Record<string, Record<string, unknown>>)[kind][name];
    };
    // Everything an answer can contain: the responses and every schema they reach through $ref.
    const reached = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const target = (node as { $ref?: string }).$ref;
      if (target !== undefined && !reached.has(target)) {
        reached.add(target);
        walk(component(target));
      }
      Object.values(node).forEach(walk);
    };
    const responses = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.responses));
    walk(responses);
    const answers = JSON.stringify([responses, [...reached].map(component)]);
    expect(reached.has('#/components/schemas/Session')).toBe(true);
    for (const field of ['email', 'fullName', 'jobTitle', 'tokenHash', 'feedbackTokenHash', 'trackingTokenHash', 'staffNote', 'registrations', 'survey']) expect(answers).not.toContain(`"${field}"`);

    const model = app.strapi.getModel('api::session.session') as { attributes: Record<string, unknown> };
    model.attributes[CANARY] = { type: 'string', private: true };
    try {
      const planted = JSON.stringify(buildOpenApi(app.strapi));
      expect(planted).not.toContain(CANARY);
      // Without the private flag the same attribute would be documented: the check above can fail.
      model.attributes[CANARY] = { type: 'string' };
      expect(JSON.stringify(buildOpenApi(app.strapi))).toContain(CANARY);
    } finally {
      delete model.attributes[CANARY];
    }
  });
});

describe('real answers against the document', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  let added = false;

  /** The operation of a concrete path, by its template in the document. */
  const operationOf = (method: string, url: string): Op => {
    const pathname = url.split('?')[0];
    const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname) && doc.paths[t][method] !== undefined && !Object.keys(doc.paths).some((other) => other !== t && other === pathname));
    const exact = doc.paths[pathname]?.[method];
    const op = exact ?? (template === undefined ? undefined : doc.paths[template][method]);
    if (op === undefined) throw new Error(`${method} ${url} is not in the document`);
    return op;
  };

  const seen = new Map<string, number[]>();

  /** Checks one answer: its status is documented, its body (JSON) matches the documented schema. */
  const conforms = (method: string, url: string, res: Response) => {
    if (!added) {
      ajv.addSchema({ ...doc, $id: 'https://gomunicipal.test/openapi.json' } as object);
      added = true;
    }
    const op = operationOf(method, url);
    seen.set(op.operationId, [...(seen.get(op.operationId) ?? []), res.status]);
    const documented = op.responses[String(res.status)];
    expect({ url, status: res.status, documented: documented !== undefined }).toEqual({ url, status: res.status, documented: true });
    const pointer = documented.$ref !== undefined ? documented.$ref : `#/paths/${Object.keys(doc.paths).find((t) => doc.paths[t][method] === op)?.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${res.status}`;
    const resolved = documented.$ref === undefined ? documented : doc.components.responses[documented.$ref.split('/').pop() as string];
    if (resolved.content?.['application/json'] !== undefined) {
      const check = ajv.compile({ $ref: `https://gomunicipal.test/openapi.json${pointer}/content/application~1json/schema` });
      const ok = check(res.body);
      expect({ url, errors: ok ? null : check.errors }).toEqual({ url, errors: null });
    } else {
      expect(Object.keys(resolved.content ?? {})[0]).toBe(res.headers['content-type'].split(';')[0]);
    }
    for (const header of Object.keys(resolved.headers ?? {})) expect(res.headers[header.toLowerCase()]).toBeDefined();
    expect(res.text).not.toContain(CANARY);
  };

  const get = async (url: string) => {
    const res = await app.http().get(url);
    conforms('get', url, res);
    return res;
  };
  const post = async (url: string, body: object) => {
    const res = await app.http().post(url).send(body);
    conforms('post', url, res);
    return res;
  };

  it('answers every documented operation with a documented status and a body its schema accepts', async () => {
    await get('/api/sessions/upcoming?limit=5&locale=ca');
    await get('/api/sessions/past?limit=12&locale=es');
    await get('/api/sessions?sort=startsAt:desc&populate[materials]=true&populate[recordings]=true&populate[speakers]=true&populate[catalogResources]=true');
    await get(`/api/sessions/${ids.past}?populate[recordings][populate][chapters]=true`);
    await get('/api/materials?populate[session]=true');
    await get(`/api/materials/${ids.material}`);
    await get('/api/recordings?populate[chapters]=true&populate[captions]=true');
    await get(`/api/recordings/${ids.recording}`);
    await get('/api/catalog-resources?populate[sessions]=true');
    await get(`/api/catalog-resources/${ids.resource}`);
    await get('/api/calendar.ics?locale=ca');
    await get(`/api/sessions/${ids.upcoming}/calendar.ics`);

    const email = 'persona@ajuntament.example';
    expect((await post(`/api/sessions/${ids.upcoming}/registrations`, { fullName: 'Anna Puig', email, localEntity: '080193', consent: true })).status).toBe(201);
    const row = await app.strapi.db.query('api::registration.registration').findOne({ where: { email } });
    const cancel = linkCancel(row.documentId);
    expect((await post('/api/registrations/cancel', { token: cancel })).status).toBe(200);

    const search = await get('/api/local-entities?search=barcelona&limit=5');
    expect(search.body.data.length).toBeGreaterThan(0);
    await get('/api/local-entities/080193/eligibility');
    const support = await post('/api/support-requests', {
      localEntity: '080193',
      requesterName: 'Joan Serra',
      email: 'joan@ajuntament.example',
      topic: 'Publicar els contractes menors',
      description: 'Com ho fem?',
      consent: true,
    });
    expect([201, 403]).toContain(support.status);

    const proposal = await post('/api/proposals', { title: 'Com anonimitzar les actes del ple', email: 'anna@ajuntament.example', consent: true });
    expect(proposal.status).toBe(201);
    const proposed = await app.strapi.db.query('api::proposal.proposal').findOne({ where: { title: 'Com anonimitzar les actes del ple' } });
    await get(`/api/proposals/status?token=${linkToken(app.strapi, 'proposal', proposed.documentId)}`);
    await get('/api/proposals/similar?title=actes%20del%20ple');
    await get('/api/proposed-topics?status=accepted&status=scheduled&limit=20');

    expect((await get(`/api/feedback/${tokens.feedback}`)).status).toBe(200);
    const answers = [
      { question: 'content', value: 5 },
      { question: 'duration', value: 'right' },
      { question: 'understood', value: 4 },
      { question: 'applicable', value: 4 },
    ];
    expect((await post(`/api/feedback/${tokens.feedback}`, { answers })).status).toBe(201);
    await get(`/api/sessions/${ids.past}/feedback-summary`);
    await get('/api/feedback-summary?from=2024-01-01&to=2026-12-31');

    // The schemas bite: a session that leaked its meeting link would fail.
    const leaked = (await app.http().get('/api/sessions/upcoming')).body;
    expect(leaked.data.length).toBeGreaterThan(0);
    leaked.data[0].meetingUrl = 'https://teams.example/x';
    expect(ajv.compile({ $ref: 'https://gomunicipal.test/openapi.json#/paths/~1api~1sessions~1upcoming/get/responses/200/content/application~1json/schema' })(leaked)).toBe(false);

    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect([...seen.keys()].sort()).toEqual([...new Set(operations)].sort());
    expect(Object.fromEntries([...seen].filter(([, statuses]) => statuses.some((s) => s >= 500)))).toEqual({});
  });

  it('answers errors in the documented shapes: 400, 404, 409, 410 and 429 with Retry-After', async () => {
    expect((await get('/api/sessions/upcoming?colour=red')).status).toBe(400);
    expect((await get('/api/sessions/no-such-document-id-000000')).status).toBe(404);
    expect((await post(`/api/sessions/${ids.started}/registrations`, { fullName: 'Anna Puig', email: 'a@b.example', localEntity: '080193', consent: true })).status).toBe(409);
    expect((await post(`/api/sessions/${ids.upcoming}/registrations`, { fullName: 'A', email: 'no', consent: false })).status).toBe(400);
    expect((await post(`/api/feedback/${tokens.feedback}`, { answers: [] })).status).toBe(409);
    expect((await post(`/api/feedback/${tokens.expired}`, { answers: [] })).status).toBe(410);
    expect((await get('/api/local-entities/999999/eligibility')).status).toBe(400);
    // A well-formed INE code (province 99 does not exist) of no known entity.
    expect((await get(`/api/local-entities/99999${ineCheckDigit('99999')}/eligibility`)).status).toBe(404);
    const limited = await post('/api/proposals', { title: 'Un segon tema per proposar', email: 'anna@ajuntament.example', consent: true });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

const linkCancel = (documentId: string) => service(app.strapi, 'api::registration.registration').tokenFor(documentId);

describe('the GraphQL schema as a file', () => {
  const committed = () => fs.readFileSync(path.join(APP_DIR, 'docs', 'schema.graphql'), 'utf8');

  it('is what the running app serves, by introspection and at /api/schema.graphql', async () => {
    const introspection = await app.http().post('/graphql').send({ query: getIntrospectionQuery(INTROSPECTION) });
    expect(introspection.status).toBe(200);
    expect(`${printSchema(lexicographicSortSchema(buildClientSchema(introspection.body.data)))}\n`).toBe(committed());
    const served = await app.http().get('/api/schema.graphql');
    expect(served.status).toBe(200);
    expect(served.text).toBe(committed());
    expect(committed()).toContain('alreadyRegistered: Boolean! @deprecated');
  });

  it('validates every GraphQL query of docs/api.md', () => {
    const schema = buildSchema(committed());
    const prose = fs.readFileSync(path.join(APP_DIR, 'docs', 'api.md'), 'utf8');
    const blocks = [...prose.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    const inline = [...prose.matchAll(/query=(\{[^']*\})/g)].map((m) => m[1]);
    const curl = [...prose.matchAll(/"query":"(\{[^"]*\})"/g)].map((m) => m[1]);
    const queries = [...blocks, ...inline, ...curl];
    expect(queries.length).toBeGreaterThanOrEqual(3);
    const problems = queries.flatMap((source) => validate(schema, parse(source)).map((e) => `${source.slice(0, 40)}: ${e.message}`));
    expect(problems).toEqual([]);
    // The check can fail: a field that does not exist is refused.
    expect(validate(schema, parse('{ upcomingSessions { meetingUrl } }')).length).toBeGreaterThan(0);
  });
});

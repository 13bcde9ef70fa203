import { barcelonaMunicipalities } from '../../src/seed';
import type { TestSmtp } from '../helpers/smtp';
import { startAppWithSmtp } from '../helpers/public-app';
import { TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
let smtp: TestSmtp;
let token: string;
const towns = barcelonaMunicipalities();
const ine = (i: number) => towns[i].ineCode;
const day = (monthsAgo: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - monthsAgo);
  return d.toISOString().slice(0, 10);
};
// Entities by the case they stand for (the validity window is 24 months in this file).
const CASE = { completed: 0, requested: 1, inProgress: 2, cancelled: 3, otherResource: 4, tooOld: 5, none: 6 };

const importCsv = (csv: string) =>
  app.http().post('/admin/gomunicipal/catalog-requests/import').set('authorization', `Bearer ${token}`).send({ csv });

beforeAll(async () => {
  ({ app, smtp } = await startAppWithSmtp({
    ELIGIBILITY_VALIDITY_MONTHS: '24',
    SERVICE_CATALOG_URL: 'https://cataleg.diba.example',
    SUPPORT_REQUESTS_EMAIL: 'gabinet@diba.example',
  }));
  token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
  await app.strapi.documents('api::catalog-resource.catalog-resource').create({
    locale: 'ca',
    status: 'published',
    data: { code: 'portal-dades-obertes', name: 'Portal de dades obertes', qualifiesForSupport: false },
  });
  const csv = [
    'ine_code,entity_name,resource_code,status,requested_at,completed_at,reference',
    `${ine(CASE.completed)},,gestio-transparencia-municipal,completed,${day(8)},${day(5)},R-1`,
    `${ine(CASE.requested)},,publicacio-automatitzada-transparencia,requested,${day(2)},,R-2`,
    `,${towns[CASE.inProgress].name},gestio-transparencia-municipal,in_progress,${day(3)},,R-3`,
    `${ine(CASE.cancelled)},,gestio-transparencia-municipal,cancelled,${day(6)},,R-4`,
    `${ine(CASE.otherResource)},,portal-dades-obertes,completed,${day(6)},${day(4)},R-5`,
    `${ine(CASE.tooOld)},,gestio-transparencia-municipal,completed,${day(40)},${day(36)},R-6`,
  ].join('\n');
  const res = await importCsv(csv);
  expect(res.body.data).toEqual({ rows: 6, created: 6, updated: 0, unchanged: 0 });
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const eligibility = (code: string, language = 'ca') =>
  app.http().get(`/api/local-entities/${code}/eligibility`).set('accept-language', language);

describe('eligibility for on-demand support', () => {
  it('is granted for a completed qualifying resource, with the date', async () => {
    const res = await eligibility(ine(CASE.completed));
    expect(res.status).toBe(200);
    expect(res.body.data.eligible).toBe(true);
    expect(res.body.data.entity).toEqual({ name: towns[CASE.completed].name, ineCode: ine(CASE.completed), kind: 'ajuntament' });
    const gestio = res.body.data.resources.find((r: { code: string }) => r.code === 'gestio-transparencia-municipal');
    expect(gestio).toMatchObject({ status: 'completed', completedAt: day(5), requestedAt: day(8), counts: true });
    // The catalogue request's internal reference is staff business (issue 22).
    expect(gestio.reference).toBeUndefined();
    expect(res.text).not.toContain('R-1');
    expect(res.body.data.reason.ca).toBe(`Pot demanar suport a demanda: ha completat «Gestió de la transparència municipal» el ${day(5)}.`);
    expect(res.body.data.reason.es).toBe(`Puede pedir apoyo a demanda: ha completado «Gestión de la transparencia municipal» el ${day(5)}.`);
  });

  it.each([
    ['only requested', CASE.requested, `va sol·licitar «Publicació automatitzada d'informació de transparència» el ${day(2)}, però encara no està completat`],
    ['in progress', CASE.inProgress, `va sol·licitar «Gestió de la transparència municipal» el ${day(3)}, però està en curs`],
    ['cancelled', CASE.cancelled, 'la sol·licitud de «Gestió de la transparència municipal» es va cancel·lar'],
    ['completed a resource that does not qualify', CASE.otherResource, 'No n’ha sol·licitat cap'],
    ['completed outside the validity window', CASE.tooOld, `va completar «Gestió de la transparència municipal» el ${day(36)}, fa més de 24 mesos`],
    ['no requests at all', CASE.none, 'No n’ha sol·licitat cap'],
  ])('is refused when %s, saying why and where to ask', async (_case, index, why) => {
    const res = await eligibility(ine(index));
    expect(res.status).toBe(200);
    expect(res.body.data.eligible).toBe(false);
    expect(res.body.data.reason.ca.toLowerCase()).toContain(why.toLowerCase());
    expect(res.body.data.reason.ca).toContain("cal haver sol·licitat i completat en els últims 24 mesos un d'aquests recursos del catàleg");
    expect(res.body.data.reason.ca).toContain('https://cataleg.diba.example');
    expect(res.body.data.resources.map((r: { code: string }) => r.code)).toEqual([
      'gestio-transparencia-municipal',
      'publicacio-automatitzada-transparencia',
    ]);
  });

  it('answers 404 for an unknown entity and 400 for a malformed code, in the request language', async () => {
    const unknown = await eligibility('280796', 'es');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No conocemos ningún ente local con el código INE 280796.');
    const malformed = await eligibility('080194');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('no és un codi INE');
  });

  it('answers the same through GraphQL', async () => {
    const query = (code: string) =>
      app.http().post('/graphql').send({ query: `{ eligibility(ineCode: "${code}") { eligible reason { ca es } resources { code status counts } entity { name } } }` });
    const yes = await query(ine(CASE.completed));
    expect(yes.body.data.eligibility).toMatchObject({ eligible: true, entity: { name: towns[CASE.completed].name } });
    const no = await query(ine(CASE.none));
    expect(no.body.data.eligibility.eligible).toBe(false);
    const unknown = await query('280796');
    expect(unknown.status).toBe(404);
  });
});

describe('entity search', () => {
  it('finds entities by name or INE code, with public fields only', async () => {
    const res = await app.http().get('/api/local-entities?search=hospitalet');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ name: "l'Hospitalet de Llobregat", ineCode: '081017', kind: 'ajuntament', comarca: null }]);
    const byCode = await app.http().get('/api/local-entities?search=08019&limit=3');
    expect(byCode.body.data.map((e: { ineCode: string }) => e.ineCode)).toContain('080193');
    expect((await app.http().get('/api/local-entities')).status).toBe(400);
    expect((await app.http().get('/api/local-entities?search=a')).status).toBe(400);
    expect((await app.http().get('/api/local-entities?search=bar&populate=*')).status).toBe(400);
  });
});

describe('the catalogue requests import', () => {
  it('rejects a file with bad rows, reporting each with its line, and writes nothing', async () => {
    const before = await app.strapi.db.query('api::catalog-request.catalog-request').count();
    const csv = [
      'ine_code,entity_name,resource_code,status,requested_at,completed_at,reference',
      `${ine(10)},,gestio-transparencia-municipal,completed,2024-01-10,2024-02-01,OK-1`,
      '280796,,gestio-transparencia-municipal,requested,2024-01-10,,BAD-1',
      `${ine(11)},,no-such-resource,requested,2024-01-10,,BAD-2`,
      `${ine(12)},,gestio-transparencia-municipal,done,2024-01-10,,BAD-3`,
      `${ine(13)},,gestio-transparencia-municipal,completed,2024-03-10,2024-02-01,BAD-4`,
      `${ine(14)},,gestio-transparencia-municipal,requested,2024-02-30,,BAD-5`,
      `,Vila Inexistent,gestio-transparencia-municipal,requested,2024-01-10,,BAD-6`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('6 files tenen errors (línies 3, 4, 5, 6, 7, 8)');
    const rows = res.body.error.details.rows as { line: number; errors: string[] }[];
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(rows[0].errors.join()).toContain('cap ens local amb el codi INE 280796');
    expect(rows[1].errors.join()).toContain('recurs de catàleg desconegut «no-such-resource»');
    expect(rows[2].errors.join()).toContain('estat «done» desconegut');
    expect(rows[3].errors.join()).toContain('completed_at (2024-02-01) és anterior a requested_at (2024-03-10)');
    expect(rows[4].errors.join()).toContain('requested_at «2024-02-30» no és una data');
    expect(rows[5].errors.join()).toContain('cap ens local amb el nom «Vila Inexistent»');
    expect(await app.strapi.db.query('api::catalog-request.catalog-request').count()).toBe(before);
  });

  it('changes nothing when the same file comes twice, and updates a row by its key', async () => {
    const header = 'ine_code,entity_name,resource_code,status,requested_at,completed_at,reference';
    const first = `${header}\n${ine(20)},,gestio-transparencia-municipal,in_progress,2025-01-10,,K-1\n${ine(21)},,gestio-transparencia-municipal,requested,2025-02-10,,K-2\n`;
    expect((await importCsv(first)).body.data).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect((await importCsv(first)).body.data).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    const second = `${header}\n${ine(20)},,gestio-transparencia-municipal,completed,2025-01-10,2025-06-01,K-1\n`;
    expect((await importCsv(second)).body.data).toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0 });
    expect((await eligibility(ine(20))).body.data.eligible).toBe(true);
  });
});

describe('support requests', () => {
  const request = (ineCode: string, extra: Record<string, unknown> = {}) => ({
    localEntity: ineCode,
    requesterName: 'Joan Serra',
    email: 'joan.serra@ajuntament.example',
    topic: 'Publicar els contractes menors al portal',
    description: 'Volem revisar com publiquem els contractes menors.',
    preferredDates: 'Dimarts al matí',
    consent: true,
    ...extra,
  });

  it('refuses an ineligible entity with the reason and what to do, and stores nothing', async () => {
    const res = await app.http().post('/api/support-requests').set('accept-language', 'es').send(request(ine(CASE.requested)));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Todavía no puede pedir apoyo a demanda');
    expect(res.body.error.message).toContain('https://cataleg.diba.example');
    expect(res.body.error.details.eligibility.eligible).toBe(false);
    expect(await app.strapi.db.query('api::support-request.support-request').count()).toBe(0);
  });

  it('stores an eligible entity\'s request with the eligibility it was accepted on, and emails staff and the requester', async () => {
    const res = await app.http().post('/api/support-requests').send(request(ine(CASE.completed)));
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending');
    expect(res.text).not.toContain('joan.serra');
    const [row] = (await app.strapi.db.query('api::support-request.support-request').findMany({ populate: { localEntity: true } })) as {
      requestStatus: string;
      eligibilitySnapshot: { eligible: boolean; checkedAt: string; resources: { code: string; counts: boolean }[] };
      localEntity: { ineCode: string };
    }[];
    expect(row.requestStatus).toBe('pending');
    expect(row.localEntity.ineCode).toBe(ine(CASE.completed));
    expect(row.eligibilitySnapshot.eligible).toBe(true);
    expect(row.eligibilitySnapshot.resources.find((r) => r.code === 'gestio-transparencia-municipal')?.counts).toBe(true);
    await smtp.waitFor(() => smtp.to('joan.serra@').length === 1 && smtp.to('gabinet@').length === 1);
    expect(smtp.to('joan.serra@')[0].subject).toBe('Hem rebut la vostra petició de suport: Publicar els contractes menors al portal');
    const staff = smtp.to('gabinet@')[0];
    expect(staff.text).toContain('joan.serra@ajuntament.example');
    expect(staff.text).toContain('/admin/content-manager/collection-types/api::support-request.support-request/');
  });

  it('is triaged by staff in the admin: state and notes', async () => {
    const [row] = (await app.strapi.db.query('api::support-request.support-request').findMany({ limit: 1 })) as { documentId: string }[];
    const res = await app
      .http()
      .put(`/content-manager/collection-types/api::support-request.support-request/${row.documentId}`)
      .set('authorization', `Bearer ${token}`)
      .send({ requestStatus: 'scheduled', staffNotes: 'Sessió el dimarts 12 a les 10:00' });
    expect(res.status).toBe(200);
    const after = await app.strapi.db.query('api::support-request.support-request').findOne({ where: { documentId: row.documentId } });
    expect(after).toMatchObject({ requestStatus: 'scheduled', staffNotes: 'Sessió el dimarts 12 a les 10:00' });
  });

  it('names bad fields, and answers the same through GraphQL', async () => {
    const bad = await app.http().post('/api/support-requests').send({ localEntity: '080194', email: 'x', consent: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual([
      'email',
      'localEntity',
      'requesterName',
      'topic',
    ]);
    const mutation = 'mutation ($input: SupportRequestInput!) { requestSupport(input: $input) { status reason } }';
    const refused = await app.http().post('/graphql').send({ query: mutation, variables: { input: request(ine(CASE.none)) } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toContain('Encara no pot demanar suport a demanda');
    const ok = await app.http().post('/graphql').send({ query: mutation, variables: { input: request(ine(CASE.completed), { email: 'altra@ajuntament.example' }) } });
    expect(ok.body.data.requestSupport.status).toBe('pending');
  });
});

/**
 * The reach (issue 18) on a fixed data set, its figures checked against counts computed here from
 * the fixtures; the comarca import; and the open data: the DCAT-AP-ES catalogue parsed with n3
 * (Turtle) and jsonld (JSON-LD) into the same graph with every property of every dataset and
 * distribution, every downloadURL answering 200 with its media type, suppressed cells absent, and a
 * canary planted in every private field found in no open-data file or page.
 */
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { parse } from 'csv-parse/sync';
import { barcelonaMunicipalities } from '../../src/seed';
import { createMaterial, createRecording, createSession, DAY } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

const CANARY = 'ZQXCANARY';
const REGISTRATION = 'api::registration.registration';
let app: TestApp;
let token: string;
const towns = barcelonaMunicipalities();
const now = Date.now();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Entities 0..4 by INE code; sessions: S1 and S2 in the range asked, S3 before it.
type Reg = { entity: number | null; session: 'S1' | 'S2' | 'S3'; person: string; attended: boolean; status?: 'confirmed' | 'cancelled' };
const REGS: Reg[] = [
  ...[0, 1, 2, 3, 4, 5].map((i) => ({ entity: 0, session: 'S1' as const, person: `p${i}`, attended: true })),
  { entity: 0, session: 'S2', person: 'p0', attended: true },
  { entity: 0, session: 'S2', person: 'p9', attended: false, status: 'cancelled' },
  { entity: 1, session: 'S2', person: 'q0', attended: false },
  { entity: null, session: 'S1', person: 'n0', attended: true },
  { entity: null, session: 'S1', person: 'n1', attended: false },
  { entity: 4, session: 'S3', person: 'r0', attended: true },
];
const PROPOSALS = [3];
const SUPPORT = [1];
const COMARCAS: Record<number, string> = { 0: 'Vallès Occidental', 1: 'Vallès Occidental', 2: 'Maresme' };
const sessions: Record<string, string> = {};
const from = day(now - 100 * DAY);
const to = day(now);

const admin = (path: string) => app.http().get(`/admin/gomunicipal${path}`).set('authorization', `Bearer ${token}`);

beforeAll(async () => {
  app = await startApp({ FEEDBACK_PRIVACY_THRESHOLD: '5', RATE_LIMIT_FEEDBACK_POINTS: '1000' });
  token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
  const starts = { S1: now - 60 * DAY, S2: now - 10 * DAY, S3: now - 400 * DAY };
  for (const [name, at] of Object.entries(starts)) {
    sessions[name] = await createSession(app.strapi, { title: `Sessió ${name}`, titleEs: `Sesión ${name}`, startsAt: new Date(at), eventStatus: 'held', meetingUrl: `https://meet.example/${CANARY}` });
  }
  await app.strapi.documents('api::session.session').update({ documentId: sessions.S1, locale: 'ca', data: { speakers: [{ name: `${CANARY} Ponent` }] } as never });
  await app.strapi.documents('api::session.session').publish({ documentId: sessions.S1, locale: 'ca' });
  await createMaterial(app.strapi, sessions.S1, 'Diapositives', 'https://materials.example/s1.pdf');
  await createRecording(app.strapi, sessions.S1, 'Gravació', 'https://video.example/s1');

  const entity = async (i: number) =>
    (await app.strapi.db.query('api::local-entity.local-entity').findOne({ select: ['documentId'], where: { ineCode: towns[i].ineCode } })) as { documentId: string };
  for (const r of REGS) {
    const created = await app.strapi.documents(REGISTRATION).create({
      data: {
        session: sessions[r.session],
        registrationStatus: r.status ?? 'confirmed',
        email: `${r.person}.${CANARY.toLowerCase()}@ens.example`,
        fullName: `${CANARY} ${r.person}`,
        jobTitle: `${CANARY} càrrec`,
        localEntityName: `${CANARY} ens`,
        language: 'ca',
        ...(r.entity === null ? {} : { localEntity: (await entity(r.entity)).documentId }),
      } as never,
    });
    if (r.attended) await app.strapi.db.query(REGISTRATION).update({ where: { id: created.id }, data: { attended: true } });
  }
  for (const i of PROPOSALS) {
    await app.strapi.documents('api::proposal.proposal').create({
      data: { title: 'Un tema', description: `${CANARY} descripció`, name: `${CANARY} Nom`, email: `${CANARY}@p.example`, staffNotes: CANARY, reviewStatus: 'received', language: 'ca', localEntity: (await entity(i)).documentId } as never,
    });
  }
  for (const i of SUPPORT) {
    await app.strapi.documents('api::support-request.support-request').create({
      data: { requesterName: `${CANARY} Persona`, email: `${CANARY}@s.example`, topic: `${CANARY} tema`, description: CANARY, staffNotes: CANARY, requestStatus: 'pending', language: 'ca', localEntity: (await entity(i)).documentId } as never,
    });
  }
  // Entity 2 completed a qualifying resource: eligible, and it never asked for support.
  const imported = await app
    .http()
    .post('/admin/gomunicipal/catalog-requests/import')
    .set('authorization', `Bearer ${token}`)
    .send({ csv: `ine_code,resource_code,status,requested_at,completed_at\n${towns[2].ineCode},gestio-transparencia-municipal,completed,${day(now - 40 * DAY)},${day(now - 30 * DAY)}\n` });
  expect(imported.status).toBe(200);

  // Survey answers: six for S1 (published), two for S2 (below the threshold: absent).
  const registrations = app.strapi.service('api::registration.registration');
  const feedback = app.strapi.service('api::feedback-response.feedback-response');
  const { hashToken } = await import('../../src/utils/tokens');
  const answer = async (session: string, n: number, startsAt: number) => {
    const rows = (await app.strapi.db.query(REGISTRATION).findMany({ where: { session: { documentId: session }, registrationStatus: 'confirmed' }, orderBy: { id: 'asc' } })) as { id: number; documentId: string }[];
    for (const row of rows.slice(0, n)) {
      const link = registrations.tokenFor(row.documentId, 'feedback');
      await app.strapi.db.query(REGISTRATION).update({ where: { id: row.id }, data: { feedbackTokenHash: hashToken(link) } });
      const body = { answers: [{ question: 'content', value: 5 }, { question: 'duration', value: 'right' }, { question: 'understood', value: 4 }, { question: 'applicable', value: 4 }, { question: 'comment', value: `${CANARY} comentari` }] };
      await feedback.submit(link, body, 'ca', new Date(startsAt + 2 * 3600 * 1000));
    }
  };
  await answer(sessions.S1, 6, starts.S1);
  await answer(sessions.S2, 1, starts.S2);
  await app.http().post('/admin/gomunicipal/local-entities/comarcas').set('authorization', `Bearer ${token}`).send({ csv: 'ine_code,comarca\n' + Object.entries(COMARCAS).map(([i, c]) => `${towns[Number(i)].ineCode},${c}`).join('\n') });
});

afterAll(async () => {
  await app?.stop();
});

/** The expected figures of entity `i`, computed from the fixtures. */
const expected = (i: number, inRange: (r: Reg) => boolean) => {
  const mine = REGS.filter((r) => r.entity === i && r.status !== 'cancelled' && inRange(r));
  const attended = mine.filter((r) => r.attended);
  return {
    registrations: mine.length,
    attendees: new Set(attended.map((r) => r.person)).size,
    sessionsAttended: new Set(attended.map((r) => r.session)).size,
    proposals: PROPOSALS.filter((p) => p === i).length,
    supportRequests: SUPPORT.filter((s) => s === i).length,
    resourcesCompleted: i === 2 ? 1 : 0,
    eligible: i === 2,
  };
};

describe('reach', () => {
  it('matches counts computed from the fixtures, per entity and in total, for a date range', async () => {
    const res = await admin(`/reach?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const reach = res.body.data;
    const inRange = (r: Reg) => r.session !== 'S3';
    const entities = await app.strapi.db.query('api::local-entity.local-entity').count({});
    expect(reach.entities).toBe(entities);
    expect(entities).toBeGreaterThanOrEqual(311);
    for (const i of [0, 1, 2, 3, 4]) {
      const row = reach.rows.find((r: { ineCode: string }) => r.ineCode === towns[i].ineCode);
      expect({ i, ...row }).toMatchObject({ i, ...expected(i, inRange), comarca: COMARCAS[i] ?? null });
    }
    const reached = [0, 1, 2, 3, 4].filter((i) => expected(i, inRange).registrations + expected(i, inRange).proposals + expected(i, inRange).supportRequests > 0);
    expect(reach.reached).toBe(reached.length);
    expect(reach.registrationsWithoutEntity).toBe(REGS.filter((r) => r.entity === null && inRange(r)).length);
    expect(reach.registrations).toBe(REGS.filter((r) => r.status !== 'cancelled' && inRange(r)).length);
    expect(reach.attendees).toBe(new Set(REGS.filter((r) => r.attended && r.status !== 'cancelled' && inRange(r)).map((r) => r.person)).size);
    const valles = reach.byComarca.find((g: { key: string }) => g.key === 'Vallès Occidental');
    const pair = [expected(0, inRange), expected(1, inRange)];
    expect(valles).toEqual({ key: 'Vallès Occidental', entities: 2, reached: 2, registrations: pair[0].registrations + pair[1].registrations, attendees: pair[0].attendees + pair[1].attendees });
    const noComarca = reach.byComarca.find((g: { key: string | null }) => g.key === null);
    expect(noComarca.entities).toBe(entities - 3);
    expect(reach.byKind.reduce((n: number, g: { entities: number }) => n + g.entities, 0)).toBe(entities);

    // Without a range, S3 counts too.
    const all = (await admin('/reach')).body.data;
    expect(all.rows.find((r: { ineCode: string }) => r.ineCode === towns[4].ineCode)).toMatchObject(expected(4, () => true));
  });

  it('filters and sorts; exports CSV and XLSX; refuses a bad date naming it', async () => {
    const never = (await admin(`/reach?from=${from}&to=${to}&filter=never`)).body.data;
    expect(never.rows.some((r: { ineCode: string }) => r.ineCode === towns[0].ineCode)).toBe(false);
    expect(never.rows.length).toBe(never.entities - never.reached);
    const eligible = (await admin(`/reach?filter=eligibleNoSupport`)).body.data;
    expect(eligible.rows.map((r: { ineCode: string }) => r.ineCode)).toEqual([towns[2].ineCode]);
    const sorted = (await admin(`/reach?sort=registrations&order=desc`)).body.data;
    expect(sorted.rows[0].ineCode).toBe(towns[0].ineCode);
    const csv = await admin(`/reach/export.csv?from=${from}&to=${to}&filter=engaged`);
    expect(csv.status).toBe(200);
    const records = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(records.find((r) => r['Codi INE'] === towns[0].ineCode)?.Inscripcions).toBe(String(expected(0, (r) => r.session !== 'S3').registrations));
    const xlsx = await admin('/reach/export.xlsx').buffer(true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const bad = await admin('/reach?from=2026-13-01').set('accept-language', 'es');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('La fecha «2026-13-01» no es AAAA-MM-DD.');
  });

  it('imports comarcas all or nothing, and again without changes', async () => {
    const send = (csv: string) => app.http().post('/admin/gomunicipal/local-entities/comarcas').set('authorization', `Bearer ${token}`).send({ csv });
    const same = await send('ine_code,comarca\n' + Object.entries(COMARCAS).map(([i, c]) => `${towns[Number(i)].ineCode},${c}`).join('\n'));
    expect(same.body.data).toEqual({ rows: 3, updated: 0, unchanged: 3 });
    const bad = await send(`ine_code,comarca\n${towns[3].ineCode},Anoia\n999999,Anoia\n`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('3');
    const e3 = await app.strapi.db.query('api::local-entity.local-entity').findOne({ where: { ineCode: towns[3].ineCode } });
    expect(e3.comarca ?? null).toBeNull();
  });
});

describe('open data', () => {
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';
  const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  let turtle: Quad[];
  let fromJsonLd: string[];
  const key = (q: { subject: { value: string }; predicate: { value: string }; object: { value: string; termType: string; language?: string; datatype?: { value: string } } }) =>
    [q.subject.value, q.predicate.value, q.object.termType, q.object.value, q.object.language ?? '', q.object.termType === 'Literal' ? q.object.datatype?.value ?? '' : ''].join(' | ');

  beforeAll(async () => {
    const ttl = await app.http().get('/opendata/catalog.ttl');
    expect(ttl.status).toBe(200);
    expect(ttl.headers['content-type']).toMatch(/^text\/turtle/);
    turtle = new Parser().parse(ttl.text);
    const json = await app.http().get('/opendata/catalog.jsonld');
    expect(json.headers['content-type']).toMatch(/^application\/ld\+json/);
    const quads = (await jsonld.toRDF(JSON.parse(json.text))) as unknown as Parameters<typeof key>[0][];
    fromJsonLd = quads.map(key).sort();
  });

  it('is one graph in Turtle and JSON-LD', () => {
    expect(turtle.length).toBeGreaterThan(100);
    expect(fromJsonLd).toEqual(turtle.map(key).sort());
  });

  it('has every DCAT-AP-ES property on every dataset and distribution, and every downloadURL answers with its media type', async () => {
    const objects = (s: string, p: string) => turtle.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
    const datasets = turtle.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`).map((q) => q.subject.value);
    expect(datasets).toHaveLength(4);
    for (const dataset of datasets) {
      for (const p of [`${DCT}title`, `${DCT}description`]) expect(objects(dataset, p).map((o) => (o as { language: string }).language).sort()).toEqual(['ca', 'es']);
      expect(objects(dataset, `${DCT}publisher`).map((o) => o.value)).toEqual(['http://datos.gob.es/recurso/sector-publico/org/Organismo/L02000008']);
      expect(objects(dataset, `${DCT}license`).map((o) => o.value)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
      expect(objects(dataset, `${DCAT}theme`).map((o) => o.value)).toEqual(['http://publications.europa.eu/resource/authority/data-theme/GOVE']);
      expect(objects(dataset, `${DCAT}keyword`).length).toBeGreaterThan(1);
      const [period] = objects(dataset, `${DCT}temporal`);
      expect(objects(period.value, `${DCAT}startDate`)[0].value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(objects(period.value, `${DCAT}endDate`)[0].value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(objects(dataset, `${DCT}accrualPeriodicity`)).toHaveLength(1);
      for (const p of [`${DCT}issued`, `${DCT}modified`]) expect(objects(dataset, p)[0].value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [contact] = objects(dataset, `${DCAT}contactPoint`);
      expect(objects(contact.value, 'http://www.w3.org/2006/vcard/ns#fn')).toHaveLength(1);
      const distributions = objects(dataset, `${DCAT}distribution`);
      expect(distributions).toHaveLength(2);
      const formats = [];
      for (const dist of distributions) {
        const [download] = objects(dist.value, `${DCAT}downloadURL`);
        const [mediaType] = objects(dist.value, `${DCAT}mediaType`);
        const [format] = objects(dist.value, `${DCT}format`);
        formats.push(format.value.split('/').pop());
        const declared = mediaType.value.replace('http://www.iana.org/assignments/media-types/', '');
        const res = await app.http().get(new URL(download.value).pathname);
        expect(res.status).toBe(200);
        expect(res.headers['content-type'].split(';')[0]).toBe(declared);
      }
      expect(formats.sort()).toEqual(['CSV', 'JSON']);
    }
  });

  it('serves CSV in UTF-8 with a header and ISO dates, through the response cache, invalidated with the content', async () => {
    const first = await app.http().get('/opendata/sessions.csv');
    const rows = parse(first.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['id', 'date', 'status', 'title_ca', 'title_es', 'co_organizer', 'page_ca', 'page_es', 'recordings', 'materials']);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    const s1 = rows.find((r) => r.id === sessions.S1) as Record<string, string>;
    expect(s1).toMatchObject({ title_ca: 'Sessió S1', title_es: 'Sesión S1', recordings: 'https://video.example/s1', materials: 'https://materials.example/s1.pdf' });
    expect((await app.http().get('/opendata/sessions.csv')).headers['x-cache']).toBe('HIT');
    await app.strapi.documents('api::session.session').update({ documentId: sessions.S2, locale: 'ca', data: { title: 'Sessió S2 reanomenada' } });
    await app.strapi.documents('api::session.session').publish({ documentId: sessions.S2, locale: 'ca' });
    const after = await app.http().get('/opendata/sessions.csv');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.text).toContain('Sessió S2 reanomenada');
  });

  it('leaves suppressed cells out, not zero', async () => {
    const results = JSON.parse((await app.http().get('/opendata/results.json')).text) as Record<string, unknown>[];
    expect(results.filter((r) => r.session === sessions.S1).map((r) => r.question).sort()).toEqual(['applicable', 'content', 'duration', 'understood']);
    expect(results.some((r) => r.session === sessions.S2)).toBe(false);
    const comarcas = JSON.parse((await app.http().get('/opendata/reach-comarca.json')).text) as Record<string, unknown>[];
    const maresme = comarcas.find((r) => r.comarca === 'Maresme') as Record<string, unknown>;
    expect(maresme).toEqual({ comarca: 'Maresme', entities: 1 });
    const valles = comarcas.find((r) => r.comarca === 'Vallès Occidental') as Record<string, unknown>;
    expect(valles.attendees).toBe(6);
    expect(valles).not.toHaveProperty('entities_reached');
    const csv = parse((await app.http().get('/opendata/reach-comarca.csv')).text, { columns: true, bom: true }) as Record<string, string>[];
    expect(csv.find((r) => r.comarca === 'Maresme')).toEqual({ comarca: 'Maresme', entities: '1', entities_reached: '', registrations: '', attendees: '' });
  });

  it('has no trace of any private field in any file or page', async () => {
    const paths = ['/opendata/catalog.ttl', '/opendata/catalog.jsonld', '/ca/opendata', '/es/opendata'];
    for (const name of ['sessions', 'results', 'reach-comarca', 'reach-kind']) paths.push(`/opendata/${name}.csv`, `/opendata/${name}.json`);
    for (const path of paths) {
      const res = await app.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, leak: res.text.toUpperCase().includes(CANARY) }).toEqual({ path, leak: false });
      expect({ path, email: /@ens\.example|@p\.example|@s\.example/.test(res.text) }).toEqual({ path, email: false });
    }
    const page = await app.http().get('/es/opendata');
    expect(page.text).toContain('Datos abiertos');
    expect((await app.http().get('/opendata/').set('accept-language', 'es')).headers.location).toBe('/es/opendata');
  });
});

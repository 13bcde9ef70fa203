import ExcelJS from 'exceljs';
import type { FeedbackSummary } from '../../src/api/feedback-response/services/results';
import { service } from '../../src/utils/services';
import { hashToken } from '../../src/utils/tokens';
import { DAY, countQueries, createRegistration, createSession } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: string;
let sessionA: string;
let sessionB: string;
const tokensA: string[] = [];
const tokensB: string[] = [];
let tokenEs: string;

const REGISTRATION = 'api::registration.registration';
const RESPONSE = 'api::feedback-response.feedback-response';
const ROLLUP = 'api::feedback-rollup.feedback-rollup';

const registrations = () => service(app.strapi, 'api::registration.registration');
const feedback = () => service(app.strapi, 'api::feedback-response.feedback-response');
const rollups = () => service(app.strapi, 'api::feedback-response.rollups');
const answers = (content: number, duration: string, understood: number, applicable: number, extra: Record<string, string> = {}) => ({
  answers: [
    { question: 'content', value: content },
    { question: 'duration', value: duration },
    { question: 'understood', value: understood },
    { question: 'applicable', value: applicable },
    ...Object.entries(extra).map(([question, value]) => ({ question, value })),
  ],
});
const post = (token: string, body: unknown, language = 'ca') =>
  app.http().post(`/api/feedback/${token}`).set('accept-language', language).send(body as object);
const counts = async () => ({
  responses: await app.strapi.db.query(RESPONSE).count({}),
  rollups: JSON.stringify(await app.strapi.db.query(ROLLUP).findMany({ select: ['sessionDocumentId', 'question', 'value', 'count'], orderBy: { id: 'asc' } })),
});
const question = (summary: FeedbackSummary, key: string) => summary.questions.find((q) => q.key === key);
const graphql = (query: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').send({ query, variables });

/** A registration with its survey link, the way the invitation stores it. */
const invited = async (session: string, email: string, language: 'ca' | 'es' = 'ca') => {
  const created = await createRegistration(app.strapi, session, 'confirmed', email);
  await app.strapi.db.query(REGISTRATION).update({ where: { id: created.id }, data: { language } });
  const token = registrations().tokenFor(created.documentId, 'feedback');
  await app.strapi.db.query(REGISTRATION).update({ where: { id: created.id }, data: { feedbackTokenHash: hashToken(token) } });
  return { token, id: created.id as number };
};

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_FEEDBACK_POINTS: '1000' });
  admin = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token;
  const now = Date.now();
  sessionA = await createSession(app.strapi, {
    title: 'La transparència activa, pas a pas',
    titleEs: 'La transparencia activa, paso a paso',
    startsAt: new Date(now - 10 * DAY),
    eventStatus: 'held',
  });
  sessionB = await createSession(app.strapi, { title: 'Dades obertes per a ens petits', startsAt: new Date(now - 40 * DAY), eventStatus: 'held' });

  // Session A: 8 confirmed registrations (one in Spanish); 7 attended, and they are the ones the
  // scheduled task invites (attendance is taken); one cancelled.
  const regsA = [];
  for (let i = 0; i < 8; i += 1) regsA.push(await createRegistration(app.strapi, sessionA, 'confirmed', `a${i}@ens.example`));
  await createRegistration(app.strapi, sessionA, 'cancelled', 'cancelled@ens.example');
  await app.strapi.db.query(REGISTRATION).update({ where: { id: regsA[7].id }, data: { language: 'es' } });
  for (const r of regsA.filter((_, i) => i !== 6)) await app.strapi.db.query(REGISTRATION).update({ where: { id: r.id }, data: { attended: true } });
  expect(await service(app.strapi, 'api::feedback-response.invitations').queue()).toBe(7);
  for (const r of regsA) tokensA.push(registrations().tokenFor(r.documentId, 'feedback'));
  tokenEs = tokensA[7];

  // Session B: 4 confirmed registrations, links set by hand (its survey window has closed).
  for (let i = 0; i < 4; i += 1) tokensB.push((await invited(sessionB, `b${i}@ens.example`)).token);
});

afterAll(async () => {
  await app?.stop();
});

describe('the survey link', () => {
  it('opens the session and the questions in the registrant’s language, with nothing personal', async () => {
    const ca = await app.http().get(`/api/feedback/${tokensA[0]}`);
    expect(ca.status).toBe(200);
    expect(ca.body.data.language).toBe('ca');
    expect(ca.body.data.session.title).toBe('La transparència activa, pas a pas');
    expect(ca.body.data.questions.map((q: { key: string }) => q.key)).toEqual(['content', 'duration', 'understood', 'applicable', 'comment', 'nextTopic']);
    expect(ca.body.data.questions[0]).toMatchObject({ kind: 'scale', required: true, label: 'Com valoreu el contingut de la sessió?', minLabel: 'Gens útil' });
    expect(ca.body.data.questions[1].options).toEqual([
      { value: 'too_short', label: 'Massa curta' },
      { value: 'right', label: 'Adequada' },
      { value: 'too_long', label: 'Massa llarga' },
    ]);
    expect(ca.body.data.questions[4]).toMatchObject({ kind: 'text', required: false });
    expect(ca.text).not.toContain('@ens.example');
    expect(ca.headers['cache-control']).toBe('no-store');

    const es = await app.http().get(`/api/feedback/${tokenEs}`);
    expect(es.body.data.language).toBe('es');
    expect(es.body.data.session.title).toBe('La transparencia activa, paso a paso');
    expect(es.body.data.questions[0].label).toBe('¿Cómo valoráis el contenido de la sesión?');

    const chosen = await app.http().get(`/api/feedback/${tokensA[0]}?locale=es`);
    expect(chosen.body.data.questions[1].options[1].label).toBe('Adecuada');
  });

  it('answers 404 to a link that is not one, in the request language', async () => {
    const res = await app.http().get('/api/feedback/not-a-real-token-at-all-0000').query({ locale: 'es' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Este enlace de la encuesta no es válido. Use el enlace del correo que recibisteis.');
    expect((await app.http().get('/api/feedback/%27%3B--')).status).toBe(404);
  });

  it('answers 410 once the link has expired, 30 days after the session', async () => {
    const res = await app.http().get(`/api/feedback/${tokensB[3]}`);
    expect(res.status).toBe(410);
    expect(res.body.error.details.code).toBe('FEEDBACK_EXPIRED');
    expect(res.body.error.message).toMatch(/^Aquest enllaç de l’enquesta va caducar el \d{4}-\d{2}-\d{2}: les respostes s’accepten fins a 30 dies/);
    const before = await counts();
    expect((await post(tokensB[3], answers(5, 'right', 5, 5))).status).toBe(410);
    expect(await counts()).toEqual(before);
  });
});

describe('answering', () => {
  it('refuses bad answers with a message naming each problem, and writes nothing', async () => {
    const before = await counts();
    const cases: [unknown, RegExp, string?][] = [
      [{ answers: [...answers(5, 'right', 5, 5).answers, { question: 'colour', value: 'blau' }] }, /L’enquesta no té cap pregunta «colour»/],
      [{ answers: [{ question: 'content', value: 5 }] }, /Falta la resposta a «Què us ha semblat la durada\?» \(duration\)/],
      [answers(6, 'right', 5, 5), /ha de ser un nombre enter de l’1 al 5/],
      [answers(4.5, 'right', 5, 5), /ha de ser un nombre enter de l’1 al 5/],
      [answers('5' as unknown as number, 'right', 5, 5), /ha de ser un nombre enter de l’1 al 5/],
      [answers(5, 'perfect', 5, 5), /ha de ser una d’aquestes: too_short, right, too_long/],
      [answers(5, 'right', 5, 5, { comment: 'x'.repeat(2001) }), /com a màxim 2000 caràcters/],
      [{ answers: [...answers(5, 'right', 5, 5).answers, { question: 'content', value: 4 }] }, /La pregunta «content» té més d’una resposta/],
      [{ answers: 'all good' }, /Cal enviar un objecte JSON amb la llista «answers»/],
      [[1, 2, 3], /Cal enviar un objecte JSON amb la llista «answers»/],
      [{ ...answers(5, 'right', 5, 5), email: 'x@y.z' }, /Camp desconegut «email»/],
      [{ answers: [{ question: 'content', value: 5, who: 'me' }] }, /Cada resposta ha de ser un objecte amb només «question» i «value»/],
      [answers(6, 'right', 5, 5), /debe ser un número entero del 1 al 5/, 'es'],
    ];
    for (const [body, message, language] of cases) {
      const res = await post(tokensA[1], body, language);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('records one response per link and refuses a second one (409)', async () => {
    const first = await post(tokensA[0], answers(5, 'right', 5, 3, { comment: 'Molt útil, gràcies a tot l’equip', nextTopic: 'Com publicar els contractes menors al portal' }));
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({ submitted: true, session: sessionA });
    const again = await post(tokensA[0], answers(1, 'too_long', 1, 1));
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('FEEDBACK_ALREADY_SUBMITTED');
    expect(again.body.error.message).toBe('Ja heu respost aquesta enquesta amb aquest enllaç. Gràcies!');
    const open = await app.http().get(`/api/feedback/${tokensA[0]}`);
    expect(open.status).toBe(409);

    const stored = (await app.strapi.db.query(RESPONSE).findMany({ populate: { registration: true } })) as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(stored[0].comment).toBe('Molt útil, gràcies a tot l’equip');
    expect(stored[0].nextTopic).toBe('Com publicar els contractes menors al portal');
    // Nothing personal is copied into the response: only the link to its registration.
    expect(JSON.stringify({ ...stored[0], registration: undefined })).not.toContain('@ens.example');
  });

  it('takes simultaneous submissions of one link once', async () => {
    const results = await Promise.all([0, 1, 2].map(() => post(tokensA[1], answers(4, 'right', 5, 3))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('answers through GraphQL with the same rules', async () => {
    const mutation = `mutation ($token: String!, $answers: [AnswerInput!]!) { submitFeedback(token: $token, answers: $answers) { submitted session } }`;
    const bad = await graphql(mutation, { token: tokensA[2], answers: answers(9, 'right', 4, 3).answers });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/ha de ser un nombre enter de l’1 al 5/);
    const ok = await graphql(mutation, { token: tokensA[2], answers: answers(4, 'right', 5, 3, { comment: 'Bé' }).answers });
    expect(ok.status).toBe(200);
    expect(ok.body.data.submitFeedback).toEqual({ submitted: true, session: sessionA });
    const again = await graphql(mutation, { token: tokensA[2], answers: answers(4, 'right', 5, 3).answers });
    expect(again.status).toBe(409);
  });
});

describe('results', () => {
  beforeAll(async () => {
    // Session A gets six responses in all (three above): content 5,4,4,3,5,2; duration right×4, too_long, too_short;
    // understood 5,5,5,4,4,1; applicable 3,3,3,3,4,5.
    expect((await post(tokensA[3], answers(3, 'too_long', 4, 3))).status).toBe(201);
    expect((await post(tokensA[4], answers(5, 'right', 4, 4))).status).toBe(201);
    expect((await post(tokenEs, answers(2, 'too_short', 1, 5), 'es')).status).toBe(201);
    // Session B: three responses, recorded while its links were valid.
    const duringB = new Date(Date.now() - 39 * DAY);
    await feedback().submit(tokensB[0], answers(5, 'right', 4, 5), undefined, duringB);
    await feedback().submit(tokensB[1], answers(5, 'right', 4, 4), undefined, duringB);
    await feedback().submit(tokensB[2], answers(4, 'right', 4, 4), undefined, duringB);
  });

  it('summarises one session: counts, percentages, mean, median, top-2-box and response rates', async () => {
    const res = await app.http().get(`/api/sessions/${sessionA}/feedback-summary`);
    expect(res.status).toBe(200);
    const summary = res.body.data as FeedbackSummary;
    expect(summary).toMatchObject({
      sessions: 1,
      responses: 6,
      confirmedRegistrations: 8,
      attendees: 7,
      responseRate: 75,
      attendeeResponseRate: 85.7,
      threshold: 5,
      suppressed: false,
    });
    expect(question(summary, 'content')).toEqual({
      key: 'content',
      kind: 'scale',
      label: 'Com valoreu el contingut de la sessió?',
      answers: 6,
      distribution: [
        { value: '1', label: '1', count: 0, percentage: 0 },
        { value: '2', label: '2', count: 1, percentage: 16.7 },
        { value: '3', label: '3', count: 1, percentage: 16.7 },
        { value: '4', label: '4', count: 2, percentage: 33.3 },
        { value: '5', label: '5', count: 2, percentage: 33.3 },
      ],
      mean: 3.83,
      median: 4,
      topTwoBox: 66.7,
    });
    expect(question(summary, 'understood')).toMatchObject({ mean: 4, median: 4.5, topTwoBox: 83.3 });
    expect(question(summary, 'applicable')).toMatchObject({ mean: 3.5, median: 3, topTwoBox: 33.3 });
    expect(question(summary, 'duration')?.distribution).toEqual([
      { value: 'too_short', label: 'Massa curta', count: 1, percentage: 16.7 },
      { value: 'right', label: 'Adequada', count: 4, percentage: 66.7 },
      { value: 'too_long', label: 'Massa llarga', count: 1, percentage: 16.7 },
    ]);
    // Free text is counted, never shown.
    expect(question(summary, 'comment')).toMatchObject({ answers: 2, distribution: null });
    expect(question(summary, 'nextTopic')).toMatchObject({ answers: 1, distribution: null });
    expect(res.text).not.toContain('gràcies a tot');
    expect(res.text).not.toContain('contractes menors');
    expect(res.text).not.toContain('@ens.example');
    expect(res.headers['cache-control']).toMatch(/public/);

    const es = await app.http().get(`/api/sessions/${sessionA}/feedback-summary?locale=es`);
    expect(question(es.body.data, 'duration')?.distribution?.[1].label).toBe('Adecuada');
  });

  it('withholds the figures below the privacy threshold', async () => {
    const res = await app.http().get(`/api/sessions/${sessionB}/feedback-summary`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ responses: 3, suppressed: true });
    for (const q of res.body.data.questions) expect(q).toMatchObject({ answers: null, distribution: null, mean: null, median: null, topTwoBox: null });
  });

  it('summarises a date range with a trend series in date order', async () => {
    const from = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const res = await app.http().get(`/api/feedback-summary?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const summary = res.body.data as FeedbackSummary;
    // Session B is below the threshold on its own: it is counted, left out of the figures (issue 22:
    // otherwise the range minus session A would be session B's answers).
    expect(summary).toMatchObject({
      sessions: 2,
      responses: 9,
      withheldSessions: 1,
      withheldResponses: 3,
      confirmedRegistrations: 12,
      responseRate: 75,
      attendees: 7,
      attendeeResponseRate: 85.7,
      suppressed: false,
    });
    expect(question(summary, 'content')).toMatchObject({ answers: 6, mean: 3.83, median: 4, topTwoBox: 66.7 });
    expect(summary.series.map((p) => [p.sessionId, p.responses, p.suppressed])).toEqual([
      [sessionB, 3, true],
      [sessionA, 6, false],
    ]);
    expect(summary.series[0].means).toEqual([]);
    expect(summary.series[1].means).toEqual([
      { question: 'content', mean: 3.83 },
      { question: 'understood', mean: 4 },
      { question: 'applicable', mean: 3.5 },
    ]);
    expect(summary.series[1].shares).toContainEqual({ question: 'duration', value: 'right', percentage: 66.7 });

    const only = await app.http().get(`/api/feedback-summary?to=${new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10)}`);
    // The seeded sessions (all before) have no responses; session B's three stay below the threshold.
    expect(only.body.data).toMatchObject({ responses: 3, suppressed: true });
    expect(only.body.data.series.map((p: { sessionId: string }) => p.sessionId)).toContain(sessionB);
    expect(only.body.data.series.map((p: { sessionId: string }) => p.sessionId)).not.toContain(sessionA);
  });

  it('refuses malformed ranges with a message naming the parameter', async () => {
    const bad = await app.http().get('/api/feedback-summary?from=2025-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('El paràmetre «from» ha de ser una data AAAA-MM-DD (p. ex. 2025-01-30).');
    const reversed = await app.http().get('/api/feedback-summary?from=2025-03-01&to=2025-01-01').set('accept-language', 'es');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toBe('«from» debe ser anterior o igual a «to».');
    expect((await app.http().get('/api/sessions/nosuchsession/feedback-summary')).status).toBe(404);
  });

  it('answers the same figures through GraphQL, by query and on Session', async () => {
    const fields = 'responses suppressed responseRate questions { key answers mean median topTwoBox distribution { value count percentage } } series { sessionId suppressed means { question mean } }';
    const res = await graphql(`query ($id: ID) { feedbackSummary(sessionId: $id) { ${fields} } }`, { id: sessionA });
    expect(res.status).toBe(200);
    const content = res.body.data.feedbackSummary.questions.find((q: { key: string }) => q.key === 'content');
    expect(content).toMatchObject({ answers: 6, mean: 3.83, median: 4, topTwoBox: 66.7 });
    const onSession = await graphql(`query ($id: ID!) { session(documentId: $id) { feedbackSummary { responses suppressed } } }`, { id: sessionA });
    expect(onSession.body.data.session.feedbackSummary).toEqual({ responses: 6, suppressed: false });
    const range = await graphql(`{ feedbackSummary(from: "2000-01-01") { responses sessions } }`);
    expect(range.body.data.feedbackSummary.responses).toBeGreaterThanOrEqual(9);
    const bad = await graphql(`{ feedbackSummary(from: "2025-13-01") { responses } }`);
    expect(bad.status).toBe(400);
  });

  it('keeps rollups equal to a recount of the raw answers, and finds a difference when there is one', async () => {
    expect(await rollups().verify()).toEqual({ ok: true, differences: [] });
    const row = (await app.strapi.db.query(ROLLUP).findOne({ where: { sessionDocumentId: sessionA, question: 'content', value: '5' } })) as { id: number; count: number };
    await app.strapi.db.query(ROLLUP).update({ where: { id: row.id }, data: { count: row.count + 3 } });
    const check = await rollups().verify();
    expect(check.ok).toBe(false);
    expect(check.differences).toEqual([{ sessionDocumentId: sessionA, question: 'content', value: '5', expected: 2, actual: 5 }]);
    await rollups().rebuild();
    expect(await rollups().verify()).toEqual({ ok: true, differences: [] });
  });
});

describe('for editors', () => {
  const asAdmin = (path: string) => app.http().get(path).set('authorization', `Bearer ${admin}`);

  it('shows every figure without a threshold, and needs the admin login', async () => {
    expect((await app.http().get(`/admin/gomunicipal/feedback/summary?session=${sessionB}`)).status).toBe(401);
    const res = await asAdmin(`/admin/gomunicipal/feedback/summary?session=${sessionB}`);
    expect(res.status).toBe(200);
    expect(res.body.data.suppressed).toBe(false);
    expect(question(res.body.data, 'content')).toMatchObject({ answers: 3, mean: 4.67, median: 5 });
    const responses = await asAdmin(`/admin/gomunicipal/feedback/responses?session=${sessionA}`);
    expect(responses.body.data.rows).toHaveLength(6);
    expect(responses.body.data.rows.map((r: { comment: string }) => r.comment)).toContain('Molt útil, gràcies a tot l’equip');
    expect(responses.text).not.toContain('@ens.example');
  });

  it('exports the summary and the anonymised responses as CSV and XLSX', async () => {
    const csv = await asAdmin(`/admin/gomunicipal/feedback/export/summary.csv?session=${sessionA}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('content,Com valoreu el contingut de la sessió?,scale,4,4,2,33.3,6,3.83,4,66.7');

    const responsesCsv = await asAdmin(`/admin/gomunicipal/feedback/export/responses.csv?session=${sessionA}`);
    const lines = responsesCsv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Resposta,Data de la sessió,Sessió,Idioma,Dia de la resposta,content,duration,understood,applicable,comment,nextTopic');
    expect(lines).toHaveLength(7);
    expect(responsesCsv.text).not.toContain('@ens.example');

    const xlsx = await asAdmin(`/admin/gomunicipal/feedback/export/responses.xlsx?session=${sessionA}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Respostes');
    expect(sheet?.rowCount).toBe(7);
    expect(sheet?.getRow(1).getCell(6).value).toBe('content');
    const contents = [2, 3, 4, 5, 6, 7].map((r) => sheet?.getRow(r).getCell(6).value).sort();
    expect(contents).toEqual([2, 3, 4, 4, 5, 5]);
  });

  it('turns a response’s next topic into a proposal in one step, once', async () => {
    const response = (await app.strapi.db.query(RESPONSE).findOne({ where: { nextTopic: { $notNull: true } } })) as { documentId: string };
    const convert = () => app.http().post(`/admin/gomunicipal/feedback-responses/${response.documentId}/proposal`).set('authorization', `Bearer ${admin}`);
    const res = await convert();
    expect(res.status).toBe(201);
    const proposal = (await app.strapi.db.query('api::proposal.proposal').findOne({ where: { documentId: res.body.data.documentId } })) as Record<string, unknown>;
    expect(proposal).toMatchObject({ title: 'Com publicar els contractes menors al portal', source: 'feedback', reviewStatus: 'received', email: null });
    expect((await convert()).status).toBe(409);
  });
});

describe('editing the survey', () => {
  const SURVEY = 'api::survey.survey';
  const current = async () =>
    (await app.strapi.db.query(SURVEY).findOne({ where: { isDefault: true }, populate: { questions: { populate: { options: true } } } })) as {
      documentId: string;
      questions: { key: string; kind: string; [k: string]: unknown }[];
    };
  const strip = (q: Record<string, unknown>) => {
    const { id: _id, options, ...rest } = q as { id?: number; options?: Record<string, unknown>[] };
    return { ...rest, options: (options ?? []).map(({ id: _oid, ...o }) => o) };
  };

  it('refuses to change the kind of a question that has answers', async () => {
    const survey = await current();
    const questions = survey.questions.map((q) => strip(q.key === 'content' ? { ...q, kind: 'text' } : q));
    await expect(app.strapi.documents(SURVEY).update({ documentId: survey.documentId, data: { questions } as never })).rejects.toThrow(
      /La pregunta «content» ja té respostes de tipus «scale»: no pot passar a «text»/
    );
    expect((await current()).questions.find((q) => q.key === 'content')?.kind).toBe('scale');
  });

  it('has one default survey', async () => {
    await expect(
      app.strapi.documents(SURVEY).create({ data: { name: 'Una altra', isDefault: true, questions: [] } as never })
    ).rejects.toThrow(/Ja hi ha una enquesta per defecte/);
    const other = await app.strapi.documents(SURVEY).create({ data: { name: 'Una altra', isDefault: false, questions: [] } as never });
    expect(other.documentId).toBeDefined();
  });

  it('keeps the answers of a removed question in the results', async () => {
    const survey = await current();
    const questions = survey.questions.filter((q) => q.key !== 'applicable').map(strip);
    await app.strapi.documents(SURVEY).update({ documentId: survey.documentId, data: { questions } as never });
    const summary = (await app.http().get(`/api/sessions/${sessionA}/feedback-summary`)).body.data as FeedbackSummary;
    expect(question(summary, 'applicable')).toMatchObject({ answers: 6, mean: 3.5 });
    const form = await app.http().get(`/api/feedback/${tokensA[5]}`);
    expect(form.body.data.questions.map((q: { key: string }) => q.key)).not.toContain('applicable');
  });
});

describe('the cost of a summary', () => {
  it('is two SQL statements whatever the scope, the language or the number of sessions (the sessions with their kept counts, the rollups)', async () => {
    const results = service(app.strapi, 'api::feedback-response.results');
    const [past] = await app.strapi.db.query('api::session.session').findMany({ select: ['documentId'], where: { locale: 'ca', publishedAt: { $notNull: true }, startsAt: { $lt: new Date() } }, limit: 1 });
    // The surveys' labels are kept in memory after the first read, and the registration counts in
    // the database (a count missing after a change costs its session one recount, once).
    await results.summary({}, { language: 'ca', threshold: 5 });
    await results.summary({ session: past.documentId }, { language: 'ca', threshold: 5 });
    const counted: number[] = [];
    for (const language of ['ca', 'es'] as const) {
      for (const scope of [{ session: past.documentId }, { from: '2023-01-01', to: '2026-12-31' }, {}]) {
        counted.push(await countQueries(app.strapi, () => results.summary(scope, { language, threshold: 5 })));
      }
    }
    expect(counted).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

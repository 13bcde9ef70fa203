import type { FeedbackSummary } from '../../src/api/feedback-response/services/results';
import { service } from '../../src/utils/services';
import { zonedWallTimeToUtc } from '../../src/utils/time';
import { hashToken } from '../../src/utils/tokens';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Issue 22, privacy: what an anonymous visitor could learn that they should not. Each test
 * reproduces a finding of the probe (it failed before the fix).
 */
let app: TestApp;

const REGISTRATION = 'api::registration.registration';
const registrations = () => service(app.strapi, 'api::registration.registration');
const feedback = () => service(app.strapi, 'api::feedback-response.feedback-response');
const graphql = (query: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').send({ query, variables });

const answers = (content: number, duration: string, extra: { question: string; value: string | number }[] = []) => ({
  answers: [
    { question: 'content', value: content },
    { question: 'duration', value: duration },
    { question: 'understood', value: 4 },
    { question: 'applicable', value: 4 },
    ...extra,
  ],
});

/** A confirmed registration with its survey link, stored as the invitation stores it. */
const invited = async (session: string, email: string) => {
  const created = await createRegistration(app.strapi, session, 'confirmed', email);
  const token = registrations().tokenFor(created.documentId, 'feedback');
  const cancelToken = registrations().tokenFor(created.documentId);
  await app.strapi.db
    .query(REGISTRATION)
    .update({ where: { id: created.id }, data: { feedbackTokenHash: hashToken(token), tokenHash: hashToken(cancelToken) } });
  return { token, cancelToken, id: created.id as number, documentId: created.documentId as string };
};

beforeAll(async () => {
  app = await startApp({ RATE_LIMIT_FEEDBACK_POINTS: '1000', RATE_LIMIT_REGISTRATION_POINTS: '1000', RATE_LIMIT_CANCELLATION_POINTS: '1000' });
});

afterAll(async () => {
  await app?.stop();
});

describe('finding 4: the privacy threshold cannot be subtracted away', () => {
  let small: string;
  let neighbour: string;
  // Range summaries take Madrid dates: the sessions are at 10:00 Madrid time on those dates, so that
  // a run between midnight in Madrid and midnight UTC finds them on the days it asks for.
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    // Two sessions in the same week: `small` has 2 responses (below the threshold of 5), `neighbour` 5.
    small = await createSession(app.strapi, { title: 'Sessió petita', startsAt: zonedWallTimeToUtc(day(-6), '10:00'), eventStatus: 'held' });
    neighbour = await createSession(app.strapi, { title: 'Sessió veïna', startsAt: zonedWallTimeToUtc(day(-5), '10:00'), eventStatus: 'held' });
    for (const [i, content] of [1, 1].entries()) {
      await feedback().submit((await invited(small, `petita${i}@ens.example`)).token, answers(content, 'too_long'));
    }
    // An optional scale question that only two of the neighbour's five respondents answer.
    const survey = (await app.strapi.db.query('api::survey.survey').findOne({ where: { isDefault: true }, populate: { questions: { populate: { options: true } } } })) as {
      documentId: string;
      questions: Record<string, unknown>[];
    };
    const strip = (q: Record<string, unknown>) => {
      const { id: _id, options, ...rest } = q as { id?: number; options?: Record<string, unknown>[] };
      return { ...rest, options: (options ?? []).map(({ id: _oid, ...o }) => o) };
    };
    const tools = { key: 'tools', kind: 'scale', required: false, labelCa: 'Les eines us han servit?', labelEs: '¿Os han servido las herramientas?' };
    await app.strapi.documents('api::survey.survey').update({ documentId: survey.documentId, data: { questions: [...survey.questions.map(strip), tools] } as never });
    for (const [i, content] of [5, 4, 5, 4, 5].entries()) {
      await feedback().submit((await invited(neighbour, `veina${i}@ens.example`)).token, answers(content, 'right', i < 2 ? [{ question: 'tools', value: 1 }] : []));
    }
  });

  it('a question answered by fewer people than the threshold shows no figures, even in a published session', async () => {
    const alone = (await app.http().get(`/api/sessions/${neighbour}/feedback-summary`)).body.data as FeedbackSummary;
    expect(alone.suppressed).toBe(false);
    expect(alone.questions.find((q) => q.key === 'content')).toMatchObject({ answers: 5, mean: 4.6 });
    expect(alone.questions.find((q) => q.key === 'tools')).toMatchObject({ answers: null, distribution: null, mean: null });
  });

  it('a range summary adds only the sessions that pass the threshold on their own, and says how many it left out', async () => {
    const alone = (await app.http().get(`/api/sessions/${neighbour}/feedback-summary`)).body.data as FeedbackSummary;
    const both = (await app.http().get(`/api/feedback-summary?from=${day(-7)}&to=${day(-4)}`)).body.data as FeedbackSummary;
    expect(both).toMatchObject({ sessions: 2, responses: 7, withheldSessions: 1, withheldResponses: 2, suppressed: false });
    // Every figure of the range is the neighbour's: their difference tells nothing about the small session.
    expect(both.questions).toEqual(alone.questions);
    expect(both.responseRate).toBe(alone.responseRate);
    const content = both.questions.find((q) => q.key === 'content');
    expect(content?.distribution?.find((d) => d.value === '1')?.count).toBe(0);
    // The series names the small session as suppressed, without figures.
    expect(both.series.find((p) => p.sessionId === small)).toMatchObject({ responses: 2, suppressed: true, means: [], shares: [] });

    const gql = await graphql(`query ($from: Date, $to: Date) { feedbackSummary(from: $from, to: $to) { responses withheldSessions questions { key answers mean } } }`, {
      from: day(-7),
      to: day(-4),
    });
    expect(gql.body.data.feedbackSummary.withheldSessions).toBe(1);
    expect(gql.body.data.feedbackSummary.questions.find((q: { key: string }) => q.key === 'content')).toMatchObject({ answers: 5, mean: 4.6 });
  });

  it('a range of only small sessions is suppressed, and the small session alone too', async () => {
    const range = (await app.http().get(`/api/feedback-summary?from=${day(-6)}&to=${day(-6)}`)).body.data as FeedbackSummary;
    expect(range).toMatchObject({ responses: 2, suppressed: true, responseRate: null });
    for (const q of range.questions) expect(q.distribution).toBeNull();
    const alone = (await app.http().get(`/api/sessions/${small}/feedback-summary`)).body.data as FeedbackSummary;
    expect(alone.suppressed).toBe(true);
  });
});

describe('finding 5: unpublished text cannot be guessed through localizations', () => {
  let session: string;
  beforeAll(async () => {
    const sessions = app.strapi.documents('api::session.session');
    const doc = await sessions.create({ locale: 'ca', data: { title: 'Sessió amb traducció pendent', slug: 'traduccio-pendent', startsAt: new Date(Date.now() + 9 * DAY).toISOString(), durationMinutes: 60, eventStatus: 'scheduled', registrationOpen: true } });
    session = doc.documentId;
    await sessions.publish({ documentId: session, locale: 'ca' });
    // A Spanish version that is only a draft: its title is not public.
    await sessions.update({ documentId: session, locale: 'es', data: { title: 'Borrador secreto XYZ' } });
  });

  it('REST filters through localizations are refused with a 400 naming the relation', async () => {
    const res = await app.http().get('/api/sessions?filters[localizations][title][$startsWith]=Borrador');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('FILTER_NOT_ALLOWED');
    expect(res.body.error.message).toMatch(/localizations/);
    const nested = await app.http().get('/api/sessions?filters[$or][0][localizations][title][$startsWith]=B');
    expect(nested.status).toBe(400);
  });

  it('GraphQL filters through localizations are refused too', async () => {
    const res = await graphql('{ sessions(filters: { localizations: { title: { startsWith: "Borrador" } } }) { documentId } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('FILTER_NOT_ALLOWED');
  });

  it('no public read shows the draft locale’s text', async () => {
    for (const path of [`/api/sessions/${session}?populate=localizations`, `/api/sessions?locale=es`, `/api/sessions/${session}?locale=es`]) {
      const res = await app.http().get(path);
      expect({ path, leaked: res.text.includes('Borrador secreto') }).toEqual({ path, leaked: false });
    }
    const gql = await graphql(`{ session(documentId: "${session}") { title localizations { title } } }`);
    expect(gql.text).not.toContain('Borrador secreto');
  });
});

describe('finding 6: small leaks', () => {
  it('registering an address already registered answers exactly as a first registration', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de la prova de duplicats', startsAt: new Date(Date.now() + 20 * DAY), capacity: 10 });
    const body = { fullName: 'Persona Registrada', email: 'registrada@ens.example', localEntity: 'Ajuntament de Prova', consent: true };
    const first = await app.http().post(`/api/sessions/${session}/registrations`).send(body);
    const again = await app.http().post(`/api/sessions/${session}/registrations`).send({ ...body, fullName: 'Algú que prova' });
    const stranger = await app.http().post(`/api/sessions/${session}/registrations`).send({ ...body, email: 'nova@ens.example' });
    expect([first.status, again.status, stranger.status]).toEqual([201, 201, 201]);
    expect(again.body).toEqual(stranger.body);
    expect(again.text).not.toMatch(/already/i);
    const gql = await graphql(
      `mutation ($id: ID!, $input: RegistrationInput!) { registerForSession(sessionId: $id, input: $input) { status alreadyRegistered } }`,
      { id: session, input: body }
    );
    expect(gql.body.data.registerForSession).toEqual({ status: 'confirmed', alreadyRegistered: false });
  });

  it('private link tokens never reach the http log, and a proposer’s status is never stored by caches', async () => {
    const lines: string[] = [];
    const original = app.strapi.log.http;
    const level = app.strapi.log.level;
    // The tests log warnings only: http lines on, as in production, and captured.
    app.strapi.log.level = 'http';
    app.strapi.log.http = ((message: unknown) => {
      lines.push(String(message));
    }) as typeof original;
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    try {
      await app.http().get(`/api/feedback/${token}`);
      const status = await app.http().get(`/api/proposals/status?token=${token}`);
      expect(status.headers['cache-control']).toBe('no-store');
      await app.http().get(`/register/cancel/?token=${token}`);
    } finally {
      app.strapi.log.http = original;
      app.strapi.log.level = level;
    }
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
    expect(lines.some((line) => line.includes('/api/proposals/status?token=…'))).toBe(true);
  });
});

describe('finding 7: only people with a seat answer the survey; rates never pass 100 %', () => {
  it('a cancelled registration’s survey link stops working', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de la cancel·lació', startsAt: new Date(Date.now() - 2 * DAY), eventStatus: 'held' });
    const staying = await invited(session, 'queda@ens.example');
    const leaving = await invited(session, 'marxa@ens.example');
    // Cancelled through the link of the registrant's emails, as a person does.
    expect((await app.http().post('/api/registrations/cancel').send({ token: leaving.cancelToken })).status).toBe(200);
    const refused = await app.http().post(`/api/feedback/${leaving.token}`).send(answers(5, 'right'));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    // Even with the link's hash put back by hand, a cancelled registration cannot answer.
    await app.strapi.db.query(REGISTRATION).update({ where: { id: leaving.id }, data: { feedbackTokenHash: hashToken(leaving.token) } });
    const gone = await app.http().post(`/api/feedback/${leaving.token}`).send(answers(5, 'right'));
    expect(gone.status).toBe(410);
    expect(gone.body.error.details.code).toBe('FEEDBACK_REGISTRATION_CANCELLED');
    expect((await app.http().post(`/api/feedback/${staying.token}`).send(answers(4, 'right'))).status).toBe(201);
  });

  it('once attendance is taken, only those who attended are invited and may answer', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió amb assistència', startsAt: new Date(Date.now() - 3 * DAY), eventStatus: 'held' });
    const present = await createRegistration(app.strapi, session, 'confirmed', 'present@ens.example');
    const absent = await createRegistration(app.strapi, session, 'confirmed', 'absent@ens.example');
    await app.strapi.db.query(REGISTRATION).update({ where: { id: present.id }, data: { attended: true } });
    await service(app.strapi, 'api::feedback-response.invitations').queue();
    const rows = (await app.strapi.db.query(REGISTRATION).findMany({ where: { id: { $in: [present.id, absent.id] } }, select: ['id', 'feedbackTokenHash'] })) as {
      id: number;
      feedbackTokenHash: string | null;
    }[];
    expect(rows.find((r) => r.id === present.id)?.feedbackTokenHash).not.toBeNull();
    expect(rows.find((r) => r.id === absent.id)?.feedbackTokenHash).toBeNull();
    // A link given to the absent person anyway is refused.
    const token = registrations().tokenFor(absent.documentId, 'feedback');
    await app.strapi.db.query(REGISTRATION).update({ where: { id: absent.id }, data: { feedbackTokenHash: hashToken(token) } });
    const res = await app.http().post(`/api/feedback/${token}`).send(answers(5, 'right'));
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('FEEDBACK_NOT_ATTENDED');
  });

  it('a response rate never passes 100 %, whatever happens to the registrations after the answers', async () => {
    const session = await createSession(app.strapi, { title: 'Sessió de les taxes', startsAt: new Date(Date.now() - 4 * DAY), eventStatus: 'held' });
    const people = [];
    for (let i = 0; i < 6; i += 1) people.push(await invited(session, `taxa${i}@ens.example`));
    for (const person of people) await feedback().submit(person.token, answers(4, 'right'));
    // Registrations cancelled after they answered (an editor's change, a late cancellation).
    for (const person of people.slice(0, 3)) {
      await app.strapi.db.query(REGISTRATION).update({ where: { id: person.id }, data: { registrationStatus: 'cancelled' } });
    }
    const summary = (await app.http().get(`/api/sessions/${session}/feedback-summary`)).body.data as FeedbackSummary;
    expect(summary.responses).toBe(6);
    expect(summary.responseRate).toBe(100);
  });
});

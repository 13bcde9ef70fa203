import { countQueries } from '../../tooling';
import { service } from '../../src/utils/services';
import { hashToken } from '../../src/utils/tokens';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

// The response cache after a change: concurrent identical misses are rendered once and shared
// (single flight), and the published survey results it now serves are never stale after a
// submission.
let app: TestApp;
let upcoming: string;
let held: string;
const tokens: string[] = [];
const REGISTRATION = 'api::registration.registration';
const BURST = 24;

/** An editor's save: a committed write to what the portal shows. */
const editorSaves = async (title: string) => {
  await app.strapi.documents('api::session.session').update({ documentId: upcoming, locale: 'ca', data: { title } });
  await app.strapi.documents('api::session.session').publish({ documentId: upcoming, locale: 'ca' });
};

beforeAll(async () => {
  app = await startApp({ FEEDBACK_PRIVACY_THRESHOLD: '1', RATE_LIMIT_FEEDBACK_POINTS: '1000' });
  upcoming = await createSession(app.strapi, { title: 'Sessió per a la ràfega', startsAt: new Date(Date.now() + 12 * DAY), capacity: 30 });
  held = await createSession(app.strapi, { title: 'Sessió ja feta', startsAt: new Date(Date.now() - 3 * DAY), eventStatus: 'held' });
  for (let i = 0; i < 3; i += 1) {
    const created = await createRegistration(app.strapi, held, 'confirmed', `f${i}@ens.example`);
    const token = service(app.strapi, 'api::registration.registration').tokenFor(created.documentId, 'feedback');
    await app.strapi.db.query(REGISTRATION).update({ where: { id: created.id }, data: { feedbackTokenHash: hashToken(token) } });
    tokens.push(token);
  }
});

afterAll(async () => {
  await app?.stop();
});

describe.each([
  ['the REST list', '/api/sessions/upcoming?limit=10'],
  ['a GraphQL GET query', `/graphql?query=${encodeURIComponent('{ upcomingSessions(limit: 10) { documentId title seatsLeft } }')}`],
  ['a site page', '/ca/'],
])('single flight, %s', (_name, path) => {
  it(`renders ${BURST} concurrent identical misses after a save once, and gives all the same answer`, async () => {
    // What one render costs in SQL statements, measured alone after a save.
    await editorSaves('Sessió per a la ràfega (1)');
    const alone = await countQueries(app.strapi, async () => {
      const res = await app.http().get(path);
      expect(res.headers['x-cache']).toBe('MISS');
    });
    expect(alone).toBeGreaterThan(0);

    await editorSaves('Sessió per a la ràfega (2)');
    let answers: { status: number; text: string; headers: Record<string, string> }[] = [];
    const statements = await countQueries(app.strapi, async () => {
      answers = await Promise.all(Array.from({ length: BURST }, () => app.http().get(path)));
    });
    expect(answers.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    expect(answers.filter((a) => a.headers['x-cache'] === 'MISS')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0].text).toContain('Sessió per a la ràfega (2)');
    // At most one render's statements, not BURST of them.
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(alone);
  });
});

describe('published survey results in the cache', () => {
  it('are served from the cache, and never stale after a submission, a survey change or a session change', async () => {
    const paths = [`/api/sessions/${held}/feedback-summary`, `/api/feedback-summary?from=2020-01-01&to=2030-12-31`];
    for (const [i, token] of tokens.entries()) {
      for (const path of paths) {
        const before = await app.http().get(path);
        expect(before.status).toBe(200);
        expect(before.body.data.responses).toBe(i);
        const again = await app.http().get(path);
        expect(again.headers['x-cache']).toBe('HIT');
        expect(again.text).toBe(before.text);
      }
      const submitted = await app
        .http()
        .post(`/api/feedback/${token}`)
        .send({
          answers: [
            { question: 'content', value: 5 },
            { question: 'duration', value: 'right' },
            { question: 'understood', value: 4 },
            { question: 'applicable', value: 5 },
          ],
        });
      expect(submitted.status).toBe(201);
      // Read at once: the submission's commit has already made the old answers unreachable.
      for (const path of paths) {
        const after = await app.http().get(path);
        expect(after.headers['x-cache']).toBe('MISS');
        expect(after.body.data.responses).toBe(i + 1);
      }
    }

    // A survey's labels and a session's title show in the results: changing them is seen at once.
    const path = `/api/sessions/${held}/feedback-summary`;
    expect((await app.http().get(path)).headers['x-cache']).toBe('HIT');
    // An editor relabels a question of the default survey (through the Document Service, as the admin does).
    type Question = { id?: number; key: string; labelCa: string; options?: { id?: number }[] };
    const survey = (await app.strapi.db.query('api::survey.survey').findOne({ where: { isDefault: true }, populate: { questions: { populate: ['options'] } } })) as {
      documentId: string;
      questions: Question[];
    };
    const questions = survey.questions.map(({ id: _id, options, ...q }) => ({
      ...q,
      labelCa: q.key === 'content' ? 'Contingut, de l’1 al 5' : q.labelCa,
      options: (options ?? []).map(({ id: _optionId, ...option }) => option),
    }));
    await app.strapi.documents('api::survey.survey').update({ documentId: survey.documentId, data: { questions } as never });
    const relabelled = await app.http().get(path);
    expect(relabelled.headers['x-cache']).toBe('MISS');
    expect(relabelled.text).toContain('Contingut, de l’1 al 5');

    await app.strapi.documents('api::session.session').update({ documentId: held, locale: 'ca', data: { title: 'Sessió ja feta, amb un títol nou' } });
    await app.strapi.documents('api::session.session').publish({ documentId: held, locale: 'ca' });
    const retitled = await app.http().get(path);
    expect(retitled.headers['x-cache']).toBe('MISS');
    expect(retitled.body.data.series[0].title).toBe('Sessió ja feta, amb un títol nou');
  });
});

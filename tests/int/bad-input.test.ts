import fc from 'fast-check';
import type { RegistrationService } from '../../src/api/registration/services/registration';
import { hashToken } from '../../src/utils/tokens';
import { createRegistration, createSession, DAY } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * Property-based bad input against every public write: generated malformed bodies (wrong types,
 * missing and extra fields, huge and odd strings, injection strings, non-JSON, wrong content types)
 * must all answer a 4xx with a JSON error message, never a 5xx, and write nothing.
 */
let app: TestApp;
let session: string;
let feedbackToken: string;
// 1,500 + 375 + 1,500 generated requests in the SQLite pass, a third of that on PostgreSQL and
// MariaDB: over 5,000 per CI run, new ones each run. Most are refused before any SQL, so the full
// size runs once and the other databases get enough to reach their own constraints (lengths,
// types) through every write (docs/decisions.md, "Which tests run on which database").
const FULL_SIZE = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite';
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? (FULL_SIZE ? 1500 : 500));

const PRIVATE_TABLES = [
  'api::registration.registration',
  'api::registration.seat-count',
  'api::proposal.proposal',
  'api::support-request.support-request',
  'api::outbox-message.outbox-message',
  'api::feedback-response.feedback-response',
  'api::feedback-rollup.feedback-rollup',
] as const;

const counts = async () =>
  Promise.all(PRIVATE_TABLES.map((uid) => app.strapi.db.query(uid).count()));

beforeAll(async () => {
  app = await startApp({
    RATE_LIMIT_REGISTRATION_POINTS: '1000000',
    RATE_LIMIT_CANCELLATION_POINTS: '1000000',
    RATE_LIMIT_SUPPORT_POINTS: '1000000',
    RATE_LIMIT_PROPOSAL_POINTS: '1000000',
    RATE_LIMIT_FEEDBACK_POINTS: '1000000',
  });
  session = await createSession(app.strapi, { title: 'Sessió oberta', startsAt: new Date(Date.now() + 20 * DAY), capacity: 5 });
  // A valid survey link, so that the answers themselves are what is wrong.
  const held = await createSession(app.strapi, { title: 'Sessió feta', startsAt: new Date(Date.now() - DAY), eventStatus: 'held' });
  const registration = await createRegistration(app.strapi, held, 'confirmed', 'enquesta@ens.example');
  feedbackToken = (app.strapi.service('api::registration.registration') as unknown as RegistrationService).tokenFor(registration.documentId, 'feedback');
  await app.strapi.db.query('api::registration.registration').update({ where: { id: registration.id }, data: { feedbackTokenHash: hashToken(feedbackToken) } });
});

afterAll(async () => {
  await app?.stop();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE registrations; --',
    '<script>alert(1)</script>',
    '{{7*7}}',
    '${jndi:ldap://x}',
    '\u0000',
    '\uD800',
    '../../etc/passwd',
    'a'.repeat(20000),
    '080193',
    'x@y',
    '  '
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 })
);

const FIELDS = ['answers', 'question', 'value', 'fullName', 'email', 'localEntity', 'jobTitle', 'consent', 'title', 'description', 'name', 'topic', 'requesterName', 'token', 'website', 'language', '__proto__', 'id', 'documentId'];

/** A body: mostly objects with known and unknown keys holding wrong values; sometimes not an object at all. */
const QUESTIONS = ['content', 'duration', 'understood', 'applicable', 'comment', 'nextTopic'];
const answers = fc.record({
  answers: fc.array(
    fc.oneof(fc.record({ question: fc.oneof(fc.constantFrom(...QUESTIONS), nasty), value: nasty }), nasty),
    { maxLength: 8 }
  ),
});
const body = fc.oneof(
  { weight: 2, arbitrary: answers },
  { weight: 6, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), nasty, { maxKeys: 8 }) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: nasty }
);

const ENDPOINTS = [
  () => `/api/sessions/${session}/registrations`,
  () => '/api/registrations/cancel',
  () => '/api/support-requests',
  () => '/api/proposals',
  () => `/api/feedback/${feedbackToken}`,
];

const expectClientError = (res: { status: number; text: string; body: unknown }, what: string) => {
  if (!(res.status >= 400 && res.status < 500)) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  const message = (res.body as { error?: { message?: unknown }; errors?: { message?: unknown }[] })?.error?.message ??
    (res.body as { errors?: { message?: unknown }[] })?.errors?.[0]?.message;
  if (typeof message !== 'string' || message.length === 0) throw new Error(`${what} answered ${res.status} without a message: ${res.text.slice(0, 300)}`);
};

describe('malformed input to every public write', () => {
  it('always answers a 4xx with a message and writes nothing (REST, JSON bodies)', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: ENDPOINTS.length - 1 }), body, async (endpoint, payload) => {
        const path = ENDPOINTS[endpoint]();
        const res = await app.http().post(path).set('content-type', 'application/json').send(JSON.stringify(payload));
        expectClientError(res, `POST ${path} ${JSON.stringify(payload).slice(0, 200)}`);
      }),
      { numRuns: RUNS }
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses broken JSON, wrong content types and oversized bodies the same way', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ENDPOINTS.length - 1 }),
        fc.oneof(
          fc.string({ maxLength: 200 }).map((text) => ({ type: 'application/json', text: `{${text}` })),
          fc.string({ maxLength: 200 }).map((text) => ({ type: 'text/plain', text })),
          fc.string({ maxLength: 200 }).map((text) => ({ type: 'application/x-www-form-urlencoded', text: `a=${encodeURIComponent(text)}` })),
          fc.constant({ type: 'application/json', text: JSON.stringify({ fullName: 'x'.repeat(3 * 1024 * 1024) }) })
        ),
        async (endpoint, { type, text }) => {
          const path = ENDPOINTS[endpoint]();
          const res = await app.http().post(path).set('content-type', type).send(text);
          expectClientError(res, `POST ${path} (${type}) ${text.slice(0, 100)}`);
        }
      ),
      { numRuns: Math.max(20, Math.floor(RUNS / 4)) }
    );
    expect(await counts()).toEqual(before);
  });

  it('answers GraphQL mutations with malformed variables with errors, never a 5xx', async () => {
    const before = await counts();
    const mutations = [
      'mutation ($a: ID!, $b: RegistrationInput!) { registerForSession(sessionId: $a, input: $b) { status } }',
      'mutation ($b: SupportRequestInput!) { requestSupport(input: $b) { status } }',
      'mutation ($b: ProposalInput!) { submitProposal(input: $b) { status } }',
      'mutation ($a: String!) { cancelRegistration(token: $a) { status } }',
      'mutation ($a: String!, $b: [AnswerInput!]!) { submitFeedback(token: $a, answers: $b) { submitted } }',
      // The same with a valid survey link, so that the answers are what is wrong.
      'mutation ($t: String!, $b: [AnswerInput!]!) { submitFeedback(token: $t, answers: $b) { submitted } }',
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: mutations.length - 1 }), body, nasty, async (index, b, a) => {
        const variables = index === 5 ? { t: feedbackToken, b: (b as { answers?: unknown })?.answers ?? b } : { a, b };
        const res = await app.http().post('/graphql').send({ query: mutations[index], variables });
        expectClientError(res, `GraphQL ${index} ${JSON.stringify({ a, b }).slice(0, 200)}`);
      }),
      { numRuns: RUNS }
    );
    expect(await counts()).toEqual(before);
  });
});

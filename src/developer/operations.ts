/**
 * What the OpenAPI document says about each public action beyond its route (which comes from the
 * app's route table): summary, parameters, body and answers. Generated routes (`find`, `findOne`)
 * are described from their content type in openapi.ts; every other public action must have an
 * entry here, or building the document fails (so a new public route cannot go undocumented).
 */
import { ref, type JsonSchema } from './content-schemas';

export type Operation = {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: JsonSchema[];
  body?: { schema: string; example: Record<string, unknown> };
  /** status → a component schema name (JSON), `calendar` (text/calendar) or an error response name */
  responses: Record<string, string>;
};

const query = (name: string, schema: JsonSchema, description: string, extra: JsonSchema = {}): JsonSchema => ({ name, in: 'query', required: false, description, schema, ...extra });
const locale = query('locale', { type: 'string', enum: ['ca', 'es'], default: 'ca' }, 'Content and message language');
const limit = (fallback: number, max = 100) => query('limit', { type: 'integer', minimum: 1, maximum: max, default: fallback }, 'How many');
const token = (where: 'path' | 'query'): JsonSchema => ({ name: 'token', in: where, required: true, description: 'The private link token from the email', schema: { type: 'string' } });
const day = (name: string, description: string) => query(name, { type: 'string', format: 'date' }, description);

/** Wraps a schema as `{ data: … }`, the shape of every Strapi answer; arrays with `[]`. */
export const dataOf = (name: string): JsonSchema => {
  const list = name.endsWith('[]');
  const inner = ref(list ? name.slice(0, -2) : name);
  return { type: 'object', required: ['data'], properties: { data: list ? { type: 'array', items: inner } : inner, meta: { type: 'object' } }, additionalProperties: false };
};

export const OPERATIONS: Record<string, Operation> = {
  'api::session.session.upcoming': {
    summary: 'Properes sessions',
    description: 'Published sessions that have not started and are not cancelled, soonest first.',
    tags: ['sessions'],
    parameters: [limit(5), locale],
    responses: { 200: 'data:PortalSession[]', 400: 'BadRequest' },
  },
  'api::session.session.past': {
    summary: 'Sessions fetes',
    description: 'Published sessions that have started, newest first; cancelled ones are left out.',
    tags: ['sessions'],
    parameters: [limit(12), query('year', { type: 'integer', minimum: 2000, maximum: 2100 }, 'A calendar year in Madrid time'), locale],
    responses: { 200: 'data:PortalSession[]', 400: 'BadRequest' },
  },
  'api::session.session.calendar': {
    summary: "Calendari d'una sessió (iCalendar)",
    tags: ['calendar'],
    parameters: [locale],
    responses: { 200: 'calendar', 400: 'BadRequest', 404: 'NotFound' },
  },
  'api::session.session.calendarFeed': {
    summary: 'Calendari de les sessions (iCalendar)',
    description: 'Upcoming sessions and those of the last 12 months; subscribe to it.',
    tags: ['calendar'],
    parameters: [locale],
    responses: { 200: 'calendar', 400: 'BadRequest' },
  },
  'api::registration.registration.register': {
    summary: 'Inscriure’s a una sessió',
    description: 'The same email again answers as a first registration would (the person is emailed instead).',
    tags: ['registrations'],
    body: {
      schema: 'RegistrationInput',
      example: { fullName: 'Anna Puig', email: 'anna@ajuntament.example', localEntity: '080193', jobTitle: 'Tècnica de transparència', consent: true },
    },
    responses: { 201: 'RegistrationResult', 400: 'BadRequest', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 429: 'TooManyRequests', 503: 'ServiceUnavailable' },
  },
  'api::registration.registration.cancel': {
    summary: 'Anul·lar una inscripció',
    tags: ['registrations'],
    body: { schema: 'CancellationInput', example: { token: 'el-testimoni-del-correu' } },
    responses: { 200: 'CancellationResult', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
  },
  'api::local-entity.local-entity.search': {
    summary: 'Cercar ens locals',
    description: 'Matches names and INE codes; only name, INE code, kind and comarca are public.',
    tags: ['local entities'],
    parameters: [query('search', { type: 'string', minLength: 2, maxLength: 100 }, 'Part of a name or an INE code', { required: true, example: 'hospitalet' }), limit(10, 50), locale],
    responses: { 200: 'data:EntityMatch[]', 400: 'BadRequest' },
  },
  'api::local-entity.local-entity.eligibility': {
    summary: 'Pot l’ens demanar suport a demanda?',
    tags: ['local entities'],
    parameters: [locale],
    responses: { 200: 'data:Eligibility', 400: 'BadRequest', 404: 'NotFound' },
  },
  'api::support-request.support-request.submit': {
    summary: 'Demanar suport a demanda',
    description: 'An ineligible entity gets 403 with the reason and nothing is stored.',
    tags: ['support'],
    body: {
      schema: 'SupportRequestInput',
      example: { localEntity: '080193', requesterName: 'Joan Serra', email: 'joan@ajuntament.example', topic: 'Publicar els contractes menors', consent: true },
    },
    responses: { 201: 'SupportRequestResult', 400: 'BadRequest', 403: 'Forbidden', 413: 'PayloadTooLarge', 429: 'TooManyRequests' },
  },
  'api::proposal.proposal.submit': {
    summary: 'Proposar un tema',
    tags: ['proposals'],
    body: { schema: 'ProposalInput', example: { title: 'Com anonimitzar les actes del ple', email: 'anna@ajuntament.example', consent: true } },
    responses: { 201: 'ProposalReceived', 400: 'BadRequest', 413: 'PayloadTooLarge', 429: 'TooManyRequests' },
  },
  'api::proposal.proposal.similar': {
    summary: 'Temes i sessions semblants',
    tags: ['proposals'],
    parameters: [query('title', { type: 'string', minLength: 3, maxLength: 150 }, 'The topic as typed so far', { required: true, example: 'actes del ple' }), locale],
    responses: { 200: 'data:Similar', 400: 'BadRequest' },
  },
  'api::proposal.proposal.status': {
    summary: 'Estat d’una proposta (enllaç privat)',
    tags: ['proposals'],
    parameters: [token('query'), locale],
    responses: { 200: 'data:ProposalStatus', 404: 'NotFound' },
  },
  'api::proposal.proposal.topics': {
    summary: 'Temes acceptats i programats',
    tags: ['proposals'],
    parameters: [
      query('status', { type: 'array', items: { type: 'string', enum: ['accepted', 'scheduled'] } }, 'Which states (default both)', { style: 'form', explode: true }),
      limit(20),
      locale,
    ],
    responses: { 200: 'data:ProposedTopic[]', 400: 'BadRequest' },
  },
  'api::feedback-response.feedback-response.form': {
    summary: "L'enquesta d'un enllaç",
    tags: ['feedback'],
    parameters: [locale],
    responses: { 200: 'data:FeedbackForm', 404: 'NotFound', 409: 'Conflict', 410: 'Gone' },
  },
  'api::feedback-response.feedback-response.submit': {
    summary: "Respondre l'enquesta",
    tags: ['feedback'],
    parameters: [locale],
    body: {
      schema: 'FeedbackInput',
      example: { answers: [{ question: 'content', value: 5 }, { question: 'duration', value: 'right' }, { question: 'understood', value: 4 }, { question: 'applicable', value: 4 }] },
    },
    responses: { 201: 'FeedbackSubmitted', 400: 'BadRequest', 404: 'NotFound', 409: 'Conflict', 410: 'Gone', 429: 'TooManyRequests' },
  },
  'api::feedback-response.feedback-response.sessionSummary': {
    summary: "Resultats publicats d'una sessió",
    tags: ['feedback'],
    parameters: [locale],
    responses: { 200: 'data:FeedbackSummary', 400: 'BadRequest', 404: 'NotFound' },
  },
  'api::feedback-response.feedback-response.summary': {
    summary: 'Resultats publicats d’un període',
    tags: ['feedback'],
    parameters: [day('from', 'First Madrid day, included'), day('to', 'Last Madrid day, included'), locale],
    responses: { 200: 'data:FeedbackSummary', 400: 'BadRequest' },
  },
};

/** Bodies that have no component of their own elsewhere. */
export const EXTRA_SHAPES: Record<string, JsonSchema> = {
  CancellationInput: { type: 'object', required: ['token'], properties: { token: { type: 'string' } }, additionalProperties: false },
};

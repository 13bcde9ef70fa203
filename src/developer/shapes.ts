/**
 * The JSON Schemas of what the public API's own (non-generated) routes answer, and the error
 * shapes of every route: the one place that says what a custom controller returns, read by the
 * OpenAPI document (src/developer/openapi.ts). Generated routes take their schemas from the
 * content types instead (content-schemas.ts).
 */
import { ref, type JsonSchema } from './content-schemas';

const string = { type: 'string' };
const nullableString = { type: ['string', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };
const integer = { type: 'integer' };
const nullableNumber = { type: ['number', 'null'] };

/** A closed object: every property listed, nothing else may appear (a private field would fail validation). */
export const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});

const localized = object({ ca: string, es: string });
const sessionRef = object({ documentId: string, title: string, startsAt: dateTime });

export const SHAPES: Record<string, JsonSchema> = {
  PortalFields: object({
    endsAt: { ...dateTime, description: 'startsAt + durationMinutes' },
    isUpcoming: { type: 'boolean' },
    calendarUrl: { type: 'string', format: 'uri' },
    seatsLeft: { type: ['integer', 'null'], description: 'null: unlimited capacity' },
    registrationAvailable: { type: 'boolean' },
  }),
  RegistrationInput: object(
    {
      fullName: { type: 'string', minLength: 2, maxLength: 150 },
      email: { type: 'string', format: 'email' },
      localEntity: { type: 'string', description: "INE code of a known entity, or the entity's name" },
      jobTitle: string,
      consent: { const: true },
      consentVersion: string,
      language: { type: 'string', enum: ['ca', 'es'] },
      website: { type: 'string', maxLength: 0, description: 'honeypot: must stay empty' },
    },
    ['fullName', 'email', 'localEntity', 'consent']
  ),
  RegistrationResult: object({ data: object({ status: { type: 'string', enum: ['confirmed', 'waitlisted'] } }) }),
  CancellationResult: object({ data: object({ status: { type: 'string', enum: ['cancelled'] }, session: string }) }),
  EntityMatch: object({ name: string, ineCode: nullableString, kind: string, comarca: nullableString }),
  Eligibility: object({
    entity: object({ name: string, ineCode: nullableString, kind: string }),
    eligible: { type: 'boolean' },
    validityMonths: { type: ['integer', 'null'] },
    resources: {
      type: 'array',
      items: object({
        code: string,
        name: localized,
        catalogUrl: nullableString,
        status: { type: 'string', enum: ['requested', 'in_progress', 'completed', 'cancelled', 'none'] },
        requestedAt: nullableString,
        completedAt: nullableString,
        counts: { type: 'boolean' },
      }),
    },
    reason: localized,
  }),
  SupportRequestInput: object(
    {
      localEntity: string,
      requesterName: { type: 'string', minLength: 2, maxLength: 150 },
      email: { type: 'string', format: 'email' },
      jobTitle: string,
      topic: { type: 'string' },
      description: { type: 'string' },
      preferredDates: string,
      consent: { const: true },
      consentVersion: string,
      language: { type: 'string', enum: ['ca', 'es'] },
      website: { type: 'string', maxLength: 0 },
    },
    ['localEntity', 'requesterName', 'email', 'topic', 'consent']
  ),
  SupportRequestResult: object({ data: object({ status: { type: 'string', enum: ['pending'] }, reason: string }) }),
  ProposalInput: object(
    {
      title: { type: 'string', minLength: 5, maxLength: 150 },
      description: { type: 'string', maxLength: 5000 },
      name: string,
      email: { type: 'string', format: 'email' },
      localEntity: string,
      consent: { const: true },
      consentVersion: string,
      language: { type: 'string', enum: ['ca', 'es'] },
      website: { type: 'string', maxLength: 0 },
    },
    ['title', 'email', 'consent']
  ),
  Similar: object({
    proposals: { type: 'array', items: object({ title: string, status: { type: 'string', enum: ['accepted', 'scheduled'] } }) },
    sessions: { type: 'array', items: sessionRef },
  }),
  ProposalReceived: object({ data: object({ status: { type: 'string', enum: ['received'] }, similar: ref('Similar') }) }),
  ProposalStatus: object({
    title: string,
    status: string,
    publicAnswer: nullableString,
    session: { anyOf: [sessionRef, { type: 'null' }] },
    history: { type: 'array', items: object({ at: dateTime, status: string }) },
  }),
  ProposedTopic: object({ documentId: string, title: string, status: { type: 'string', enum: ['accepted', 'scheduled'] }, session: { anyOf: [sessionRef, { type: 'null' }] } }),
  FeedbackForm: object({
    session: object({ documentId: string, title: string, startsAt: dateTime, endsAt: dateTime }),
    language: { type: 'string', enum: ['ca', 'es'] },
    expiresAt: dateTime,
    questions: {
      type: 'array',
      items: object({
        key: string,
        kind: { type: 'string', enum: ['scale', 'choice', 'text'] },
        required: { type: 'boolean' },
        label: string,
        minLabel: nullableString,
        maxLabel: nullableString,
        options: { type: 'array', items: object({ value: string, label: string }) },
        maxLength: { type: ['integer', 'null'] },
      }),
    },
  }),
  FeedbackInput: object({
    answers: { type: 'array', items: object({ question: string, value: { type: ['integer', 'string'] } }) },
  }),
  FeedbackSubmitted: object({ data: object({ submitted: { const: true }, session: string }) }),
  FeedbackSummary: object({
    scope: object({ session: nullableString, from: nullableString, to: nullableString }),
    sessions: integer,
    responses: integer,
    withheldSessions: integer,
    withheldResponses: integer,
    confirmedRegistrations: integer,
    attendees: { type: ['integer', 'null'] },
    responseRate: nullableNumber,
    attendeeResponseRate: nullableNumber,
    threshold: { type: ['integer', 'null'] },
    suppressed: { type: 'boolean' },
    questions: {
      type: 'array',
      items: object({
        key: string,
        kind: { type: 'string', enum: ['scale', 'choice', 'text'] },
        label: string,
        answers: { type: ['integer', 'null'] },
        distribution: { anyOf: [{ type: 'array', items: object({ value: string, label: string, count: integer, percentage: { type: 'number' } }) }, { type: 'null' }] },
        mean: nullableNumber,
        median: nullableNumber,
        topTwoBox: nullableNumber,
      }),
    },
    series: {
      type: 'array',
      items: object({
        sessionId: string,
        title: string,
        startsAt: dateTime,
        responses: integer,
        suppressed: { type: 'boolean' },
        means: { type: 'array', items: object({ question: string, mean: nullableNumber }) },
        shares: { type: 'array', items: object({ question: string, value: string, percentage: { type: 'number' } }) },
      }),
    },
  }),
  Error: object({
    data: { type: 'null' },
    error: object(
      {
        status: integer,
        name: string,
        message: { type: 'string', description: "In the request's language (ca by default, es)" },
        details: {
          type: 'object',
          properties: {
            code: { type: 'string', description: 'A stable code for the case, e.g. SESSION_CANCELLED, FILTER_TOO_LARGE' },
            param: { type: 'string', description: 'The query parameter at fault' },
            errors: {
              type: 'array',
              description: 'Each bad field of a body',
              items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'array', items: { type: ['string', 'integer'] } }, message: string, name: string } },
            },
            errorId: { type: 'string', description: 'A 500: the id of the log entry' },
          },
        },
      },
      ['status', 'name', 'message']
    ),
  }),
};

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } };
const errorExample = (status: number, name: string, message: string, details: Record<string, unknown> = {}) => ({
  'application/json': { schema: ref('Error'), example: { data: null, error: { status, name, message, details } } },
});

/** The error answers, each in Strapi's error shape with a Catalan example. */
export const ERROR_RESPONSES: Record<string, JsonSchema> = {
  BadRequest: {
    description: 'Bad input: each bad field or parameter named, in the request language',
    content: errorExample(400, 'ValidationError', 'Hi ha camps per revisar.', { errors: [{ path: ['localEntity'], message: 'Aquest codi INE no correspon a cap ens conegut.', name: 'ValidationError' }] }),
  },
  Forbidden: {
    description: 'Refused (e.g. an entity not eligible for on-demand support: the reason and what to do)',
    content: errorExample(403, 'ForbiddenError', "Aquest ens encara no pot demanar suport a demanda: cal haver completat «Gestió de la transparència municipal».", {}),
  },
  NotFound: { description: 'Unknown or unpublished', content: errorExample(404, 'NotFoundError', 'La sessió no existeix o no està publicada.') },
  Conflict: {
    description: "The resource's state refuses the request; details.code says why",
    content: errorExample(409, 'ConflictError', "La sessió ja ha començat: ja no s'hi pot inscriure.", { code: 'SESSION_STARTED' }),
  },
  Gone: { description: 'A private link that no longer works', content: errorExample(410, 'GoneError', "L'enllaç de l'enquesta ha caducat.", { code: 'FEEDBACK_EXPIRED' }) },
  PayloadTooLarge: { description: 'The body is over the size limit', content: errorExample(413, 'PayloadTooLargeError', 'El cos de la petició és massa gran.') },
  TooManyRequests: {
    description: 'Too many requests from this address; Retry-After says when to try again',
    headers: retryAfter,
    content: errorExample(429, 'RateLimitError', 'Massa peticions: torneu-ho a provar més tard.'),
  },
  ServiceUnavailable: {
    description: 'The database is out of reach for a moment; Retry-After says when to try again',
    headers: retryAfter,
    content: errorExample(503, 'ServiceUnavailableError', 'El servei no està disponible ara mateix. Torneu-ho a provar d’aquí a uns segons.'),
  },
};

/**
 * Faults that are not a handler's: a database out of reach, a body too large or not JSON, an
 * internal error; how each is recognised and what the client is told (messages in src/messages).
 */
import crypto from 'crypto';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { localized, t, type MessageKey } from '../messages';
import type { Language, Localized } from './language';

/** Error codes of a database that cannot be reached or is going away (drivers and PostgreSQL SQLSTATEs). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNAVAILABLE_MESSAGES =
  /Connection terminated|Timeout acquiring a connection|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Connection lost|connect ECONNREFUSED|read ECONNRESET|Client was closed and is not queryable|Unable to acquire a connection/i;

type ErrorFields = { code?: unknown; message?: unknown; name?: unknown };

/** The first answer `test` gives for `error` or an error it wraps (`cause`, `originalError`, five levels deep). */
const inChain = <T>(error: unknown, test: (fields: ErrorFields) => T | undefined, depth = 0): T | undefined => {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { cause, originalError } = error as { cause?: unknown; originalError?: unknown };
  return test(error as ErrorFields) ?? inChain(cause, test, depth + 1) ?? inChain(originalError, test, depth + 1);
};

const saysUnavailable = ({ code, message, name }: ErrorFields): boolean =>
  (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || name === 'KnexTimeoutError' || (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));

/**
 * Whether `error` (or an error it wraps) says the database is out of reach: a fault of the moment,
 * answered 503 with Retry-After, never a 500, and never the driver's message.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => inChain(error, (fields) => saysUnavailable(fields) || undefined) === true;

/** Seconds a client should wait before trying again while the database is out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE: Localized = localized('service.unavailable');

/** Whether `error` is a body parser's "too large" (koa-body, koa-bodyparser: raw-body's 413). */
export const isPayloadTooLarge = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return status === 413 || type === 'entity.too.large';
};

export const payloadTooLargeMessage = (language: Language, limit: unknown): string => {
  const size = typeof limit === 'number' && limit > 0 ? ` (${Math.round(limit / 1024)} KB)` : '';
  return t(language, 'request.tooLarge', { size });
};

/** Whether `error` is a body parser's "not valid JSON/form" (co-body: a SyntaxError with status 400). */
export const isUnparsableBody = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return type === 'entity.parse.failed' || (status === 400 && error instanceof SyntaxError);
};

export const UNPARSABLE_BODY_MESSAGE: Localized = localized('request.notJson');

/**
 * Whether `error` is the server's own fault, not the client's: anything but Strapi's application
 * and HTTP errors and koa's exposed 4xx. Its text (SQL, a stack) never goes out: the client gets a
 * generic message and an id that is in the log.
 */
export const isInternalError = (error: unknown): boolean => {
  if (error instanceof errors.ApplicationError || error instanceof errors.HttpError) return false;
  if (typeof error !== 'object' || error === null) return true;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return !(typeof status === 'number' && status < 500 && expose !== false);
};

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** Strapi's and Koa's own English words for a client's fault, by error name, and the message said instead. */
const GENERIC_MESSAGES: { name: string; english: RegExp; key: MessageKey }[] = [
  { name: 'NotFoundError', english: /^(Not Found|Entity not found)$/i, key: 'request.notFound' },
  { name: 'ForbiddenError', english: /^(Forbidden|Forbidden access)$/, key: 'request.forbidden' },
  { name: 'PolicyError', english: /^Policy Failed$/, key: 'request.forbidden' },
  { name: 'UnauthorizedError', english: /^(Unauthorized|Missing or invalid credentials)$/, key: 'request.unauthorized' },
  { name: 'PaginationError', english: /^Invalid (pagination|'page' parameter|'pageSize' parameter)/, key: 'request.pagination' },
  { name: 'ValidationError', english: /^convert(Start|Limit)QueryParams expected a positive integer/, key: 'request.pagination' },
  { name: 'ValidationError', english: /^Invalid format, expected a/, key: 'request.invalidValue' },
  { name: 'ValidationError', english: /^Invalid order\. order can only be one of/, key: 'request.invalidOrder' },
];

/** The `details.code` of a value refused by the database or Strapi's field conversion, and its message. */
const INVALID_VALUE_MESSAGES = { INVALID_VALUE: 'request.invalidValue', BETWEEN_TWO_VALUES: 'request.betweenTwo' } as const satisfies Record<string, MessageKey>;

export type InvalidValueCode = keyof typeof INVALID_VALUE_MESSAGES;

/** PostgreSQL SQLSTATEs and MySQL codes of a value that does not fit its column: text for a number, a NUL byte, out of range. */
const INVALID_VALUE_CODES = new Set([
  '22P02',
  '22003',
  '22021',
  '22P05',
  '22007',
  '22008',
  '22025',
  '2201B',
  'ER_TRUNCATED_WRONG_VALUE',
  'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
  'ER_WARN_DATA_OUT_OF_RANGE',
  'ER_DATA_OUT_OF_RANGE',
  'ER_INVALID_CHARACTER_STRING',
]);

/**
 * Why a query failed on a value the client gave (a filter's `capacity=abc`, a NUL byte, a `$between`
 * with one value), as the `details.code` of the 400 to answer, or undefined: Strapi's field
 * conversion, knex and the database refuse those with errors of their own, which would otherwise be
 * internal errors. The price: a data exception from a bug of ours is answered 400 as well; the
 * warning logged with it names the request and the kind.
 */
export const invalidValueCode = (error: unknown): InvalidValueCode | undefined =>
  inChain<InvalidValueCode>(error, ({ code, message }) => {
    if (typeof code === 'string' && INVALID_VALUE_CODES.has(code)) return 'INVALID_VALUE';
    if (typeof message === 'string' && /^Expected a valid (Number|BigInteger), got /.test(message)) return 'INVALID_VALUE';
    if (typeof message === 'string' && /You must specify 2 values for the whereBetween clause/.test(message)) return 'BETWEEN_TWO_VALUES';
    return undefined;
  });

/** The message of an `invalidValueCode` in `language`. */
export const invalidValueMessage = (code: InvalidValueCode, language: Language): string => t(language, INVALID_VALUE_MESSAGES[code]);

/**
 * A client's fault that Strapi words in English, said in the request's language, or undefined for
 * any other error (ours are already in it). `error` is Strapi's error or its JSON (`name`,
 * `message`, `details`). Its query and body validation names an unknown or refused key ("Invalid
 * key x at y", @strapi/utils' `throwInvalidKey`) with the key, its path and the parameter in its
 * details; the rest are fixed texts (GENERIC_MESSAGES). REST (src/middlewares/http-faults.ts) and
 * GraphQL (src/extensions/graphql/limits.ts) both use it.
 */
export const clientErrorMessage = (error: unknown, language: Language): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message, details } = error as { name?: unknown; message?: unknown; details?: unknown };
  if (typeof name !== 'string' || typeof message !== 'string') return undefined;
  const generic = GENERIC_MESSAGES.find((entry) => entry.name === name && entry.english.test(message));
  if (generic !== undefined) return t(language, generic.key);
  // A value the database refused (`invalidValueCode`), which the GraphQL formatter words in Catalan.
  const refused = (details as { code?: unknown } | undefined)?.code;
  if (typeof refused === 'string' && refused in INVALID_VALUE_MESSAGES) return invalidValueMessage(refused as InvalidValueCode, language);
  if (name !== 'ValidationError' || !message.startsWith('Invalid key ')) return undefined;
  const { key, path, param } = (details ?? {}) as { key?: unknown; path?: unknown; param?: unknown };
  if (typeof key !== 'string') return undefined;
  const at = typeof path === 'string' && path !== key ? t(language, 'request.invalidKeyAt', { path: shown(path) }) : '';
  return typeof param === 'string'
    ? t(language, 'request.invalidKey', { param: shown(param), key: shown(key), at })
    : t(language, 'request.invalidBodyKey', { key: shown(key), at });
};

/** A new id for an internal error, written in the log line and given to the client. */
export const newErrorId = (): string => crypto.randomUUID();

/** The client's message of an internal error, with its id. */
export const internalErrorMessage = (language: Language, errorId: string): string => t(language, 'server.internalError', { id: errorId });

const FAULT_NAMES = {
  400: ['ValidationError', 'BAD_USER_INPUT'],
  413: ['PayloadTooLargeError', 'PAYLOAD_TOO_LARGE'],
  500: ['InternalServerError', 'INTERNAL_SERVER_ERROR'],
  503: ['ServiceUnavailableError', 'SERVICE_UNAVAILABLE'],
} as const;

export type FaultStatus = keyof typeof FAULT_NAMES;

/**
 * Writes a fault's answer in Strapi's error shape (GraphQL's on the GraphQL endpoint), never
 * cached; a 503 says when to retry.
 */
export const answerFault = (
  ctx: Context,
  status: FaultStatus,
  message: string,
  { graphql = false, details = {} }: { graphql?: boolean; details?: Record<string, string> } = {}
): void => {
  if (status === 503) ctx.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  ctx.set('Cache-Control', 'no-store');
  ctx.status = status;
  const [name, code] = FAULT_NAMES[status];
  ctx.body = graphql ? { errors: [{ message, extensions: { code, ...details } }], data: null } : { data: null, error: { status, name, message, details } };
};

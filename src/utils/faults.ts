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

/**
 * Whether `error` (or an error it wraps) says the database is out of reach: a fault of the moment,
 * answered 503 with Retry-After, never a 500, and never the driver's message.
 */
export const isDatabaseUnavailable = (error: unknown, depth = 0): boolean => {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const { code, message, name, cause, originalError } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(originalError, depth + 1);
};

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
const GENERIC_MESSAGES: Record<string, { english: RegExp; key: MessageKey }> = {
  NotFoundError: { english: /^(Not Found|Entity not found)$/i, key: 'request.notFound' },
  ForbiddenError: { english: /^(Forbidden|Forbidden access)$/, key: 'request.forbidden' },
  PolicyError: { english: /^Policy Failed$/, key: 'request.forbidden' },
  UnauthorizedError: { english: /^(Unauthorized|Missing or invalid credentials)$/, key: 'request.unauthorized' },
  PaginationError: { english: /^Invalid (pagination|'page' parameter|'pageSize' parameter)/, key: 'request.pagination' },
  ValidationError: { english: /^convert(Start|Limit)QueryParams expected a positive integer/, key: 'request.pagination' },
};

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
  const generic = GENERIC_MESSAGES[name];
  if (generic?.english.test(message)) return t(language, generic.key);
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

import crypto from 'crypto';
import { errors } from '@strapi/utils';
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

export const UNAVAILABLE_MESSAGE: Localized = {
  ca: 'El servei no està disponible en aquest moment. Torneu-ho a provar d’aquí a uns segons.',
  es: 'El servicio no está disponible en este momento. Vuelva a intentarlo dentro de unos segundos.',
};

/** Whether `error` is a body parser's "too large" (koa-body, koa-bodyparser: raw-body's 413). */
export const isPayloadTooLarge = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return status === 413 || type === 'entity.too.large';
};

export const payloadTooLargeMessage = (language: Language, limit: unknown): string => {
  const size = typeof limit === 'number' && limit > 0 ? ` (${Math.round(limit / 1024)} KB)` : '';
  return language === 'es'
    ? `El cuerpo de la petición es demasiado grande; el máximo es el límite del servidor${size}.`
    : `El cos de la petició és massa gran; el màxim és el límit del servidor${size}.`;
};

/** Whether `error` is a body parser's "not valid JSON/form" (co-body: a SyntaxError with status 400). */
export const isUnparsableBody = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return type === 'entity.parse.failed' || (status === 400 && error instanceof SyntaxError);
};

export const UNPARSABLE_BODY_MESSAGE: Localized = {
  ca: 'El cos de la petició no és JSON vàlid.',
  es: 'El cuerpo de la petición no es JSON válido.',
};

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

/** A new id for an internal error, written in the log line and given to the client. */
export const newErrorId = (): string => crypto.randomUUID();

export const INTERNAL_ERROR_MESSAGE: Localized = {
  ca: 'Hi ha hagut un error intern. Si es repeteix, comuniqueu-nos aquest codi: ',
  es: 'Ha habido un error interno. Si se repite, comuníquenos este código: ',
};

/**
 * How GraphQL errors go out (Apollo's `formatError`): Strapi's mapping of its own errors to codes,
 * except that an internal error (a database refusing a statement, a bug) never carries its text:
 * a generic message and an id that is in the log, like the REST API's 500 (src/middlewares/http-faults.ts).
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { errors } from '@strapi/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { internalErrorMessage, invalidValueCode, invalidValueMessage, isDatabaseUnavailable, newErrorId } from '../../utils/faults';

const snakeUpper = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

type KnownError = { name: string; message: string; details?: unknown };

const withCode = (formatted: GraphQLFormattedError, error: KnownError, code: string): GraphQLFormattedError => ({
  ...formatted,
  message: error.message,
  extensions: { ...formatted.extensions, error: { name: error.name, message: error.message, details: error.details }, code },
});

/** The status plugin (limits.ts) puts the message in the request's language and answers 500. */
export const formatGraphqlError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const original = unwrapResolverError(error);
  if (original === undefined || original === null || original instanceof GraphQLError) return formatted;
  if (original instanceof errors.ForbiddenError || original instanceof errors.UnauthorizedError) return withCode(formatted, original, 'FORBIDDEN');
  if (original instanceof errors.ValidationError) return withCode(formatted, original, 'BAD_USER_INPUT');
  if (original instanceof errors.ApplicationError || original instanceof errors.HttpError) {
    return withCode(formatted, original, `STRAPI_${snakeUpper(original.name)}`);
  }
  // The database out of reach is answered 503 by the status plugin (limits.ts), with its own message.
  if (isDatabaseUnavailable(original)) return { message: 'Service Unavailable', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  // A value the database refused (a NUL byte, a number out of range): the client's, a 400 (limits.ts words it in the request's language).
  const refusedValue = invalidValueCode(original);
  if (refusedValue !== undefined) {
    strapi.log.warn(`Refused a value the database cannot take (${refusedValue}, GraphQL ${formatted.path?.join('.') ?? 'request'})`);
    const message = invalidValueMessage(refusedValue, 'ca');
    return { ...formatted, message, extensions: { code: 'BAD_USER_INPUT', error: { name: 'ValidationError', message, details: { code: refusedValue } } } };
  }
  const errorId = newErrorId();
  const text = original instanceof Error ? original.stack ?? original.message : String(original);
  strapi.log.error(`Internal GraphQL error ${errorId} (${formatted.path?.join('.') ?? 'request'}): ${text}`);
  return { message: internalErrorMessage('ca', errorId), path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
};

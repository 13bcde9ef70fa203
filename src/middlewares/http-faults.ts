/**
 * Global middleware: what is not a handler's fault answered in the request's language (400, 413,
 * 503, 500 with an id).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { t } from '../messages';
import { languageOf } from '../utils/language';
import {
  answerFault,
  type FaultStatus,
  clientErrorMessage,
  internalErrorMessage,
  invalidValueCode,
  invalidValueMessage,
  isDatabaseUnavailable,
  isInternalError,
  isPayloadTooLarge,
  isUnparsableBody,
  newErrorId,
  payloadTooLargeMessage,
  UNPARSABLE_BODY_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from '../utils/faults';

const statusOf = (error: unknown): number | undefined => {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : error instanceof Error && error.name === 'UnauthorizedError' ? 401 : undefined;
};

/**
 * Faults that are not the handler's: a body that is not JSON is a 400, one over the parser's limit a 413, a database out of
 * reach a 503 with Retry-After, each with a message in the request's language, in Strapi's error
 * shape (GraphQL's on the GraphQL endpoint). An internal error (not an application or HTTP error)
 * is a generic 500 with an id that is in the log, never the error's text. Client errors go on to
 * Strapi's error middleware, with Strapi's and koa's English (an unknown key, "Not Found",
 * "Forbidden", no route, a method the route does not take) said again in the request's language.
 *
 * The users-permissions strategy swallows the database error of its Public role lookup and calls
 * an anonymous request unauthenticated, so an anonymous 401 is checked against the database: when
 * it cannot be reached, the answer is the 503 it really is.
 */
const httpFaults: Core.MiddlewareFactory = (_config, { strapi }) => {
  const graphqlEndpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql');

  const databaseReachable = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        strapi.db.connection.raw('select 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('Timeout acquiring a connection')), 2000);
        }),
      ]);
      return true;
    } catch (error) {
      return !isDatabaseUnavailable(error);
    } finally {
      clearTimeout(timer);
    }
  };

  const answer = (ctx: Context, status: FaultStatus, message: string, details: Record<string, string> = {}) =>
    answerFault(ctx, status, message, { graphql: ctx.path === graphqlEndpoint, details });

  return async (ctx, next) => {
    let failure: unknown;
    let failed = false;
    try {
      await next();
    } catch (error) {
      failure = error;
      failed = true;
    }
    const language = () => languageOf(ctx);
    if (failed && isPayloadTooLarge(failure)) {
      answer(ctx, 413, payloadTooLargeMessage(language(), (failure as { limit?: unknown }).limit));
      return;
    }
    if (failed && isUnparsableBody(failure)) {
      answer(ctx, 400, UNPARSABLE_BODY_MESSAGE[language()]);
      return;
    }
    const refusedValue = failed ? invalidValueCode(failure) : undefined;
    if (refusedValue !== undefined) {
      // Not the value itself: a query string may hold what does not belong in a log.
      strapi.log.warn(`Refused a value the database cannot take (${refusedValue}, ${ctx.method} ${ctx.path})`);
      answer(ctx, 400, invalidValueMessage(refusedValue, language()), { code: refusedValue });
      return;
    }
    const internal = failed && isInternalError(failure);
    const known = failed && isDatabaseUnavailable(failure);
    const anonymousRefusal = (failed ? statusOf(failure) : ctx.status) === 401 && ctx.get('authorization') === '';
    // An anonymous refusal, or an internal error the list does not know (a driver's or knex's
    // message of a broken transaction), while the database cannot be reached, is that outage's doing.
    const unavailable = known || ((anonymousRefusal || internal) && !(await databaseReachable()));
    if (unavailable) {
      const detail = !(failure instanceof Error) ? 'anonymous request refused' : internal && !known ? (failure.stack ?? failure.message) : failure.message;
      strapi.log.warn(`Database unavailable (${ctx.method} ${ctx.path}): ${detail}`);
      answer(ctx, 503, UNAVAILABLE_MESSAGE[language()]);
      return;
    }
    if (internal) {
      // Never the error's own text (SQL, a stack): a generic message and an id that is in the log.
      const errorId = newErrorId();
      strapi.log.error(`Internal error ${errorId} (${ctx.method} ${ctx.path}): ${failure instanceof Error ? failure.stack ?? failure.message : String(failure)}`);
      answer(ctx, 500, internalErrorMessage(language(), errorId), { errorId });
      return;
    }
    if (failed) {
      const localMessage = clientErrorMessage(failure, language());
      if (localMessage !== undefined) (failure as Error).message = localMessage;
      throw failure;
    }
    if (ctx.status < 400) return;
    // No route: Strapi's error middleware would answer its English "Not Found"; koa, a bare "Method Not Allowed".
    const empty = ctx.body === undefined || ctx.body === null;
    if (ctx.status === 404 && empty) throw new errors.NotFoundError(t(language(), 'request.notFound'));
    if (ctx.status === 405 && empty) {
      ctx.throw(405, t(language(), 'request.methodNotAllowed', { method: ctx.method, allowed: ctx.response.get('Allow') || '-' }));
    }
    // An answer Strapi wrote itself (`ctx.unauthorized()` and the like), in its English.
    const written = typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as { error?: unknown }).error : undefined;
    const localMessage = clientErrorMessage(written, language());
    if (localMessage !== undefined) (written as { message: string }).message = localMessage;
  };
};

export default httpFaults;

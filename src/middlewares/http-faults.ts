import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { requestLanguage } from '../utils/language';
import {
  INTERNAL_ERROR_MESSAGE,
  isDatabaseUnavailable,
  isInternalError,
  isPayloadTooLarge,
  isUnparsableBody,
  newErrorId,
  payloadTooLargeMessage,
  UNPARSABLE_BODY_MESSAGE,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
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
 * Strapi's error middleware.
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

  const NAMES = {
    400: ['ValidationError', 'BAD_USER_INPUT'],
    413: ['PayloadTooLargeError', 'PAYLOAD_TOO_LARGE'],
    500: ['InternalServerError', 'INTERNAL_SERVER_ERROR'],
    503: ['ServiceUnavailableError', 'SERVICE_UNAVAILABLE'],
  } as const;

  const answer = (ctx: Context, status: 400 | 413 | 500 | 503, message: string, details: Record<string, string> = {}) => {
    if (status === 503) ctx.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    ctx.set('Cache-Control', 'no-store');
    ctx.status = status;
    const [name, code] = NAMES[status];
    ctx.body =
      ctx.path === graphqlEndpoint
        ? { errors: [{ message, extensions: { code, ...details } }], data: null }
        : { data: null, error: { status, name, message, details } };
  };

  return async (ctx, next) => {
    let failure: unknown;
    let failed = false;
    try {
      await next();
    } catch (error) {
      failure = error;
      failed = true;
    }
    const language = () => requestLanguage((ctx.query as Record<string, unknown>).locale, ctx.get('accept-language'));
    if (failed && isPayloadTooLarge(failure)) {
      answer(ctx, 413, payloadTooLargeMessage(language(), (failure as { limit?: unknown }).limit));
      return;
    }
    if (failed && isUnparsableBody(failure)) {
      answer(ctx, 400, UNPARSABLE_BODY_MESSAGE[language()]);
      return;
    }
    const unavailable =
      (failed && isDatabaseUnavailable(failure)) ||
      ((failed ? statusOf(failure) : ctx.status) === 401 && ctx.get('authorization') === '' && !(await databaseReachable()));
    if (unavailable) {
      strapi.log.warn(`Database unavailable (${ctx.method} ${ctx.path}): ${failure instanceof Error ? failure.message : 'anonymous request refused'}`);
      answer(ctx, 503, UNAVAILABLE_MESSAGE[language()]);
      return;
    }
    if (failed && isInternalError(failure)) {
      // Never the error's own text (SQL, a stack): a generic message and an id that is in the log.
      const errorId = newErrorId();
      strapi.log.error(`Internal error ${errorId} (${ctx.method} ${ctx.path}): ${failure instanceof Error ? failure.stack ?? failure.message : String(failure)}`);
      answer(ctx, 500, `${INTERNAL_ERROR_MESSAGE[language()]}${errorId}`, { errorId });
      return;
    }
    if (failed) throw failure;
  };
};

export default httpFaults;

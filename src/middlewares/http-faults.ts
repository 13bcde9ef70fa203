import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { requestLanguage } from '../utils/language';
import {
  isDatabaseUnavailable,
  isPayloadTooLarge,
  payloadTooLargeMessage,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../utils/faults';

const statusOf = (error: unknown): number | undefined => {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : error instanceof Error && error.name === 'UnauthorizedError' ? 401 : undefined;
};

/**
 * Faults that are not the handler's: a body over the parser's limit is a 413 and a database out of
 * reach a 503 with Retry-After, each with a message in the request's language, in Strapi's error
 * shape (GraphQL's on the GraphQL endpoint). Anything else goes on to Strapi's error middleware.
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

  const answer = (ctx: Context, status: 413 | 503, message: string) => {
    if (status === 503) ctx.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    ctx.set('Cache-Control', 'no-store');
    ctx.status = status;
    ctx.body =
      ctx.path === graphqlEndpoint
        ? { errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'SERVICE_UNAVAILABLE' } }], data: null }
        : { data: null, error: { status, name: status === 413 ? 'PayloadTooLargeError' : 'ServiceUnavailableError', message, details: {} } };
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
    const unavailable =
      (failed && isDatabaseUnavailable(failure)) ||
      ((failed ? statusOf(failure) : ctx.status) === 401 && ctx.get('authorization') === '' && !(await databaseReachable()));
    if (unavailable) {
      strapi.log.warn(`Database unavailable (${ctx.method} ${ctx.path}): ${failure instanceof Error ? failure.message : 'anonymous request refused'}`);
      answer(ctx, 503, UNAVAILABLE_MESSAGE[language()]);
      return;
    }
    if (failed) throw failure;
  };
};

export default httpFaults;

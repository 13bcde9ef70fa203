import type { Core } from '@strapi/strapi';
import { requestLanguage } from '../utils/language';
import {
  isDatabaseUnavailable,
  isPayloadTooLarge,
  payloadTooLargeMessage,
  UNAVAILABLE_MESSAGE,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../utils/faults';

/**
 * Faults that are not the handler's: a body over the parser's limit is a 413 and a database out of
 * reach a 503 with Retry-After, each with a message in the request's language, in Strapi's error
 * shape (GraphQL's on the GraphQL endpoint). Anything else goes on to Strapi's error middleware.
 */
const httpFaults: Core.MiddlewareFactory = (_config, { strapi }) => {
  const graphqlEndpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql');
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const tooLarge = isPayloadTooLarge(error);
      if (!tooLarge && !isDatabaseUnavailable(error)) throw error;
      const language = requestLanguage((ctx.query as Record<string, unknown>).locale, ctx.get('accept-language'));
      const status = tooLarge ? 413 : 503;
      const name = tooLarge ? 'PayloadTooLargeError' : 'ServiceUnavailableError';
      const message = tooLarge ? payloadTooLargeMessage(language, (error as { limit?: unknown }).limit) : UNAVAILABLE_MESSAGE[language];
      if (!tooLarge) {
        strapi.log.warn(`Database unavailable (${ctx.method} ${ctx.path}): ${error instanceof Error ? error.message : String(error)}`);
        ctx.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      }
      ctx.set('Cache-Control', 'no-store');
      ctx.status = status;
      ctx.body =
        ctx.path === graphqlEndpoint
          ? { errors: [{ message, extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'SERVICE_UNAVAILABLE' } }] }
          : { data: null, error: { status, name, message, details: {} } };
    }
  };
};

export default httpFaults;

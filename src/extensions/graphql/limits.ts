/**
 * The HTTP status of GraphQL answers (an Apollo plugin): 4xx when only the client's errors, 503
 * while the database is out of reach, 500 with an error id otherwise; Strapi's and graphql-js's
 * English messages in the request's language (utils/faults.ts, spec-messages.ts).
 */
import { internalErrorMessage, clientErrorMessage, isDatabaseUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../utils/faults';
import { requestLanguage, type Language } from '../../utils/language';
import { graphqlSpecMessage } from './spec-messages';

type GraphqlErrorOut = { message?: string; extensions?: { code?: unknown; errorId?: unknown; error?: { message?: string; details?: { retryAfterSeconds?: unknown } } } };
type ResponseBody = { kind: string; singleResult?: { data?: Record<string, unknown> | null; errors?: GraphqlErrorOut[] } };
type ResponseHttp = { status?: number; headers: { set(name: string, value: string): unknown } };
type RequestContext = {
  request: { http?: { headers: { get(name: string): string | undefined } } };
  response: { body: ResponseBody; http: ResponseHttp };
};

/** Codes of graphql-js's and Apollo's own refusals, whose messages spec-messages.ts knows. */
const SPEC_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

const specMessage = (error: GraphqlErrorOut, language: Language): string | undefined =>
  SPEC_CODES.has(String(error.extensions?.code)) && typeof error.message === 'string' ? graphqlSpecMessage(error.message, language) : undefined;

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  STRAPI_NOT_FOUND_ERROR: 404,
  FORBIDDEN: 403,
  STRAPI_CONFLICT_ERROR: 409,
  STRAPI_GONE_ERROR: 410,
  STRAPI_RATE_LIMIT_ERROR: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * An Apollo Server plugin: when an operation produced no data and its errors are all the client's
 * (bad input, unknown or refused resource, too many requests), answer with that 4xx instead of 200,
 * as the REST API does, with Retry-After on a 429. An operation that failed because the database is
 * out of reach answers 503 with Retry-After and a message in the request's language (the plugin's
 * error formatter would make it an opaque INTERNAL_SERVER_ERROR).
 */
export const badInputStatusPlugin = {
  async requestDidStart() {
    let databaseUnavailable = false;
    return {
      async didEncounterErrors({ errors }: { errors: readonly { originalError?: unknown }[] }) {
        if (errors.some((e) => isDatabaseUnavailable(e.originalError ?? e))) databaseUnavailable = true;
      },
      async willSendResponse({ request, response }: RequestContext) {
        const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const errors = result?.errors ?? [];
        if (databaseUnavailable && result !== undefined) {
          const language = requestLanguage(undefined, request.http?.headers.get('accept-language'));
          result.errors = [{ message: UNAVAILABLE_MESSAGE[language], extensions: { code: 'SERVICE_UNAVAILABLE' } }];
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          return;
        }
        const language = requestLanguage(undefined, request.http?.headers.get('accept-language'));
        for (const error of errors) {
          if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') error.message = internalErrorMessage(language, String(error.extensions.errorId));
          const localMessage = clientErrorMessage(error.extensions?.error, language) ?? specMessage(error, language);
          if (localMessage !== undefined) error.message = localMessage;
          if (localMessage !== undefined && error.extensions?.error !== undefined) error.extensions.error.message = localMessage;
        }
        const noData = result?.data === undefined || result.data === null || Object.values(result.data).every((v) => v === null);
        const statuses = errors.map((e) => STATUS_BY_CODE[String(e.extensions?.code)]);
        if (errors.length > 0 && noData && statuses.every((status) => status !== undefined)) {
          response.http.status = statuses.every((status) => status === statuses[0]) ? statuses[0] : 400;
        }
        // Koa headers set by a resolver are not Apollo's: the rate limit's wait travels in the error.
        const waits = errors.map((e) => Number(e.extensions?.error?.details?.retryAfterSeconds)).filter((n) => Number.isFinite(n) && n > 0);
        if (waits.length > 0) response.http.headers.set('retry-after', String(Math.max(...waits)));
      },
    };
  },
};

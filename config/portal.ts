import type { Core } from '@strapi/strapi';
import { DEFAULT_SESSION_PAGE_URL } from '../src/site/urls';

/** Settings of the public portal API (read with `strapi.config.get('portal.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Cache-Control max-age, in seconds, of anonymous GET answers of the portal API.
  cacheMaxAge: env.int('PUBLIC_CACHE_MAX_AGE', 60),
  // Server-side cache of anonymous portal answers (src/middlewares/response-cache.ts); entries live
  // cacheMaxAge seconds. With REDIS_URL, processes on one database share its invalidations.
  responseCache: {
    enabled: env.bool('RESPONSE_CACHE', true),
    maxEntries: env.int('RESPONSE_CACHE_MAX_ENTRIES', 500),
    maxBytes: env.int('RESPONSE_CACHE_MAX_MB', 32) * 1024 * 1024,
    redisUrl: env('REDIS_URL', ''),
  },
  // Where a person reads about one session: calendar events, emails, the embed and GraphQL's
  // `pageUrl` link to it. Placeholders: {publicUrl}, {documentId}, {slug}, {locale}. By default the
  // session's page on this site (src/site/urls.ts).
  sessionPageUrl: env('SESSION_PAGE_URL', DEFAULT_SESSION_PAGE_URL),
  // Bounds of every public filter tree, REST and GraphQL (src/utils/filter-bounds.ts).
  filters: {
    maxTerms: env.int('FILTER_MAX_TERMS', 50),
    maxDepth: env.int('FILTER_MAX_DEPTH', 10),
    maxList: env.int('FILTER_MAX_LIST', 100),
  },
  // Bounds of one GraphQL request, checked before Apollo parses it (src/extensions/graphql/operation-bounds.ts);
  // its depth is the plugin's depthLimit (GRAPHQL_DEPTH_LIMIT).
  graphql: {
    maxTokens: env.int('GRAPHQL_MAX_TOKENS', 10000),
    maxAliases: env.int('GRAPHQL_MAX_ALIASES', 30),
    maxFields: env.int('GRAPHQL_MAX_FIELDS', 500),
  },
});

export default config;

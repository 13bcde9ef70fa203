import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => [
  // Requests in flight (graceful shutdown), 503 while shutting down, request metrics.
  'global::lifecycle',
  // strapi::logger would write private link tokens (paths, ?token=) into the log.
  'global::request-log',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      // Portals load the embed script, its calendar links and the API from their own origins.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    },
  },
  {
    name: 'strapi::cors',
    config: {
      // The public read API is open to any origin unless CORS_ORIGINS lists the allowed ones.
      origin: env.array('CORS_ORIGINS', ['*']),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      headers: ['Content-Type', 'Authorization', 'Accept', 'Accept-Language', 'If-None-Match'],
      expose: ['ETag', 'Retry-After'],
      keepHeadersOnError: true,
      // No cookies cross-origin: the admin is same-origin, the public API needs no credentials.
      credentials: false,
    },
  },
  // Text answers (pages, JSON, calendars, CSV, scripts, styles) are compressed, cache hits too; never
  // an event stream, which must reach the client as it is written (none exists today).
  {
    name: 'strapi::compression',
    config: {
      threshold: 1024,
      filter: (type: string) =>
        /^(text\/(?!event-stream)|application\/(json|javascript|xml|atom\+xml|ld\+json|graphql-response\+json)|image\/svg\+xml)/.test(type),
    },
  },
  // Cache-Control: no-store on every API answer that does not say it is public.
  'global::private-by-default',
  // Answers anonymous portal reads and site pages from memory, before the heavier middlewares and the router.
  'global::response-cache',
  // 413 for a body over the limit, 503 with Retry-After while the database is out of reach.
  'global::http-faults',
  'strapi::query',
  // Public filter trees bounded before the router and the database (GraphQL's in graphql-http).
  'global::query-bounds',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'global::graphql-http',
  'strapi::public',
];

export default config;

import type { Core } from '@strapi/strapi';

/** Settings of the public portal API (read with `strapi.config.get('portal.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Cache-Control max-age, in seconds, of anonymous GET answers of the portal API.
  cacheMaxAge: env.int('PUBLIC_CACHE_MAX_AGE', 60),
  // Where a person reads about one session (calendar events link to it). Placeholders:
  // {publicUrl}, {documentId}, {slug}, {locale}.
  sessionPageUrl: env('SESSION_PAGE_URL', '{publicUrl}/api/sessions/{documentId}?locale={locale}'),
});

export default config;

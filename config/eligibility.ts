import type { Core } from '@strapi/strapi';

/** The eligibility rule for on-demand support (read with `strapi.config.get('eligibility.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // A qualifying resource counts if completed within this many months; 0 = no limit.
  validityMonths: env.int('ELIGIBILITY_VALIDITY_MONTHS', 0),
  // Where entities request catalogue resources (shown when they have not).
  catalogUrl: env('SERVICE_CATALOG_URL', 'https://www.diba.cat/cataleg'),
});

export default config;

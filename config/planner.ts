import type { Core } from '@strapi/strapi';

/** The season planner (read with `strapi.config.get('planner.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Start time of planned sessions, Madrid time.
  defaultTime: env('SESSION_DEFAULT_TIME', '10:00'),
  // Holidays besides Catalonia's (e.g. local ones), YYYY-MM-DD, comma-separated.
  extraHolidays: env.array('EXTRA_HOLIDAYS', []),
});

export default config;

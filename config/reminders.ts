import type { Core } from '@strapi/strapi';

/** The reminder registrants get before a session (read with `strapi.config.get('reminders.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // The reminder goes this many hours before the start.
  hoursBefore: env.int('REMINDER_HOURS_BEFORE', 24),
});

export default config;

import type { Core } from '@strapi/strapi';

/** Messages to registrants when a published session changes (read with `strapi.config.get('notices.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Saves of a session within this many minutes of the first change are sent as one message.
  quietMinutes: env.int('SESSION_CHANGE_QUIET_MINUTES', 10),
});

export default config;

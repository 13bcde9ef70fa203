import type { Core } from '@strapi/strapi';

/** On-demand support requests (read with `strapi.config.get('support-requests.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Where staff are told of each new request; unset: no staff email (the admin lists them).
  staffEmail: env('SUPPORT_REQUESTS_EMAIL', ''),
});

export default config;

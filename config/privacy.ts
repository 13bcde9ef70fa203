import type { Core } from '@strapi/strapi';

/** Personal data: the consent people give on every form, and how long registrations keep it (read with `strapi.config.get('privacy.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Version of the privacy text the forms show, stored with each consent unless the form sends one.
  version: env('PRIVACY_VERSION', '2026-01'),
  // Registrations of sessions older than this are anonymised (counts are kept).
  retentionMonths: env.int('REGISTRATION_RETENTION_MONTHS', 24),
});

export default config;

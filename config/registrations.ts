import type { Core } from '@strapi/strapi';

/** Registrations (read with `strapi.config.get('registrations.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Version of the privacy text the portal shows, stored with each consent unless the form sends one.
  privacyVersion: env('PRIVACY_VERSION', '2026-01'),
  // The reminder goes this many hours before the start.
  reminderHoursBefore: env.int('REMINDER_HOURS_BEFORE', 24),
  // The survey invitation goes this many minutes after the session ends.
  feedbackDelayMinutes: env.int('FEEDBACK_INVITATION_DELAY_MINUTES', 0),
  // Survey links work until this many days after the session.
  feedbackTokenDays: env.int('FEEDBACK_TOKEN_DAYS', 30),
  // Registrations of sessions older than this are anonymised (counts are kept).
  retentionMonths: env.int('REGISTRATION_RETENTION_MONTHS', 24),
});

export default config;

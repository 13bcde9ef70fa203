import type { Core } from '@strapi/strapi';

/** The feedback survey: its invitations, its links and its published results (read with `strapi.config.get('feedback.<name>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** Public summaries add only sessions (and questions) with at least this many responses (docs/decisions.md). */
  privacyThreshold: env.int('FEEDBACK_PRIVACY_THRESHOLD', 5),
  /** The survey invitation goes this many minutes after the session ends. */
  invitationDelayMinutes: env.int('FEEDBACK_INVITATION_DELAY_MINUTES', 0),
  /** Survey links work until this many days after the session. */
  linkDays: env.int('FEEDBACK_TOKEN_DAYS', 30),
});

export default config;

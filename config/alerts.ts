import type { Core } from '@strapi/strapi';

/** Alerts of new sessions to people who subscribed on the public site (read with `strapi.config.get('alerts.<key>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // How long the confirmation link of a subscription works; unconfirmed addresses are deleted after it.
  confirmHours: env.int('ALERT_CONFIRM_HOURS', 48),
  // A second subscription of a still unconfirmed address resends the link at most this often.
  resendMinutes: env.int('ALERT_RESEND_MINUTES', 10),
});

export default config;

import type { Core } from '@strapi/strapi';

/** Feedback results (read with `strapi.config.get('feedback.<name>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** Public summaries with fewer responses than this withhold their figures (`suppressed: true`). */
  privacyThreshold: env.int('FEEDBACK_PRIVACY_THRESHOLD', 5),
});

export default config;

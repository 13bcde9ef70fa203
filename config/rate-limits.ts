import type { Core } from '@strapi/strapi';

/**
 * Per-IP limits on public writes (read with `strapi.config.get('rate-limits.<name>')`):
 * at most `points` requests per `seconds` from one address, then 429 with Retry-After.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  registration: {
    points: env.int('RATE_LIMIT_REGISTRATION_POINTS', 10),
    seconds: env.int('RATE_LIMIT_REGISTRATION_SECONDS', 600),
  },
  cancellation: {
    points: env.int('RATE_LIMIT_CANCELLATION_POINTS', 20),
    seconds: env.int('RATE_LIMIT_CANCELLATION_SECONDS', 600),
  },
  supportRequest: {
    points: env.int('RATE_LIMIT_SUPPORT_POINTS', 5),
    seconds: env.int('RATE_LIMIT_SUPPORT_SECONDS', 600),
  },
  feedback: {
    points: env.int('RATE_LIMIT_FEEDBACK_POINTS', 20),
    seconds: env.int('RATE_LIMIT_FEEDBACK_SECONDS', 600),
  },
  alertSubscription: {
    points: env.int('RATE_LIMIT_ALERTS_POINTS', 5),
    seconds: env.int('RATE_LIMIT_ALERTS_SECONDS', 600),
  },
  proposal: {
    points: env.int('RATE_LIMIT_PROPOSAL_POINTS', 5),
    seconds: env.int('RATE_LIMIT_PROPOSAL_SECONDS', 600),
  },
});

export default config;

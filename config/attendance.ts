import type { Core } from '@strapi/strapi';

/** Attendance imported from a meeting's report (read with `strapi.config.get('attendance.<name>')`). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** A registrant counts as attended from this share of the session's duration (an editor may set minutes per import). */
  minimumShare: env.float('ATTENDANCE_MINIMUM_SHARE', 0.5),
});

export default config;

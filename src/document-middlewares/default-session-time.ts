/**
 * Document middleware: a session start given without a time becomes the programme's default hour
 * in Madrid.
 */
import type { Modules } from '@strapi/strapi';
import { PROGRAMME_TIME_ZONE, wallClockOf, zonedWallTimeToUtc } from '../utils/time';

const UID = 'api::session.session';

/**
 * A session start given without a time, as `YYYY-MM-DD` or as midnight in Madrid (what the admin's
 * date picker sends when an editor picks only the day), becomes that day at `defaultTime` Madrid.
 * No session of the programme starts at midnight, so midnight always means "no time given".
 * Anything else is left as it is.
 */
export const withDefaultTime = (value: unknown, defaultTime: string): unknown => {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return zonedWallTimeToUtc(value, defaultTime).toISOString();
  const instant = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (instant === null || Number.isNaN(instant.getTime())) return value;
  const wall = wallClockOf(instant, PROGRAMME_TIME_ZONE).toISOString();
  if (!wall.endsWith('T00:00:00.000Z')) return value;
  return zonedWallTimeToUtc(wall.slice(0, 10), defaultTime).toISOString();
};

/** Applies `withDefaultTime` to `startsAt` of sessions created or updated through the Document Service. */
export const defaultSessionTime =
  (defaultTime: () => string): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UID) return next();
    if (context.action !== 'create' && context.action !== 'update') return next();
    const data = (context.params as { data?: { startsAt?: unknown } }).data;
    if (data === undefined || data === null || data.startsAt === undefined || data.startsAt === null) return next();
    data.startsAt = withDefaultTime(data.startsAt, defaultTime());
    return next();
  };

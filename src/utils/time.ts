/** Time zones and session times: Madrid wall-clock times, UTC instants, when a session ends. */
export const PROGRAMME_TIME_ZONE = 'Europe/Madrid';

const offsetMinutes = (instant: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60000);
};

/**
 * A Date whose UTC fields show the wall-clock time of `instant` in `timeZone` ("floating" time),
 * for libraries that write a given time as-is next to a TZID, such as iCalendar writers.
 */
export const wallClockOf = (instant: Date, timeZone = PROGRAMME_TIME_ZONE): Date =>
  new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60000);

/**
 * The instant at which the wall clock in `timeZone` shows `date` (YYYY-MM-DD) at `time` (HH:MM).
 * Session times are given by editors in Madrid time; the database stores UTC.
 */
export const zonedWallTimeToUtc = (date: string, time: string, timeZone = PROGRAMME_TIME_ZONE): Date => {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (dateMatch === null || timeMatch === null) {
    throw new RangeError(`Expected YYYY-MM-DD and HH:MM; got "${date}" and "${time}".`);
  }
  const naive = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2])
  );
  // Two passes settle the offset also next to a daylight-saving change.
  let guess = naive - offsetMinutes(new Date(naive), timeZone) * 60000;
  guess = naive - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
};

/** A session's minutes when it does not say (the programme's sessions last about an hour). */
export const DEFAULT_DURATION_MINUTES = 60;

/** When a session ends: its start plus its duration. */
export const sessionEnd = (session: { startsAt?: string | Date | null; durationMinutes?: number | null }): Date =>
  new Date(new Date(session.startsAt ?? 0).getTime() + (session.durationMinutes ?? DEFAULT_DURATION_MINUTES) * 60000);

/**
 * The programme's calendar rule: a session on the last Thursday of each month, except August;
 * in December, not in the last week (the Thursday before it); and never on a public holiday (then
 * the Thursday before). Pure: dates are YYYY-MM-DD strings, months YYYY-MM.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday (Gregorian calendar), by the anonymous algorithm. */
export const easterSunday = (year: number): string => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
};

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Catalonia's public holidays of a year (the regional and national ones; local ones go in the extra list). */
export const cataloniaHolidays = (year: number): string[] => {
  const easter = easterSunday(year);
  return [
    iso(year, 1, 1),
    iso(year, 1, 6),
    addDays(easter, -2), // Good Friday
    addDays(easter, 1), // Easter Monday
    iso(year, 5, 1),
    iso(year, 6, 24),
    iso(year, 8, 15),
    iso(year, 9, 11),
    iso(year, 10, 12),
    iso(year, 11, 1),
    iso(year, 12, 6),
    iso(year, 12, 8),
    iso(year, 12, 25),
    iso(year, 12, 26),
  ].sort();
};

const lastThursday = (year: number, month: number): string => {
  const last = new Date(Date.UTC(year, month, 0, 12)); // day 0 of the next month
  const back = (last.getUTCDay() - 4 + 7) % 7;
  return iso(year, month, last.getUTCDate() - back);
};

export type MonthPlan = { month: string; date: string | null; reason: 'august' | 'no-thursday' | null };

/** The session date the rule gives for each month of `from`..`to` (inclusive). */
export const planSeason = (from: string, to: string, extraHolidays: readonly string[] = []): MonthPlan[] => {
  const parse = (month: string) => {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (match === null || Number(match[2]) < 1 || Number(match[2]) > 12) throw new RangeError(`Expected a month as YYYY-MM; got "${month}".`);
    return { year: Number(match[1]), month: Number(match[2]) };
  };
  const start = parse(from);
  const end = parse(to);
  if (end.year * 12 + end.month < start.year * 12 + start.month) throw new RangeError(`${to} is before ${from}.`);
  if (end.year * 12 + end.month - (start.year * 12 + start.month) > 120) throw new RangeError('Plan at most ten years at once.');

  const plans: MonthPlan[] = [];
  for (let { year, month } = start; year * 12 + month <= end.year * 12 + end.month; month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    const label = `${year}-${pad(month)}`;
    if (month === 8) {
      plans.push({ month: label, date: null, reason: 'august' });
      continue;
    }
    const holidays = new Set([...cataloniaHolidays(year), ...extraHolidays]);
    let date = lastThursday(year, month);
    const avoid = (d: string) => holidays.has(d) || (month === 12 && Number(d.slice(8)) >= 24);
    while (avoid(date) && date.slice(0, 7) === label) date = addDays(date, -7);
    plans.push(date.slice(0, 7) === label ? { month: label, date, reason: null } : { month: label, date: null, reason: 'no-thursday' });
  }
  return plans;
};

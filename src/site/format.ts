/**
 * How the site writes dates, times, numbers, durations and file sizes, in Catalan or Spanish and in
 * Madrid time. Intl formatters are built once per language (building one is costly).
 */
import type { Language } from '../utils/language';
import { PROGRAMME_TIME_ZONE } from '../utils/time';

const LOCALES: Record<Language, string> = { ca: 'ca-ES', es: 'es-ES' };

const FORMATS = Object.fromEntries(
  (['ca', 'es'] as const).map((language) => [
    language,
    {
      day: new Intl.DateTimeFormat(LOCALES[language], { timeZone: PROGRAMME_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      shortDay: new Intl.DateTimeFormat(LOCALES[language], { timeZone: PROGRAMME_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat(LOCALES[language], { timeZone: PROGRAMME_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      year: new Intl.DateTimeFormat('en', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric' }),
      isoDay: new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
      number: new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }),
      oneDecimal: new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }),
    },
  ])
) as Record<
  Language,
  Record<'day' | 'shortDay' | 'time' | 'year' | 'isoDay', Intl.DateTimeFormat> & Record<'number' | 'oneDecimal', Intl.NumberFormat>
>;

const asDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

export const formatDay = (language: Language, value: string | Date): string => FORMATS[language].day.format(asDate(value));
export const formatShortDay = (language: Language, value: string | Date): string => FORMATS[language].shortDay.format(asDate(value));
export const formatTime = (language: Language, value: string | Date): string => FORMATS[language].time.format(asDate(value));
export const formatNumber = (language: Language, value: number): string => FORMATS[language].number.format(value);
export const formatPercent = (language: Language, value: number): string => FORMATS[language].oneDecimal.format(value);

/** The calendar year in Madrid of an instant. */
export const madridYear = (value: string | Date): number => Number(FORMATS.ca.year.format(asDate(value)));

/** YYYY-MM-DD in Madrid. */
export const madridDay = (value: string | Date): string => FORMATS.ca.isoDay.format(asDate(value));

/** A position in a recording as H:MM:SS or M:SS. */
export const formatTimestamp = (seconds: number): string => {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

/** A file size given in kilobytes (as Strapi's upload plugin stores it), in KB or MB. */
export const formatSize = (language: Language, kilobytes: number | null | undefined): string => {
  if (kilobytes === null || kilobytes === undefined || !Number.isFinite(kilobytes)) return '';
  return kilobytes >= 1024 ? `${formatNumber(language, Math.round((kilobytes / 1024) * 10) / 10)} MB` : `${formatNumber(language, Math.max(1, Math.round(kilobytes)))} KB`;
};

/** The type of a file as a person names it: its extension in capitals (PDF, PPTX, MP4). */
export const fileType = (file: { ext?: string | null; mime?: string | null }): string =>
  (file.ext ?? '').replace(/^\./, '').toUpperCase() || (file.mime ?? '').split('/').pop()?.toUpperCase() || '';

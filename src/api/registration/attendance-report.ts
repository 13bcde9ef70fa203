/**
 * Reading a meeting's attendance file into minutes per email: the attendance report that Microsoft
 * Teams downloads after a meeting (UTF-16LE with a byte-order mark, tab-separated, in three
 * sections: summary, participants, in-meeting activities; headers in English, Catalan or Spanish),
 * or a plain UTF-8 CSV with `email` and `minutes` columns for other tools. Pure: no database; a
 * problem is an `AttendanceFileError` naming the line and what is wrong, in the caller's language.
 */
import { parse } from 'csv-parse/sync';
import { t, type MessageKey, type MessageValues } from '../../messages';
import type { Language } from '../../utils/language';

export type AttendanceFile = {
  format: 'teams' | 'csv';
  /** Meeting title from the Teams summary (not stored). */
  title: string | null;
  /** Seconds attended per lower-cased email, rejoins merged. */
  seconds: Map<string, number>;
  /** Rows without an email (guests who joined by link): counted, never named. */
  withoutEmail: number;
};

export class AttendanceFileError extends Error {
  constructor(
    readonly line: number | null,
    readonly key: MessageKey,
    readonly values: MessageValues = {}
  ) {
    super(key);
  }

  /** The problem in `language`, with its line when there is one. */
  describe(language: Language): string {
    const text = t(language, this.key, this.values);
    return this.line === null ? text : t(language, 'attendance.atLine', { line: this.line, problem: text });
  }
}

/** Header cells normalised for comparison: lower case, no accents, single spaces. */
const norm = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

// Section titles ("1. Summary") and column headers as Teams writes them in each language.
const SECTIONS = {
  summary: ['summary', 'resum', 'resumen'],
  participants: ['participants', 'participantes'],
  activities: ['in-meeting activities', 'in-meeting activity', 'activitats a la reunio', 'activitats durant la reunio', 'actividades en la reunion', 'actividades durante la reunion'],
} as const;
type Section = keyof typeof SECTIONS;

const COLUMNS = {
  email: ['email', 'e-mail', 'correu electronic', 'correu', 'correo electronico', 'correo'],
  upn: ['participant id (upn)', 'identificador del participant (upn)', 'id. del participant (upn)', 'id. de participante (upn)', 'identificador del participante (upn)'],
  duration: ['in-meeting duration', 'duration', 'durada a la reunio', 'durada', 'duracion en la reunion', 'duracion'],
  name: ['name', 'nom', 'nombre'],
} as const;
type Column = keyof typeof COLUMNS;

const columnIndex = (header: string[], column: Column): number => header.findIndex((cell) => (COLUMNS[column] as readonly string[]).includes(norm(cell)));

/** Teams durations: `1h 2m 3s`, `45m 10s`, `59s` (h/m/s in that order, each optional but one). */
export const parseDuration = (value: string): number | undefined => {
  const match = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/i.exec(value.trim());
  if (match === null || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  if (minutes > 59 && match[1] !== undefined) return undefined;
  if (seconds > 59) return undefined;
  return hours * 3600 + minutes * 60 + seconds;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The file's text: UTF-16LE after its BOM (Teams), else strict UTF-8; anything else is refused. */
const decode = (file: Buffer): { text: string; utf16: boolean } => {
  if (file.length >= 2 && file[0] === 0xfe && file[1] === 0xff) throw new AttendanceFileError(null, 'attendance.utf16be');
  if (file.length >= 2 && file[0] === 0xff && file[1] === 0xfe) {
    if (file.length % 2 !== 0) throw new AttendanceFileError(null, 'attendance.badEncoding');
    return { text: file.subarray(2).toString('utf16le'), utf16: true };
  }
  // UTF-16 without its BOM shows as NUL bytes between ASCII letters.
  if (file.subarray(0, 200).includes(0)) throw new AttendanceFileError(null, 'attendance.badEncoding');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, ''), utf16: false };
  } catch {
    throw new AttendanceFileError(null, 'attendance.badEncoding');
  }
};

type Row = { line: number; cells: string[] };

const rowsOf = (text: string, delimiter: string | string[]): Row[] => {
  try {
    // With `info`, each record comes as { record, info } (the typings only know plain rows).
    const records: unknown[] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      trim: true,
    });
    return records.map((entry) => {
      const { record, info } = entry as { record: string[]; info: { lines: number } };
      return { line: info.lines, cells: record };
    });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new AttendanceFileError(typeof line === 'number' ? line : null, 'attendance.unreadable');
  }
};

const isBlank = (row: Row) => row.cells.every((cell) => cell === '');

/** "2. Participants" → participants; undefined when the row is not a section title. */
const sectionOf = (row: Row): Section | undefined => {
  const cells = row.cells.filter((cell) => cell !== '');
  if (cells.length !== 1) return undefined;
  const match = /^\d\.\s*(.+)$/.exec(cells[0]);
  if (match === null) return undefined;
  const title = norm(match[1]);
  return (Object.keys(SECTIONS) as Section[]).find((section) => (SECTIONS[section] as readonly string[]).includes(title));
};

/** The table of a section: its header row and data rows (up to the next blank row or section). */
const tableOf = (rows: Row[]): { header: Row; data: Row[] } | undefined => {
  const [header, ...rest] = rows.filter((row) => !isBlank(row));
  return header === undefined ? undefined : { header, data: rest };
};

const readTeams = (rows: Row[]): AttendanceFile => {
  const sections = new Map<Section, Row[]>();
  let current: Section | undefined;
  for (const row of rows) {
    const section = sectionOf(row);
    if (section !== undefined) {
      if (sections.has(section)) throw new AttendanceFileError(row.line, 'attendance.repeatedSection', { section: row.cells.join(' ').trim() });
      sections.set(section, []);
      current = section;
    } else if (current !== undefined) {
      (sections.get(current) as Row[]).push(row);
    } else if (!isBlank(row)) {
      throw new AttendanceFileError(row.line, 'attendance.beforeSections');
    }
  }
  for (const section of ['summary', 'participants', 'activities'] as const) {
    if (!sections.has(section)) throw new AttendanceFileError(null, 'attendance.missingSection', { section: SECTION_NAMES[section] });
  }
  const summary = sections.get('summary') as Row[];
  const title = summary.find((row) => ['meeting title', 'titol de la reunio', 'titulo de la reunion'].includes(norm(row.cells[0] ?? '')))?.cells[1] ?? null;

  const table = (section: 'participants' | 'activities') => {
    const found = tableOf(sections.get(section) as Row[]);
    if (found === undefined) throw new AttendanceFileError(null, 'attendance.emptySection', { section: SECTION_NAMES[section] });
    const email = columnIndex(found.header.cells, 'email');
    const upn = columnIndex(found.header.cells, 'upn');
    const duration = columnIndex(found.header.cells, 'duration');
    if ((email < 0 && upn < 0) || duration < 0) {
      throw new AttendanceFileError(found.header.line, 'attendance.missingColumns', { section: SECTION_NAMES[section] });
    }
    return { ...found, email, upn, duration };
  };

  const participants = table('participants');
  const activities = table('activities');
  const emailOf = (row: Row, t: { email: number; upn: number }) => {
    const value = (t.email >= 0 ? row.cells[t.email] : '') || (t.upn >= 0 ? row.cells[t.upn] : '') || '';
    const email = value.trim().toLowerCase();
    if (email !== '' && !EMAIL.test(email)) throw new AttendanceFileError(row.line, 'attendance.badEmail', { value: value.slice(0, 80) });
    return email;
  };
  const secondsOf = (row: Row, index: number) => {
    const value = row.cells[index] ?? '';
    const seconds = parseDuration(value);
    if (seconds === undefined) throw new AttendanceFileError(row.line, 'attendance.badDuration', { value: value.slice(0, 40) });
    return seconds;
  };

  // Minutes come from the activities (one row per join/leave: a rejoin adds up); a participant
  // with no activity row keeps the participants table's total.
  const seconds = new Map<string, number>();
  let withoutEmail = 0;
  for (const row of activities.data) {
    const email = emailOf(row, activities);
    const value = secondsOf(row, activities.duration);
    if (email === '') continue;
    seconds.set(email, (seconds.get(email) ?? 0) + value);
  }
  const listed = new Set<string>();
  for (const row of participants.data) {
    const email = emailOf(row, participants);
    const value = secondsOf(row, participants.duration);
    if (email === '') {
      withoutEmail += 1;
      continue;
    }
    if (!seconds.has(email) && !listed.has(email)) seconds.set(email, value);
    listed.add(email);
  }
  return { format: 'teams', title, seconds, withoutEmail };
};

const readCsv = (rows: Row[]): AttendanceFile => {
  const [header, ...data] = rows.filter((row) => !isBlank(row));
  if (header === undefined) throw new AttendanceFileError(null, 'attendance.empty');
  const names = header.cells.map(norm);
  const email = names.indexOf('email');
  const minutes = names.indexOf('minutes');
  if (email < 0 || minutes < 0) throw new AttendanceFileError(header.line, 'attendance.csvHeader');
  const seconds = new Map<string, number>();
  for (const row of data) {
    const address = (row.cells[email] ?? '').trim().toLowerCase();
    if (!EMAIL.test(address)) throw new AttendanceFileError(row.line, 'attendance.badEmail', { value: (row.cells[email] ?? '').slice(0, 80) });
    const value = (row.cells[minutes] ?? '').trim();
    if (!/^\d{1,4}(\.\d+)?$/.test(value)) throw new AttendanceFileError(row.line, 'attendance.badMinutes', { value: value.slice(0, 40) });
    seconds.set(address, (seconds.get(address) ?? 0) + Math.round(Number(value) * 60));
  }
  return { format: 'csv', title: null, seconds, withoutEmail: 0 };
};

const SECTION_NAMES: Record<Section, string> = { summary: '1. Summary', participants: '2. Participants', activities: '3. In-Meeting Activities' };

/** Reads an attendance file; throws AttendanceFileError naming the line and the problem. */
export const readAttendanceFile = (file: Buffer): AttendanceFile => {
  if (file.length === 0) throw new AttendanceFileError(null, 'attendance.empty');
  const { text, utf16 } = decode(file);
  if (utf16) return readTeams(rowsOf(text, '\t'));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // A Teams report re-saved as UTF-8 still reads as one; otherwise a CSV (comma or semicolon).
  if (/^\d\.\s/.test(firstLine.trim())) return readTeams(rowsOf(text, '\t'));
  return readCsv(rowsOf(text, firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','));
};

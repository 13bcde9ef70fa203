/**
 * Every CSV the app writes (editors' exports, open data): UTF-8 with a byte-order mark so that
 * spreadsheet programs read the accents right, a header row, and no cell that a spreadsheet would
 * run as a formula. Text from public forms (names, topics, comments) goes into these files, so a
 * cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote
 * (OWASP's rule for CSV injection); numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvColumn = { key: string; header: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value a spreadsheet shows as text: a leading formula character is escaped with `'`. */
export const neutralizeCell = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
};

export const toCsv = (rows: Record<string, unknown>[], columns: CsvColumn[]): string => {
  const safe = rows.map((row) => Object.fromEntries(columns.map(({ key }) => [key, neutralizeCell(row[key])])));
  return `\uFEFF${stringify(safe, { header: true, columns: columns.map(({ key, header }) => ({ key, header: String(neutralizeCell(header)) })) })}`;
};

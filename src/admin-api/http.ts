/** What the admin route handlers share: the editor behind a request, a document id from the path, spreadsheet downloads. */
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { toCsv, type CsvColumn } from '../utils/csv';
import { isDocumentId, shownId } from '../utils/document-id';

/** The signed-in editor as a history or a proposal records them: "Name Surname <email>". */
export const editorOf = (ctx: Context): string => {
  const user = ctx.state.user as { email: string; firstname?: string; lastname?: string };
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
  return `${name} <${user.email}>`;
};

/** The `:documentId` of the path; a 404 for anything that cannot be one. */
export const documentIdParam = (ctx: Context): string => {
  const id = String(ctx.params.documentId);
  if (!isDocumentId(id)) throw new errors.NotFoundError(`No hi ha cap document «${shownId(id)}».`);
  return id;
};

/** Sends rows as a CSV (src/utils/csv.ts) or XLSX download named `name`. */
export const sendSpreadsheet = async (ctx: Context, name: string, format: 'csv' | 'xlsx', rows: Record<string, unknown>[], columns: CsvColumn[], sheetName = 'Dades') => {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') {
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = toCsv(rows, columns);
    return;
  }
  // Loaded at the first XLSX download, not at start: it is a third of a second of every process's boot.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'GOmunicipal';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: Math.max(10, c.header.length + 2) }));
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.body = Buffer.from(await workbook.xlsx.writeBuffer());
};

/**
 * The all-or-nothing CSV import of catalogue requests: every row checked, then all written, or
 * none (docs/catalog-requests.md).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parse } from 'csv-parse/sync';
import { ineCodeProblem } from '../../../utils/ine';

const UID = 'api::catalog-request.catalog-request';
const STATUSES = ['requested', 'in_progress', 'completed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** The CSV's header: one of ine_code / entity_name, then the rest (docs/catalog-requests.md). */
export const CSV_COLUMNS = ['ine_code', 'entity_name', 'resource_code', 'status', 'requested_at', 'completed_at', 'reference'] as const;

export type RowProblem = { line: number; errors: string[] };
export type ImportReport = { rows: number; created: number; updated: number; unchanged: number };

type Parsed = {
  line: number;
  entity: number;
  resource: string;
  status: Status;
  requestedAt: string | null;
  completedAt: string | null;
  reference: string | null;
};

const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/**
 * Imports catalogue requests from the provincial government's CSV, all or nothing: every row is
 * checked first, and one bad row rejects the file with a report of every bad row and its line.
 * A row is identified by (entity, resource, reference): importing the same file twice changes
 * nothing, and a row for an existing key updates it.
 */
const importer = ({ strapi }: { strapi: Core.Strapi }) => ({
  async importCsv(text: string): Promise<ImportReport> {
    let records: Record<string, string>[];
    try {
      records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new errors.ValidationError(`El fitxer no és un CSV vàlid: ${error instanceof Error ? error.message : String(error)}`);
    }
    const header = Object.keys(records[0] ?? {});
    const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
    const missing = ['resource_code', 'status'].filter((h) => !header.includes(h));
    if (records.length === 0) throw new errors.ValidationError('El fitxer no té cap fila de dades.');
    if (!header.includes('ine_code') && !header.includes('entity_name')) missing.push('ine_code o entity_name');
    if (unknown.length > 0 || missing.length > 0) {
      throw new errors.ValidationError(
        `Capçalera incorrecta.${missing.length ? ` Hi falta: ${missing.join(', ')}.` : ''}${unknown.length ? ` Columnes desconegudes: ${unknown.join(', ')}.` : ''} Columnes admeses: ${CSV_COLUMNS.join(', ')}.`
      );
    }

    const entities = (await strapi.db.query('api::local-entity.local-entity').findMany({ select: ['id', 'name', 'ineCode'] })) as {
      id: number;
      name: string;
      ineCode: string | null;
    }[];
    const byIne = new Map(entities.filter((e) => e.ineCode !== null).map((e) => [e.ineCode as string, e.id]));
    const byName = new Map<string, number[]>();
    for (const e of entities) {
      const key = e.name.trim().toLocaleLowerCase('ca');
      byName.set(key, [...(byName.get(key) ?? []), e.id]);
    }
    const resources = new Set(
      ((await strapi.db.query('api::catalog-resource.catalog-resource').findMany({ select: ['code'] })) as { code: string }[]).map((r) => r.code)
    );

    const problems: RowProblem[] = [];
    const parsed: Parsed[] = [];
    const keys = new Map<string, number>();
    records.forEach((record, index) => {
      const line = index + 2;
      const rowErrors: string[] = [];
      const ine = record.ine_code ?? '';
      const name = record.entity_name ?? '';
      let entity: number | undefined;
      if (ine !== '') {
        if (ineCodeProblem(ine) !== undefined) rowErrors.push(`codi INE «${ine}» mal format (sis xifres amb dígit de control)`);
        else if (!byIne.has(ine)) rowErrors.push(`cap ens local amb el codi INE ${ine}`);
        else entity = byIne.get(ine);
      } else if (name !== '') {
        const found = byName.get(name.toLocaleLowerCase('ca')) ?? [];
        if (found.length === 0) rowErrors.push(`cap ens local amb el nom «${name}»`);
        else if (found.length > 1) rowErrors.push(`hi ha ${found.length} ens locals amb el nom «${name}»: feu servir el codi INE`);
        else entity = found[0];
      } else {
        rowErrors.push('falta el codi INE o el nom de l’ens');
      }
      const resource = record.resource_code ?? '';
      if (!resources.has(resource)) rowErrors.push(`recurs de catàleg desconegut «${resource}»`);
      const status = record.status ?? '';
      if (!(STATUSES as readonly string[]).includes(status)) rowErrors.push(`estat «${status}» desconegut (${STATUSES.join(', ')})`);
      const requestedAt = record.requested_at || null;
      const completedAt = record.completed_at || null;
      if (requestedAt !== null && !isDate(requestedAt)) rowErrors.push(`requested_at «${requestedAt}» no és una data AAAA-MM-DD`);
      if (completedAt !== null && !isDate(completedAt)) rowErrors.push(`completed_at «${completedAt}» no és una data AAAA-MM-DD`);
      if (status === 'completed' && completedAt === null) rowErrors.push('un recurs completat necessita completed_at');
      if (status !== 'completed' && completedAt !== null) rowErrors.push(`completed_at només té sentit amb l'estat completed`);
      if (requestedAt !== null && completedAt !== null && isDate(requestedAt) && isDate(completedAt) && completedAt < requestedAt) {
        rowErrors.push(`completed_at (${completedAt}) és anterior a requested_at (${requestedAt})`);
      }
      const reference = record.reference || null;
      if (reference !== null && reference.length > 100) rowErrors.push('la referència passa de 100 caràcters');
      if (entity !== undefined) {
        const key = `${entity}|${resource}|${reference ?? ''}`;
        const first = keys.get(key);
        if (first !== undefined) rowErrors.push(`repeteix la fila ${first} (mateix ens, recurs i referència)`);
        else keys.set(key, line);
      }
      if (rowErrors.length > 0) problems.push({ line, errors: rowErrors });
      else parsed.push({ line, entity: entity as number, resource, status: status as Status, requestedAt, completedAt, reference });
    });

    if (problems.length > 0) {
      const lines = problems.map((p) => p.line).join(', ');
      throw new errors.ValidationError(
        `No s'ha importat res: ${problems.length} ${problems.length === 1 ? 'fila té errors' : 'files tenen errors'} (línies ${lines}).`,
        { rows: problems }
      );
    }

    const report: ImportReport = { rows: parsed.length, created: 0, updated: 0, unchanged: 0 };
    await strapi.db.transaction(async () => {
      const resourceDocs = new Map(
        ((await strapi.db.query('api::catalog-resource.catalog-resource').findMany({ select: ['code', 'documentId'] })) as {
          code: string;
          documentId: string;
        }[]).map((r) => [r.code, r.documentId])
      );
      const entityDocs = new Map(
        ((await strapi.db.query('api::local-entity.local-entity').findMany({ select: ['id', 'documentId'], where: { id: { $in: parsed.map((p) => p.entity) } } })) as {
          id: number;
          documentId: string;
        }[]).map((e) => [e.id, e.documentId])
      );
      for (const row of parsed) {
        const existing = (await strapi.db.query(UID).findOne({
          where: {
            localEntity: { id: row.entity },
            catalogResource: { code: row.resource },
            reference: row.reference === null ? { $null: true } : row.reference,
          },
        })) as { id: number; requestStatus: Status; requestedAt: string | null; completedAt: string | null } | null;
        const data = { requestStatus: row.status, requestedAt: row.requestedAt, completedAt: row.completedAt };
        if (existing === null) {
          await strapi.documents(UID).create({
            data: {
              requestStatus: row.status,
              requestedAt: row.requestedAt ?? undefined,
              completedAt: row.completedAt ?? undefined,
              reference: row.reference ?? undefined,
              localEntity: entityDocs.get(row.entity),
              catalogResource: resourceDocs.get(row.resource),
            },
          });
          report.created += 1;
        } else if (existing.requestStatus !== data.requestStatus || existing.requestedAt !== data.requestedAt || existing.completedAt !== data.completedAt) {
          // The database layer, because a date going back to empty must be set to null.
          await strapi.db.query(UID).update({ where: { id: existing.id }, data });
          report.updated += 1;
        } else {
          report.unchanged += 1;
        }
      }
    });
    return report;
  },
});

export type CatalogRequestImportService = ReturnType<typeof importer>;

export default importer;

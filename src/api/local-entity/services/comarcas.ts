/**
 * The all-or-nothing CSV import of the entities' comarca (`ine_code,comarca`), the pattern of the
 * catalogue requests' import: every row checked first, one bad row rejects the file with every
 * bad line, then all written in one transaction; importing the same file twice changes nothing.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parse } from 'csv-parse/sync';
import { t } from '../../../messages';
import { ineCodeProblem } from '../../../utils/ine';
import type { Language } from '../../../utils/language';

const UID = 'api::local-entity.local-entity';

export type ComarcaReport = { rows: number; updated: number; unchanged: number };

const comarcas = (strapi: Core.Strapi) => ({
  async importCsv(text: string, language: Language): Promise<ComarcaReport> {
    let records: Record<string, string>[];
    try {
      records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new errors.ValidationError(t(language, 'comarca.header'), { problem: error instanceof Error ? error.message : String(error) });
    }
    if (records.length === 0) throw new errors.ValidationError(t(language, 'comarca.noRows'));
    const header = Object.keys(records[0]);
    if (header.length !== 2 || !header.includes('ine_code') || !header.includes('comarca')) throw new errors.ValidationError(t(language, 'comarca.header'));

    const entities = (await strapi.db.query(UID).findMany({ select: ['id', 'ineCode', 'comarca'] })) as { id: number; ineCode: string | null; comarca: string | null }[];
    const byIne = new Map(entities.filter((e) => e.ineCode !== null).map((e) => [e.ineCode as string, e]));
    const seen = new Map<string, number>();
    const problems: { line: number; errors: string[] }[] = [];
    const parsed: { id: number; comarca: string; current: string | null }[] = [];
    records.forEach((record, index) => {
      const line = index + 2;
      const rowErrors: string[] = [];
      const ine = record.ine_code ?? '';
      const comarca = record.comarca ?? '';
      const entity = byIne.get(ine);
      if (ineCodeProblem(ine) !== undefined) rowErrors.push(t(language, 'comarca.badIne', { value: ine.slice(0, 20) }));
      else if (entity === undefined) rowErrors.push(t(language, 'comarca.unknownIne', { value: ine }));
      if (comarca.length === 0 || comarca.length > 100) rowErrors.push(t(language, 'comarca.badName'));
      const first = seen.get(ine);
      if (first !== undefined) rowErrors.push(t(language, 'comarca.repeated', { line: first }));
      else seen.set(ine, line);
      if (rowErrors.length > 0) problems.push({ line, errors: rowErrors });
      else if (entity !== undefined) parsed.push({ id: entity.id, comarca, current: entity.comarca });
    });
    if (problems.length > 0) {
      throw new errors.ValidationError(t(language, 'comarca.rowErrors', { lines: problems.map((p) => p.line).join(', ') }), { rows: problems });
    }
    const changed = parsed.filter((row) => row.current !== row.comarca);
    await strapi.db.transaction(async () => {
      for (const row of changed) await strapi.db.query(UID).update({ where: { id: row.id }, data: { comarca: row.comarca } });
    });
    return { rows: parsed.length, updated: changed.length, unchanged: parsed.length - changed.length };
  },
});

export type ComarcaImportService = ReturnType<typeof comarcas>;

export default ({ strapi }: { strapi: Core.Strapi }) => comarcas(strapi);

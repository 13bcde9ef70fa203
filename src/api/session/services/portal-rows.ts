/**
 * The portal lists' rows in hand-written SQL: the published sessions of a list and the relations
 * asked for, one statement per list and one per relation whatever the number of sessions (the
 * lists of one GraphQL request share their relations' statements), with
 * the rows the query engine would return (same keys in the same order, same values: the bench and
 * tests/int/portal-rows.test.ts compare them). The query engine spent about 1.2 ms of CPU per
 * statement building SQL and walking its populate tree, two thirds of an uncached portal list
 * (docs/performance.md, "Where the uncached request's time goes"). Table and column names come from
 * Strapi's metadata; only the shapes the portal uses are supported (components, one-to-many and
 * many-to-many relations through a join table, single media): anything else throws at build time.
 */
import type { Core, UID } from '@strapi/strapi';
import { rawRows } from '../../../utils/raw-rows';
import { fromRow, type Meta, type Row } from './portal-values';

/** What to load under a row: attribute name → options (the portal's populate, in the query engine's terms). */
export type RowPopulate = Record<string, RowPopulateEntry>;
export type RowPopulateEntry = {
  /** Columns of the target to read (by attribute name; `id` always); all by default. */
  select?: readonly string[];
  /** Only published targets (`published_at IS NOT NULL`). */
  publishedOnly?: boolean;
  /** Order by the target's id instead of the relation's own order. */
  orderById?: boolean;
  populate?: RowPopulate;
};

export type ListQuery = {
  direction: 'asc' | 'desc';
  locale: string;
  /** `startsAt > now` for upcoming, `startsAt <= now` (and within the year) for past. */
  after?: Date;
  notAfter?: Date;
  from?: Date;
  before?: Date;
  limit: number;
  select?: readonly string[];
  populate: RowPopulate;
};

/** SQL with `?` placeholders and their values. */
type Statement = { sql: string; bindings: readonly unknown[] };
/** The alias under which a relation's statement returns the owner's id (never an attribute's column). */
const OWNER = '__portal_owner';
/** The aliases of a session's list (when several share a statement) and its position in that list. */
const LIST = '__portal_list';
const POSITION = '__portal_position';

export const portalRows = (strapi: Core.Strapi) => {
  const { quote: q, table, rows: rowsOf, within } = rawRows(strapi);
  const meta = (uid: string) => strapi.db.metadata.get(uid as UID.Schema) as Meta;
  const column = (m: Meta, attribute: string) => {
    const a = m.attributes[attribute];
    if (a === undefined) throw new Error(`${m.uid} has no attribute ${attribute}`);
    return a.columnName ?? attribute;
  };
  const columnsOf = (m: Meta, alias: string, select: readonly string[] | undefined) =>
    select === undefined ? `${alias}.*` : [...new Set([...select, 'id'])].map((a) => `${alias}.${q(column(m, a))}`).join(', ');

  /** Statements that do not depend on each other, side by side. */
  const run = (statements: readonly Statement[]): Promise<Row[][]> => Promise.all(statements.map(({ sql, bindings }) => rowsOf(sql, bindings)));

  /** One relation of many owners: the statement of its rows for the owners' ids, and whether it is a single media. */
  type Step = { rows: (ownerIds: readonly unknown[]) => Statement; target: Meta; single: boolean };

  const stepFor = (owner: Meta, name: string, entry: RowPopulateEntry): Step => {
    const attribute = owner.attributes[name];
    if (attribute?.type !== 'relation' || attribute.target === undefined) throw new Error(`${owner.uid}.${name}: not a relation the portal rows support`);
    const target = meta(attribute.target);
    const published = entry.publishedOnly === true ? `t.${q(column(target, 'publishedAt'))} IS NOT NULL AND ` : '';
    const cols = columnsOf(target, 't', entry.select);
    const id = `t.${q('id')}`;
    if (attribute.relation === 'morphOne' && attribute.morphBy !== undefined) {
      // A single media field: the file's morph join table, filtered by the owner's type and field.
      const join = target.attributes[attribute.morphBy]?.joinTable;
      if (join?.morphColumn === undefined) throw new Error(`${owner.uid}.${name}: no morph join table`);
      const { idColumn, typeColumn } = join.morphColumn;
      const order = join.orderColumnName === undefined ? '' : ` ORDER BY j.${q(join.orderColumnName)} ASC`;
      return {
        rows: (ids) => {
          const owners = within(ids);
          return {
            sql:
              `SELECT ${cols}, j.${q(idColumn.name)} AS ${q(OWNER)} FROM ${table(target.tableName)} t JOIN ${table(join.name)} j ON ${id} = j.${q(join.joinColumn.name)} AND j.${q('field')} = ?` +
              ` WHERE ${published}j.${q(idColumn.name)} ${owners.sql} AND j.${q(typeColumn.name)} = ?${order}`,
            bindings: [name, ...owners.bindings, owner.uid],
          };
        },
        target,
        single: true,
      };
    }
    const join = attribute.joinTable;
    if (join === undefined || !['oneToMany', 'manyToMany'].includes(attribute.relation ?? '')) {
      throw new Error(`${owner.uid}.${name}: not a relation the portal rows support`);
    }
    const on = Object.entries(join.on ?? {});
    const onSql = on.map(([key]) => ` AND j.${q(key)} = ?`).join('');
    const order =
      entry.orderById === true
        ? ` ORDER BY ${id} ASC`
        : join.orderColumnName === undefined
          ? ''
          : ` ORDER BY j.${q(join.orderColumnName)} ASC, j.${q('id')} ASC`;
    return {
      rows: (ids) => {
        const owners = within(ids);
        return {
          sql:
            `SELECT ${cols}, j.${q(join.joinColumn.name)} AS ${q(OWNER)} FROM ${table(target.tableName)} t JOIN ${table(join.name)} j ON ${id} = j.${q(join.inverseJoinColumn.name)}${onSql}` +
            ` WHERE ${published}j.${q(join.joinColumn.name)} ${owners.sql}${order}`,
          bindings: [...on.map(([, value]) => value), ...owners.bindings],
        };
      },
      target,
      single: false,
    };
  };

  /**
   * Loads `spec` under `owners` (rows of `owner`) level by level: the relations of one level, for
   * every owner at once, side by side, then the level below. Keys are set in the spec's
   * order, as the query engine sets them, so that the rows serialise to the same JSON.
   */
  const populate = async (owner: Meta, owners: Row[], spec: RowPopulate): Promise<void> => {
    // Only owners that exist have relations to read: every group of a level has rows.
    let level = owners.length > 0 ? [{ owner, owners, spec }] : [];
    while (level.length > 0) {
      const work = level.flatMap(({ owner: m, owners: rows, spec: entries }) =>
        Object.entries(entries).map(([name, entry]) => ({ name, entry, rows, step: stepFor(m, name, entry) })),
      );
      const results = await run(work.map(({ rows, step }) => step.rows([...new Set(rows.map((row) => row.id))])));
      const below: typeof level = [];
      for (const [index, { name, entry, rows, step }] of work.entries()) {
        const byOwner = new Map<string, Row[]>();
        const children: Row[] = [];
        for (const raw of results[index]) {
          const key = String(raw[OWNER]);
          const list = byOwner.get(key);
          // A single media: the first file by the relation's order.
          if (step.single && list !== undefined) continue;
          const child = fromRow(step.target, raw);
          if (list === undefined) byOwner.set(key, [child]);
          else list.push(child);
          children.push(child);
        }
        for (const row of rows) {
          const list = byOwner.get(String(row.id)) ?? [];
          row[name] = step.single ? (list[0] ?? null) : list;
        }
        if (entry.populate !== undefined && children.length > 0) below.push({ owner: step.target, owners: children, spec: entry.populate });
      }
      level = below;
    }
  };

  /** The statement of one list's sessions; tagged with `list` (and each row's position) to share a statement with others. */
  const sessionsOf = (query: ListQuery, list?: number): Statement => {
    const m = meta('api::session.session');
    const c = (attribute: string) => `t.${q(column(m, attribute))}`;
    const where = [`${c('publishedAt')} IS NOT NULL`, `${c('locale')} = ?`];
    const bindings: unknown[] = [query.locale];
    const bound = (sql: string, value: Date | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      bindings.push(value);
    };
    bound(`${c('startsAt')} > ?`, query.after);
    bound(`${c('startsAt')} <= ?`, query.notAfter);
    bound(`${c('startsAt')} >= ?`, query.from);
    bound(`${c('startsAt')} < ?`, query.before);
    where.push(`${c('eventStatus')} <> ?`);
    bindings.push('cancelled');
    const order = `${c('startsAt')} ${query.direction === 'asc' ? 'ASC' : 'DESC'}, t.${q('id')} ASC`;
    return {
      sql:
        `SELECT ${columnsOf(m, 't', query.select)}${list === undefined ? '' : `, ${list} AS ${q(LIST)}, ROW_NUMBER() OVER (ORDER BY ${order}) AS ${q(POSITION)}`}` +
        ` FROM ${table(m.tableName)} t WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`,
      bindings: [...bindings, query.limit],
    };
  };

  /**
   * The sessions of several lists that read the same columns, in one statement: each list's own
   * statement as a derived table tagged with its index, in the lists' order and each list's.
   */
  const sessionsTogether = async (queries: readonly ListQuery[]): Promise<Row[][]> => {
    if (queries.length === 1) return run([sessionsOf(queries[0])]);
    const arms = queries.map((query, i) => {
      const { sql, bindings } = sessionsOf(query, i);
      return { sql: `SELECT * FROM (${sql}) ${q(`l${i}`)}`, bindings };
    });
    const rows = await rowsOf(`${arms.map((a) => a.sql).join(' UNION ALL ')} ORDER BY ${q(LIST)}, ${q(POSITION)}`, arms.flatMap((a) => a.bindings));
    return queries.map((_, i) => rows.filter((row) => Number(row[LIST]) === i));
  };

  return {
    /**
     * Published sessions of portal lists with their `populate` (the query engine's findMany, in
     * fewer and cheaper statements): the lists' sessions side by side, then each level of relations
     * once for the sessions of every list that asks for the same relations.
     */
    async lists(queries: readonly ListQuery[]): Promise<Row[][]> {
      const m = meta('api::session.session');
      // Lists that read the same columns share a statement.
      const bySelect = new Map<string, number[]>();
      queries.forEach((query, i) => {
        const key = JSON.stringify(query.select ?? null);
        bySelect.set(key, [...(bySelect.get(key) ?? []), i]);
      });
      const found: Row[][] = [];
      await Promise.all(
        [...bySelect.values()].map(async (indexes) => {
          const rows = await sessionsTogether(indexes.map((i) => queries[i]));
          indexes.forEach((i, k) => (found[i] = rows[k].map((row) => fromRow(m, row))));
        })
      );
      const bySpec = new Map<string, { spec: RowPopulate; rows: Row[] }>();
      queries.forEach((query, i) => {
        const key = JSON.stringify(query.populate);
        const group = bySpec.get(key) ?? { spec: query.populate, rows: [] };
        group.rows.push(...found[i]);
        bySpec.set(key, group);
      });
      await Promise.all([...bySpec.values()].map(({ spec, rows }) => populate(m, rows, spec)));
      queries.forEach((query, i) => {
        // As the query engine: a `select` without `id` gives rows without it (it is read for the relations).
        if (query.select !== undefined && !query.select.includes('id')) for (const row of found[i]) delete row.id;
      });
      return found;
    },
  };
};

/**
 * Hand-written SQL for hot read paths on the three databases: identifiers quoted for the dialect,
 * tables qualified with the PostgreSQL schema, and the rows of a statement. On PostgreSQL each
 * statement is prepared once per connection under a name made from its text, so that it is not
 * planned again for every request (planning was most of the database's time for these small
 * statements; PostgreSQL switches to a generic plan once it costs no more). Used by the portal
 * lists' rows (src/api/session/services/portal-rows.ts), the seats they show
 * (src/api/registration/services/seats.ts) and the Public role's permissions
 * (src/extensions/users-permissions/).
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';

export type Row = Record<string, unknown>;

export const rawRows = (strapi: Core.Strapi) => {
  const client = strapi.db.dialect.client as string;
  const isMysql = client === 'mysql' || client === 'mysql2';
  const isPostgres = client === 'postgres' || client === 'pg';
  const quote = (name: string) => (isMysql ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`);
  const names = new Map<string, string>();
  const prepared = (sql: string) => {
    let name = names.get(sql);
    if (name === undefined) names.set(sql, (name = `portal_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`));
    return { name };
  };
  return {
    isMysql,
    isPostgres,
    quote,
    /**
     * `IN` a list of values, as SQL and bindings: on PostgreSQL one array value (`= ANY(?)`), so that
     * the statement's text, and its prepared name, do not depend on the number of values.
     */
    within: (values: readonly unknown[]): { sql: string; bindings: readonly unknown[] } =>
      isPostgres ? { sql: '= ANY(?)', bindings: [values] } : { sql: `IN (${values.map(() => '?').join(', ')})`, bindings: values },
    /** A table's name, quoted and schema-qualified. */
    table: (name: string) => {
      const schema = strapi.db.getSchemaName();
      return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
    },
    /** The rows of `sql` (with `?` placeholders) for `bindings`. */
    rows: async (sql: string, bindings: readonly unknown[]): Promise<Row[]> => {
      const raw = strapi.db.connection.raw(sql, bindings as unknown[]);
      const result = (await (isPostgres ? raw.options(prepared(sql)) : raw)) as unknown;
      if (Array.isArray(result)) return (isMysql ? result[0] : result) as Row[];
      return (result as { rows: Row[] }).rows;
    },
  };
};

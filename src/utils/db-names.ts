/**
 * Table, column and join-table names read from Strapi's metadata, for the few queries that need
 * SQL the Document Service cannot express (grouped counts, multi-row inserts): no literal `*_lnk`
 * or column name anywhere else. Names come qualified with the PostgreSQL schema where there is one.
 * `inCurrentTransaction` runs such a query in the caller's transaction when there is one (knex
 * queries do not join Strapi's transaction by themselves).
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

export type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };

const isJoinTable = (value: unknown): value is JoinTable => {
  if (value === null || typeof value !== 'object') return false;
  const { name, joinColumn, inverseJoinColumn } = value as Record<string, unknown>;
  const hasName = (column: unknown) => column !== null && typeof column === 'object' && typeof (column as { name?: unknown }).name === 'string';
  return typeof name === 'string' && hasName(joinColumn) && hasName(inverseJoinColumn);
};

export const dbNames = (strapi: Core.Strapi) => {
  const metadata = (uid: UID.Schema) => strapi.db.metadata.get(uid);
  const qualified = (name: string) => {
    const schema = strapi.db.getSchemaName();
    return schema ? `${schema}.${name}` : name;
  };
  return {
    /** Runs `query` inside the current Strapi transaction, if any (else on its own). */
    inCurrentTransaction: async <T>(query: Knex.QueryBuilder): Promise<T> =>
      (strapi.db.inTransaction() ? strapi.db.transaction(({ trx }) => query.transacting(trx)) : query) as Promise<T>,
    /** The table of a content type, schema-qualified. */
    table: (uid: UID.Schema): string => qualified(metadata(uid).tableName),
    /** The column of an attribute (snake_case in the database). */
    column: (uid: UID.Schema, attribute: string): string => {
      const meta = metadata(uid).attributes[attribute] as { columnName?: unknown } | undefined;
      if (meta === undefined) throw new Error(`${uid} has no attribute ${attribute}`);
      return typeof meta.columnName === 'string' ? meta.columnName : attribute;
    },
    /** The join table of a relation: its name (schema-qualified), the owner's column and the target's. */
    joinTable: (uid: UID.Schema, relation: string): JoinTable => {
      const joinTable = (metadata(uid).attributes[relation] as { joinTable?: unknown } | undefined)?.joinTable;
      if (!isJoinTable(joinTable)) throw new Error(`${uid}.${relation} is not a relation with a join table`);
      return { ...joinTable, name: qualified(joinTable.name) };
    },
  };
};

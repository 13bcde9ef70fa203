/**
 * The Public role's permissions, read for every anonymous API request (users-permissions'
 * `findPublicPermissions`), in one lean hand-written statement instead of the query engine's
 * `findMany` with its join and row transformation: the same actions, read afresh every time
 * (no cache of security decisions). tests/int/public-api.test.ts compares the two.
 */
import type { Core, UID } from '@strapi/strapi';
import { dbNames, type JoinTable } from '../../utils/db-names';
import { rawRows } from '../../utils/raw-rows';

const PERMISSION = 'plugin::users-permissions.permission' as UID.Schema;
const ROLE = 'plugin::users-permissions.role' as UID.Schema;

type Meta = { tableName: string; attributes: Record<string, { joinTable?: JoinTable }> };

export const publicPermissions = (strapi: Core.Strapi) => {
  const { quote: q, table, rows } = rawRows(strapi);
  let sql: string | undefined;
  /** Built from Strapi's metadata at first use (the metadata exists once the app has loaded). */
  const statement = () => {
    if (sql !== undefined) return sql;
    const permission = strapi.db.metadata.get(PERMISSION) as Meta;
    const role = strapi.db.metadata.get(ROLE) as Meta;
    const { column } = dbNames(strapi);
    const join = permission.attributes.role?.joinTable;
    if (join === undefined) throw new Error(`${PERMISSION}.role has no join table`);
    sql =
      `SELECT t.${q(column(PERMISSION, 'action'))} AS ${q('action')} FROM ${table(permission.tableName)} t` +
      ` JOIN ${table(join.name)} j ON j.${q(join.joinColumn.name)} = t.${q('id')}` +
      ` JOIN ${table(role.tableName)} r ON r.${q('id')} = j.${q(join.inverseJoinColumn.name)}` +
      ` WHERE r.${q(column(ROLE, 'type'))} = ?`;
    return sql;
  };
  return async (): Promise<{ action: string }[]> => (await rows(statement(), ['public'])) as { action: string }[];
};

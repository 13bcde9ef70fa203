/**
 * The values of the portal rows (portal-rows.ts) as the query engine gives them: Strapi's metadata
 * shapes the rows read, and @strapi/database's fields' `fromDB`, type by type.
 */

import type { Row } from '../../../utils/raw-rows';

export type { Row };
export type Attribute = {
  type: string;
  relation?: string;
  target?: string;
  columnName?: string;
  morphBy?: string;
  joinTable?: JoinTableMeta;
  mappedBy?: string;
};
export type JoinTableMeta = {
  name: string;
  joinColumn: { name: string; referencedColumn?: string };
  inverseJoinColumn: { name: string; referencedColumn?: string };
  on?: Record<string, string>;
  orderColumnName?: string;
  morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
};
export type Meta = {
  uid: string;
  tableName: string;
  attributes: Record<string, Attribute>;
  columnToAttribute: Record<string, string>;
};

const SCALAR = new Set([
  'increments', 'password', 'email', 'string', 'uid', 'richtext', 'text', 'enumeration', 'json', 'biginteger',
  'integer', 'float', 'decimal', 'date', 'time', 'datetime', 'timestamp', 'boolean', 'blocks',
]);
const STRING = new Set(['password', 'email', 'string', 'uid', 'richtext', 'text', 'enumeration']);

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    // Values stored stringified twice by early Strapi 5 releases (as @strapi/database's JSON field does).
    return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
  } catch {
    return value;
  }
};

/** A column's value as the query engine gives it: @strapi/database's fields' `fromDB`, type by type. */
const fromDb = (type: string, value: unknown): unknown => {
  if (value === null) return null;
  if (STRING.has(type)) return typeof value === 'string' ? value : String(value);
  switch (type) {
    case 'integer':
    case 'float':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value);
      return text === '1' ? true : text === '0' ? false : null;
    }
    case 'datetime': {
      const date = value instanceof Date ? value : new Date(value as string | number);
      return Number.isNaN(date.getTime()) ? null : date.toISOString();
    }
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(value as string | number);
      return Number.isNaN(date.getTime()) ? null : String(date.getTime());
    }
    case 'json':
    case 'blocks':
      return parseJson(value);
    case 'biginteger':
      return typeof value === 'bigint' ? value.toString() : String(value);
    default:
      // increments, date, time: as the driver gives them.
      return value;
  }
};

/** A row's attributes (the query engine's `fromRow`): known columns only, in the row's column order. */
export const fromRow = (meta: Meta, row: Row): Row => {
  const out: Row = {};
  for (const column in row) {
    if (!Object.prototype.hasOwnProperty.call(meta.columnToAttribute, column)) continue;
    const name = meta.columnToAttribute[column];
    const attribute = meta.attributes[name];
    if (SCALAR.has(attribute.type)) out[name] = fromDb(attribute.type, row[column]);
    else if (attribute.type === 'relation') out[name] = row[column];
  }
  return out;
};

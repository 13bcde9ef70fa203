/**
 * The app's texts in Catalan and Spanish, one entry per key, for the API (./api.ts, ./graphql.ts), the public site
 * (./site.ts), the developer page (./developers.ts) and the emails' generated parts alike: `t(language, key, { name: value })` fills `{name}` placeholders,
 * `localized(key, values)` gives both languages. The admin's interface strings are react-intl
 * translations (src/admin/translations.ts); emails are editable files (emails/).
 */
import type { Language, Localized } from '../utils/language';
import { API_MESSAGES } from './api';
import { DEVELOPER_MESSAGES } from './developers';
import { GRAPHQL_MESSAGES } from './graphql';
import { PROGRAMME_DATA_MESSAGES } from './programme-data';
import { SITE_MESSAGES, type Countable } from './site';

export const MESSAGES = { ...API_MESSAGES, ...GRAPHQL_MESSAGES, ...SITE_MESSAGES, ...PROGRAMME_DATA_MESSAGES, ...DEVELOPER_MESSAGES } satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export type MessageValues = Record<string, string | number>;

const fill = (text: string, values: MessageValues) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));

export const t = (language: Language, key: MessageKey, values: MessageValues = {}): string => fill(MESSAGES[key][language], values);

/** `key` for a count `n` ({n} formatted by `format`): the `<key>One` form for exactly one. */
export const tn = (
  language: Language,
  key: Countable,
  n: number,
  format: (n: number) => string = String,
  values: MessageValues = {}
): string => (n === 1 ? t(language, `${key}One`, values) : t(language, key, { ...values, n: format(n) }));

export const localized = (key: MessageKey, values: MessageValues = {}): Localized => ({ ca: t('ca', key, values), es: t('es', key, values) });

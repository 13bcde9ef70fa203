/**
 * The app's texts in Catalan and Spanish, one entry per key, for the API, the pages and the
 * emails' generated parts alike: `t(language, key, { name: value })` fills `{name}` placeholders,
 * `localized(key, values)` gives both languages. The admin's interface strings are react-intl
 * translations (src/admin/translations.ts); emails are editable files (emails/).
 */
import type { Language, Localized } from '../utils/language';
import { API_MESSAGES } from './api';

export const MESSAGES = { ...API_MESSAGES } satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export type MessageValues = Record<string, string | number>;

const fill = (text: string, values: MessageValues) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));

export const t = (language: Language, key: MessageKey, values: MessageValues = {}): string => fill(MESSAGES[key][language], values);

export const localized = (key: MessageKey, values: MessageValues = {}): Localized => ({ ca: t('ca', key, values), es: t('es', key, values) });

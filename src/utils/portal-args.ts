/**
 * The arguments of the portal lists (limit, year, locale) from REST or GraphQL, refused with a
 * message when out of range.
 */
import { errors } from '@strapi/utils';
import { DEFAULT_LANGUAGE, isLanguage, type Language, type Localized } from './language';
import { MAX_PAGE_SIZE } from './read-rules';

export type PortalArgs = { limit: number; year?: number; locale: Language };

const invalid = (language: Language, param: string, message: Localized): never => {
  throw new errors.ValidationError(message[language], { param });
};

const asInteger = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim())) return Number(value);
  return undefined;
};

/**
 * The arguments of the portal lists (upcoming and past sessions), from REST query strings or
 * GraphQL arguments alike. Anything out of range is refused with a message in `language`.
 */
export const parsePortalArgs = (
  input: { limit?: unknown; year?: unknown; locale?: unknown },
  defaultLimit: number,
  language: Language
): PortalArgs => {
  const locale = input.locale ?? DEFAULT_LANGUAGE;
  if (!isLanguage(locale)) {
    const shown = String(locale).slice(0, 20);
    return invalid(language, 'locale', {
      ca: `Idioma desconegut «${shown}»: el paràmetre locale admet ca o es.`,
      es: `Idioma desconocido «${shown}»: el parámetro locale admite ca o es.`,
    });
  }
  const limit = input.limit === undefined || input.limit === null ? defaultLimit : asInteger(input.limit);
  if (limit === undefined || limit < 1 || limit > MAX_PAGE_SIZE) {
    return invalid(language, 'limit', {
      ca: `El paràmetre limit ha de ser un enter entre 1 i ${MAX_PAGE_SIZE}.`,
      es: `El parámetro limit debe ser un entero entre 1 y ${MAX_PAGE_SIZE}.`,
    });
  }
  let year: number | undefined;
  if (input.year !== undefined && input.year !== null && input.year !== '') {
    year = asInteger(input.year);
    if (year === undefined || year < 2000 || year > 2100) {
      return invalid(language, 'year', {
        ca: "El paràmetre year ha de ser un any de quatre xifres (2000–2100).",
        es: 'El parámetro year debe ser un año de cuatro cifras (2000–2100).',
      });
    }
  }
  return { limit, locale, ...(year === undefined ? {} : { year }) };
};

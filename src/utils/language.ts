/** The product's languages (Catalan first, Spanish) and the language a request is answered in. */
import type { Context } from 'koa';

export const LANGUAGES = ['ca', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ca';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The BCP 47 tag of each language, for Intl formatters. */
export const LOCALE_TAG: Record<Language, string> = { ca: 'ca-ES', es: 'es-ES' };

/** A text a person reads, in each language the product speaks. */
export type Localized = Record<Language, string>;

/**
 * The language to answer in: an explicit `locale` wins, then the first of ca/es in
 * Accept-Language, then Catalan.
 */
export const requestLanguage = (locale: unknown, acceptLanguage: string | undefined): Language => {
  if (isLanguage(locale)) return locale;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().slice(0, 2);
    if (isLanguage(tag)) return tag;
  }
  return DEFAULT_LANGUAGE;
};

/** The language of an HTTP request: its `?locale=`, else its Accept-Language, else Catalan. */
export const languageOf = (ctx: Pick<Context, 'query' | 'get'>): Language =>
  requestLanguage((ctx.query as Record<string, unknown>).locale, ctx.get('accept-language'));

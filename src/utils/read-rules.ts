/**
 * The rules of an anonymous read of published content, REST and GraphQL alike: no drafts, known
 * locales, page size.
 */
import { isLanguage, type Localized } from './language';

export type PublicReadArgs = {
  status?: unknown;
  locale?: unknown;
  hasPublishedVersion?: unknown;
  publicationFilter?: unknown;
  pagination?: unknown;
};

export const MAX_PAGE_SIZE = 100;

export type PublicReadProblem = { param: string; message: Localized };

/**
 * The rule for every anonymous read of published content (REST and GraphQL alike):
 * drafts are never public, and the locale, when given, is one the programme publishes in.
 */
export const publicReadProblem = (args: PublicReadArgs): PublicReadProblem | undefined => {
  if (args.status !== undefined && args.status !== null && args.status !== 'published') {
    return {
      param: 'status',
      message: {
        ca: "Només el contingut publicat és públic: el paràmetre status només admet el valor 'published'.",
        es: "Solo el contenido publicado es público: el parámetro status solo admite el valor 'published'.",
      },
    };
  }
  for (const param of ['hasPublishedVersion', 'publicationFilter'] as const) {
    if (args[param] !== undefined && args[param] !== null) {
      return {
        param,
        message: {
          ca: `El paràmetre ${param} no està disponible a l'API pública.`,
          es: `El parámetro ${param} no está disponible en la API pública.`,
        },
      };
    }
  }
  if (typeof args.pagination === 'object' && args.pagination !== null) {
    const { pageSize, limit } = args.pagination as { pageSize?: unknown; limit?: unknown };
    for (const [param, value] of [['pageSize', pageSize], ['limit', limit]] as const) {
      if (value !== undefined && value !== null && Number(value) > MAX_PAGE_SIZE) {
        return {
          param: `pagination.${param}`,
          message: {
            ca: `Com a màxim ${MAX_PAGE_SIZE} elements per pàgina: pagination.${param} és ${String(value).slice(0, 12)}.`,
            es: `Como máximo ${MAX_PAGE_SIZE} elementos por página: pagination.${param} es ${String(value).slice(0, 12)}.`,
          },
        };
      }
    }
  }
  if (args.locale !== undefined && args.locale !== null && !isLanguage(args.locale)) {
    const shown = String(args.locale).slice(0, 20);
    return {
      param: 'locale',
      message: {
        ca: `Idioma desconegut «${shown}»: el paràmetre locale admet ca o es.`,
        es: `Idioma desconocido «${shown}»: el parámetro locale admite ca o es.`,
      },
    };
  }
  return undefined;
};

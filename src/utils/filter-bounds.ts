/**
 * The size bound of a public filter tree (REST `filters`, GraphQL `filters:` arguments): how many
 * conditions, how deep, how long a list, and which relations a filter may go through. One rule for
 * every public read, so that a filter of thousands of terms is refused before the database sees it.
 */
import type { Localized } from './language';

export type FilterBounds = { maxTerms: number; maxDepth: number; maxList: number };

export type BoundProblem = { code: string; message: Localized; param?: string };

/**
 * Relations a public filter may not go through: `localizations` reaches the other locale versions
 * of a document whatever their publication state (a draft's text could be guessed letter by letter),
 * and the admin users behind `createdBy` / `updatedBy` are nobody's business.
 */
const REFUSED_KEYS = new Set(['localizations', 'createdBy', 'updatedBy', 'created_by', 'updated_by']);

type Measure = { terms: number; depth: number; list: number; refused?: string };

const measure = (value: unknown, bounds: FilterBounds, depth: number, acc: Measure): void => {
  if (acc.terms > bounds.maxTerms || acc.depth > bounds.maxDepth || acc.list > bounds.maxList || acc.refused !== undefined) return;
  if (Array.isArray(value)) {
    acc.depth = Math.max(acc.depth, depth);
    // A list of plain values (`$in`) is one condition, bounded by its length.
    if (value.every((item) => item === null || typeof item !== 'object')) {
      acc.terms += 1;
      acc.list = Math.max(acc.list, value.length);
      return;
    }
    // A list of conditions (`$or`, `$and`): each counts through the conditions it holds.
    for (const item of value) measure(item, bounds, depth + 1, acc);
    return;
  }
  if (value !== null && typeof value === 'object') {
    acc.depth = Math.max(acc.depth, depth);
    const entries = Object.entries(value);
    // qs turns long arrays into objects keyed by index: the same list of values, by another name.
    if (entries.length > 0 && entries.every(([key, item]) => /^\d+$/.test(key) && (item === null || typeof item !== 'object'))) {
      acc.terms += 1;
      acc.list = Math.max(acc.list, entries.length);
      return;
    }
    for (const [key, item] of entries) {
      if (REFUSED_KEYS.has(key)) {
        acc.refused = key;
        return;
      }
      measure(item, bounds, depth + 1, acc);
    }
    return;
  }
  acc.terms += 1;
};

/** Why a filter tree is refused for the public, or undefined when it is within the bounds. */
export const filterProblem = (filters: unknown, bounds: FilterBounds, param = 'filters'): BoundProblem | undefined => {
  if (filters === undefined || filters === null) return undefined;
  const acc: Measure = { terms: 0, depth: 0, list: 0 };
  measure(filters, bounds, 1, acc);
  if (acc.refused !== undefined) {
    return {
      code: 'FILTER_NOT_ALLOWED',
      param,
      message: {
        ca: `Els filtres públics no poden passar per «${acc.refused}».`,
        es: `Los filtros públicos no pueden pasar por «${acc.refused}».`,
      },
    };
  }
  if (acc.terms > bounds.maxTerms) {
    return {
      code: 'FILTER_TOO_LARGE',
      param,
      message: {
        ca: `El filtre té més de ${bounds.maxTerms} condicions; el màxim és ${bounds.maxTerms}.`,
        es: `El filtro tiene más de ${bounds.maxTerms} condiciones; el máximo es ${bounds.maxTerms}.`,
      },
    };
  }
  if (acc.depth > bounds.maxDepth) {
    return {
      code: 'FILTER_TOO_DEEP',
      param,
      message: {
        ca: `El filtre té més de ${bounds.maxDepth} nivells d'imbricació.`,
        es: `El filtro tiene más de ${bounds.maxDepth} niveles de anidamiento.`,
      },
    };
  }
  if (acc.list > bounds.maxList) {
    return {
      code: 'FILTER_LIST_TOO_LONG',
      param,
      message: {
        ca: `Una llista del filtre té ${acc.list} elements; el màxim és ${bounds.maxList}.`,
        es: `Una lista del filtro tiene ${acc.list} elementos; el máximo es ${bounds.maxList}.`,
      },
    };
  }
  return undefined;
};

/**
 * Every filter tree in a REST query: `filters` itself and those nested in `populate`
 * (`populate[materials][filters]…`), each named by its path.
 */
export const queryFilterProblem = (query: Record<string, unknown>, bounds: FilterBounds): BoundProblem | undefined => {
  const visit = (node: unknown, path: string, depth: number): BoundProblem | undefined => {
    if (node === null || typeof node !== 'object' || depth > 6) return undefined;
    for (const [key, value] of Object.entries(node)) {
      const here = path === '' ? key : `${path}.${key}`;
      const problem = key === 'filters' ? filterProblem(value, bounds, here) : key === 'populate' || path.startsWith('populate') ? visit(value, here, depth + 1) : undefined;
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
  return visit(query, '', 0);
};

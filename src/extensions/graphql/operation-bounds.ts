/**
 * The cost bound of one GraphQL request, checked on the parsed document before Apollo validates or
 * runs it: its size in tokens, fragment cycles, and, once fragments are expanded, its fields,
 * aliases and depth (each fragment's cost computed once, so a fragment that spreads the next one
 * twice, 22 levels deep, costs 22 steps to measure, not 4 million), and every `filters` argument
 * (inline or through variables) against the public filter bound.
 */
import {
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { filterProblem, type BoundProblem, type FilterBounds } from '../../utils/filter-bounds';

export type OperationBounds = { maxTokens: number; maxDepth: number; maxAliases: number; maxFields: number; filters: FilterBounds };

type Cost = { fields: number; aliases: number; depth: number };

/** Saturating sum: an absurd document cannot overflow a count into something small. */
const CAP = 1e12;
const add = (a: number, b: number) => Math.min(CAP, a + b);

class FragmentCycle extends Error {
  constructor(readonly fragment: string) {
    super(fragment);
  }
}

const tooMany = (code: string, ca: string, es: string): BoundProblem => ({ code, message: { ca, es } });

/** The expanded cost of every operation and fragment of a document; throws FragmentCycle. */
const costs = (document: DocumentNode) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, Cost>();
  const visiting = new Set<string>();

  const ofFragment = (name: string): Cost => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // An unknown fragment is GraphQL's own validation error to report; it costs nothing here.
    if (fragment === undefined) return { fields: 0, aliases: 0, depth: 0 };
    if (visiting.has(name)) throw new FragmentCycle(name);
    visiting.add(name);
    const measured = ofSelections(fragment.selectionSet);
    // A fragment on an introspection type (`fragment TypeRef on __Type`, in every client's
    // introspection query) is introspection too: its depth is not counted either.
    const cost = fragment.typeCondition.name.value.startsWith('__') ? { ...measured, depth: 0 } : measured;
    visiting.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const ofSelections = (selectionSet: SelectionSetNode): Cost => {
    const total: Cost = { fields: 0, aliases: 0, depth: 0 };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet === undefined ? { fields: 0, aliases: 0, depth: -1 } : ofSelections(selection.selectionSet);
        total.fields = add(total.fields, 1 + inner.fields);
        total.aliases = add(total.aliases, (selection.alias === undefined ? 0 : 1) + inner.aliases);
        // Introspection is not counted in depth (as the depth-limit rule does): its type references nest by design.
        if (!selection.name.value.startsWith('__')) total.depth = Math.max(total.depth, 1 + inner.depth);
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? ofSelections(selection.selectionSet) : ofFragment(selection.name.value);
        total.fields = add(total.fields, inner.fields);
        total.aliases = add(total.aliases, inner.aliases);
        total.depth = Math.max(total.depth, inner.depth);
      }
    }
    return total;
  };

  const all: Cost[] = [];
  for (const name of fragments.keys()) all.push(ofFragment(name));
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) all.push(ofSelections(definition.selectionSet));
  }
  return all;
};

/** Every `filters:` argument of the document (operations and fragments alike). */
const filterArguments = (document: DocumentNode): ValueNode[] => {
  const found: ValueNode[] = [];
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) if (argument.name.value === 'filters') found.push(argument.value);
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet !== undefined) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  return found;
};

/** What a document asks for, independent of its variables: a refusal, or the filters to check per request. */
export type DocumentVerdict = { problem: BoundProblem } | { problem?: undefined; filters: ValueNode[] };

/** The checks of a query text that do not depend on variables (memoisable by text). Syntax errors are left to Apollo. */
export const documentVerdict = (query: string, bounds: OperationBounds): DocumentVerdict => {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: bounds.maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof Error && /tokens/.test(error.message)) {
      return {
        problem: tooMany(
          'QUERY_TOO_LARGE',
          `La consulta té més de ${bounds.maxTokens} elements sintàctics; el màxim és ${bounds.maxTokens}.`,
          `La consulta tiene más de ${bounds.maxTokens} elementos sintácticos; el máximo es ${bounds.maxTokens}.`
        ),
      };
    }
    return { filters: [] };
  }
  let measured: Cost[];
  try {
    measured = costs(document);
  } catch (error) {
    if (!(error instanceof FragmentCycle)) throw error;
    const name = error.fragment.slice(0, 40);
    return {
      problem: tooMany(
        'FRAGMENT_CYCLE',
        `El fragment «${name}» s'inclou a si mateix (directament o a través d'altres fragments).`,
        `El fragmento «${name}» se incluye a sí mismo (directamente o a través de otros fragmentos).`
      ),
    };
  }
  const worst = measured.reduce((a, b) => ({ fields: Math.max(a.fields, b.fields), aliases: Math.max(a.aliases, b.aliases), depth: Math.max(a.depth, b.depth) }), {
    fields: 0,
    aliases: 0,
    depth: 0,
  });
  if (worst.fields > bounds.maxFields) {
    return {
      problem: tooMany(
        'QUERY_TOO_MANY_FIELDS',
        `La consulta demana ${worst.fields} camps un cop expandits els fragments; el màxim és ${bounds.maxFields}.`,
        `La consulta pide ${worst.fields} campos una vez expandidos los fragmentos; el máximo es ${bounds.maxFields}.`
      ),
    };
  }
  if (worst.aliases > bounds.maxAliases) {
    return {
      problem: tooMany(
        'QUERY_TOO_MANY_ALIASES',
        `La consulta fa servir ${worst.aliases} àlies; el màxim és ${bounds.maxAliases}.`,
        `La consulta usa ${worst.aliases} alias; el máximo es ${bounds.maxAliases}.`
      ),
    };
  }
  if (worst.depth > bounds.maxDepth) {
    return {
      problem: tooMany(
        'QUERY_TOO_DEEP',
        `La consulta té ${worst.depth} nivells de profunditat; el màxim és ${bounds.maxDepth}.`,
        `La consulta tiene ${worst.depth} niveles de profundidad; el máximo es ${bounds.maxDepth}.`
      ),
    };
  }
  return { filters: filterArguments(document) };
};

/** The request's variables as an object (a GET sends them as a JSON string); {} when absent or unreadable. */
const variablesOf = (raw: unknown): Record<string, unknown> => {
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
};

/** Why one request of a document is refused: the document's own problem, or one of its filters with these variables. */
export const requestProblem = (verdict: DocumentVerdict, rawVariables: unknown, bounds: OperationBounds): BoundProblem | undefined => {
  if (verdict.problem !== undefined) return verdict.problem;
  if (verdict.filters.length === 0) return undefined;
  const variables = variablesOf(rawVariables);
  for (const node of verdict.filters) {
    const problem = filterProblem(valueFromASTUntyped(node, variables), bounds.filters);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

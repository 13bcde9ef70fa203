/**
 * graphql-js's and Apollo's own English refusals (a syntax error, an unknown field or argument, a
 * missing variable...) said in the request's language. The status plugin (limits.ts) rewrites each
 * message it recognises here; `extensions.code` and `locations` are unchanged, and a message not
 * listed stays as graphql-js wrote it.
 */
import { t, type MessageKey, type MessageValues } from '../../messages';
import type { Language } from '../../utils/language';

type Rule = { pattern: RegExp; key: MessageKey; values: (match: RegExpExecArray, language: Language) => MessageValues };

/** graphql-js's `Did you mean "a", "b", or "c"?` as a hint in the request's language, or nothing. */
const hint = (suggestions: string | undefined, language: Language): string => {
  const names = [...(suggestions ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  return names.length === 0 ? '' : t(language, 'graphql.didYouMean', { names: names.join(', ') });
};

const RULES: Rule[] = [
  { pattern: /^Syntax Error: ([\s\S]*)$/, key: 'graphql.syntax', values: (m) => ({ detail: m[1] }) },
  {
    pattern: /^Cannot query field "([^"]+)" on type "([^"]+)"\.(?: Did you mean (.*)\?)?$/,
    key: 'graphql.unknownField',
    values: (m, language) => ({ field: m[1], type: m[2], hint: hint(m[3], language) }),
  },
  {
    pattern: /^Unknown argument "([^"]+)" on (?:field|directive) "([^"]+)"\.(?: Did you mean (.*)\?)?$/,
    key: 'graphql.unknownArgument',
    values: (m, language) => ({ argument: m[1], field: m[2], hint: hint(m[3], language) }),
  },
  {
    pattern: /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    key: 'graphql.needsSelection',
    values: (m) => ({ field: m[1], type: m[2] }),
  },
  {
    pattern: /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\.$/,
    key: 'graphql.noSelection',
    values: (m) => ({ field: m[1], type: m[2] }),
  },
  {
    pattern: /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\.$/,
    key: 'graphql.argumentMissing',
    values: (m) => ({ field: m[1], argument: m[2], type: m[3] }),
  },
  {
    pattern: /^Field "([^"]+)" is not defined by type "([^"]+)"\.(?: Did you mean (.*)\?)?$/,
    key: 'graphql.unknownInputField',
    values: (m, language) => ({ field: m[1], type: m[2], hint: hint(m[3], language) }),
  },
  {
    pattern: /^Unknown type "([^"]+)"\.(?: Did you mean (.*)\?)?$/,
    key: 'graphql.unknownType',
    values: (m, language) => ({ type: m[1], hint: hint(m[2], language) }),
  },
  {
    pattern: /^Variable "\$([^"]+)" of required type "([^"]+)" was not provided\.$/,
    key: 'graphql.variableMissing',
    values: (m) => ({ variable: m[1], type: m[2] }),
  },
  {
    pattern: /^Variable "\$([^"]+)" got invalid value ([\s\S]*?); ([\s\S]*)$/,
    key: 'graphql.variableInvalid',
    values: (m, language) => ({ variable: m[1], value: m[2], reason: graphqlSpecMessage(m[3], language) ?? m[3] }),
  },
  { pattern: /^(\w+) cannot represent [^:]*: ([\s\S]*)$/, key: 'graphql.cannotRepresent', values: (m) => ({ type: m[1], value: m[2] }) },
  // graphql-scalars' dates: "DateTime cannot represent an invalid date-time-string x."
  {
    pattern: /^(\w+) cannot represent an invalid [\w-]+ ([\s\S]*)\.$/,
    key: 'graphql.cannotRepresent',
    values: (m) => ({ type: m[1], value: `«${m[2]}»` }),
  },
  {
    pattern: /^Expected value of type "([^"]+)", found ([\s\S]*?)(?:; [\s\S]*)?\.?$/,
    key: 'graphql.expectedType',
    values: (m) => ({ type: m[1], value: m[2] }),
  },
  {
    pattern: /^Value "([^"]+)" does not exist in "([^"]+)" enum\.(?: Did you mean (?:the enum value )?(.*)\?)?$/,
    key: 'graphql.unknownEnumValue',
    values: (m, language) => ({ value: m[1], type: m[2], hint: hint(m[3], language) }),
  },
  { pattern: /^Must provide operation name if query contains multiple operations\.$/, key: 'graphql.operationName', values: () => ({}) },
  { pattern: /^Unknown operation named "([^"]+)"\.$/, key: 'graphql.unknownOperation', values: (m) => ({ name: m[1] }) },
  { pattern: /^GraphQL operations must contain a non-empty `query`/, key: 'graphql.noQuery', values: () => ({}) },
];

/** graphql-js's or Apollo's `message` in the request's language, or undefined when it is not one of RULES. */
export const graphqlSpecMessage = (message: string, language: Language): string | undefined => {
  for (const { pattern, key, values } of RULES) {
    const match = pattern.exec(message);
    if (match !== null) return t(language, key, values(match, language));
  }
  return undefined;
};

/** Which GraphQL GET queries the response cache may share between anonymous callers. */
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * GraphQL root fields whose answers may be shared between anonymous callers: published sessions,
 * materials, recordings, catalogue resources and feedback summaries, nothing else. Everything they show is watched by
 * the invalidation hooks (src/cache/invalidation.ts); a query naming any other root field (say
 * `eligibility` or `proposedTopics`) is never stored.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'upcomingSessions',
  'pastSessions',
  'session',
  'sessions',
  'sessions_connection',
  'material',
  'materials',
  'materials_connection',
  'recording',
  'recordings',
  'recordings_connection',
  'catalogResource',
  'catalogResources',
  'catalogResources_connection',
  // Published results (the privacy threshold applies inside); rollups and surveys are watched.
  'feedbackSummary',
]);

const chosenOperation = (document: DocumentNode, operationName: unknown): OperationDefinitionNode | undefined => {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (typeof operationName === 'string' && operationName !== '') {
    return operations.find((operation) => operation.name?.value === operationName);
  }
  return operations.length === 1 ? operations[0] : undefined;
};

/** Whether a GraphQL GET query reads only public content the cache knows how to invalidate. */
export const isCacheableGraphqlQuery = (query: unknown, operationName: unknown): boolean => {
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const operation = chosenOperation(document, operationName);
  if (operation === undefined || operation.operation !== 'query') return false;
  // Fragments at the root would hide which fields are asked: only plain fields are accepted there.
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value)
  );
};

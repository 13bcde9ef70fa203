/**
 * GraphQL queries run by graphql-jit: a query document seen twice is compiled into JavaScript once
 * and run from then on by the compiled function, which resolves the same resolvers with the same
 * arguments as graphql-js does, without graphql-js's per-field work (argument values, field lookups,
 * promise bookkeeping). Mutations, queries that do not compile and requests whose variables do not
 * coerce go through graphql-js, so their answers and errors are graphql-js's own. Installed as an
 * Apollo "gateway", the only executor Apollo Server 4 lets one replace; the schema it serves is the
 * one Strapi's GraphQL plugin builds (docs/decisions.md, "Portal queries run compiled").
 */
import type { Core } from '@strapi/strapi';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { graphqlOperations } from '../../utils/metrics';

const ranCompiled = graphqlOperations.labels({ executor: 'compiled' });
const ranPlain = graphqlOperations.labels({ executor: 'graphql-js' });

/** What Apollo hands a gateway's executor (the fields used here). */
type GatewayRequest = {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation?: OperationDefinitionNode;
  /** The request as sent: its operation name, not the one Apollo resolved (null when none matched). */
  request: { operationName?: string | null; variables?: Record<string, unknown> };
  context: unknown;
};

/** Per document (Apollo keeps one parsed document per query text) and operation: seen once, compiled, or not compilable. */
type Compiled = 'seen' | 'plain' | CompiledQuery;
const byDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

/**
 * graphql-jit's errors are instances of graphql-js's class without its constructor having run
 * (no `extensions` object when the resolver's error had none), which Apollo's error handling reads:
 * each becomes a graphql-js error with the same message, path, locations and original error.
 */
const asGraphqlJsError = (error: GraphQLError): GraphQLError => {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  return Object.assign(converted, { locations: error.locations });
};

const compiledFor = (request: GatewayRequest): CompiledQuery | undefined => {
  let operations = byDocument.get(request.document);
  if (operations === undefined) byDocument.set(request.document, (operations = new Map()));
  const operationName = request.request.operationName ?? undefined;
  const key = operationName ?? '';
  const known = operations.get(key);
  // A query text sent once (a hostile client's random texts among them) is not worth compiling.
  if (known === undefined) {
    operations.set(key, 'seen');
    return undefined;
  }
  if (known === 'plain') return undefined;
  if (known !== 'seen') return known;
  let usable: CompiledQuery | undefined;
  try {
    const compiled = compileQuery(request.schema, request.document, operationName);
    if (isCompiledQuery(compiled)) usable = compiled;
  } catch {
    // What graphql-jit cannot compile, graphql-js runs, as it did before.
  }
  operations.set(key, usable ?? 'plain');
  return usable;
};

export const jitExecutor = async (request: GatewayRequest): Promise<ExecutionResult> => {
  const { schema, document, operation, context } = request;
  const variables = request.request.variables ?? {};
  const plain = () => {
    ranPlain.inc();
    return execute({ schema, document, contextValue: context, variableValues: variables, operationName: request.request.operationName });
  };
  if (operation?.operation !== 'query') return plain();
  if ((operation.variableDefinitions?.length ?? 0) > 0 && getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) {
    return plain();
  }
  const compiled = compiledFor(request);
  if (compiled === undefined) return plain();
  ranCompiled.inc();
  const result = await compiled.query(undefined, context, variables);
  return result.errors === undefined ? result : { ...result, errors: result.errors.map(asGraphqlJsError) };
};

/**
 * The Apollo gateway that serves the schema Strapi's GraphQL plugin builds with the executor above.
 * The plugin builds the schema in its bootstrap and hands it to Apollo, which ignores it when a
 * gateway is given: the content API service's `buildSchema` is wrapped to keep what it returns.
 */
export const registerJitExecutor = (strapi: Core.Strapi) => {
  const contentApi = strapi.plugin('graphql').service('content-api') as { buildSchema: () => GraphQLSchema };
  const build = contentApi.buildSchema.bind(contentApi);
  let schema: GraphQLSchema | undefined;
  contentApi.buildSchema = () => (schema = build());
  type Listener = (schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void;
  let listener: Listener | undefined;
  const gateway = {
    onSchemaLoadOrUpdate(callback: Listener) {
      listener = callback;
      return () => {
        listener = undefined;
      };
    },
    async load() {
      if (schema === undefined) throw new Error('The GraphQL schema was not built before Apollo started');
      listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor: jitExecutor };
    },
    async stop() {
      listener = undefined;
    },
  };
  strapi.config.set('plugin::graphql.apolloServer.gateway', gateway);
};

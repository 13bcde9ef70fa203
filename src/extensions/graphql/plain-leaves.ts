/**
 * Plain resolvers for leaf fields without resolver configuration (Strapi wraps each value in a
 * policy check otherwise), and no per-field instrumentation by Apollo for Strapi's root-arguments
 * plugin (the root fields record their arguments themselves).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { GraphQLObjectType, defaultFieldResolver, getNamedType, isLeafType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown> | undefined;
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** Every object type field of a schema, as `Type.field`, with its definition. */
const fieldsOf = (schema: GraphQLSchema) =>
  Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type: type.name, path: `${type.name}.${field.name}`, field })));

/** The schema Apollo serves, once it has started (for the tests). */
let served: GraphQLSchema | undefined;
export const servedSchema = () => served;

type Args = Record<string, unknown>;
type RootContext = { rootQueryArgsByPath?: Map<string | number, Args> };

/**
 * Strapi's GraphQL plugin installs an Apollo plugin whose `willResolveField` records the arguments
 * of each root query field (`contextValue.rootQueryArgsByPath`: relations of built-in queries
 * inherit their publication status from them). Any `willResolveField` makes Apollo wrap every
 * field's resolver and call the hook for every value resolved, a sixth of an uncached portal list,
 * though the hook acts on root fields only. Here the root query fields record their arguments
 * themselves, exactly as the hook does, and the schema is marked as already instrumented, with
 * each field's own resolver kept, so that Apollo calls no hook per field. Should Apollo's module
 * move, the schema stays as it was (the hook then records the same arguments again). An Apollo
 * plugin added later that needs `willResolveField` (tracing, cache hints) would get no calls: it
 * would have to come with the removal of this.
 */
const recordRootArgumentsUninstrumented = (schema: GraphQLSchema) => {
  const query = schema.getQueryType();
  for (const field of Object.values(query?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Args, context: RootContext, info) => {
      if (!source && info.operation.operation === 'query') {
        context.rootQueryArgsByPath ??= new Map();
        context.rootQueryArgsByPath.set(info.path.key, { ...args, _originField: info.fieldName });
      }
      return resolve(source, args, context, info);
    };
  }
  let instrumentation: { enablePluginsForSchemaResolvers?: (schema: GraphQLSchema) => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instrumentation = require(path.join(path.dirname(require.resolve('@apollo/server')), 'utils', 'schemaInstrumentation.js'));
  } catch {
    return;
  }
  if (typeof instrumentation.enablePluginsForSchemaResolvers !== 'function') return;
  const own = fieldsOf(schema).map(({ field }) => [field, field.resolve] as const);
  instrumentation.enablePluginsForSchemaResolvers(schema);
  for (const [field, resolve] of own) field.resolve = resolve;
};

/**
 * Strapi's GraphQL plugin wraps the resolver of every field of the schema for authorization,
 * middlewares and policies, and the wrapper builds a policy context for every value it resolves,
 * even for a field that has none of them: over a thousand per portal list, about a quarter of the
 * uncached request's time. This puts back the plain resolver of the fields that cannot have any:
 * leaves (scalars and enums) of object types other than Query, Mutation and Subscription that no
 * extension configures (`resolversConfig`; Strapi itself configures only root and relation fields).
 * Relation fields and every root field keep Strapi's wrapper and its permission checks.
 *
 * The plain resolvers are read when Nexus has built the schema, before Strapi wraps it (a Nexus
 * plugin), and put back when Apollo starts (an Apollo plugin), on the schema Apollo serves.
 */
export const registerPlainLeaves = (strapi: Core.Strapi) => {
  const plain = new Map<string, Resolver>();
  let typeRegistry: unknown;
  const extension = strapi.plugin('graphql').service('extension');

  extension.use(({ nexus, typeRegistry: registry }: { nexus: { plugin: (config: object) => unknown }; typeRegistry: unknown }) => {
    typeRegistry = registry;
    return {
      plugins: [
        nexus.plugin({
          name: 'gomunicipal-plain-leaves',
          onAfterBuild(schema: GraphQLSchema) {
            plain.clear();
            for (const { path, field } of fieldsOf(schema)) plain.set(path, field.resolve);
          },
        }),
      ],
    };
  });

  const apolloPlugin = {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      served = schema;
      const { resolversConfig } = extension.generate({ typeRegistry }) as { resolversConfig: Record<string, unknown> };
      const configured = (type: string, name: string) =>
        `${type}.${name}` in resolversConfig || (resolversConfig[type] as Record<string, unknown> | undefined)?.[name] !== undefined;
      for (const { type, path, field } of fieldsOf(schema)) {
        if (ROOTS.has(type) || !isLeafType(getNamedType(field.type)) || configured(type, field.name) || !plain.has(path)) continue;
        field.resolve = plain.get(path);
      }
      recordRootArgumentsUninstrumented(schema);
    },
  };
  const plugins = strapi.config.get('plugin::graphql.apolloServer.plugins', []) as unknown[];
  strapi.config.set('plugin::graphql.apolloServer.plugins', [...plugins, apolloPlugin]);
};

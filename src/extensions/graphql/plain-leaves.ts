/**
 * Plain resolvers for leaf fields without resolver configuration (Strapi wraps each value in a
 * policy check otherwise).
 */
import type { Core } from '@strapi/strapi';
import { GraphQLObjectType, getNamedType, isLeafType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown> | undefined;
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** Every object type field of a schema, as `Type.field`, with its definition. */
const fieldsOf = (schema: GraphQLSchema) =>
  Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type: type.name, path: `${type.name}.${field.name}`, field })));

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
      const { resolversConfig } = extension.generate({ typeRegistry }) as { resolversConfig: Record<string, unknown> };
      const configured = (type: string, name: string) =>
        `${type}.${name}` in resolversConfig || (resolversConfig[type] as Record<string, unknown> | undefined)?.[name] !== undefined;
      for (const { type, path, field } of fieldsOf(schema)) {
        if (ROOTS.has(type) || !isLeafType(getNamedType(field.type)) || configured(type, field.name) || !plain.has(path)) continue;
        field.resolve = plain.get(path);
      }
    },
  };
  const plugins = strapi.config.get('plugin::graphql.apolloServer.plugins', []) as unknown[];
  strapi.config.set('plugin::graphql.apolloServer.plugins', [...plugins, apolloPlugin]);
};

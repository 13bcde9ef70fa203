/**
 * The public GraphQL schema as SDL: what an anonymous client learns by introspection, printed the
 * way graphql-js prints it. Captured from the running Apollo server (an Apollo plugin registered
 * in register()), served at /api/schema.graphql and committed as docs/schema.graphql.
 */
import type { Core } from '@strapi/strapi';
import { buildClientSchema, introspectionFromSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

let current: GraphQLSchema | undefined;

/** What the introspection asks for; types are printed in name order, so the file does not depend on load order. */
export const INTROSPECTION = { descriptions: true, inputValueDeprecation: true, specifiedByUrl: true } as const;

/** Keeps the schema Apollo serves (registered before the plugin's bootstrap starts Apollo). */
export const captureGraphqlSchema = (strapi: Core.Strapi): void => {
  const plugins = strapi.config.get('plugin::graphql.apolloServer.plugins', []) as unknown[];
  const capture = {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      current = schema;
    },
  };
  strapi.config.set('plugin::graphql.apolloServer.plugins', [...plugins, capture]);
};

/** The SDL of the schema served, as introspection shows it (so exactly what a codegen tool sees). */
export const publicSdl = (): string => {
  if (current === undefined) throw new Error('The GraphQL server has not started yet');
  return `${printSchema(lexicographicSortSchema(buildClientSchema(introspectionFromSchema(current, INTROSPECTION))))}\n`;
};

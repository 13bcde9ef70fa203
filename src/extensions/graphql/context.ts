/**
 * What GraphQL resolvers get from the plugin's context: the Koa request, its language, the per-IP
 * limit of public mutations.
 */
import type { Core } from '@strapi/strapi';
import { requestLanguage, type Language } from '../../utils/language';
import { limitRequest, type RateLimit } from '../../utils/per-ip-limit';

/** What GraphQL resolvers get from the plugin's context (the Koa request), its language, and the per-IP limit of public mutations. */
export type GraphqlContext = { koaContext: { ip: string; get(header: string): string; set(header: string, value: string): void } };

/** A resolver's language: its `locale` argument when it has one, else the request's Accept-Language, else Catalan. */
export const graphqlLanguage = (context: Pick<GraphqlContext, 'koaContext'> | { koaContext?: undefined }, locale?: unknown): Language =>
  requestLanguage(locale, context.koaContext?.get('accept-language'));

/** The per-IP limit of `bucket` (config/rate-limits.ts) for a public mutation; sets Retry-After when exceeded. */
export const limitMutation = async (strapi: Core.Strapi, bucket: string, context: GraphqlContext): Promise<Language> => {
  const language = graphqlLanguage(context);
  await limitRequest(context.koaContext, bucket, strapi.config.get(`rate-limits.${bucket}`) as RateLimit, language);
  return language;
};

import type { Core } from '@strapi/strapi';
import { requestLanguage, type Language } from '../../utils/language';
import { limitRequest, type RateLimit } from '../../utils/rate-limit';

/** What GraphQL resolvers get from the plugin's context: the Koa request. */
export type GraphqlContext = { koaContext: { ip: string; get(header: string): string; set(header: string, value: string): void } };

export const graphqlLanguage = (context: GraphqlContext): Language =>
  requestLanguage(undefined, context.koaContext.get('accept-language'));

/** The per-IP limit of `bucket` (config/rate-limits.ts) for a public mutation; sets Retry-After when exceeded. */
export const limitMutation = async (strapi: Core.Strapi, bucket: string, context: GraphqlContext): Promise<Language> => {
  const language = graphqlLanguage(context);
  await limitRequest(context.koaContext, bucket, strapi.config.get(`rate-limits.${bucket}`) as RateLimit, language);
  return language;
};

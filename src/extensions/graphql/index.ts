/**
 * The GraphQL schema's shape: hidden and read-only types, drafts never public, the account
 * mutations refused, and the extensions of each domain registered.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../messages';
import { graphqlLanguage, type GraphqlContext } from './context';
import { publicReadProblem, type PublicReadArgs } from '../../utils/read-rules';
import { eligibilityExtension } from './eligibility';
import { feedbackExtension } from './feedback';
import { registerJitExecutor } from './jit';
import { registerPlainLeaves } from './plain-leaves';
import { portalExtension } from './portal';
import { proposalsExtension } from './proposals';
import { registrationsExtension } from './registrations';

/** Content types holding personal or internal data: no generated GraphQL queries or mutations at all. */
export const GRAPHQL_HIDDEN_TYPES = [
  'api::registration.registration',
  'api::registration.seat-count',
  'api::session.session-notice',
  'api::feedback-response.feedback-response',
  'api::feedback-rollup.feedback-rollup',
  'api::survey.survey',
  'api::proposal.proposal',
  'api::support-request.support-request',
  'api::catalog-request.catalog-request',
  'api::local-entity.local-entity',
  'api::outbox-message.outbox-message',
  'api::alert-subscription.alert-subscription',
  // The site's texts: the site reads them itself; portals have the sessions.
  'api::programme.programme',
] as const;

/** Public types are read-only through GraphQL (editors write in the admin), and only published. */
export const GRAPHQL_PUBLIC_TYPES = {
  'api::session.session': ['session', 'sessions'],
  'api::material.material': ['material', 'materials'],
  'api::recording.recording': ['recording', 'recordings'],
  'api::catalog-resource.catalog-resource': ['catalogResource', 'catalogResources'],
} as const;

type ResolverMiddleware = (
  next: (parent: unknown, args: PublicReadArgs, context: GraphqlContext, info: unknown) => unknown,
  parent: unknown,
  args: PublicReadArgs,
  context: GraphqlContext,
  info: unknown
) => unknown;

const publicRead: ResolverMiddleware = (next, parent, args, context, info) => {
  const problem = publicReadProblem(args);
  if (problem !== undefined) {
    const language = graphqlLanguage(context, args.locale);
    throw new errors.ValidationError(problem.message[language], { param: problem.param });
  }
  return next(parent, args, context, info);
};

const publicQueryNames = (): string[] =>
  Object.values(GRAPHQL_PUBLIC_TYPES).flatMap(([single, plural]) => [single, plural, `${plural}_connection`]);

/**
 * The users-permissions plugin's account mutations: its GraphQL extension opens them to anyone
 * (`auth: false`), bypassing the Public role, so an anonymous caller could sign up an account. The
 * app has no end-user accounts (editors use the admin), so they refuse everyone. Resolvers are
 * last-wins, so these replace the plugin's; the schema keeps the names.
 */
export const GRAPHQL_REFUSED_MUTATIONS = ['login', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword'] as const;

const refuseAccounts = () => ({
  resolvers: {
    Mutation: Object.fromEntries(
      GRAPHQL_REFUSED_MUTATIONS.map((name) => [
        name,
        (_parent: unknown, _args: unknown, context: GraphqlContext) => {
          const language = graphqlLanguage(context);
          throw new errors.PolicyError(t(language, 'accounts.none'));
        },
      ])
    ),
  },
});

export const registerGraphql = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of GRAPHQL_HIDDEN_TYPES) extension.shadowCRUD(uid).disable();
  for (const uid of Object.keys(GRAPHQL_PUBLIC_TYPES)) extension.shadowCRUD(uid).disableMutations();
  // A file's `related` (every document that uses it, of any type) is polymorphic: Strapi's
  // association resolver validates it against a target model it does not have, an internal error
  // for every reader. It stays in the schema, deprecated and always null, until the next major
  // version (docs/api.md, "Change policy"); portals reach each file from its material or recording.
  extension.shadowCRUD('plugin::upload.file').field('related').disableOutput();
  extension.use(() => ({
    typeDefs: `extend type UploadFile {
      related: [GenericMorph] @deprecated(reason: "Always null: it never answered (an internal error for every reader). A file is reached from its material or recording.")
    }`,
    resolvers: { UploadFile: { related: () => null } },
    resolversConfig: { 'UploadFile.related': { auth: false } },
  }));
  extension.use(() => ({
    resolversConfig: Object.fromEntries(
      publicQueryNames().map((name) => [`Query.${name}`, { middlewares: [publicRead] }])
    ),
  }));
  extension.use(portalExtension(strapi));
  extension.use(registrationsExtension(strapi));
  extension.use(eligibilityExtension(strapi));
  extension.use(proposalsExtension(strapi));
  extension.use(feedbackExtension(strapi));
  extension.use(refuseAccounts);
  registerPlainLeaves(strapi);
  registerJitExecutor(strapi);
};

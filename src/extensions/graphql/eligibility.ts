import type { Core } from '@strapi/strapi';
import type { EligibilityService } from '../../api/local-entity/services/eligibility';
import { parseSupportRequest, type SupportRequestService } from '../../api/support-request/services/support-request';
import { graphqlLanguage, limitMutation, type GraphqlContext as Context } from './context';

const typeDefs = /* GraphQL */ `
  type LocalizedText {
    ca: String!
    es: String!
  }

  type EligibilityEntity {
    name: String!
    ineCode: String
    kind: String!
  }

  type EligibilityResource {
    code: String!
    name: LocalizedText!
    catalogUrl: String
    "requested | in_progress | completed | cancelled | none"
    status: String!
    requestedAt: String
    completedAt: String
    reference: String @deprecated(reason: "The catalogue request's internal reference is not public: always null.")
    "Completed, within the validity window when there is one"
    counts: Boolean!
  }

  type Eligibility {
    entity: EligibilityEntity!
    eligible: Boolean!
    validityMonths: Int
    resources: [EligibilityResource!]!
    reason: LocalizedText!
  }

  input SupportRequestInput {
    "INE code of the local entity"
    localEntity: String
    requesterName: String
    email: String
    topic: String
    description: String
    preferredDates: String
    consent: Boolean
    language: String
    website: String
  }

  type SupportRequestResult {
    status: String!
    reason: String!
  }

  extend type Query {
    "Whether a local entity may ask for on-demand support, and why."
    eligibility(ineCode: String!): Eligibility!
  }

  extend type Mutation {
    "Asks for on-demand support; refused with the reason when the entity is not eligible."
    requestSupport(input: SupportRequestInput!): SupportRequestResult!
  }
`;

export const eligibilityExtension = (strapi: Core.Strapi) => () => ({
  typeDefs,
  resolvers: {
    Query: {
      eligibility: {
        resolve: (_parent: unknown, args: { ineCode: string }, context: Context) =>
          (strapi.service('api::local-entity.eligibility') as unknown as EligibilityService).answer(args.ineCode, graphqlLanguage(context)),
      },
    },
    Mutation: {
      requestSupport: {
        resolve: async (_parent: unknown, args: { input: unknown }, context: Context) => {
          const language = await limitMutation(strapi, 'supportRequest', context);
          const input = parseSupportRequest({ ...(args.input as object) }, language);
          return (strapi.service('api::support-request.support-request') as unknown as SupportRequestService).submit(input);
        },
      },
    },
  },
  resolversConfig: {
    'Query.eligibility': { auth: { scope: ['api::local-entity.local-entity.eligibility'] } },
    'Mutation.requestSupport': { auth: { scope: ['api::support-request.support-request.submit'] } },
  },
});

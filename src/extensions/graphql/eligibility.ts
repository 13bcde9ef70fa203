import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EligibilityService } from '../../api/local-entity/services/eligibility';
import { parseSupportRequest, type SupportRequestService } from '../../api/support-request/services/support-request';
import { ineCodeProblem } from '../../utils/ine';
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
    reference: String
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
        resolve: async (_parent: unknown, args: { ineCode: string }, context: Context) => {
          const language = graphqlLanguage(context);
          if (ineCodeProblem(args.ineCode) !== undefined) {
            throw new errors.ValidationError(
              language === 'es' ? `«${args.ineCode.slice(0, 20)}» no es un código INE.` : `«${args.ineCode.slice(0, 20)}» no és un codi INE.`
            );
          }
          const answer = await (strapi.service('api::local-entity.eligibility') as unknown as EligibilityService).forIneCode(args.ineCode);
          if (answer === null) {
            throw new errors.NotFoundError(
              language === 'es' ? `No conocemos ningún ente local con el código INE ${args.ineCode}.` : `No coneixem cap ens local amb el codi INE ${args.ineCode}.`
            );
          }
          return answer;
        },
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

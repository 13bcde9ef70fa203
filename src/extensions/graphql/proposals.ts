import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseProposal, type ProposalService, type ProposalStatus } from '../../api/proposal/services/proposal';
import { graphqlLanguage, limitMutation, type GraphqlContext } from './context';

const typeDefs = /* GraphQL */ `
  enum ProposalStatus {
    received
    under_review
    accepted
    scheduled
    declined
    duplicate
  }

  input ProposalInput {
    title: String
    description: String
    name: String
    email: String
    "INE code of the proposer's local entity"
    localEntity: String
    consent: Boolean
    consentVersion: String
    language: String
    website: String
  }

  type ProposedTopicSession {
    documentId: ID!
    title: String!
    startsAt: DateTime!
  }

  type SimilarProposal {
    title: String!
    status: ProposalStatus!
  }

  type SimilarTopics {
    proposals: [SimilarProposal!]!
    sessions: [ProposedTopicSession!]!
  }

  type ProposalSubmission {
    status: ProposalStatus!
    "Accepted proposals and past sessions that may already answer it"
    similar: SimilarTopics!
  }

  type ProposedTopic {
    documentId: ID!
    title: String!
    status: ProposalStatus!
    "The session that covers it, once scheduled"
    session: ProposedTopicSession
  }

  extend type Query {
    "Topics coming up: accepted and scheduled proposals (never who proposed them)."
    proposedTopics(status: [ProposalStatus!], limit: Int = 20): [ProposedTopic!]!
  }

  extend type Mutation {
    "Proposes a topic or a recurring doubt for future sessions."
    submitProposal(input: ProposalInput!): ProposalSubmission!
  }
`;

export const proposalsExtension = (strapi: Core.Strapi) => () => {
  const proposals = () => strapi.service('api::proposal.proposal') as unknown as ProposalService;
  return {
    typeDefs,
    resolvers: {
      Query: {
        proposedTopics: {
          resolve: async (_parent: unknown, args: { status?: ProposalStatus[] | null; limit?: number | null }, context: GraphqlContext) => {
            const statuses = args.status ?? ['accepted', 'scheduled'];
            const limit = args.limit ?? 20;
            if (statuses.some((s) => s !== 'accepted' && s !== 'scheduled') || limit < 1 || limit > 100) {
              throw new errors.ValidationError(
                graphqlLanguage(context) === 'es' ? 'status admite accepted y scheduled; limit, de 1 a 100.' : 'status admet accepted i scheduled; limit, d’1 a 100.'
              );
            }
            return proposals().publicTopics(statuses, limit);
          },
        },
      },
      Mutation: {
        submitProposal: {
          resolve: async (_parent: unknown, args: { input: unknown }, context: GraphqlContext) => {
            const language = await limitMutation(strapi, 'proposal', context);
            const input = parseProposal({ ...(args.input as object) }, language, strapi.config.get('registrations.privacyVersion'));
            return proposals().submit(input);
          },
        },
      },
    },
    resolversConfig: {
      'Query.proposedTopics': { auth: { scope: ['api::proposal.proposal.topics'] } },
      'Mutation.submitProposal': { auth: { scope: ['api::proposal.proposal.submit'] } },
    },
  };
};

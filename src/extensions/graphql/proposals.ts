/** GraphQL of topic proposals: submitProposal and the public proposedTopics. */
import type { Core } from '@strapi/strapi';
import { parseProposal } from '../../api/proposal/controllers/validation/proposal';
import type { ProposalStatus } from '../../api/proposal/workflow';
import { service } from '../../utils/services';
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
  const proposals = () => service(strapi, 'api::proposal.proposal');
  return {
    typeDefs,
    resolvers: {
      Query: {
        proposedTopics: {
          resolve: (_parent: unknown, args: { status?: ProposalStatus[] | null; limit?: number | null }, context: GraphqlContext) =>
            proposals().publicTopics(args.status ?? ['accepted', 'scheduled'], args.limit ?? 20, graphqlLanguage(context)),
        },
      },
      Mutation: {
        submitProposal: {
          resolve: async (_parent: unknown, args: { input: unknown }, context: GraphqlContext) => {
            const language = await limitMutation(strapi, 'proposal', context);
            const input = parseProposal({ ...(args.input as object) }, language, strapi.config.get('privacy.version'));
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

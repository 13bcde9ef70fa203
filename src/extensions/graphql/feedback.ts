import type { Core } from '@strapi/strapi';
import type { FeedbackService } from '../../api/feedback-response/services/feedback-response';
import { parseRange, type ResultsService } from '../../api/feedback-response/services/results';
import { isLanguage, requestLanguage } from '../../utils/language';
import { graphqlLanguage, limitMutation, type GraphqlContext as Context } from './context';

const typeDefs = /* GraphQL */ `
  "One answer of a survey: the question's key and its value (1 to 5, an option's value, or text)."
  input AnswerInput {
    question: String!
    value: JSON
  }

  type FeedbackSubmission {
    submitted: Boolean!
    session: ID!
  }

  type FeedbackDistributionEntry {
    value: String!
    label: String!
    count: Int!
    "Share of this question's answers, in percent (one decimal)."
    percentage: Float!
  }

  type FeedbackQuestionSummary {
    key: String!
    "scale (1 to 5), choice or text"
    kind: String!
    label: String!
    "Null when the summary is suppressed."
    answers: Int
    "Counts per value; null for text questions (free text is never public) and when suppressed."
    distribution: [FeedbackDistributionEntry!]
    mean: Float
    median: Float
    "Share of 4 and 5 answers, in percent."
    topTwoBox: Float
  }

  type FeedbackMean {
    question: String!
    mean: Float
  }

  type FeedbackShare {
    question: String!
    value: String!
    percentage: Float!
  }

  type FeedbackTrendPoint {
    sessionId: ID!
    title: String!
    startsAt: DateTime!
    responses: Int!
    suppressed: Boolean!
    means: [FeedbackMean!]!
    shares: [FeedbackShare!]!
  }

  type FeedbackSummaryScope {
    session: ID
    from: String
    to: String
  }

  "Published results of the feedback survey. Figures add only sessions (and, for a question's values, answers) that reach the privacy threshold on their own; with none, suppressed and without figures."
  type FeedbackSummary {
    scope: FeedbackSummaryScope!
    sessions: Int!
    "Responses in the scope, counted."
    responses: Int!
    "Sessions with responses left out of the figures because they are below the threshold on their own."
    withheldSessions: Int!
    "The responses of those sessions (counted, not in the figures)."
    withheldResponses: Int!
    confirmedRegistrations: Int!
    attendees: Int
    "Responses per confirmed registration, in percent, over the sessions in the figures; never above 100."
    responseRate: Float
    "Responses per attendee, in percent, over the sessions where attendance was taken."
    attendeeResponseRate: Float
    threshold: Int
    suppressed: Boolean!
    questions: [FeedbackQuestionSummary!]!
    series: [FeedbackTrendPoint!]!
  }

  extend type Session {
    "The published results of this session's feedback survey."
    feedbackSummary: FeedbackSummary!
  }

  extend type Query {
    "Results of one session, of the sessions between two dates (Madrid days, both included), or of all."
    feedbackSummary(sessionId: ID, from: Date, to: Date, locale: I18NLocaleCode): FeedbackSummary!
  }

  extend type Mutation {
    "Records the answers of the single-use survey link received by email."
    submitFeedback(token: String!, answers: [AnswerInput!]!): FeedbackSubmission!
  }
`;

/** A GraphQL Date argument as YYYY-MM-DD (the scalar may hand over a Date or a string). */
const dateArg = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ?? undefined);

export const feedbackExtension = (strapi: Core.Strapi) => () => {
  const feedback = () => strapi.service('api::feedback-response.feedback-response') as unknown as FeedbackService;
  const results = () => strapi.service('api::feedback-response.results') as unknown as ResultsService;
  const threshold = () => strapi.config.get('feedback.privacyThreshold', 5) as number;

  return {
    typeDefs,
    resolvers: {
      Query: {
        feedbackSummary: {
          resolve: async (_parent: unknown, args: { sessionId?: string | null; from?: unknown; to?: unknown; locale?: string }, context: Context) => {
            const language = requestLanguage(args.locale, context.koaContext.get('accept-language'));
            const range = parseRange(dateArg(args.from), dateArg(args.to), language);
            const scope = args.sessionId ? { session: args.sessionId, ...range } : range;
            return results().summary(scope, { language, threshold: threshold() });
          },
        },
      },
      Session: {
        feedbackSummary: (parent: { documentId: string; locale?: string }, _args: unknown, context: Context) => {
          const language = isLanguage(parent.locale) ? parent.locale : graphqlLanguage(context);
          return results().summary({ session: parent.documentId }, { language, threshold: threshold() });
        },
      },
      Mutation: {
        submitFeedback: {
          resolve: async (_parent: unknown, args: { token: string; answers: unknown[] }, context: Context) => {
            await limitMutation(strapi, 'feedback', context);
            const language = context.koaContext.get('accept-language') ? graphqlLanguage(context) : undefined;
            return feedback().submit(args.token, { answers: args.answers }, language);
          },
        },
      },
    },
    resolversConfig: {
      'Query.feedbackSummary': { auth: { scope: ['api::feedback-response.feedback-response.summary'] } },
      'Mutation.submitFeedback': { auth: { scope: ['api::feedback-response.feedback-response.submit'] } },
    },
  };
};

import type { Core } from '@strapi/strapi';
import { parseRegistration, type RegistrationService } from '../../api/registration/services/registration';
import { limitMutation, type GraphqlContext as Context } from './context';

// Every input field is nullable: the service checks them and names each problem in ca/es.
const typeDefs = /* GraphQL */ `
  input RegistrationInput {
    fullName: String
    email: String
    "INE code of a known local entity, or the entity's name"
    localEntity: String
    jobTitle: String
    consent: Boolean
    consentVersion: String
    "ca or es: the language of the emails"
    language: String
    "Leave empty (a trap for bots)"
    website: String
  }

  enum RegistrationStatus {
    confirmed
    waitlisted
    cancelled
  }

  type RegistrationResult {
    "The state a registration gets now; the same answer whether or not the address was already registered (that person is emailed instead)."
    status: RegistrationStatus!
    alreadyRegistered: Boolean! @deprecated(reason: "Always false: telling whether an address is registered would tell it to anyone. The person is emailed instead.")
  }

  type CancellationResult {
    status: RegistrationStatus!
    session: ID!
  }

  extend type Mutation {
    "Registers for a published, upcoming session; beyond capacity, on the waiting list."
    registerForSession(sessionId: ID!, input: RegistrationInput!): RegistrationResult!
    "Cancels the registration of the private link received by email."
    cancelRegistration(token: String!): CancellationResult!
  }
`;

export const registrationsExtension = (strapi: Core.Strapi) => () => {
  const registrations = () => strapi.service('api::registration.registration') as unknown as RegistrationService;

  const limited = (bucket: string, context: Context) => limitMutation(strapi, bucket, context);

  return {
    typeDefs,
    resolvers: {
      Mutation: {
        registerForSession: {
          resolve: async (_parent: unknown, args: { sessionId: string; input: unknown }, context: Context) => {
            const language = await limited('registration', context);
            const input = parseRegistration({ ...(args.input as object) }, language, strapi.config.get('registrations.privacyVersion'));
            const result = await registrations().register(args.sessionId, input);
            return { status: result.status, alreadyRegistered: false };
          },
        },
        cancelRegistration: {
          resolve: async (_parent: unknown, args: { token: string }, context: Context) => {
            const language = await limited('cancellation', context);
            return registrations().cancel(args.token, language);
          },
        },
      },
    },
    resolversConfig: {
      'Mutation.registerForSession': { auth: { scope: ['api::registration.registration.register'] } },
      'Mutation.cancelRegistration': { auth: { scope: ['api::registration.registration.cancel'] } },
    },
  };
};

import type { Core } from '@strapi/strapi';
import { badInputStatusPlugin, operationBoundsRule } from '../src/extensions/graphql/limits';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The plugin's defaults are unlimited; these are ours.
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 7),
      defaultLimit: 25,
      maxLimit: 100,
      // The Apollo landing page loads assets from a CDN: nothing may reach the network.
      landingPage: false,
      apolloServer: {
        introspection: env.bool('GRAPHQL_INTROSPECTION', true),
        // Arrays are appended to the plugin's own (depth limit, landing page).
        validationRules: [
          operationBoundsRule({
            maxAliases: env.int('GRAPHQL_MAX_ALIASES', 30),
            maxFields: env.int('GRAPHQL_MAX_FIELDS', 500),
          }),
        ],
        plugins: [badInputStatusPlugin],
        // CORS is the app's (config/middlewares.ts): the plugin's own would allow every origin.
        cors: false,
      },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST'),
        port: env.int('SMTP_PORT', 25),
        secure: env.bool('SMTP_SECURE', false),
        ...(env('SMTP_USERNAME')
          ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } }
          : {}),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'GOmunicipal <no-reply@localhost>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'GOmunicipal <no-reply@localhost>'),
      },
    },
  },
});

export default config;

import type { Core } from '@strapi/strapi';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { formatGraphqlError } from '../src/extensions/graphql/format-error';
import { badInputStatusPlugin } from '../src/extensions/graphql/limits';
import { smtpSockets } from '../src/email/smtp-sockets';

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
      // The Apollo landing pages (even the "production" one that `landingPage: false` picks) load
      // scripts from a CDN: none at all, a browser asking for /graphql gets Apollo's plain 400.
      landingPage: () => ApolloServerPluginLandingPageDisabled(),
      apolloServer: {
        introspection: env.bool('GRAPHQL_INTROSPECTION', true),
        // Fields, aliases, tokens, fragment cycles and filters are bounded before Apollo sees the
        // request (src/middlewares/graphql-http.ts); automatic persisted queries would let a query
        // arrive as a bare hash, past that check, so they are off.
        persistedQueries: false,
        formatError: formatGraphqlError,
        // Arrays are appended to the plugin's own (depth limit, landing page). Apollo's cache-control
        // plugin, on by default, wraps every field's resolver to collect cache hints (a tenth of an
        // uncached portal list) for a header that src/middlewares/graphql-http.ts sets itself.
        plugins: [badInputStatusPlugin, ApolloServerPluginCacheControlDisabled()],
        // CORS is the app's (config/middlewares.ts): the plugin's own would allow every origin.
        cors: false,
      },
    },
  },
  // UPLOAD_PROVIDER=s3: uploads in any S3-compatible store (docs/deploy.md); local disk (public/uploads) otherwise.
  ...(env('UPLOAD_PROVIDER', 'local') === 's3'
    ? {
        upload: {
          config: {
            provider: 'aws-s3',
            providerOptions: {
              baseUrl: env('S3_PUBLIC_URL', undefined),
              rootPath: env('S3_ROOT_PATH', undefined),
              s3Options: {
                credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
                region: env('S3_REGION', 'us-east-1'),
                endpoint: env('S3_ENDPOINT', undefined),
                forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', true),
                // Many S3-compatible stores do not know the SDK's newer default checksums.
                requestChecksumCalculation: 'WHEN_REQUIRED',
                responseChecksumValidation: 'WHEN_REQUIRED',
                params: { Bucket: env('S3_BUCKET'), ACL: env('S3_ACL', undefined) },
              },
            },
          },
        },
      }
    : {}),
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST'),
        port: env.int('SMTP_PORT', 25),
        secure: env.bool('SMTP_SECURE', false),
        // One connection for many messages, without Nagle's delays (src/email/smtp-sockets.ts).
        pool: true,
        getSocket: smtpSockets(),
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

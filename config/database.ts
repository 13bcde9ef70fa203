import path from 'path';
import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

const server = (env: Env, defaultPort: number, defaultUser: string) => ({
  host: env('DATABASE_HOST', '127.0.0.1'),
  port: env.int('DATABASE_PORT', defaultPort),
  database: env('DATABASE_NAME', 'gomunicipal'),
  user: env('DATABASE_USERNAME', defaultUser),
  password: env('DATABASE_PASSWORD', ''),
  ssl: env.bool('DATABASE_SSL', false)
    ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
    : false,
});

const pool = (env: Env) => ({ min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) });

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);
  switch (client) {
    case 'sqlite':
      return {
        connection: {
          client: 'sqlite',
          connection: { filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')) },
          useNullAsDefault: true,
          acquireConnectionTimeout,
        },
      };
    case 'postgres':
      return {
        connection: {
          client: 'postgres',
          connection: {
            ...server(env, 5432, 'postgres'),
            ...(env('DATABASE_URL') ? { connectionString: env('DATABASE_URL') } : {}),
            schema: env('DATABASE_SCHEMA', 'public'),
          },
          pool: pool(env),
          acquireConnectionTimeout,
        },
      };
    // Strapi talks to MariaDB through its mysql client; "mariadb" is accepted as a friendlier name.
    case 'mysql':
    case 'mariadb':
      return {
        connection: {
          client: 'mysql',
          connection: server(env, 3306, 'root'),
          pool: pool(env),
          acquireConnectionTimeout,
        },
      };
    default:
      throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql (mariadb); got "${client}".`);
  }
};

export default config;

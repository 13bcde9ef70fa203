/**
 * A database of its own for each test file, on the client chosen by DATABASE_CLIENT: a SQLite file,
 * a PostgreSQL database or a MariaDB/MySQL database. It starts as a copy of the pass's template
 * (made once by global-setup.ts: the app's first start, with its seed and first admin), which takes
 * milliseconds where a first start takes seconds; `empty` gives a database with nothing in it.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

export type TestDatabase = { client: string; env: Record<string, string>; drop(): Promise<void> };

/** Where the pass's template is: set by global-setup.ts for the test files (process.env is shared in band). */
export const TEMPLATE_VARIABLE = 'GOMUNICIPAL_TEST_TEMPLATE';

const uniqueName = () => `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

/**
 * The PostgreSQL database the test databases are created from and dropped through: `DATABASE_NAME`
 * as the run started (global-setup.ts keeps it, since a running app's variables replace it), else `test`.
 */
export const MAINTENANCE_VARIABLE = 'GOMUNICIPAL_TEST_PG_DATABASE';

/** The server the variables name now, as `host:port` (a fault test points them at a private cluster of its own). */
const serverOf = (defaultPort: number) => `${process.env.DATABASE_HOST ?? '127.0.0.1'}:${process.env.DATABASE_PORT ?? defaultPort}`;

const pgConnection = () => {
  const kept = (process.env[MAINTENANCE_VARIABLE] ?? '').split('@');
  return {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: kept.length === 2 && kept[1] === serverOf(5432) ? kept[0] : process.env.DATABASE_NAME ?? 'test',
  };
};

/** What global-setup.ts keeps in MAINTENANCE_VARIABLE: the database and the server it is on. */
export const maintenanceDatabase = (): string => `${process.env.DATABASE_NAME ?? 'test'}@${serverOf(5432)}`;

const mysqlConnection = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 3306),
  user: process.env.DATABASE_USERNAME ?? 'root',
  password: process.env.DATABASE_PASSWORD ?? '',
});

/** Runs statements on a PostgreSQL server's maintenance database (as `pgConnection()` named it when the test database was made). */
const pgRun = async (connection: ReturnType<typeof pgConnection>, ...statements: string[]) => {
  const { Client } = await import('pg');
  const pg = new Client(connection);
  await pg.connect();
  try {
    for (const sql of statements) await pg.query(sql);
  } finally {
    await pg.end();
  }
};

const mysqlRun = async <T>(work: (run: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> => {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(mysqlConnection());
  try {
    return await work(async (sql) => (await conn.query(sql))[0]);
  } finally {
    await conn.end();
  }
};

/** A MariaDB database as a copy of another: every table with its keys (SHOW CREATE TABLE), then its rows. */
const copyMysqlDatabase = (from: string, to: string) =>
  mysqlRun(async (run) => {
    await run(`CREATE DATABASE \`${to}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const tables = (await run(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${from}' AND table_type = 'BASE TABLE'`)) as {
      name: string;
    }[];
    await run(`USE \`${to}\``);
    await run('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of tables) {
      const [row] = (await run(`SHOW CREATE TABLE \`${from}\`.\`${name}\``)) as Record<string, string>[];
      await run(row['Create Table']);
      await run(`INSERT INTO \`${to}\`.\`${name}\` SELECT * FROM \`${from}\`.\`${name}\``);
    }
    await run('SET FOREIGN_KEY_CHECKS = 1');
  });

type Template = { client: string; name: string; server: string };

/** The pass's template, when it is of this client and on the server the variables name now. */
const templateOf = (client: string): Template | undefined => {
  const raw = process.env[TEMPLATE_VARIABLE];
  if (raw === undefined || raw === '') return undefined;
  const template = JSON.parse(raw) as Template;
  if (template.client !== client) return undefined;
  return client === 'sqlite' || template.server === serverOf(client === 'postgres' ? 5432 : 3306) ? template : undefined;
};

export const createTestDatabase = async ({ empty = false, name = uniqueName() }: { empty?: boolean; name?: string } = {}): Promise<TestDatabase> => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  const template = empty ? undefined : templateOf(client === 'mariadb' ? 'mysql' : client);

  if (client === 'sqlite') {
    const filename = path.join(os.tmpdir(), `gomunicipal-${name}.db`);
    if (template !== undefined) fs.copyFileSync(template.name, filename);
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${filename}${suffix}`, { force: true });
      },
    };
  }

  if (client === 'postgres') {
    const connection = pgConnection();
    await pgRun(connection, template === undefined ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
    return {
      client,
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: connection.host,
        DATABASE_PORT: String(connection.port),
        DATABASE_USERNAME: connection.user,
        DATABASE_PASSWORD: connection.password,
        DATABASE_NAME: name,
        DATABASE_SCHEMA: 'public',
      },
      drop: () => pgRun(connection, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }

  if (client === 'mysql' || client === 'mariadb') {
    const connection = mysqlConnection();
    if (template === undefined) await mysqlRun((run) => run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
    else await copyMysqlDatabase(template.name, name);
    return {
      client,
      env: {
        DATABASE_CLIENT: 'mysql',
        DATABASE_HOST: connection.host,
        DATABASE_PORT: String(connection.port),
        DATABASE_USERNAME: connection.user,
        DATABASE_PASSWORD: connection.password,
        DATABASE_NAME: name,
      },
      drop: async () => {
        await mysqlRun((run) => run(`DROP DATABASE IF EXISTS \`${name}\``));
      },
    };
  }

  throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql for the tests; got "${client}".`);
};

/** The name a template database gets, and what the test files find in TEMPLATE_VARIABLE. */
export const describeTemplate = (database: TestDatabase): Template => ({
  client: database.client === 'mariadb' ? 'mysql' : database.client,
  name: database.client === 'sqlite' ? database.env.DATABASE_FILENAME : database.env.DATABASE_NAME,
  server: database.client === 'sqlite' ? '' : `${database.env.DATABASE_HOST}:${database.env.DATABASE_PORT}`,
});

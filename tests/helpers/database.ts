import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

export type TestDatabase = { client: string; env: Record<string, string>; drop(): Promise<void> };

const uniqueName = () => `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

/**
 * A fresh, empty database for one test file on the client chosen by DATABASE_CLIENT:
 * a temporary SQLite file, a PostgreSQL schema, or a MariaDB/MySQL database.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  const name = uniqueName();

  if (client === 'sqlite') {
    const filename = path.join(os.tmpdir(), `gomunicipal-${name}.db`);
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${filename}${suffix}`, { force: true });
      },
    };
  }

  if (client === 'postgres') {
    const { Client } = await import('pg');
    const connection = {
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USERNAME ?? 'postgres',
      password: process.env.DATABASE_PASSWORD ?? '',
      database: process.env.DATABASE_NAME ?? 'test',
    };
    const run = async (sql: string) => {
      const pg = new Client(connection);
      await pg.connect();
      try {
        await pg.query(sql);
      } finally {
        await pg.end();
      }
    };
    await run(`CREATE SCHEMA "${name}"`);
    return {
      client,
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: connection.host,
        DATABASE_PORT: String(connection.port),
        DATABASE_USERNAME: connection.user,
        DATABASE_PASSWORD: connection.password,
        DATABASE_NAME: connection.database,
        DATABASE_SCHEMA: name,
      },
      drop: () => run(`DROP SCHEMA IF EXISTS "${name}" CASCADE`),
    };
  }

  if (client === 'mysql' || client === 'mariadb') {
    const mysql = await import('mysql2/promise');
    const connection = {
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 3306),
      user: process.env.DATABASE_USERNAME ?? 'root',
      password: process.env.DATABASE_PASSWORD ?? '',
    };
    const run = async (sql: string) => {
      const conn = await mysql.createConnection(connection);
      try {
        await conn.query(sql);
      } finally {
        await conn.end();
      }
    };
    await run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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
      drop: () => run(`DROP DATABASE IF EXISTS \`${name}\``),
    };
  }

  throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql for the tests; got "${client}".`);
};

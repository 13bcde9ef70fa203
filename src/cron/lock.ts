/**
 * The cross-process lock of scheduled tasks: each tick of a task runs in one process only, and a
 * run is never overlapped by another process's. Both kinds hold the lock for the run only and keep
 * the last tick taken, so a tick runs exactly once however late another process fires it: with
 * REDIS_URL, a Redis lease per task and a key; otherwise a PostgreSQL or MariaDB advisory lock and
 * Strapi's core store (read and written under the lock). SQLite has one process.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { appNamespace } from '../cache/store';

const LEASE_MS = 60000;

/** Acquires the lock of `task` for the tick `tick`; resolves with its release, or undefined when another process has it. */
export type TaskLock = (task: string, tick: Date) => Promise<(() => Promise<void>) | undefined>;

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local last = redis.call('GET', KEYS[2])
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[1], 'PX', 172800000)
return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

let redis: Redis | undefined;

const redisLock =
  (client: Redis, namespace: string): TaskLock =>
  async (task, tick) => {
    const key = `gomunicipal:cron:${namespace}:${task}`;
    const token = crypto.randomUUID();
    const taken = await client.eval(ACQUIRE, 2, `${key}:running`, `${key}:last`, String(Math.floor(tick.getTime() / 1000)), token, String(LEASE_MS));
    if (taken !== 1) return undefined;
    const renew = setInterval(() => void client.eval(RENEW, 1, `${key}:running`, token, String(LEASE_MS)).catch(() => undefined), LEASE_MS / 3);
    renew.unref();
    return async () => {
      clearInterval(renew);
      await client.eval(RELEASE, 1, `${key}:running`, token).catch(() => undefined);
    };
  };

/** A 31-bit key of the task's name for the advisory lock functions. */
const advisoryKey = (namespace: string, task: string): number => crypto.createHash('sha256').update(`${namespace}:${task}`).digest().readUInt32BE(0) >>> 1;

type Knex = Core.Strapi['db']['connection'];

/** The last tick (whole seconds) each task was taken for, in Strapi's core store: the database lock's counterpart of the Redis key. */
const lastTicks = (strapi: Core.Strapi) => strapi.store({ type: 'core', name: 'gomunicipal-cron' });

const databaseLock =
  (strapi: Core.Strapi, namespace: string): TaskLock =>
  async (task, tick) => {
    const client = strapi.db.dialect.client;
    if (client === 'sqlite') return async () => undefined;
    const knex: Knex = strapi.db.connection;
    const connection = await knex.client.acquireConnection();
    const run = (sql: string, bindings: (string | number)[]) => knex.raw(sql, bindings).connection(connection);
    const key = advisoryKey(namespace, task);
    const unlock = async () => {
      try {
        if (client === 'postgres') await run('select pg_advisory_unlock(?)', [key]);
        else await run('select release_lock(?)', [`gomunicipal:${key}`]);
      } finally {
        await knex.client.releaseConnection(connection);
      }
    };
    let taken = false;
    try {
      const result = client === 'postgres' ? await run('select pg_try_advisory_lock(?) as taken', [key]) : await run('select get_lock(?, 0) as taken', [`gomunicipal:${key}`]);
      const row = client === 'postgres' ? (result as { rows: { taken: boolean }[] }).rows[0] : (result as [{ taken: number }[]])[0][0];
      taken = row.taken === true || Number(row.taken) === 1;
      if (!taken) {
        await knex.client.releaseConnection(connection);
        return undefined;
      }
      const second = Math.floor(tick.getTime() / 1000);
      const last = Number((await lastTicks(strapi).get({ key: task })) ?? 0);
      if (last >= second) {
        await unlock();
        return undefined;
      }
      await lastTicks(strapi).set({ key: task, value: second });
    } catch (error) {
      if (taken) await unlock().catch(() => undefined);
      else await knex.client.releaseConnection(connection);
      throw error;
    }
    return unlock;
  };

/** The lock's Redis client, connecting from the first call (bootstrap makes it, so that a first tick finds it ready). */
export const connectTaskLock = (url: string): Redis => {
  if (redis === undefined) {
    redis = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
  }
  return redis;
};

/** The lock for this app: Redis when REDIS_URL is set and answers, the database otherwise. */
export const taskLock = (strapi: Core.Strapi): TaskLock => {
  const namespace = appNamespace(strapi);
  const url = (strapi.config.get('portal.responseCache.redisUrl', '') as string) ?? '';
  const database = databaseLock(strapi, namespace);
  if (url === '') return database;
  const shared = redisLock(connectTaskLock(url), namespace);
  return async (task, tick) => {
    if (redis?.status === 'ready') {
      try {
        return await shared(task, tick);
      } catch (error) {
        strapi.log.warn(`Scheduled task ${task}: Redis lock failed (${error instanceof Error ? error.message : String(error)}), using the database lock.`);
      }
    }
    return database(task, tick);
  };
};

export const closeTaskLock = (): void => {
  redis?.disconnect();
  redis = undefined;
};

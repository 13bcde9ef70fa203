/**
 * The response cache's store: entries by generation, bounded by count and size, the generation
 * in-process or in Redis, concurrent misses computed once.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';

/** A stored anonymous answer: the bytes and the headers that describe them. */
export type CachedResponse = {
  body: Buffer;
  type: string;
  etag: string;
  headers: Record<string, string>;
  storedAt: number;
  expiresAt: number;
};

export type ResponseCacheOptions = {
  /** Seconds an answer is served from the cache: the portal API's `Cache-Control` max-age (0: off). */
  ttlSeconds: () => number;
  maxEntries: number;
  maxBytes: number;
  /** Shared generation counter for several processes; in-process when undefined. */
  redisUrl?: string;
  /** Namespace of the Redis key: processes on the same database share it, others do not. */
  namespace: string;
};

type Logger = Pick<Core.Strapi['log'], 'warn' | 'info'>;

/**
 * The server-side cache of anonymous portal answers.
 *
 * Entries are keyed by a *generation*: any change to what the portal shows bumps it, after the
 * change is committed, and every entry of an older generation becomes unreachable at once (and is
 * dropped). Without Redis the generation is a number in this process; with `REDIS_URL` it is a
 * Redis counter that every process reads before answering from its own memory, so that a change
 * committed by one process is seen by the next request to any other.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly inflight = new Map<string, Promise<void>>();
  /** Invalidations still telling Redis (started by a commit, which does not wait for them). */
  private readonly telling = new Set<Promise<void>>();
  private bytes = 0;
  private localGeneration = 0;
  private seenGeneration = '';
  private readonly redis?: Redis;
  private readonly redisKey: string;
  private lastRedisWarning = 0;

  constructor(
    private readonly options: ResponseCacheOptions,
    private readonly log: Logger
  ) {
    this.redisKey = `gomunicipal:response-cache:${options.namespace}:generation`;
    if (options.redisUrl !== undefined && options.redisUrl !== '') {
      this.redis = new Redis(options.redisUrl, {
        lazyConnect: true,
        // Fail fast when Redis is away: the request is then answered without the cache.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        enableAutoPipelining: true,
      });
      this.redis.on('error', (error: Error) => this.redisProblem(error));
    }
  }

  get ttlMs(): number {
    return this.options.ttlSeconds() * 1000;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  async start(): Promise<void> {
    if (this.redis === undefined) return;
    try {
      await this.redis.connect();
      this.log.info('Response cache: generation shared through Redis.');
    } catch (error) {
      this.redisProblem(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
    if (this.redis !== undefined) this.redis.disconnect();
  }

  /** The current generation, or undefined when it cannot be known (Redis away): do not cache then. */
  async generation(): Promise<string | undefined> {
    if (this.redis === undefined) return String(this.localGeneration);
    try {
      const value = (await this.redis.get(this.redisKey)) ?? '0';
      if (value !== this.seenGeneration) {
        this.seenGeneration = value;
        this.clear();
      }
      return value;
    } catch (error) {
      this.redisProblem(error as Error);
      return undefined;
    }
  }

  /** Something the portal shows changed: no answer computed before now is served again. */
  async invalidate(): Promise<void> {
    this.localGeneration += 1;
    this.clear();
    if (this.redis === undefined) return;
    const telling = this.redis.incr(this.redisKey).then(
      () => undefined,
      // The other processes cannot be told; their entries still expire with the TTL.
      (error: Error) => this.redisProblem(error)
    );
    this.telling.add(telling);
    try {
      await telling;
    } finally {
      this.telling.delete(telling);
    }
  }

  /**
   * Resolves once every invalidation started so far has reached the other processes: the answer to
   * a write waits for it (src/middlewares/response-cache.ts), so that a read sent to another process
   * after that answer never gets what the write changed.
   */
  async told(): Promise<void> {
    if (this.telling.size > 0) await Promise.all([...this.telling]);
  }

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    const size = entry.body.length + key.length;
    if (size > this.options.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += size;
    // Oldest first: a Map iterates in insertion order.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `compute` for a key unless another request is already computing it; then waits for that
   * one instead, so that a burst after an invalidation asks the database once per key.
   */
  async once(key: string, compute: () => Promise<void>): Promise<'computed' | 'waited'> {
    const running = this.inflight.get(key);
    if (running !== undefined) {
      await running.catch(() => undefined);
      return 'waited';
    }
    const work = compute();
    this.inflight.set(key, work);
    try {
      await work;
    } finally {
      this.inflight.delete(key);
    }
    return 'computed';
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length + key.length;
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private redisProblem(error: Error): void {
    const now = Date.now();
    if (now - this.lastRedisWarning < 10000) return;
    this.lastRedisWarning = now;
    this.log.warn(`Response cache: Redis unavailable (${error.message}); answering without the cache meanwhile.`);
  }
}

/** Processes on the same database share a namespace; an unrelated app on the same Redis does not. */
export const databaseNamespace = (connection: unknown): string =>
  crypto.createHash('sha256').update(JSON.stringify(connection ?? null)).digest('hex').slice(0, 16);

/** The namespace of this app's database: what its processes share in Redis (cache, limits, task locks). */
export const appNamespace = (strapi: Core.Strapi): string => {
  const connection = strapi.config.get('database.connection') as { client?: string; connection?: Record<string, unknown> };
  const where = connection.connection ?? {};
  return databaseNamespace([connection.client, where.host, where.port, where.database, where.schema, where.filename, where.connectionString]);
};

const caches = new WeakMap<Core.Strapi, ResponseCache>();

/** The response cache of this Strapi instance, created from config on first use. */
export const responseCache = (strapi: Core.Strapi): ResponseCache => {
  let cache = caches.get(strapi);
  if (cache === undefined) {
    const settings = strapi.config.get('portal.responseCache', {}) as Partial<{
      enabled: boolean;
      maxEntries: number;
      maxBytes: number;
      redisUrl: string;
    }>;
    cache = new ResponseCache(
      {
        ttlSeconds: () => (settings.enabled === false ? 0 : Number(strapi.config.get('portal.cacheMaxAge', 60))),
        maxEntries: settings.maxEntries ?? 500,
        maxBytes: settings.maxBytes ?? 32 * 1024 * 1024,
        redisUrl: settings.redisUrl,
        namespace: appNamespace(strapi),
      },
      strapi.log
    );
    caches.set(strapi, cache);
  }
  return cache;
};

import Redis from 'ioredis';
import { isCacheableGraphqlQuery } from '../../src/cache/cacheable';
import { ResponseCache, type CachedResponse } from '../../src/cache/store';

const log = { warn: () => undefined, info: () => undefined } as unknown as ConstructorParameters<typeof ResponseCache>[1];
const entry = (text: string, now = Date.now()): CachedResponse => ({
  body: Buffer.from(text),
  type: 'application/json',
  etag: '"x"',
  headers: {},
  storedAt: now,
  expiresAt: now + 60000,
});

describe('which GraphQL queries may be shared', () => {
  it('accepts queries of public content only', () => {
    expect(isCacheableGraphqlQuery('{ upcomingSessions { title materials { title } } pastSessions { title } }', undefined)).toBe(true);
    expect(isCacheableGraphqlQuery('query A { sessions { title } } query B { eligibility(ineCode: "080193") { eligible } }', 'A')).toBe(true);
    expect(isCacheableGraphqlQuery('query A { sessions { title } } query B { eligibility(ineCode: "080193") { eligible } }', 'B')).toBe(false);
    expect(isCacheableGraphqlQuery('query A { sessions { title } } query B { sessions { slug } }', undefined)).toBe(false);
    expect(isCacheableGraphqlQuery('{ proposedTopics { title } }', undefined)).toBe(false);
    expect(isCacheableGraphqlQuery('{ ...F } fragment F on Query { sessions { title } }', undefined)).toBe(false);
    expect(isCacheableGraphqlQuery('mutation { registerForSession(sessionId: "x", input: {}) { status } }', undefined)).toBe(false);
    expect(isCacheableGraphqlQuery('{ sessions { ', undefined)).toBe(false);
  });
});

describe('the in-process store', () => {
  it('drops the oldest entries beyond its entry and byte budgets', () => {
    const cache = new ResponseCache({ ttlSeconds: () => 60, maxEntries: 3, maxBytes: 1000, namespace: 't' }, log);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, entry(key));
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key) !== undefined)).toEqual([false, true, true, true]);
    cache.set('big', entry('x'.repeat(240)));
    cache.set('big2', entry('y'.repeat(240)));
    cache.set('big3', entry('z'.repeat(240)));
    cache.set('big4', entry('w'.repeat(240)));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('big4')?.body.toString()).toBe('w'.repeat(240));
    // Over a quarter of the budget: never stored.
    cache.set('huge', entry('h'.repeat(400)));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('forgets expired entries and everything after an invalidation', async () => {
    const cache = new ResponseCache({ ttlSeconds: () => 60, maxEntries: 10, maxBytes: 10000, namespace: 't' }, log);
    const old = entry('old', Date.now() - 61000);
    cache.set('old', old);
    expect(cache.get('old')).toBeUndefined();
    const generation = await cache.generation();
    cache.set(`${generation} k`, entry('k'));
    await cache.invalidate();
    expect(await cache.generation()).not.toBe(generation);
    expect(cache.size).toBe(0);
  });

  it('computes a key once for concurrent requests', async () => {
    const cache = new ResponseCache({ ttlSeconds: () => 60, maxEntries: 10, maxBytes: 10000, namespace: 't' }, log);
    let runs = 0;
    const work = () =>
      cache.once('k', async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    expect(await Promise.all([work(), work(), work()])).toEqual(['computed', 'waited', 'waited']);
    expect(runs).toBe(1);
  });
});

describe('with Redis unreachable', () => {
  it('reports no generation, so that requests are answered without the cache, and invalidates without throwing', async () => {
    const cache = new ResponseCache(
      { ttlSeconds: () => 60, maxEntries: 10, maxBytes: 10000, namespace: 't', redisUrl: 'redis://127.0.0.1:1' },
      log
    );
    // Not connected (a refused connection leaves ioredis's retry timer running for a while).
    expect(cache.shared).toBe(true);
    expect(await cache.generation()).toBeUndefined();
    await expect(cache.invalidate()).resolves.toBeUndefined();
    await cache.stop();
  });
});

describe('with Redis', () => {
  it('shares one generation between two caches of the same namespace, not with others', async () => {
    const namespace = `unit-${process.pid}-${Date.now()}`;
    const options = { ttlSeconds: () => 60, maxEntries: 10, maxBytes: 10000, redisUrl: 'redis://127.0.0.1:6379' };
    const [a, b, other] = [
      new ResponseCache({ ...options, namespace }, log),
      new ResponseCache({ ...options, namespace }, log),
      new ResponseCache({ ...options, namespace: `${namespace}-other` }, log),
    ];
    await Promise.all([a.start(), b.start(), other.start()]);
    try {
      const before = [await b.generation(), await other.generation()];
      await a.invalidate();
      expect(await b.generation()).not.toBe(before[0]);
      expect(await other.generation()).toBe(before[1]);
    } finally {
      await Promise.all([a.stop(), b.stop(), other.stop()]);
      const redis = new Redis(options.redisUrl);
      await redis.del(`gomunicipal:response-cache:${namespace}:generation`, `gomunicipal:response-cache:${namespace}-other:generation`);
      redis.disconnect();
    }
  });
});

/**
 * Per-IP request limits (rate-limiter-flexible): counting, in Redis shared by every process when
 * REDIS_URL is set (in this process while Redis is unreachable), and the 429 with the seconds to wait.
 */
import { errors } from '@strapi/utils';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { t } from '../messages';
import type { Language } from './language';

export type RateLimit = { points: number; seconds: number };

/** 429 (Strapi's RateLimitError) with the seconds to wait. */
export class TooManyRequestsError extends errors.RateLimitError {
  constructor(
    readonly retryAfterSeconds: number,
    language: Language
  ) {
    super(t(language, 'request.tooMany', { seconds: retryAfterSeconds }), { retryAfterSeconds });
  }
}

const limiters = new Map<string, RateLimiterAbstract>();

type Shared = { redis: Redis; namespace: string; warn: (message: string) => void; lastWarning: number };
let shared: Shared | undefined;

/**
 * Counts in Redis from now on (the app's bootstrap, with REDIS_URL): every process on the same
 * database shares one count per IP. While Redis is unreachable, each process counts in its own
 * memory (rate-limiter-flexible's insurance limiter), and the log says so.
 */
export const shareRateLimits = (redisUrl: string, namespace: string, warn: (message: string) => void): void => {
  stopSharingRateLimits();
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  const state: Shared = { redis, namespace, warn, lastWarning: 0 };
  redis.on('error', (error: Error) => unreachable(state, error));
  shared = state;
};

const unreachable = (state: Shared, error: unknown): void => {
  const now = Date.now();
  if (now - state.lastWarning < 10000) return;
  state.lastWarning = now;
  state.warn(`Per-IP limits: Redis is unreachable (${error instanceof Error ? error.message : String(error)}); each process counts its own requests until it is back.`);
};

export const stopSharingRateLimits = (): void => {
  shared?.redis.disconnect();
  shared = undefined;
  limiters.clear();
};

const newLimiter = (bucket: string, limit: RateLimit): RateLimiterAbstract => {
  const memory = new RateLimiterMemory({ keyPrefix: bucket, points: limit.points, duration: limit.seconds });
  if (shared === undefined) return memory;
  const state = shared;
  const redis = new RateLimiterRedis({
    storeClient: state.redis,
    useRedisPackage: false,
    keyPrefix: `gomunicipal:limit:${state.namespace}:${bucket}`,
    points: limit.points,
    duration: limit.seconds,
    insuranceLimiter: memory,
  });
  // The insurance limiter answers silently: say in the log when it does.
  const consume = redis.consume.bind(redis);
  redis.consume = async (key, points, options) => {
    if (state.redis.status !== 'ready') unreachable(state, new Error(`connection ${state.redis.status}`));
    return consume(key, points, options);
  };
  return redis;
};

/**
 * Counts one request of `key` (an IP address) in `bucket`; throws TooManyRequestsError beyond the
 * limit.
 */
export const consumeRateLimit = async (bucket: string, key: string, limit: RateLimit, language: Language): Promise<void> => {
  const id = `${bucket}:${limit.points}:${limit.seconds}`;
  let limiter = limiters.get(id);
  if (limiter === undefined) {
    limiter = newLimiter(bucket, limit);
    limiters.set(id, limiter);
  }
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooManyRequestsError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), language);
    throw error;
  }
};

/**
 * `consumeRateLimit` for a request: on refusal, sets Retry-After on the response before throwing.
 * REST route middleware and GraphQL mutations both go through it.
 */
export const limitRequest = async (
  request: { ip: string; set(header: string, value: string): void },
  bucket: string,
  limit: RateLimit,
  language: Language
): Promise<void> => {
  try {
    await consumeRateLimit(bucket, request.ip, limit, language);
  } catch (error) {
    if (error instanceof TooManyRequestsError) request.set('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
};

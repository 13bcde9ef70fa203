/** Per-IP request limits (rate-limiter-flexible): counting and the 429 with the seconds to wait. */
import { errors } from '@strapi/utils';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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

const limiters = new Map<string, RateLimiterMemory>();

/**
 * Counts one request of `key` (an IP address) in `bucket`; throws TooManyRequestsError beyond the
 * limit. In memory: each app process counts its own requests.
 */
export const consumeRateLimit = async (bucket: string, key: string, limit: RateLimit, language: Language): Promise<void> => {
  const id = `${bucket}:${limit.points}:${limit.seconds}`;
  let limiter = limiters.get(id);
  if (limiter === undefined) {
    limiter = new RateLimiterMemory({ keyPrefix: bucket, points: limit.points, duration: limit.seconds });
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

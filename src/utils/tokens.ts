/**
 * Private link tokens: HMACs of a record's id, stored only hashed; and request URLs with tokens
 * taken out, for the log.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * A private link token: an HMAC (the first of APP_KEYS) of `purpose:documentId`, so that every
 * email about a record can carry the same link without storing it. Only its hash is stored.
 */
export const linkToken = (strapi: Core.Strapi, purpose: string, documentId: string): string => {
  const [key] = strapi.config.get('server.app.keys') as string[];
  return crypto.createHmac('sha256', key).update(`${purpose}:${documentId}`).digest('base64url');
};

/** Whether a given token equals the expected one, in constant time. */
export const sameToken = (given: string, expected: string): boolean =>
  given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** The shape of the tokens above (43 base64url characters); anything else is refused unread. */
export const looksLikeToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** A path segment shaped like linkToken()'s output (43 base64url characters with capitals; slugs and document ids have none). */
const TOKEN_SEGMENT = /^(?=[^A-Z]*[A-Z])[A-Za-z0-9_-]{43}$/;

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A request's path and query for a log line, with every token replaced by `…`. */
export const redactedUrl = (path: string, querystring: string): string => {
  const cleanPath = path
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? '…' : segment))
    .join('/');
  if (querystring === '') return cleanPath;
  const query = querystring
    .split('&')
    .map((pair) => {
      const [name, ...value] = pair.split('=');
      return /token|key|secret|password|hash/i.test(decoded(name)) && value.length > 0 ? `${name}=…` : pair;
    })
    .join('&');
  return `${cleanPath}?${query}`;
};

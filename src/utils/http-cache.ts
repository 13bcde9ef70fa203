/** HTTP caching of anonymous GET answers: Cache-Control, ETag, 304. */
import crypto from 'crypto';
import type { Context } from 'koa';

const serialize = (body: unknown): string | Buffer | undefined => {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body === undefined || body === null) return undefined;
  return JSON.stringify(body);
};

/**
 * Makes an anonymous GET answer cacheable by browsers and HTTP caches: `Cache-Control: public`,
 * a strong ETag from the body, and 304 when the client already has it. Anything else (another
 * method, an error, a request with credentials) is marked `no-store`.
 */
export const applyPublicCache = (ctx: Context, maxAge: number): void => {
  const cacheable =
    (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.status === 200 && ctx.get('authorization') === '';
  const body = cacheable ? serialize(ctx.body) : undefined;
  if (body === undefined) {
    ctx.set('Cache-Control', 'no-store');
    return;
  }
  // The ETag's JSON text is what is sent (Koa keeps the JSON type it set for the object): not stringified twice.
  ctx.body = body;
  ctx.set('Cache-Control', `public, max-age=${maxAge}`);
  ctx.vary('Accept-Language');
  ctx.etag = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32);
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
};

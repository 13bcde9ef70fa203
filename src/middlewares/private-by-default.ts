/**
 * API answers are private unless a route says otherwise: any answer of `/api`, `/graphql` or the
 * admin's own routes that leaves without a Cache-Control header gets `no-store`, so that a proxy or
 * a browser never keeps, say, a proposer's status page. Portal reads mark themselves public
 * (src/utils/http-cache.ts); everything else needs to do nothing.
 */
import type { Core } from '@strapi/strapi';

const PRIVATE_PATHS = /^\/(api|graphql|admin\/gomunicipal)(\/|$)/;

const privateByDefault: Core.MiddlewareFactory = () => async (ctx, next) => {
  try {
    await next();
  } finally {
    if (PRIVATE_PATHS.test(ctx.path) && ctx.response.get('Cache-Control') === '') ctx.set('Cache-Control', 'no-store');
  }
};

export default privateByDefault;

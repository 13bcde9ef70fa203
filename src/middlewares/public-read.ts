/**
 * Route middleware of the public REST reads: no drafts, known locales, page size
 * (src/utils/read-rules.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { languageOf } from '../utils/language';
import { publicReadProblem } from '../utils/read-rules';

/** Route middleware for the public REST reads: refuses drafts and unknown locales with a 400. */
const publicRead: Core.MiddlewareFactory = () => async (ctx, next) => {
  const query = ctx.query as Record<string, unknown>;
  const problem = publicReadProblem(query);
  if (problem !== undefined) {
    throw new errors.ValidationError(problem.message[languageOf(ctx)], { param: problem.param });
  }
  await next();
};

export default publicRead;

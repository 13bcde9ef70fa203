import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { requestLanguage } from '../utils/language';
import { publicReadProblem } from '../utils/public-read';

/** Route middleware for the public REST reads: refuses drafts and unknown locales with a 400. */
const publicRead: Core.MiddlewareFactory = () => async (ctx, next) => {
  const query = ctx.query as Record<string, unknown>;
  const problem = publicReadProblem(query);
  if (problem !== undefined) {
    const language = requestLanguage(query.locale, ctx.get('accept-language'));
    throw new errors.ValidationError(problem.message[language], { param: problem.param });
  }
  await next();
};

export default publicRead;

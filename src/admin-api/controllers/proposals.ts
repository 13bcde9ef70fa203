/** Admin handlers of the reviewers: a proposal's review box, a transition, a survey's "next topic" turned into a proposal. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { TransitionInput } from '../../api/proposal/services/review';
import { answerConflict } from '../../utils/http-errors';
import { service } from '../../utils/services';
import { documentIdParam, editorOf } from '../http';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const proposalsController = (strapi: Core.Strapi) => ({
  async review(ctx: Context) {
    const view = await service(strapi, 'api::proposal.review').reviewView(documentIdParam(ctx));
    if (view === null) throw new errors.NotFoundError('Aquesta proposta no existeix.');
    ctx.body = { data: view };
  },

  async transition(ctx: Context) {
    const body = (ctx.request.body ?? {}) as Partial<TransitionInput>;
    const change = {
      to: String(body.to ?? ''),
      note: text(body.note),
      publicAnswer: text(body.publicAnswer),
      session: text(body.session),
      duplicateOf: text(body.duplicateOf),
    };
    ctx.body = { data: await service(strapi, 'api::proposal.review').transition(documentIdParam(ctx), change, editorOf(ctx)) };
  },

  /** POST …/feedback-responses/:documentId/proposal: 201, or 409 when that topic is already a proposal. */
  async fromFeedback(ctx: Context) {
    await answerConflict(ctx, async () => {
      const data = await service(strapi, 'api::proposal.proposal').fromFeedback(documentIdParam(ctx), editorOf(ctx));
      ctx.status = 201;
      ctx.body = { data };
    });
  },
});

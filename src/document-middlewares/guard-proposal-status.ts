import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { transitionScope } from '../api/proposal/services/proposal';

const UID = 'api::proposal.proposal';

/**
 * A proposal's status changes only through the review workflow (which records who, when and why):
 * a content-manager save that changes it directly is refused. Saving other fields is fine.
 */
export const guardProposalStatus: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID || transitionScope.getStore() === true) return next();
  if (context.action !== 'create' && context.action !== 'update') return next();
  const params = context.params as { documentId?: string; data?: { reviewStatus?: unknown } };
  const status = params.data?.reviewStatus;
  if (status === undefined) return next();
  if (context.action === 'create') {
    if (status === 'received') return next();
  } else {
    const current = await strapi.db.query(UID).findOne({ where: { documentId: params.documentId }, select: ['reviewStatus'] });
    if (current === null || current.reviewStatus === status) return next();
  }
  const message = "L'estat d'una proposta només canvia amb les accions de revisió (queden a l'historial).";
  throw new errors.ValidationError(message, { errors: [{ path: ['reviewStatus'], message, name: 'ValidationError' }] });
};

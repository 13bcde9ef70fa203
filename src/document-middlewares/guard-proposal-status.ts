/**
 * What the review workflow owns on a proposal: its status, its history and its tracking link's
 * hash. They change only through the workflow (src/api/proposal/services/proposal.ts, which runs
 * inside `transitionScope`); a content-manager save or any other write that changes them is
 * refused, so that the public status page always shows the real history and the proposer's link
 * keeps working. Saving other fields is fine (the edit form sends these unchanged). The hash never
 * leaves the Document Service (the admin reads through it); the workflow reads it with the query engine.
 */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { transitionScope } from '../api/proposal/services/proposal';

const UID = 'api::proposal.proposal';

type Transition = { at?: unknown; by?: unknown; from?: unknown; to?: unknown; note?: unknown };
type Owned = { reviewStatus?: unknown; history?: unknown; trackingTokenHash?: unknown };

const MESSAGES: Record<keyof Owned, string> = {
  reviewStatus: "L'estat d'una proposta només canvia amb les accions de revisió (queden a l'historial).",
  history: "L'historial de revisió d'una proposta només l'escriuen les accions de revisió.",
  trackingTokenHash: "L'enllaç de seguiment d'una proposta no es pot canviar.",
};

const refuse = (field: keyof Owned): never => {
  throw new errors.ValidationError(MESSAGES[field], { errors: [{ path: [field], message: MESSAGES[field], name: 'ValidationError' }] });
};

const text = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));
const instant = (value: unknown) => {
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};
/** A history as the database keeps it, whatever shape the form sent it in (ids, empty strings). */
const normalized = (history: unknown): string =>
  JSON.stringify(
    (Array.isArray(history) ? (history as Transition[]) : []).map((h) => [instant(h.at), text(h.by), text(h.from), text(h.to), text(h.note)])
  );

/** Removes the tracking hash from whatever the Document Service returns (a document, a list, publish's entries). */
const withoutHash = <T>(result: T): T => {
  if (Array.isArray(result)) result.forEach((item) => withoutHash(item));
  else if (result !== null && typeof result === 'object') {
    delete (result as { trackingTokenHash?: unknown }).trackingTokenHash;
    const { entries } = result as { entries?: unknown };
    if (Array.isArray(entries)) entries.forEach((entry) => withoutHash(entry));
  }
  return result;
};

export const guardProposalStatus: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID) return next();
  return withoutHash(await guardWrites(context, next));
};

const guardWrites: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (transitionScope.getStore() === true) return next();
  if (context.action !== 'create' && context.action !== 'update') return next();
  const params = context.params as { documentId?: string; data?: Owned };
  const data = params.data;
  if (data === undefined || (data.reviewStatus === undefined && data.history === undefined && data.trackingTokenHash === undefined)) {
    return next();
  }
  if (context.action === 'create') {
    if (data.reviewStatus !== undefined && data.reviewStatus !== 'received') refuse('reviewStatus');
    if (data.history !== undefined && normalized(data.history) !== '[]') refuse('history');
    if (data.trackingTokenHash !== undefined && data.trackingTokenHash !== null) refuse('trackingTokenHash');
    return next();
  }
  const current = (await strapi.db.query(UID).findOne({
    where: { documentId: params.documentId },
    select: ['reviewStatus', 'trackingTokenHash'],
    populate: { history: true },
  })) as { reviewStatus: string; trackingTokenHash: string | null; history?: Transition[] } | null;
  if (current === null) return next();
  if (data.reviewStatus !== undefined && data.reviewStatus !== current.reviewStatus) refuse('reviewStatus');
  if (data.trackingTokenHash !== undefined && text(data.trackingTokenHash) !== text(current.trackingTokenHash)) refuse('trackingTokenHash');
  if (data.history !== undefined && normalized(data.history) !== normalized(current.history)) refuse('history');
  // Unchanged: left as stored rather than rewritten.
  delete data.history;
  delete data.trackingTokenHash;
  return next();
};

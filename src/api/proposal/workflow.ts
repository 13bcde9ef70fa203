/**
 * The review workflow's vocabulary: the states of a proposal, which may follow which, the public
 * ones, and the scope inside which the workflow (and only it) writes what it owns
 * (src/document-middlewares/guard-proposal-status.ts refuses other writes).
 */
import { AsyncLocalStorage } from 'async_hooks';

export const PROPOSAL_STATUSES = ['received', 'under_review', 'accepted', 'scheduled', 'declined', 'duplicate'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The review workflow: which state may follow which. */
export const TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  received: ['under_review', 'declined', 'duplicate'],
  under_review: ['accepted', 'declined', 'duplicate'],
  accepted: ['scheduled', 'declined'],
  scheduled: [],
  declined: [],
  duplicate: [],
};

/** The public states: what portals list as topics coming up. */
export const PUBLIC_STATUSES: readonly ProposalStatus[] = ['accepted', 'scheduled'];

/** Set while the workflow writes a proposal's status, history or tracking hash, so that no other path can. */
export const transitionScope = new AsyncLocalStorage<true>();

/** A proposal as the services read it. */
export type ProposalRow = {
  id: number;
  documentId: string;
  title: string;
  reviewStatus: ProposalStatus;
  email: string | null;
  name: string | null;
  language: 'ca' | 'es';
  publicAnswer: string | null;
  history?: { at: string; by: string | null; from: string | null; to: string; note: string | null }[];
  session?: { documentId: string; title: string; startsAt: string } | null;
};

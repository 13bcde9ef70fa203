/**
 * The review workflow: moving a proposal from state to state with who, when, from, to and the note
 * in its history (the only writer of those, inside `transitionScope`), the public answer emailed to
 * the proposer; and what a reviewer sees beside a proposal (allowed next states, similar proposals
 * and sessions, upcoming sessions to schedule it in).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { service } from '../../../utils/services';
import { mostSimilar } from '../../../utils/similarity';
import { PROPOSAL_STATUSES, TRANSITIONS, transitionScope, type ProposalRow, type ProposalStatus } from '../workflow';
import { statusUrlOf } from './proposal';

const UID = 'api::proposal.proposal';

export type TransitionInput = { to: string; note?: string; publicAnswer?: string; session?: string; duplicateOf?: string };

const review = (strapi: Core.Strapi) => {
  const outbox = () => service(strapi, 'api::outbox-message.outbox-message');

  return {
    /**
     * Moves a proposal along the review workflow, recording who, when, from, to and the note.
     * `scheduled` must name the session, `declined` must carry a public answer, `duplicate` must
     * name the original; anything not in TRANSITIONS is refused with a message. A public answer is
     * emailed to the proposer through the outbox.
     */
    async transition(documentId: string, change: TransitionInput, by: string) {
      const proposal = (await strapi.db.query(UID).findOne({ where: { documentId }, populate: { history: true } })) as ProposalRow | null;
      if (proposal === null) throw new errors.NotFoundError('Aquesta proposta no existeix.');
      const to = change.to as ProposalStatus;
      if (!(PROPOSAL_STATUSES as readonly string[]).includes(change.to)) {
        throw new errors.ValidationError(`Estat desconegut «${String(change.to).slice(0, 30)}». Estats: ${PROPOSAL_STATUSES.join(', ')}.`);
      }
      if (!TRANSITIONS[proposal.reviewStatus].includes(to)) {
        const next = TRANSITIONS[proposal.reviewStatus];
        throw new errors.ValidationError(
          `Una proposta en estat «${proposal.reviewStatus}» no pot passar a «${to}»${next.length ? `; pot passar a: ${next.join(', ')}` : ': és un estat final'}.`,
          { from: proposal.reviewStatus, to, allowed: next }
        );
      }
      const data: Record<string, unknown> = { reviewStatus: to };
      if (to === 'scheduled') {
        const session = change.session ? await strapi.db.query('api::session.session').findOne({ where: { documentId: change.session } }) : null;
        if (session === null) throw new errors.ValidationError('Per programar una proposta cal indicar la sessió que la tractarà.', { field: 'session' });
        data.session = change.session;
      }
      if (to === 'declined' && !change.publicAnswer?.trim()) {
        throw new errors.ValidationError('Per declinar una proposta cal escriure la resposta que rebrà qui la va fer.', { field: 'publicAnswer' });
      }
      if (to === 'duplicate') {
        const original =
          change.duplicateOf && change.duplicateOf !== documentId
            ? await strapi.db.query(UID).findOne({ where: { documentId: change.duplicateOf } })
            : null;
        if (original === null) throw new errors.ValidationError('Per marcar-la com a duplicada cal indicar la proposta original.', { field: 'duplicateOf' });
        data.duplicateOf = change.duplicateOf;
      }
      const publicAnswer = change.publicAnswer?.trim();
      if (publicAnswer) data.publicAnswer = publicAnswer;
      const history = (proposal.history ?? []).map(({ at, by: who, from, to: state, note }) => ({ at, by: who, from, to: state, note }));
      data.history = [...history, { at: new Date().toISOString(), by, from: proposal.reviewStatus, to, note: change.note?.trim() || null }];

      await strapi.db.transaction(() =>
        transitionScope.run(true, async () => {
          await strapi.documents(UID).update({ documentId, data: data as never });
          if (publicAnswer && proposal.email) {
            await outbox().enqueueEmail('proposal-answer', proposal.email, proposal.language, {
              fullName: proposal.name ?? '',
              title: proposal.title,
              answer: publicAnswer,
              statusUrl: statusUrlOf(strapi, documentId),
            });
          }
        })
      );
      return { status: to };
    },


    /** A proposal as a reviewer decides on it; null when there is none. */
    async reviewView(documentId: string) {
      const proposal = (await strapi.db.query(UID).findOne({
        where: { documentId },
        select: ['documentId', 'title', 'reviewStatus'],
      })) as Pick<ProposalRow, 'documentId' | 'title' | 'reviewStatus'> | null;
      if (proposal === null) return null;
      const others = (await strapi.db.query(UID).findMany({
        select: ['documentId', 'title', 'reviewStatus'],
        where: { documentId: { $ne: proposal.documentId } },
        limit: 2000,
      })) as Pick<ProposalRow, 'documentId' | 'title' | 'reviewStatus'>[];
      const upcoming = (await strapi.db.query('api::session.session').findMany({
        select: ['documentId', 'title', 'startsAt'],
        where: { locale: 'ca', publishedAt: { $null: true }, startsAt: { $gt: new Date() } },
        orderBy: { startsAt: 'asc' },
        limit: 24,
      })) as { documentId: string; title: string; startsAt: string }[];
      return {
        status: proposal.reviewStatus,
        next: TRANSITIONS[proposal.reviewStatus],
        similarProposals: mostSimilar(
          proposal.title,
          others.map((o) => ({ text: o.title, item: { documentId: o.documentId, title: o.title, status: o.reviewStatus } }))
        ),
        similarSessions: (await service(strapi, 'api::proposal.proposal').similar(proposal.title, 'ca')).sessions,
        upcomingSessions: upcoming.map(({ documentId: id, title, startsAt }) => ({ documentId: id, title, startsAt: new Date(startsAt).toISOString() })),
      };
    },
  };
};

export type ReviewService = ReturnType<typeof review>;

export default ({ strapi }: { strapi: Core.Strapi }) => review(strapi);

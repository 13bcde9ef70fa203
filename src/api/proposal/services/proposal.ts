/**
 * Topic proposals as the public meets them: submitting one (with similar topics and sessions),
 * a proposer's private status page, the topics coming up for portals, and turning a survey's
 * "next topic" into a proposal. The review workflow is services/review.ts; the form is checked in
 * controllers/validation/proposal.ts.
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../../messages';
import type { Language } from '../../../utils/language';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import { mostSimilar } from '../../../utils/similarity';
import { hashToken, linkToken, looksLikeToken } from '../../../utils/tokens';
import { ConflictError } from '../../../utils/http-errors';
import type { ProposalInput } from '../controllers/validation/proposal';
import { PUBLIC_STATUSES, transitionScope, type ProposalRow, type ProposalStatus } from '../workflow';

const UID = 'api::proposal.proposal';
const SESSION = 'api::session.session';

type SessionTitle = { documentId: string; title: string; startsAt: string };

/** The proposer's private status page. */
export const statusUrlOf = (strapi: Core.Strapi, documentId: string): string =>
  `${publicUrl(strapi)}/propose/status/?token=${linkToken(strapi, 'proposal', documentId)}`;

/** Published sessions (in `locale`) by the query engine: title and start, for lists and similarity. */
const sessionTitles = async (strapi: Core.Strapi, where: Record<string, unknown>, locale: Language, limit: number): Promise<SessionTitle[]> =>
  (await strapi.db.query(SESSION).findMany({
    select: ['documentId', 'title', 'startsAt'],
    where: { ...where, locale, publishedAt: { $notNull: true } },
    orderBy: { startsAt: 'desc' },
    limit,
  })) as SessionTitle[];

const proposals = (strapi: Core.Strapi) => {
  const outbox = () => service(strapi, 'api::outbox-message.outbox-message');

  return {
    /** Accepted or scheduled proposals and past sessions whose titles look like `title`. */
    async similar(title: string, language: Language) {
      const topics = (await strapi.db.query(UID).findMany({
        select: ['title', 'reviewStatus'],
        where: { reviewStatus: { $in: [...PUBLIC_STATUSES] } },
        limit: 2000,
      })) as { title: string; reviewStatus: ProposalStatus }[];
      const sessions = await sessionTitles(strapi, { startsAt: { $lte: new Date() }, eventStatus: { $ne: 'cancelled' } }, language, 1000);
      return {
        proposals: mostSimilar(title, topics.map((t) => ({ text: t.title, item: { title: t.title, status: t.reviewStatus } }))),
        sessions: mostSimilar(
          title,
          sessions.map((s) => ({ text: s.title, item: { documentId: s.documentId, title: s.title, startsAt: s.startsAt } }))
        ),
      };
    },

    /** Records a proposal, acknowledges it by email with a private status link, and suggests what may already answer it. */
    async submit(input: ProposalInput) {
      const localEntity =
        input.ineCode === undefined
          ? undefined
          : (await service(strapi, 'api::local-entity.local-entity').byIneCode(input.ineCode, input.language, 'localEntity')).documentId;
      await strapi.db.transaction(() =>
        transitionScope.run(true, async () => {
          const created = await strapi.documents(UID).create({
            data: {
              title: input.title,
              description: input.description,
              name: input.name,
              email: input.email,
              localEntity,
              reviewStatus: 'received',
              language: input.language,
              consentVersion: input.consentVersion,
              source: 'form',
              history: [{ at: new Date().toISOString(), to: 'received', by: input.email }],
            },
          });
          await strapi.db.query(UID).update({
            where: { id: created.id },
            data: { trackingTokenHash: hashToken(linkToken(strapi, 'proposal', created.documentId)) },
          });
          await outbox().enqueueEmail('proposal-acknowledgement', input.email, input.language, {
            fullName: input.name ?? '',
            title: input.title,
            statusUrl: statusUrlOf(strapi, created.documentId),
          });
        })
      );
      return { status: 'received' as const, similar: await this.similar(input.title, input.language) };
    },

    /**
     * Turns the "topic you would like next" of a feedback response into a proposal, in one step:
     * the topic is its title (cut at 150 characters) and description, its source `feedback`, and no
     * one's name or email is copied (results never reveal who answered what). Once per response.
     */
    async fromFeedback(responseDocumentId: string, by: string) {
      const response = await service(strapi, 'api::feedback-response.feedback-response').nextTopicOf(responseDocumentId);
      if (response === null) throw new errors.NotFoundError('Aquesta resposta de l’enquesta no existeix.');
      if (response.proposal) {
        throw new ConflictError('Aquest tema ja és una proposta.', { proposal: response.proposal.documentId });
      }
      const topic = response.nextTopic?.trim() ?? '';
      if (topic.length < 5) throw new errors.ValidationError('Aquesta resposta no proposa cap tema (cal un text d’almenys 5 caràcters).');
      const title = topic.length <= 150 ? topic : `${topic.slice(0, 149).replace(/\s+\S*$/, '')}…`;
      return strapi.db.transaction(() =>
        transitionScope.run(true, async () => {
          const created = await strapi.documents(UID).create({
            data: {
              title,
              description: topic,
              reviewStatus: 'received',
              language: response.language,
              source: 'feedback',
              history: [{ at: new Date().toISOString(), to: 'received', by, note: 'Tema proposat a l’enquesta de valoració' }],
            },
          });
          await strapi.db.query('api::feedback-response.feedback-response').update({ where: { id: response.id }, data: { proposal: created.id } });
          return { documentId: created.documentId, title };
        })
      );
    },

    /** What the proposer's private link shows: the proposal's state, the public answer and the session. */
    async statusByToken(token: string, language: Language) {
      const unknown = new errors.NotFoundError(t(language, 'proposal.invalidLink'));
      if (!looksLikeToken(token)) throw unknown;
      const proposal = (await strapi.db.query(UID).findOne({
        where: { trackingTokenHash: hashToken(token) },
        populate: { session: { select: ['documentId', 'title', 'startsAt'] }, history: true },
      })) as ProposalRow | null;
      if (proposal === null) throw unknown;
      const [session] = proposal.session ? await sessionTitles(strapi, { documentId: proposal.session.documentId }, language, 1) : [];
      return {
        title: proposal.title,
        status: proposal.reviewStatus,
        publicAnswer: proposal.publicAnswer,
        session: session === undefined ? null : { documentId: session.documentId, title: session.title, startsAt: new Date(session.startsAt).toISOString() },
        // When each state was reached; never who or the staff note.
        history: (proposal.history ?? []).map((h) => ({ at: h.at, status: h.to })),
      };
    },

    /**
     * Topics coming up, for portals: accepted and scheduled proposals, never who proposed them.
     * Other states, or a limit outside 1–100, are refused with a message in `language`.
     */
    async publicTopics(statuses: readonly string[], limit: number, language: Language) {
      if (statuses.some((s) => !PUBLIC_STATUSES.includes(s as ProposalStatus)) || !Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw new errors.ValidationError(
          t(language, 'proposal.topicsParams'),
          { param: statuses.some((s) => !PUBLIC_STATUSES.includes(s as ProposalStatus)) ? 'status' : 'limit' }
        );
      }
      const rows = (await strapi.db.query(UID).findMany({
        select: ['documentId', 'title', 'reviewStatus', 'updatedAt'],
        where: { reviewStatus: { $in: [...statuses] } },
        populate: { session: { select: ['documentId'] } },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        limit,
      })) as ProposalRow[];
      // The session as published (a link may point at its draft; an unpublished one is not shown).
      const ids = [...new Set(rows.map((r) => r.session?.documentId).filter((id): id is string => id !== undefined))];
      const published = ids.length ? await sessionTitles(strapi, { documentId: { $in: ids } }, 'ca', ids.length) : [];
      const sessions = new Map(published.map((s) => [s.documentId, { documentId: s.documentId, title: s.title, startsAt: s.startsAt }]));
      return rows.map((r) => ({
        documentId: r.documentId,
        title: r.title,
        status: r.reviewStatus,
        session: (r.session && sessions.get(r.session.documentId)) ?? null,
      }));
    },
  };
};

export type ProposalService = ReturnType<typeof proposals>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => proposals(strapi));

import { AsyncLocalStorage } from 'async_hooks';
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bodyObject, commonFields, emailField, FormErrors, textField, unknownFields } from '../../../utils/form';
import { ineCodeProblem } from '../../../utils/ine';
import { isLanguage, type Language } from '../../../utils/language';
import { mostSimilar } from '../../../utils/similarity';
import { hashToken, linkToken, looksLikeToken } from '../../../utils/tokens';
import { ConflictError } from '../../../utils/http-errors';
import type { FeedbackService } from '../../feedback-response/services/feedback-response';
import type { OutboxService } from '../../outbox-message/services/outbox-message';

const UID = 'api::proposal.proposal';
const FIELDS = ['title', 'description', 'name', 'email', 'localEntity', 'consent', 'consentVersion', 'language', 'website'] as const;

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

export type ProposalInput = {
  title: string;
  description?: string;
  name?: string;
  email: string;
  ineCode?: string;
  consentVersion: string;
  language: Language;
};

export type TransitionInput = { to: string; note?: string; publicAnswer?: string; session?: string; duplicateOf?: string };

type ProposalRow = {
  id: number;
  documentId: string;
  title: string;
  reviewStatus: ProposalStatus;
  email: string | null;
  name: string | null;
  language: Language;
  publicAnswer: string | null;
  history?: { at: string; by: string | null; from: string | null; to: string; note: string | null }[];
  session?: { documentId: string; title: string; startsAt: string } | null;
};

/** Set while the review service changes a status, so that no other path can (a document middleware checks). */
export const transitionScope = new AsyncLocalStorage<true>();

/** Checks a proposal form; every problem at once, in `language`. */
export const parseProposal = (body: unknown, language: Language, defaultConsentVersion: string): ProposalInput => {
  const input = bodyObject(body, language);
  const form = new FormErrors(language);
  unknownFields(form, input, FIELDS);
  commonFields(form, input, {
    ca: 'Cal acceptar el tractament de les dades per enviar la proposta.',
    es: 'Hay que aceptar el tratamiento de los datos para enviar la propuesta.',
  });
  const title = textField(form, input, 'title', { ca: 'el títol', es: 'el título' }, { required: true, min: 5, max: 150 });
  const description = textField(form, input, 'description', { ca: 'la descripció', es: 'la descripción' }, { required: false, max: 5000 });
  const name = textField(form, input, 'name', { ca: 'el nom', es: 'el nombre' }, { required: false, max: 150 });
  const email = emailField(form, input);
  const ineCode = textField(form, input, 'localEntity', { ca: "el codi INE de l'ens", es: 'el código INE del ente' }, { required: false, max: 6 });
  if (ineCode !== undefined && ineCodeProblem(ineCode) !== undefined) {
    form.add('localEntity', { ca: `«${ineCode}» no és un codi INE vàlid.`, es: `«${ineCode}» no es un código INE válido.` });
  }
  const consentVersion =
    textField(form, input, 'consentVersion', { ca: 'la versió del text de privacitat', es: 'la versión del texto de privacidad' }, { required: false, max: 50 }) ??
    defaultConsentVersion;
  form.throwIfAny();
  return {
    title: title as string,
    description,
    name,
    email: email as string,
    ineCode,
    consentVersion,
    language: isLanguage(input.language) ? input.language : language,
  };
};

const proposals = (strapi: Core.Strapi) => {
  const outbox = () => strapi.service('api::outbox-message.outbox-message') as unknown as OutboxService;
  const publicUrl = () => (strapi.config.get('server.url') as string).replace(/\/+$/, '');
  const statusUrl = (documentId: string) => `${publicUrl()}/propose/status/?token=${linkToken(strapi, 'proposal', documentId)}`;

  return {
    /** Accepted or scheduled proposals and past sessions whose titles look like `title`. */
    async similar(title: string, language: Language) {
      const topics = (await strapi.db.query(UID).findMany({
        select: ['title', 'reviewStatus'],
        where: { reviewStatus: { $in: [...PUBLIC_STATUSES] } },
        limit: 2000,
      })) as { title: string; reviewStatus: ProposalStatus }[];
      const sessions = (await strapi.documents('api::session.session').findMany({
        locale: language,
        status: 'published',
        fields: ['title', 'startsAt'],
        filters: { startsAt: { $lte: new Date().toISOString() }, eventStatus: { $ne: 'cancelled' } },
        sort: ['startsAt:desc'],
        limit: 1000,
      })) as unknown as { documentId: string; title: string; startsAt: string }[];
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
      let localEntity: string | undefined;
      if (input.ineCode !== undefined) {
        const entity = await strapi.db.query('api::local-entity.local-entity').findOne({ where: { ineCode: input.ineCode } });
        if (entity === null) {
          throw new errors.ValidationError(
            input.language === 'es' ? `No conocemos ningún ente local con el código INE ${input.ineCode}.` : `No coneixem cap ens local amb el codi INE ${input.ineCode}.`,
            { errors: [{ path: ['localEntity'], message: 'unknown INE code', name: 'ValidationError' }] }
          );
        }
        localEntity = entity.documentId;
      }
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
            statusUrl: statusUrl(created.documentId),
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
      const feedback = strapi.service('api::feedback-response.feedback-response') as unknown as FeedbackService;
      const response = await feedback.nextTopicOf(responseDocumentId);
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
      const unknown = new errors.NotFoundError(
        language === 'es' ? 'Este enlace no es válido.' : 'Aquest enllaç no és vàlid.'
      );
      if (!looksLikeToken(token)) throw unknown;
      const proposal = (await strapi.db.query(UID).findOne({
        where: { trackingTokenHash: hashToken(token) },
        populate: { session: { select: ['documentId', 'title', 'startsAt'] }, history: true },
      })) as ProposalRow | null;
      if (proposal === null) throw unknown;
      const session = proposal.session
        ? ((await strapi.documents('api::session.session').findOne({
            documentId: proposal.session.documentId,
            locale: language,
            status: 'published',
            fields: ['title', 'startsAt'],
          })) as { documentId: string; title: string; startsAt: string } | null)
        : null;
      return {
        title: proposal.title,
        status: proposal.reviewStatus,
        publicAnswer: proposal.publicAnswer,
        session: session ? { documentId: session.documentId, title: session.title, startsAt: session.startsAt } : null,
        // When each state was reached; never who or the staff note.
        history: (proposal.history ?? []).map((h) => ({ at: h.at, status: h.to })),
      };
    },

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
              statusUrl: statusUrl(documentId),
            });
          }
        })
      );
      return { status: to };
    },

    /**
     * Topics coming up, for portals: accepted and scheduled proposals, never who proposed them.
     * Other states, or a limit outside 1–100, are refused with a message in `language`.
     */
    async publicTopics(statuses: readonly string[], limit: number, language: Language) {
      if (statuses.some((s) => !PUBLIC_STATUSES.includes(s as ProposalStatus)) || !Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw new errors.ValidationError(
          language === 'es' ? 'status admite accepted y scheduled; limit, de 1 a 100.' : 'status admet accepted i scheduled; limit, d’1 a 100.',
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
      const published = ids.length
        ? ((await strapi.documents('api::session.session').findMany({
            locale: 'ca',
            status: 'published',
            fields: ['title', 'startsAt'],
            filters: { documentId: { $in: ids } },
            limit: ids.length,
          })) as unknown as { documentId: string; title: string; startsAt: string }[])
        : [];
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

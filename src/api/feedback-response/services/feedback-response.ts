/**
 * Answering the feedback survey: what a survey link opens, one response per link (checked, stored
 * and counted in the rollups in one transaction), and a response's "next topic" for editors. The
 * answers are checked in controllers/validation/answers.ts, counted in rollups.ts.
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localized, t } from '../../../messages';
import { ConflictError, GoneError } from '../../../utils/http-errors';
import { isLanguage, type Language } from '../../../utils/language';
import { sessionEnd } from '../../../utils/time';
import { hashToken, looksLikeToken } from '../../../utils/tokens';
import { parseAnswers } from '../controllers/validation/answers';
import { service } from '../../../utils/services';
import type { RegistrationRow as Registration, SessionRow as Session } from '../../registration/rows';
import { localizeQuestion, type LocalizedQuestion } from '../../survey/services/survey';

const UID = 'api::feedback-response.feedback-response';
const REGISTRATION = 'api::registration.registration';
const SESSION = 'api::session.session';

export { RESPONSES_KEY } from './rollups';

export type { Answer, AnswerValue } from '../controllers/validation/answers';

type RegistrationRow = Pick<Registration, 'id' | 'documentId' | 'language' | 'registrationStatus' | 'session'>;
type SessionRow = Pick<Session, 'id' | 'documentId' | 'title' | 'startsAt' | 'durationMinutes'>;

/** What a survey link opens: whose session, which questions, until when. */
export type FeedbackForm = {
  session: { documentId: string; title: string; startsAt: string; endsAt: string };
  language: Language;
  expiresAt: string;
  questions: LocalizedQuestion[];
};

const feedback = (strapi: Core.Strapi) => {
  const surveys = () => service(strapi, 'api::survey.survey');
  const days = () => strapi.config.get('feedback.linkDays', 30) as number;

  const lockSession = async (documentId: string) => {
    if (strapi.db.dialect.client === 'sqlite') return;
    await strapi.db.queryBuilder(SESSION).select(['id']).where({ documentId }).forUpdate().execute();
  };
  const lockRegistration = async (id: number) => {
    if (strapi.db.dialect.client === 'sqlite') return;
    await strapi.db.queryBuilder(REGISTRATION).select(['id']).where({ id }).forUpdate().execute();
  };

  const sessionIn = async (documentId: string, language: Language): Promise<SessionRow | null> => {
    const find = (locale: Language) =>
      strapi.db.query(SESSION).findOne({
        where: { documentId, locale, publishedAt: { $notNull: true } },
        select: ['id', 'documentId', 'title', 'startsAt', 'durationMinutes'],
      }) as Promise<SessionRow | null>;
    return (await find(language)) ?? (await find('ca'));
  };

  /**
   * The registration, session and survey of a survey link, or why it cannot be used: unknown (404),
   * expired (410), already answered (409).
   */
  const open = async (token: unknown, language: Language | undefined) => {
    const invalid = localized('feedback.invalidLink');
    if (!looksLikeToken(token)) throw new errors.NotFoundError(invalid[language ?? 'ca']);
    const registration = (await strapi.db.query(REGISTRATION).findOne({
      where: { feedbackTokenHash: hashToken(token) },
      select: ['id', 'documentId', 'language', 'registrationStatus'],
      populate: { session: { select: ['documentId'] } },
    })) as RegistrationRow | null;
    const sessionDocumentId = registration?.session?.documentId;
    if (registration === null || sessionDocumentId === undefined) throw new errors.NotFoundError(invalid[language ?? 'ca']);
    const lang = language ?? registration.language;
    const session = await sessionIn(sessionDocumentId, lang);
    if (session === null) throw new errors.NotFoundError(invalid[lang]);
    const endsAt = sessionEnd(session);
    const expiresAt = new Date(endsAt.getTime() + days() * 86400000);
    return { registration, session, endsAt, expiresAt, language: lang };
  };

  const refuseIfUnusable = async (link: Awaited<ReturnType<typeof open>>, now: Date) => {
    if (now.getTime() > link.expiresAt.getTime()) {
      const date = link.expiresAt.toISOString().slice(0, 10);
      throw new GoneError(t(link.language, 'feedback.expired', { date, days: days() }), { code: 'FEEDBACK_EXPIRED', expiresAt: link.expiresAt.toISOString() });
    }
    // Only people who had a seat answer (and, once attendance is taken, only those who attended):
    // a cancelled registration's link stops working, and response rates cannot pass 100 %.
    const current = (await strapi.db.query(REGISTRATION).findOne({
      where: { id: link.registration.id },
      select: ['registrationStatus', 'attended'],
    })) as { registrationStatus: string; attended: boolean | null } | null;
    if (current === null || current.registrationStatus !== 'confirmed') {
      throw new GoneError(t(link.language, 'feedback.registrationCancelled'), { code: 'FEEDBACK_REGISTRATION_CANCELLED' });
    }
    if (current.attended !== true) {
      const attendanceTaken = await strapi.db.query(REGISTRATION).count({
        where: { session: { documentId: link.session.documentId }, attended: true },
      });
      if (attendanceTaken > 0) {
        throw new errors.PolicyError(t(link.language, 'feedback.notAttended'), { code: 'FEEDBACK_NOT_ATTENDED' });
      }
    }
    const answered = await strapi.db.query(UID).count({ where: { registration: { id: link.registration.id } } });
    if (answered > 0) {
      throw new ConflictError(t(link.language, 'feedback.alreadySubmitted'), { code: 'FEEDBACK_ALREADY_SUBMITTED' });
    }
  };

  return {
    /** GET /api/feedback/:token : the session and the questions, in the registrant's language unless `language` says otherwise. */
    async form(token: unknown, language?: Language, now = new Date()): Promise<FeedbackForm> {
      const link = await open(token, language);
      await refuseIfUnusable(link, now);
      const survey = await surveys().forSession(link.session.documentId);
      return {
        session: {
          documentId: link.session.documentId,
          title: link.session.title,
          startsAt: new Date(link.session.startsAt).toISOString(),
          endsAt: link.endsAt.toISOString(),
        },
        language: link.language,
        expiresAt: link.expiresAt.toISOString(),
        questions: survey.questions.map((q) => localizeQuestion(q, link.language)),
      };
    },

    /**
     * Records one response for the registration of a survey link: answers checked against the
     * session's survey, the link used once (a second submission is refused), and the rollup counts
     * updated in the same transaction. The response keeps no personal data beyond its registration.
     */
    async submit(token: unknown, body: unknown, language?: Language, now = new Date()): Promise<{ submitted: true; session: string }> {
      const link = await open(token, language);
      const survey = await surveys().forSession(link.session.documentId);
      await refuseIfUnusable(link, now);
      const answers = parseAnswers(body, survey.questions, link.language);
      const kinds = new Map(survey.questions.map((q) => [q.key, q.kind as string]));
      const text = (key: string) => answers.find((a) => a.question === key && kinds.get(key) === 'text')?.value as string | undefined;
      const sessionDocumentId = link.session.documentId;
      await strapi.db.transaction(async () => {
        await lockSession(sessionDocumentId);
        await lockRegistration(link.registration.id);
        await refuseIfUnusable(link, now);
        await strapi.db.query(UID).create({
          data: {
            session: link.session.id,
            registration: link.registration.id,
            answers,
            comment: text('comment')?.slice(0, 5000) ?? null,
            nextTopic: text('nextTopic')?.slice(0, 1000) ?? null,
            language: link.language,
            submittedAt: now,
          },
        });
        await service(strapi, 'api::feedback-response.rollups').add(sessionDocumentId, answers, kinds);
      });
      return { submitted: true, session: sessionDocumentId };
    },

    /** A response, for an editor turning its "topic you would like next" into a proposal. */
    async nextTopicOf(documentId: string) {
      return (await strapi.db.query(UID).findOne({
        where: { documentId },
        select: ['id', 'documentId', 'nextTopic', 'language'],
        populate: { proposal: { select: ['documentId'] }, session: { select: ['documentId'] } },
      })) as { id: number; documentId: string; nextTopic: string | null; language: Language; proposal?: { documentId: string } | null } | null;
    },
  };
};

export const requestedLanguage = (value: unknown): Language | undefined => (isLanguage(value) ? value : undefined);

export type FeedbackService = ReturnType<typeof feedback>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => feedback(strapi));

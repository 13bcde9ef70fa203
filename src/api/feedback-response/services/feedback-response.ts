import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FormErrors } from '../../../utils/form';
import { ConflictError, GoneError } from '../../../utils/http-errors';
import { isLanguage, type Language } from '../../../utils/language';
import { hashToken, looksLikeToken } from '../../../utils/tokens';
import { localizeQuestion, SCALE, TEXT_MAX, type LocalizedQuestion, type SurveyQuestion, type SurveyService } from '../../survey/services/survey';

const UID = 'api::feedback-response.feedback-response';
const ROLLUP = 'api::feedback-rollup.feedback-rollup';
const REGISTRATION = 'api::registration.registration';
const SESSION = 'api::session.session';

/** The rollup row that counts a session's responses (one per submission). */
export const RESPONSES_KEY = '__responses';

export type AnswerValue = number | string;
export type Answer = { question: string; value: AnswerValue };

type RegistrationRow = {
  id: number;
  documentId: string;
  language: Language;
  registrationStatus: string;
  session?: { documentId: string } | null;
};

type SessionRow = { id: number; documentId: string; title: string; startsAt: string; durationMinutes: number | null };

/** What a survey link opens: whose session, which questions, until when. */
export type FeedbackForm = {
  session: { documentId: string; title: string; startsAt: string; endsAt: string };
  language: Language;
  expiresAt: string;
  questions: LocalizedQuestion[];
};

const MAX_ANSWERS = 50;

/**
 * Checks a submitted `{ answers: [{ question, value }] }` against the survey's questions: known
 * keys, one answer each, the kind's range or options, every required question answered. All
 * problems at once, each under its question's key, in `language`. Empty optional answers are dropped.
 */
export const parseAnswers = (body: unknown, questions: SurveyQuestion[], language: Language): Answer[] => {
  const form = new FormErrors(language);
  const input = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (input === undefined || !Array.isArray(input.answers)) {
    form.add('answers', {
      ca: 'Cal enviar un objecte JSON amb la llista «answers»: [{ "question": "content", "value": 5 }, …].',
      es: 'Hay que enviar un objeto JSON con la lista «answers»: [{ "question": "content", "value": 5 }, …].',
    });
    form.throwIfAny();
  }
  const fields = input as Record<string, unknown> & { answers: unknown[] };
  for (const field of Object.keys(fields)) {
    if (field !== 'answers') form.add(field, { ca: `Camp desconegut «${field.slice(0, 40)}».`, es: `Campo desconocido «${field.slice(0, 40)}».` });
  }
  if (fields.answers.length > MAX_ANSWERS) {
    form.add('answers', { ca: `Massa respostes: com a màxim ${MAX_ANSWERS}.`, es: `Demasiadas respuestas: como máximo ${MAX_ANSWERS}.` });
    form.throwIfAny();
  }

  const byKey = new Map(questions.map((q) => [q.key, q]));
  const answers: Answer[] = [];
  const seen = new Set<string>();
  for (const raw of fields.answers) {
    const entry = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
    const extra = entry === undefined ? [] : Object.keys(entry).filter((k) => k !== 'question' && k !== 'value');
    if (entry === undefined || typeof entry.question !== 'string' || extra.length > 0) {
      form.add('answers', {
        ca: 'Cada resposta ha de ser un objecte amb només «question» i «value».',
        es: 'Cada respuesta debe ser un objeto con solo «question» y «value».',
      });
      continue;
    }
    const key = entry.question.slice(0, 40);
    const question = byKey.get(entry.question);
    if (question === undefined) {
      form.add(key, { ca: `L’enquesta no té cap pregunta «${key}».`, es: `La encuesta no tiene ninguna pregunta «${key}».` });
      continue;
    }
    if (seen.has(key)) {
      form.add(key, { ca: `La pregunta «${key}» té més d’una resposta.`, es: `La pregunta «${key}» tiene más de una respuesta.` });
      continue;
    }
    seen.add(key);
    const label = { ca: question.labelCa, es: question.labelEs };
    const value = entry.value;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (question.kind === 'scale') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < SCALE[0] || value > SCALE[SCALE.length - 1]) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser un nombre enter de l’1 al 5.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser un número entero del 1 al 5.`,
        });
        continue;
      }
      answers.push({ question: key, value });
    } else if (question.kind === 'choice') {
      const options = (question.options ?? []).map((o) => o.value);
      if (typeof value !== 'string' || !options.includes(value)) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser una d’aquestes: ${options.join(', ')}.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser una de estas: ${options.join(', ')}.`,
        });
        continue;
      }
      answers.push({ question: key, value });
    } else {
      const text = typeof value === 'string' ? value.trim().normalize('NFC') : undefined;
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (text === undefined || text.length > TEXT_MAX || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
        form.add(key, {
          ca: `La resposta a «${label.ca}» (${key}) ha de ser un text de com a màxim ${TEXT_MAX} caràcters.`,
          es: `La respuesta a «${label.es}» (${key}) debe ser un texto de como máximo ${TEXT_MAX} caracteres.`,
        });
        continue;
      }
      answers.push({ question: key, value: text });
    }
  }
  for (const q of questions) {
    const required = q.kind === 'text' ? q.required === true : q.required !== false;
    if (required && !answers.some((a) => a.question === q.key) && !form.has(q.key)) {
      form.add(q.key, { ca: `Falta la resposta a «${q.labelCa}» (${q.key}).`, es: `Falta la respuesta a «${q.labelEs}» (${q.key}).` });
    }
  }
  form.throwIfAny();
  return answers;
};

/** The rollup value of one answer: the scale point or option; text answers are only counted. */
const rollupValue = (kind: string, value: AnswerValue) => (kind === 'text' ? '' : String(value));

const feedback = (strapi: Core.Strapi) => {
  const surveys = () => strapi.service('api::survey.survey') as unknown as SurveyService;
  const days = () => strapi.config.get('registrations.feedbackTokenDays', 30) as number;

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
    const invalid = {
      ca: 'Aquest enllaç de l’enquesta no és vàlid. Feu servir l’enllaç del correu que vau rebre.',
      es: 'Este enlace de la encuesta no es válido. Use el enlace del correo que recibisteis.',
    };
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
    const endsAt = new Date(new Date(session.startsAt).getTime() + (session.durationMinutes ?? 60) * 60000);
    const expiresAt = new Date(endsAt.getTime() + days() * 86400000);
    return { registration, session, endsAt, expiresAt, language: lang };
  };

  const refuseIfUnusable = async (link: Awaited<ReturnType<typeof open>>, now: Date) => {
    if (now.getTime() > link.expiresAt.getTime()) {
      const date = link.expiresAt.toISOString().slice(0, 10);
      throw new GoneError(
        link.language === 'es'
          ? `Este enlace de la encuesta caducó el ${date}: las respuestas se aceptan hasta ${days()} días después de la sesión.`
          : `Aquest enllaç de l’enquesta va caducar el ${date}: les respostes s’accepten fins a ${days()} dies després de la sessió.`,
        { code: 'FEEDBACK_EXPIRED', expiresAt: link.expiresAt.toISOString() }
      );
    }
    // Only people who had a seat answer (and, once attendance is taken, only those who attended):
    // a cancelled registration's link stops working, and response rates cannot pass 100 %.
    const current = (await strapi.db.query(REGISTRATION).findOne({
      where: { id: link.registration.id },
      select: ['registrationStatus', 'attended'],
    })) as { registrationStatus: string; attended: boolean | null } | null;
    if (current === null || current.registrationStatus !== 'confirmed') {
      throw new GoneError(
        link.language === 'es'
          ? 'Este enlace de la encuesta ya no es válido: la inscripción se canceló.'
          : 'Aquest enllaç de l’enquesta ja no és vàlid: la inscripció es va cancel·lar.',
        { code: 'FEEDBACK_REGISTRATION_CANCELLED' }
      );
    }
    if (current.attended !== true) {
      const attendanceTaken = await strapi.db.query(REGISTRATION).count({
        where: { session: { documentId: link.session.documentId }, attended: true },
      });
      if (attendanceTaken > 0) {
        throw new errors.PolicyError(
          link.language === 'es'
            ? 'Solo pueden responder la encuesta las personas que asistieron a la sesión.'
            : 'Només poden respondre l’enquesta les persones que van assistir a la sessió.',
          { code: 'FEEDBACK_NOT_ATTENDED' }
        );
      }
    }
    const answered = await strapi.db.query(UID).count({ where: { registration: { id: link.registration.id } } });
    if (answered > 0) {
      throw new ConflictError(
        link.language === 'es'
          ? 'Ya habéis respondido esta encuesta con este enlace. ¡Gracias!'
          : 'Ja heu respost aquesta enquesta amb aquest enllaç. Gràcies!',
        { code: 'FEEDBACK_ALREADY_SUBMITTED' }
      );
    }
  };

  /** Adds one to each rollup row of `answers` (and the response count), under the session's lock. */
  const countAnswers = async (sessionDocumentId: string, answers: Answer[], kinds: Map<string, string>) => {
    const keys = [RESPONSES_KEY, ...answers.map((a) => a.question)];
    const existing = (await strapi.db.query(ROLLUP).findMany({
      select: ['id', 'question', 'value', 'count'],
      where: { sessionDocumentId, question: { $in: keys } },
    })) as { id: number; question: string; value: string | null; count: number }[];
    const rows = [{ question: RESPONSES_KEY, kind: 'meta', value: '' }, ...answers.map((a) => {
      const kind = kinds.get(a.question) as string;
      return { question: a.question, kind, value: rollupValue(kind, a.value) };
    })];
    for (const row of rows) {
      const found = existing.find((e) => e.question === row.question && (e.value ?? '') === row.value);
      if (found !== undefined) {
        await strapi.db.query(ROLLUP).update({ where: { id: found.id }, data: { count: found.count + 1 } });
      } else {
        await strapi.db.query(ROLLUP).create({ data: { sessionDocumentId, ...row, count: 1 } });
      }
    }
  };

  /** Counts of every (session, question, value) computed from the stored responses, in batches. */
  const countFromResponses = async () => {
    const counts = new Map<string, { sessionDocumentId: string; question: string; kind: string; value: string; count: number }>();
    const kindOf = new Map<string, string>();
    const add = (sessionDocumentId: string, question: string, kind: string, value: string) => {
      const id = `${sessionDocumentId}\u0000${question}\u0000${value}`;
      const row = counts.get(id) ?? { sessionDocumentId, question, kind, value, count: 0 };
      row.count += 1;
      counts.set(id, row);
    };
    const known = (await strapi.db.query(ROLLUP).findMany({ select: ['question', 'kind'] })) as { question: string; kind: string }[];
    for (const k of known) kindOf.set(k.question, k.kind);
    for (const survey of (await strapi.db.query('api::survey.survey').findMany({ populate: { questions: true } })) as {
      questions: SurveyQuestion[];
    }[]) {
      for (const q of survey.questions ?? []) if (!kindOf.has(q.key)) kindOf.set(q.key, q.kind);
    }
    const batch = 2000;
    for (let lastId = 0; ; ) {
      const rows = (await strapi.db.query(UID).findMany({
        select: ['id', 'answers'],
        where: { id: { $gt: lastId } },
        populate: { session: { select: ['documentId'] } },
        orderBy: { id: 'asc' },
        limit: batch,
      })) as { id: number; answers: Answer[] | string | null; session?: { documentId: string } | null }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        lastId = row.id;
        const session = row.session?.documentId;
        if (session === undefined) continue;
        const answers = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Answer[] | null;
        add(session, RESPONSES_KEY, 'meta', '');
        for (const answer of answers ?? []) {
          const kind = kindOf.get(answer.question) ?? (typeof answer.value === 'number' ? 'scale' : 'choice');
          add(session, answer.question, kind, rollupValue(kind, answer.value));
        }
      }
      if (rows.length < batch) break;
    }
    return [...counts.values()];
  };

  const rollupRows = async () =>
    (
      (await strapi.db.query(ROLLUP).findMany({ select: ['sessionDocumentId', 'question', 'kind', 'value', 'count'] })) as {
        sessionDocumentId: string;
        question: string;
        kind: string;
        value: string | null;
        count: number;
      }[]
    ).map((r) => ({ ...r, value: r.value ?? '' }));

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
        await countAnswers(sessionDocumentId, answers, kinds);
      });
      return { submitted: true, session: sessionDocumentId };
    },

    /**
     * Recomputes every count from the raw responses and compares it with the rollups: the check
     * that the counts kept at submission time are right. Returns the differences (none expected).
     */
    async verifyRollups() {
      const expected = await countFromResponses();
      const actual = new Map<string, number>();
      for (const r of await rollupRows()) {
        const id = `${r.sessionDocumentId}\u0000${r.question}\u0000${r.value}`;
        actual.set(id, (actual.get(id) ?? 0) + r.count);
      }
      const differences: { sessionDocumentId: string; question: string; value: string; expected: number; actual: number }[] = [];
      for (const e of expected) {
        const id = `${e.sessionDocumentId}\u0000${e.question}\u0000${e.value}`;
        const count = actual.get(id) ?? 0;
        if (count !== e.count) differences.push({ sessionDocumentId: e.sessionDocumentId, question: e.question, value: e.value, expected: e.count, actual: count });
        actual.delete(id);
      }
      for (const [id, count] of actual) {
        if (count === 0) continue;
        const [sessionDocumentId, question, value] = id.split('\u0000');
        differences.push({ sessionDocumentId, question, value, expected: 0, actual: count });
      }
      return { ok: differences.length === 0, differences };
    },

    /** Replaces every rollup row by counts recomputed from the raw responses (after a bulk load or a restore). */
    async rebuildRollups(): Promise<number> {
      const rows = await countFromResponses();
      await strapi.db.transaction(async () => {
        await strapi.db.query(ROLLUP).deleteMany({});
        for (let i = 0; i < rows.length; i += 200) {
          await strapi.db.query(ROLLUP).createMany({ data: rows.slice(i, i + 200) });
        }
      });
      return rows.length;
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

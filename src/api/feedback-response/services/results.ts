/**
 * The survey results: one session's, a date range's or everything's summary from the rollup counts
 * (with the privacy rule of docs/decisions.md), the anonymised responses for editors, and the
 * sessions that have results. The arithmetic is ../statistics.ts. One service for REST, GraphQL,
 * the site and the admin.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../../messages';
import { dbNames } from '../../../utils/db-names';
import { shownId } from '../../../utils/document-id';
import type { Language } from '../../../utils/language';
import { service } from '../../../utils/services';
import { zonedWallTimeToUtc } from '../../../utils/time';
import type { KeptCounts } from '../../registration/services/seats';
import { localizeQuestion, type QuestionKind, type Survey } from '../../survey/services/survey';
import { merge, questionSummary, rate, scaleStatistics, total, type Counts, type FeedbackSummary, type QuestionMeta, type TrendPoint } from '../statistics';
import { RESPONSES_KEY, type Answer } from './feedback-response';

export type { DistributionEntry, FeedbackSummary, QuestionSummary, TrendPoint } from '../statistics';
export { scaleStatistics } from '../statistics';
export { parseRange } from '../controllers/validation/range';

const ROLLUP = 'api::feedback-rollup.feedback-rollup';
const SESSION = 'api::session.session';
const RESPONSE = 'api::feedback-response.feedback-response';

/** One session (its documentId), a date range (YYYY-MM-DD, Madrid days, both included), or everything. */
export type SummaryScope = { session?: string; from?: string; to?: string };

export type SummaryOptions = {
  language: Language;
  /** Fewer responses than this and the figures are withheld; null for editors, who see everything. */
  threshold: number | null;
  now?: Date;
};

type SessionRow = { id: number; documentId: string; title: string; startsAt: string; survey?: { id: number } | null; kept: KeptCounts | null };

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const results = ({ strapi }: { strapi: Core.Strapi }) => {
  const surveys = () => service(strapi, 'api::survey.survey');
  const seats = () => service(strapi, 'api::registration.seats');

  /** The published Catalan rows (`s`) of a scope's sessions: what the sessions and the subquery of their documentIds read. */
  const scopeRows = (scope: SummaryScope, now: Date) => {
    const names = dbNames(strapi);
    const col = (attribute: string) => `s.${names.column(SESSION, attribute)}`;
    const query = strapi.db.connection(`${names.table(SESSION)} as s`).where(col('locale'), 'ca').whereNotNull(col('publishedAt'));
    if (scope.session !== undefined) query.where(col('documentId'), scope.session);
    else query.where(col('startsAt'), '<=', now);
    if (scope.from !== undefined) query.where(col('startsAt'), '>=', zonedWallTimeToUtc(scope.from, '00:00'));
    if (scope.to !== undefined) query.where(col('startsAt'), '<', zonedWallTimeToUtc(nextDay(scope.to), '00:00'));
    return query;
  };

  /**
   * The published sessions of a scope, oldest first, with their survey and their titles in
   * `language` (the Catalan one where they have none) and their kept registration counts: one
   * statement, the Catalan rows joined to their survey link, their published translation and their
   * counts.
   */
  const sessionsOf = async (scope: SummaryScope, language: Language, now: Date): Promise<SessionRow[]> => {
    const names = dbNames(strapi);
    const col = (attribute: string) => names.column(SESSION, attribute);
    const link = names.joinTable(SESSION, 'survey');
    const query = scopeRows(scope, now).leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 's.id');
    if (language === 'ca') query.select({ title: `s.${col('title')}` });
    else {
      query
        .leftJoin(`${names.table(SESSION)} as t`, (on) =>
          on.on(`t.${col('documentId')}`, '=', `s.${col('documentId')}`).andOn(`t.${col('locale')}`, '=', strapi.db.connection.raw('?', [language])).andOnNotNull(`t.${col('publishedAt')}`)
        )
        .select({ title: strapi.db.connection.raw(`coalesce(t.${col('title')}, s.${col('title')})`) });
    }
    query.select({ id: 's.id', documentId: `s.${col('documentId')}`, startsAt: `s.${col('startsAt')}`, surveyId: `l.${link.inverseJoinColumn.name}` });
    seats().joinKept(query, `s.${col('documentId')}`);
    query.orderBy([{ column: `s.${col('startsAt')}`, order: 'asc' }, { column: 's.id', order: 'asc' }]);
    const rows = await names.inCurrentTransaction<
      { id: number; documentId: string; title: string; startsAt: string | number | Date; surveyId: number | null; keptConfirmed: number | null; keptAttended: number | null }[]
    >(query);
    return rows.map((row) => ({
      kept: seats().keptOf(row),
      id: row.id,
      documentId: row.documentId,
      title: row.title,
      startsAt: new Date(typeof row.startsAt === 'string' && /^\d+$/.test(row.startsAt) ? Number(row.startsAt) : row.startsAt).toISOString(),
      survey: row.surveyId === null || row.surveyId === undefined ? null : { id: Number(row.surveyId) },
    }));
  };

  /**
   * Rollup counts of the sessions (documentIds, or a scope: its sessions' documentIds as a subquery,
   * read beside the sessions rather than after them), summed in the database: session -> question ->
   * value -> count.
   */
  const rollupsOf = async (sessions: string[] | { scope: SummaryScope; now: Date }) => {
    const byQuestion = new Map<string, Map<string, Counts>>();
    const kinds = new Map<string, QuestionKind>();
    if (Array.isArray(sessions) && sessions.length === 0) return { byQuestion, kinds };
    const names = dbNames(strapi);
    const [session, question, kind, value, count] = ['sessionDocumentId', 'question', 'kind', 'value', 'count'].map((a) => names.column(ROLLUP, a));
    const rows = (await strapi.db
      .connection(names.table(ROLLUP))
      .select({ session, question, kind, value })
      .sum({ n: count })
      .whereIn(session, Array.isArray(sessions) ? sessions : scopeRows(sessions.scope, sessions.now).select(`s.${names.column(SESSION, 'documentId')}`))
      .groupBy(session, question, kind, value)) as { session: string; question: string; kind: string; value: string | null; n: number | string }[];
    for (const row of rows) {
      if (row.question !== RESPONSES_KEY) kinds.set(row.question, row.kind as QuestionKind);
      const perSession = byQuestion.get(row.session) ?? new Map<string, Counts>();
      const counts = perSession.get(row.question) ?? new Map<string, number>();
      counts.set(row.value ?? '', (counts.get(row.value ?? '') ?? 0) + Number(row.n));
      perSession.set(row.question, counts);
      byQuestion.set(row.session, perSession);
    }
    return { byQuestion, kinds };
  };

  /** Confirmed registrations and those of them who attended, per session: the seats service's kept counts, read with the sessions. */
  const registrationsOf = async (sessions: SessionRow[]) => {
    const known = new Map(sessions.flatMap((s) => (s.kept === null ? [] : [[s.documentId, s.kept] as const])));
    const counts = await seats().kept(
      sessions.map((s) => s.documentId),
      known
    );
    const pick = (field: 'confirmed' | 'confirmedAttended') => new Map([...counts].map(([id, c]) => [id, c[field]]));
    return { confirmed: pick('confirmed'), attended: pick('confirmedAttended') };
  };

  /** The questions to report, in survey order: the surveys of the sessions (or the default), then keys only seen in answers. */
  const questionsOf = async (sessions: SessionRow[], kinds: Map<string, QuestionKind>, language: Language): Promise<QuestionMeta[]> => {
    const ids = [...new Set(sessions.map((s) => s.survey?.id).filter((id): id is number => id !== undefined))];
    const list: Survey[] = await surveys().forResults(ids, ids.length === 0 || sessions.some((s) => s.survey === null || s.survey === undefined));
    const metas: QuestionMeta[] = [];
    for (const survey of list) {
      for (const q of survey.questions ?? []) {
        if (metas.some((m) => m.key === q.key)) continue;
        const localized = localizeQuestion(q, language);
        metas.push({ key: q.key, kind: kinds.get(q.key) ?? q.kind, label: localized.label, options: localized.options });
      }
    }
    for (const [key, kind] of kinds) if (!metas.some((m) => m.key === key)) metas.push({ key, kind, label: key, options: [] });
    return metas;
  };

  return {
    /**
     * The published results of one session, a date range or everything: per question the answers,
     * the count and percentage of each value, and for scales the mean, median and top-2-box; the
     * response rates; and a series across sessions in date order. Everything is summed from the
     * rollup counts in the database, so its cost does not grow with the number of responses.
     * Below `threshold` responses the figures are withheld (`suppressed`), for the whole and for
     * each point of the series.
     */
    async summary(scope: SummaryScope, { language, threshold, now = new Date() }: SummaryOptions): Promise<FeedbackSummary> {
      const [sessions, { byQuestion, kinds }] = await Promise.all([sessionsOf(scope, language, now), rollupsOf({ scope, now })]);
      if (scope.session !== undefined && sessions.length === 0) {
        throw new errors.NotFoundError(t(language, 'session.notPublished', { id: shownId(scope.session) }));
      }
      const registrations = await registrationsOf(sessions);
      const questions = await questionsOf(sessions, kinds, language);
      const responsesOf = (id: string) => byQuestion.get(id)?.get(RESPONSES_KEY)?.get('') ?? 0;
      const below = (n: number) => threshold !== null && n < threshold;
      // The privacy rule (docs/decisions.md): a published figure adds only per-session cells that are
      // publishable on their own (a session with enough responses; for a question's values, enough
      // answers to it in that session), so no difference of two published figures is a smaller group.
      const cellOf = (id: string, q: QuestionMeta): Counts | undefined => {
        const counts = byQuestion.get(id)?.get(q.key);
        return q.kind !== 'text' && below(total(counts)) ? undefined : counts;
      };

      let responses = 0;
      let confirmed = 0;
      let confirmedAll = 0;
      let attendees = 0;
      let respondedWithAttendance = 0;
      let withheldSessions = 0;
      let withheldResponses = 0;
      const totals = new Map(questions.map((q) => [q.key, new Map<string, number>()]));
      const seen = new Set<string>();
      const series: TrendPoint[] = [];
      for (const session of sessions) {
        const id = session.documentId;
        const n = responsesOf(id);
        const hidden = below(n);
        series.push({
          sessionId: id,
          title: session.title,
          startsAt: new Date(session.startsAt).toISOString(),
          responses: n,
          suppressed: hidden,
          means: hidden
            ? []
            : questions
                .filter((q) => q.kind === 'scale' && cellOf(id, q) !== undefined)
                .map((q) => ({ question: q.key, mean: scaleStatistics(cellOf(id, q) ?? new Map()).mean })),
          shares: hidden
            ? []
            : questions
                .filter((q) => q.kind === 'choice' && cellOf(id, q) !== undefined)
                .flatMap((q) => (questionSummary(q, cellOf(id, q) ?? new Map(), false).distribution ?? []).map((d) => ({ question: q.key, value: d.value, percentage: d.percentage }))),
        });
        responses += n;
        confirmedAll += registrations.confirmed.get(id) ?? 0;
        if (hidden) {
          if (n > 0) withheldSessions += 1;
          withheldResponses += n;
          continue;
        }
        confirmed += registrations.confirmed.get(id) ?? 0;
        const present = registrations.attended.get(id) ?? 0;
        if (present > 0) {
          attendees += present;
          respondedWithAttendance += n;
        }
        for (const q of questions) {
          const cell = cellOf(id, q);
          if (cell === undefined) continue;
          seen.add(q.key);
          merge(totals.get(q.key) as Counts, cell);
        }
      }
      // The figures are those of the sessions that pass the threshold; none: the whole is suppressed.
      const published = responses - withheldResponses;
      const suppressed = below(published);
      return {
        scope: { session: scope.session ?? null, from: scope.from ?? null, to: scope.to ?? null },
        sessions: sessions.length,
        responses,
        withheldSessions,
        withheldResponses,
        confirmedRegistrations: confirmedAll,
        attendees: !suppressed && attendees > 0 ? attendees : null,
        responseRate: !suppressed && confirmed > 0 ? rate(published, confirmed) : null,
        attendeeResponseRate: !suppressed && attendees > 0 ? rate(respondedWithAttendance, attendees) : null,
        threshold,
        suppressed,
        questions: questions.map((q) => questionSummary(q, totals.get(q.key) as Counts, suppressed || (threshold !== null && !seen.has(q.key) && q.kind !== 'text'))),
        series,
      };
    },

    /**
     * The responses of a scope for editors, anonymised: no registration, no name or email, the day
     * only; with the free-text answers, which are never public. Oldest first.
     */
    /** The published sessions that have started, newest first (at most 500): what an editor picks results of. */
    async sessionsWithResults(now = new Date()) {
      const rows = (await strapi.db.query(SESSION).findMany({
        select: ['documentId', 'title', 'startsAt'],
        where: { locale: 'ca', publishedAt: { $notNull: true }, startsAt: { $lte: now } },
        orderBy: { startsAt: 'desc' },
        limit: 500,
      })) as { documentId: string; title: string; startsAt: string }[];
      return rows.map(({ documentId, title, startsAt }) => ({ documentId, title, startsAt }));
    },

    async responses(scope: SummaryScope, { language, now = new Date() }: { language: Language; now?: Date }) {
      const sessions = await sessionsOf(scope, language, now);
      if (sessions.length === 0) return { questions: [] as QuestionMeta[], rows: [] as Record<string, string | number>[] };
      const { kinds } = await rollupsOf(sessions.map((s) => s.documentId));
      const questions = await questionsOf(sessions, kinds, language);
      const byId = new Map(sessions.map((s) => [s.documentId, s]));
      const stored = (await strapi.db.query(RESPONSE).findMany({
        select: ['id', 'answers', 'language', 'submittedAt'],
        where: { session: { documentId: { $in: sessions.map((s) => s.documentId) } } },
        populate: { session: { select: ['documentId'] } },
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      })) as { answers: Answer[] | string | null; language: string; submittedAt: string | null; session?: { documentId: string } | null }[];
      const rows = stored.map((r, index) => {
        const session = r.session ? byId.get(r.session.documentId) : undefined;
        const answers = (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Answer[] | null;
        const row: Record<string, string | number> = {
          response: index + 1,
          sessionDate: session ? new Date(session.startsAt).toISOString().slice(0, 10) : '',
          session: session?.title ?? '',
          language: r.language,
          submittedOn: r.submittedAt ? new Date(r.submittedAt).toISOString().slice(0, 10) : '',
        };
        for (const q of questions) {
          const answer = answers?.find((a) => a.question === q.key);
          row[q.key] = answer === undefined ? '' : answer.value;
        }
        return row;
      });
      return { questions, rows };
    },
  };
};

export type ResultsService = ReturnType<typeof results>;

export default results;

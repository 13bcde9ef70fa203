import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Language } from '../../../utils/language';
import { zonedWallTimeToUtc } from '../../../utils/time';
import { localizeQuestion, SCALE, type QuestionKind, type Survey, type SurveyService } from '../../survey/services/survey';
import { RESPONSES_KEY, type Answer } from './feedback-response';

const ROLLUP = 'api::feedback-rollup.feedback-rollup';
const REGISTRATION = 'api::registration.registration';
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

export type DistributionEntry = { value: string; label: string; count: number; percentage: number };

export type QuestionSummary = {
  key: string;
  kind: QuestionKind;
  label: string;
  answers: number | null;
  distribution: DistributionEntry[] | null;
  mean: number | null;
  median: number | null;
  topTwoBox: number | null;
};

export type TrendPoint = {
  sessionId: string;
  title: string;
  startsAt: string;
  responses: number;
  suppressed: boolean;
  means: { question: string; mean: number | null }[];
  shares: { question: string; value: string; percentage: number }[];
};

export type FeedbackSummary = {
  scope: { session: string | null; from: string | null; to: string | null };
  sessions: number;
  /** Responses in the scope (a count; each session's is in the series too). */
  responses: number;
  /** Sessions (with responses) left out of the figures because they are below the threshold on their own, and their responses. */
  withheldSessions: number;
  withheldResponses: number;
  confirmedRegistrations: number;
  attendees: number | null;
  responseRate: number | null;
  attendeeResponseRate: number | null;
  threshold: number | null;
  suppressed: boolean;
  questions: QuestionSummary[];
  series: TrendPoint[];
};

type SessionRow = { id: number; documentId: string; title: string; startsAt: string; survey?: { id: number } | null };
type Counts = Map<string, number>; // value -> count
type QuestionMeta = { key: string; kind: QuestionKind; label: string; options: { value: string; label: string }[] };

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : round((part / whole) * 100, 1));
/** A rate of people: never above 100 %, whatever stale data says. */
const rate = (part: number, whole: number) => Math.min(100, percent(part, whole));
const total = (counts: Counts | undefined) => [...(counts ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);

/** Mean, median and top-2-box (share of 4 and 5) of scale answers given as counts per point. */
export const scaleStatistics = (counts: Counts) => {
  const n = SCALE.reduce((sum, v) => sum + (counts.get(String(v)) ?? 0), 0);
  if (n === 0) return { n, mean: null, median: null, topTwoBox: null };
  const total = SCALE.reduce((sum, v) => sum + v * (counts.get(String(v)) ?? 0), 0);
  const at = (position: number) => {
    let seen = 0;
    for (const v of SCALE) {
      seen += counts.get(String(v)) ?? 0;
      if (seen >= position) return v;
    }
    return SCALE[SCALE.length - 1];
  };
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  const top = (counts.get('4') ?? 0) + (counts.get('5') ?? 0);
  return { n, mean: round(total / n, 2), median, topTwoBox: percent(top, n) };
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (value: string) => {
  const m = DATE.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** Checks `from`/`to` query values; a 400 naming the parameter, in `language`. */
export const parseRange = (from: unknown, to: unknown, language: Language): { from?: string; to?: string } => {
  const check = (name: string, value: unknown) => {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !isDate(value)) {
      throw new errors.ValidationError(
        language === 'es'
          ? `El parámetro «${name}» debe ser una fecha AAAA-MM-DD (p. ej. 2025-01-30).`
          : `El paràmetre «${name}» ha de ser una data AAAA-MM-DD (p. ex. 2025-01-30).`,
        { param: name }
      );
    }
    return value;
  };
  const range = { from: check('from', from), to: check('to', to) };
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new errors.ValidationError(
      language === 'es' ? '«from» debe ser anterior o igual a «to».' : '«from» ha de ser anterior o igual a «to».',
      { param: 'from' }
    );
  }
  return range;
};

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const results = ({ strapi }: { strapi: Core.Strapi }) => {
  const surveys = () => strapi.service('api::survey.survey') as unknown as SurveyService;
  const table = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  const column = (uid: string, attribute: string) =>
    (strapi.db.metadata.get(uid as never).attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const qualified = (name: string) => {
    const schema = strapi.db.getSchemaName();
    return schema ? `${schema}.${name}` : name;
  };

  /** The published sessions of a scope, oldest first, with their titles in `language`. */
  const sessionsOf = async (scope: SummaryScope, language: Language, now: Date): Promise<SessionRow[]> => {
    const startsAt: Record<string, Date> = {};
    if (scope.session === undefined) startsAt.$lte = now;
    if (scope.from !== undefined) startsAt.$gte = zonedWallTimeToUtc(scope.from, '00:00');
    if (scope.to !== undefined) startsAt.$lt = zonedWallTimeToUtc(nextDay(scope.to), '00:00');
    const rows = (await strapi.db.query(SESSION).findMany({
      select: ['id', 'documentId', 'title', 'startsAt'],
      where: {
        locale: 'ca',
        publishedAt: { $notNull: true },
        ...(scope.session !== undefined ? { documentId: scope.session } : {}),
        ...(Object.keys(startsAt).length > 0 ? { startsAt } : {}),
      },
      populate: { survey: { select: ['id'] } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    })) as SessionRow[];
    if (language !== 'ca' && rows.length > 0) {
      const translated = (await strapi.db.query(SESSION).findMany({
        select: ['documentId', 'title'],
        where: { locale: language, publishedAt: { $notNull: true }, documentId: { $in: rows.map((r) => r.documentId) } },
      })) as { documentId: string; title: string }[];
      const titles = new Map(translated.map((t) => [t.documentId, t.title]));
      for (const row of rows) row.title = titles.get(row.documentId) ?? row.title;
    }
    return rows;
  };

  /** Rollup counts of the sessions, summed in the database: session -> question -> value -> count. */
  const rollupsOf = async (ids: string[]) => {
    const byQuestion = new Map<string, Map<string, Counts>>();
    const kinds = new Map<string, QuestionKind>();
    if (ids.length === 0) return { byQuestion, kinds };
    const [session, question, kind, value, count] = ['sessionDocumentId', 'question', 'kind', 'value', 'count'].map((a) => column(ROLLUP, a));
    const rows = (await strapi.db
      .getConnection(table(ROLLUP))
      .select({ session, question, kind, value })
      .sum({ n: count })
      .whereIn(session, ids)
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

  /** Confirmed registrations and attendees per session, counted in the database. */
  const registrationsOf = async (ids: string[]) => {
    const confirmed = new Map<string, number>();
    const attended = new Map<string, number>();
    if (ids.length === 0) return { confirmed, attended };
    const link = (strapi.db.metadata.get(REGISTRATION as never).attributes.session as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    }).joinTable;
    const status = `r.${column(REGISTRATION, 'registrationStatus')}`;
    const present = `r.${column(REGISTRATION, 'attended')}`;
    const documentId = `s.${column(SESSION, 'documentId')}`;
    const rows = (await strapi.db.connection
      .from(`${qualified(table(REGISTRATION))} as r`)
      .join(`${qualified(link.name)} as l`, `l.${link.joinColumn.name}`, 'r.id')
      .join(`${qualified(table(SESSION))} as s`, 's.id', `l.${link.inverseJoinColumn.name}`)
      .whereIn(documentId, ids)
      .where(status, 'confirmed')
      .groupBy(documentId)
      .select({ session: documentId })
      // A registration may link to both versions (draft, published) of its session: each counts once.
      .select(strapi.db.connection.raw('COUNT(DISTINCT r.id) AS confirmed'))
      .select(strapi.db.connection.raw(`COUNT(DISTINCT CASE WHEN ${present} = ? THEN r.id END) AS attended`, [true]))) as {
      session: string;
      confirmed: number | string;
      attended: number | string;
    }[];
    for (const row of rows) {
      confirmed.set(row.session, Number(row.confirmed));
      attended.set(row.session, Number(row.attended));
    }
    return { confirmed, attended };
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

  const merge = (target: Counts, source: Counts | undefined) => {
    for (const [value, n] of source ?? []) target.set(value, (target.get(value) ?? 0) + n);
  };

  const questionSummary = (meta: QuestionMeta, counts: Counts, suppressed: boolean): QuestionSummary => {
    const base = { key: meta.key, kind: meta.kind, label: meta.label };
    if (suppressed) return { ...base, answers: null, distribution: null, mean: null, median: null, topTwoBox: null };
    const answers = [...counts.values()].reduce((a, b) => a + b, 0);
    if (meta.kind === 'text') return { ...base, answers, distribution: null, mean: null, median: null, topTwoBox: null };
    const values =
      meta.kind === 'scale'
        ? SCALE.map((v) => ({ value: String(v), label: String(v) }))
        : [...meta.options, ...[...counts.keys()].filter((v) => !meta.options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
    const distribution = values.map((v) => ({ ...v, count: counts.get(v.value) ?? 0, percentage: percent(counts.get(v.value) ?? 0, answers) }));
    if (meta.kind !== 'scale') return { ...base, answers, distribution, mean: null, median: null, topTwoBox: null };
    const stats = scaleStatistics(counts);
    return { ...base, answers, distribution, mean: stats.mean, median: stats.median, topTwoBox: stats.topTwoBox };
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
      const sessions = await sessionsOf(scope, language, now);
      if (scope.session !== undefined && sessions.length === 0) {
        throw new errors.NotFoundError(
          language === 'es'
            ? `No hay ninguna sesión publicada con el identificador «${scope.session.slice(0, 64)}».`
            : `No hi ha cap sessió publicada amb l’identificador «${scope.session.slice(0, 64)}».`
        );
      }
      const ids = sessions.map((s) => s.documentId);
      const [{ byQuestion, kinds }, registrations] = await Promise.all([rollupsOf(ids), registrationsOf(ids)]);
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

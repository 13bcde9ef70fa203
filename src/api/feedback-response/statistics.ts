/**
 * The arithmetic of survey results, free of the database: what a summary looks like, and how counts
 * per value become a question's distribution, mean, median and top-2-box.
 */
import { SCALE, type QuestionKind } from '../survey/services/survey';

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

export type Counts = Map<string, number>; // value -> count
export type QuestionMeta = { key: string; kind: QuestionKind; label: string; options: { value: string; label: string }[] };

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
export const percent = (part: number, whole: number) => (whole === 0 ? 0 : round((part / whole) * 100, 1));
/** A rate of people: never above 100 %, whatever stale data says. */
export const rate = (part: number, whole: number) => Math.min(100, percent(part, whole));
export const total = (counts: Counts | undefined) => [...(counts ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);

/** Mean, median and top-2-box (share of 4 and 5) of scale answers given as counts per point. */
export const scaleStatistics = (counts: Counts) => {
  const n = SCALE.reduce((sum, v) => sum + (counts.get(String(v)) ?? 0), 0);
  if (n === 0) return { n, mean: null, median: null, topTwoBox: null };
  const weighted = SCALE.reduce((sum, v) => sum + v * (counts.get(String(v)) ?? 0), 0);
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
  return { n, mean: round(weighted / n, 2), median, topTwoBox: percent(top, n) };
};


/** Adds `source`'s counts to `target`'s. */
export const merge = (target: Counts, source: Counts | undefined) => {
  for (const [value, n] of source ?? []) target.set(value, (target.get(value) ?? 0) + n);
};

/** A question's published figures from its counts; all null when `suppressed`, no distribution for free text. */
export const questionSummary = (meta: QuestionMeta, counts: Counts, suppressed: boolean): QuestionSummary => {
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

/**
 * The rollup counts behind the results: one row per (session, question, value) kept in the
 * submission's transaction (`add`), and the check and rebuild from the raw responses, which stay
 * the source of truth (`verify`, `rebuild`).
 */
import type { Core } from '@strapi/strapi';
import type { Answer, AnswerValue } from '../controllers/validation/answers';
import type { SurveyQuestion } from '../../survey/services/survey';

const UID = 'api::feedback-response.feedback-response';
const ROLLUP = 'api::feedback-rollup.feedback-rollup';

/** The rollup row that counts a session's responses (one per submission). */
export const RESPONSES_KEY = '__responses';

/** The rollup value of one answer: the scale point or option; text answers are only counted. */
const rollupValue = (kind: string, value: AnswerValue) => (kind === 'text' ? '' : String(value));

const rollups = (strapi: Core.Strapi) => {
  /** Adds one to each rollup row of `answers` (and the response count), under the session's lock. */
  const add = async (sessionDocumentId: string, answers: Answer[], kinds: Map<string, string>) => {
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
    /** Adds one to each rollup row of `answers` (and the response count); call it under the session's lock, in the submission's transaction. */
    add,

    /**
     * Recomputes every count from the raw responses and compares it with the rollups: the check
     * that the counts kept at submission time are right. Returns the differences (none expected).
     */
    async verify() {
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
    async rebuild(): Promise<number> {
      const rows = await countFromResponses();
      await strapi.db.transaction(async () => {
        await strapi.db.query(ROLLUP).deleteMany({});
        for (let i = 0; i < rows.length; i += 200) {
          await strapi.db.query(ROLLUP).createMany({ data: rows.slice(i, i + 200) });
        }
      });
      return rows.length;
    },

  };
};

export type RollupsService = ReturnType<typeof rollups>;

export default ({ strapi }: { strapi: Core.Strapi }) => rollups(strapi);

/**
 * Surveys: the default survey, a session's survey, questions localized, and what the results need
 * of removed questions.
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Language } from '../../../utils/language';

const UID = 'api::survey.survey';
const ROLLUP = 'api::feedback-rollup.feedback-rollup';

export type QuestionKind = 'scale' | 'choice' | 'text';

export type SurveyOption = { value: string; labelCa: string; labelEs: string };

export type SurveyQuestion = {
  key: string;
  kind: QuestionKind;
  required?: boolean | null;
  labelCa: string;
  labelEs: string;
  minLabelCa?: string | null;
  minLabelEs?: string | null;
  maxLabelCa?: string | null;
  maxLabelEs?: string | null;
  options?: SurveyOption[] | null;
};

export type Survey = { id: number; documentId: string; name: string; isDefault: boolean | null; questions: SurveyQuestion[] };

/** A question as the survey page and the results show it, in one language. */
export type LocalizedQuestion = {
  key: string;
  kind: QuestionKind;
  required: boolean;
  label: string;
  minLabel: string | null;
  maxLabel: string | null;
  options: { value: string; label: string }[];
  maxLength: number | null;
};

/** Scale answers are whole numbers from 1 to 5; free text is capped per answer. */
export const SCALE = [1, 2, 3, 4, 5] as const;
export const TEXT_MAX = 2000;

/**
 * The source's survey: four questions, then an optional comment and an optional "topic you would
 * like next", which staff can turn into a proposal.
 */
export const DEFAULT_SURVEY: { name: string; isDefault: true; questions: SurveyQuestion[] } = {
  name: 'Enquesta de valoració (per defecte)',
  isDefault: true,
  questions: [
    {
      key: 'content',
      kind: 'scale',
      required: true,
      labelCa: 'Com valoreu el contingut de la sessió?',
      labelEs: '¿Cómo valoráis el contenido de la sesión?',
      minLabelCa: 'Gens útil',
      minLabelEs: 'Nada útil',
      maxLabelCa: 'Molt útil',
      maxLabelEs: 'Muy útil',
    },
    {
      key: 'duration',
      kind: 'choice',
      required: true,
      labelCa: 'Què us ha semblat la durada?',
      labelEs: '¿Qué os ha parecido la duración?',
      options: [
        { value: 'too_short', labelCa: 'Massa curta', labelEs: 'Demasiado corta' },
        { value: 'right', labelCa: 'Adequada', labelEs: 'Adecuada' },
        { value: 'too_long', labelCa: 'Massa llarga', labelEs: 'Demasiado larga' },
      ],
    },
    {
      key: 'understood',
      kind: 'scale',
      required: true,
      labelCa: 'Les explicacions han estat clares?',
      labelEs: '¿Las explicaciones han sido claras?',
      minLabelCa: 'Gens clares',
      minLabelEs: 'Nada claras',
      maxLabelCa: 'Molt clares',
      maxLabelEs: 'Muy claras',
    },
    {
      key: 'applicable',
      kind: 'scale',
      required: true,
      labelCa: 'Podreu aplicar el que s’ha explicat a la vostra entitat?',
      labelEs: '¿Podréis aplicar lo explicado en vuestra entidad?',
      minLabelCa: 'Gens',
      minLabelEs: 'Nada',
      maxLabelCa: 'Totalment',
      maxLabelEs: 'Totalmente',
    },
    {
      key: 'comment',
      kind: 'text',
      required: false,
      labelCa: 'Comentaris (opcional)',
      labelEs: 'Comentarios (opcional)',
    },
    {
      key: 'nextTopic',
      kind: 'text',
      required: false,
      labelCa: 'Sobre quin tema us agradaria la propera sessió? (opcional)',
      labelEs: '¿Sobre qué tema os gustaría la próxima sesión? (opcional)',
    },
  ],
};

export const localizeQuestion = (q: SurveyQuestion, language: Language): LocalizedQuestion => {
  const es = language === 'es';
  return {
    key: q.key,
    kind: q.kind,
    required: q.required !== false && q.kind !== 'text' ? true : q.required === true,
    label: es ? q.labelEs : q.labelCa,
    minLabel: (es ? q.minLabelEs : q.minLabelCa) ?? null,
    maxLabel: (es ? q.maxLabelEs : q.maxLabelCa) ?? null,
    options: (q.options ?? []).map((o) => ({ value: o.value, label: es ? o.labelEs : o.labelCa })),
    maxLength: q.kind === 'text' ? TEXT_MAX : null,
  };
};

/** Problems of a survey's questions on their own: duplicate keys, choices without options. */
const structureProblems = (questions: SurveyQuestion[]): string[] => {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.key)) problems.push(`La clau «${q.key}» és a més d’una pregunta.`);
    seen.add(q.key);
    const values = (q.options ?? []).map((o) => o.value);
    if (q.kind === 'choice' && values.length < 2) problems.push(`La pregunta «${q.key}» és d’opcions i en necessita almenys dues.`);
    if (new Set(values).size !== values.length) problems.push(`La pregunta «${q.key}» té opcions repetides.`);
  }
  return problems;
};

const POPULATE = { questions: { populate: { options: true } } } as const;

const surveys = (strapi: Core.Strapi) => {
  const defaultSurvey = async (): Promise<Survey | null> => {
    const [survey] = (await strapi.db.query(UID).findMany({
      where: { isDefault: true },
      populate: POPULATE,
      orderBy: { id: 'asc' },
      limit: 1,
    })) as Survey[];
    return survey ?? null;
  };

  /** The survey every session uses unless an editor chose another one; created on first start. */
  const ensureDefault = async (): Promise<Survey> => {
    const existing = await defaultSurvey();
    if (existing !== null) return existing;
    await strapi.documents(UID).create({ data: DEFAULT_SURVEY as never });
    return (await defaultSurvey()) as Survey;
  };

  // Results only need the surveys' labels: kept for a few seconds, forgotten at once on a local edit
  // (src/document-middlewares/check-survey.ts); another process's edit shows within LABELS_TTL_MS.
  const LABELS_TTL_MS = 10000;
  let labels: { at: number; byId: Map<number, Survey>; defaultId: number } | null = null;
  const labelCache = async () => {
    if (labels !== null && Date.now() - labels.at < LABELS_TTL_MS) return labels;
    const fallback = await ensureDefault();
    const all = (await strapi.db.query(UID).findMany({ populate: POPULATE })) as Survey[];
    labels = { at: Date.now(), byId: new Map(all.map((survey) => [survey.id, survey])), defaultId: fallback.id };
    return labels;
  };

  return {
    defaultSurvey,
    ensureDefault,

    /** Forgets the surveys kept for the results' labels (after an edit). */
    forget(): void {
      labels = null;
    },

    /** The default survey, then the surveys of `ids` (when they exist), for the results' labels. */
    async forResults(ids: number[], withDefault: boolean): Promise<Survey[]> {
      const cache = await labelCache();
      const chosen = ids.map((id) => cache.byId.get(id)).filter((survey): survey is Survey => survey !== undefined);
      const fallback = cache.byId.get(cache.defaultId);
      return withDefault && fallback !== undefined ? [fallback, ...chosen.filter((survey) => survey.id !== fallback.id)] : chosen;
    },

    /** The survey of one session: the one chosen on its Catalan version, or the default. */
    async forSession(sessionDocumentId: string): Promise<Survey> {
      const rows = (await strapi.db.query('api::session.session').findMany({
        where: { documentId: sessionDocumentId, locale: 'ca' },
        populate: { survey: { populate: POPULATE } },
      })) as { publishedAt: string | null; survey?: Survey | null }[];
      const chosen = rows.find((r) => r.publishedAt !== null)?.survey ?? rows[0]?.survey;
      return chosen ?? (await ensureDefault());
    },

    /** Refuses a second default survey: sessions without a survey of their own would not know which to use. */
    async checkSingleDefault(documentId: string | undefined): Promise<void> {
      const other = (await strapi.db.query(UID).findOne({
        where: { isDefault: true, ...(documentId !== undefined ? { documentId: { $ne: documentId } } : {}) },
        select: ['name'],
      })) as { name: string } | null;
      if (other !== null) {
        throw new errors.ValidationError(`Ja hi ha una enquesta per defecte («${other.name}»): desmarqueu-la abans de triar-ne una altra.`, {
          errors: [{ path: ['isDefault'], message: 'another survey is the default', name: 'ValidationError' }],
        });
      }
    },

    /**
     * Refuses a survey that would corrupt results: duplicate keys, a choice with fewer than two
     * options, or a question whose key already has answers of another kind (results add answers up
     * by key across sessions, so a key keeps its kind for ever). Removing a question is allowed:
     * its past answers stay in the results.
     */
    async checkQuestions(questions: SurveyQuestion[] | undefined): Promise<void> {
      if (questions === undefined) return;
      const problems = structureProblems(questions);
      const answered = (await strapi.db.query(ROLLUP).findMany({
        select: ['question', 'kind'],
        where: { question: { $in: questions.map((q) => q.key) }, count: { $gt: 0 } },
      })) as { question: string; kind: string }[];
      for (const q of questions) {
        const before = answered.find((a) => a.question === q.key);
        if (before !== undefined && before.kind !== q.kind) {
          problems.push(
            `La pregunta «${q.key}» ja té respostes de tipus «${before.kind}»: no pot passar a «${q.kind}». Feu-ne una de nova amb una altra clau.`
          );
        }
      }
      if (problems.length > 0) {
        throw new errors.ValidationError(problems[0], {
          errors: problems.map((message) => ({ path: ['questions'], message, name: 'ValidationError' })),
        });
      }
    },
  };
};

export type SurveyService = ReturnType<typeof surveys>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => surveys(strapi));

/**
 * Admin handlers of the feedback results, for editors: the summary with no privacy threshold, the
 * anonymised responses with their free text, the sessions that have results, CSV and XLSX exports.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { parseRange, type FeedbackSummary, type SummaryScope } from '../../api/feedback-response/services/results';
import { isDocumentId } from '../../utils/document-id';
import { service } from '../../utils/services';
import { sendSpreadsheet } from '../http';

/** The scope of an editor's request: ?session=<documentId>, or ?from=&to= dates, or everything. */
const scopeOf = (ctx: Context): SummaryScope => {
  const session = typeof ctx.query.session === 'string' && ctx.query.session !== '' ? ctx.query.session : undefined;
  if (session !== undefined && !isDocumentId(session)) throw new errors.ValidationError('El paràmetre «session» no és un identificador de sessió.');
  const range = parseRange(ctx.query.from, ctx.query.to, 'ca');
  return session !== undefined ? { session, ...range } : range;
};

/** The summary as rows: one per value of each question, with the question's statistics. */
export const summaryRows = (summary: FeedbackSummary) =>
  summary.questions.flatMap((q) =>
    (q.distribution ?? [{ value: '', label: '', count: q.answers ?? 0, percentage: 100 }]).map((d) => ({
      question: q.key,
      label: q.label,
      kind: q.kind,
      value: d.value,
      valueLabel: d.label,
      count: d.count,
      percentage: d.percentage,
      answers: q.answers ?? '',
      mean: q.mean ?? '',
      median: q.median ?? '',
      topTwoBox: q.topTwoBox ?? '',
    }))
  );

const SUMMARY_COLUMNS = [
  { key: 'question', header: 'Pregunta' },
  { key: 'label', header: 'Text de la pregunta' },
  { key: 'kind', header: 'Tipus' },
  { key: 'value', header: 'Valor' },
  { key: 'valueLabel', header: 'Resposta' },
  { key: 'count', header: 'Respostes' },
  { key: 'percentage', header: '%' },
  { key: 'answers', header: 'Total de respostes a la pregunta' },
  { key: 'mean', header: 'Mitjana' },
  { key: 'median', header: 'Mediana' },
  { key: 'topTwoBox', header: '% de 4 i 5' },
];

export const feedbackController = (strapi: Core.Strapi) => {
  const results = () => service(strapi, 'api::feedback-response.results');

  return {
    async summary(ctx: Context) {
      ctx.body = { data: await results().summary(scopeOf(ctx), { language: 'ca', threshold: null }) };
    },

    async responses(ctx: Context) {
      ctx.body = { data: await results().responses(scopeOf(ctx), { language: 'ca' }) };
    },

    async sessions(ctx: Context) {
      ctx.body = { data: await results().sessionsWithResults() };
    },

    /** GET …/feedback/export/:what.:format, what: summary | responses, format: csv | xlsx */
    async export(ctx: Context) {
      const what = String(ctx.params.what);
      const format = String(ctx.params.format);
      if (format !== 'csv' && format !== 'xlsx') throw new errors.NotFoundError('Formats: csv o xlsx.');
      const scope = scopeOf(ctx);
      const name = `valoracions-${what}-${scope.session ?? `${scope.from ?? 'inici'}-${scope.to ?? 'avui'}`}`;
      if (what === 'summary') {
        const rows = summaryRows(await results().summary(scope, { language: 'ca', threshold: null }));
        await sendSpreadsheet(ctx, name, format, rows, SUMMARY_COLUMNS, 'Resum');
        return;
      }
      if (what !== 'responses') throw new errors.NotFoundError('Es pot exportar «summary» o «responses».');
      const data = await results().responses(scope, { language: 'ca' });
      const columns = [
        { key: 'response', header: 'Resposta' },
        { key: 'sessionDate', header: 'Data de la sessió' },
        { key: 'session', header: 'Sessió' },
        { key: 'language', header: 'Idioma' },
        { key: 'submittedOn', header: 'Dia de la resposta' },
        ...data.questions.map((q) => ({ key: q.key, header: q.key })),
      ];
      await sendSpreadsheet(ctx, name, format, data.rows, columns, 'Respostes');
    },
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import ExcelJS from 'exceljs';
import type { Context } from 'koa';
import { parseRange, type FeedbackSummary, type ResultsService, type SummaryScope } from '../api/feedback-response/services/results';
import type { ProposalService } from '../api/proposal/services/proposal';
import { toCsv } from '../utils/csv';

const RESPONSE = 'api::feedback-response.feedback-response';

type Policy = string | { name: string; config: unknown };

const readable: Policy[] = [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [['plugin::content-manager.explorer.read', RESPONSE]] } },
];

/** The scope of an editor's request: ?session=<documentId>, or ?from=&to= dates, or everything. */
const scopeOf = (ctx: Context): SummaryScope => {
  const session = typeof ctx.query.session === 'string' && ctx.query.session !== '' ? ctx.query.session : undefined;
  if (session !== undefined && !/^[a-z0-9]{1,64}$/.test(session)) throw new errors.ValidationError('El paràmetre «session» no és un identificador de sessió.');
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

/**
 * Admin routes (under /admin, with the admin's login) of the feedback results: the summary with no
 * privacy threshold, the anonymised responses with their free text, CSV and XLSX exports, and turning
 * a response's "next topic" into a proposal.
 */
export const registerFeedbackAdminRoutes = (strapi: Core.Strapi): void => {
  const results = () => strapi.service('api::feedback-response.results') as unknown as ResultsService;
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context) => Promise<void>, policies: Policy[] = readable) => ({
    method,
    path,
    handler,
    config: { policies },
    info: { pluginName: 'gomunicipal', type: 'admin' },
  });

  const exportFile = async (ctx: Context, what: string, format: string) => {
    const scope = scopeOf(ctx);
    let columns: { key: string; header: string }[];
    let rows: Record<string, unknown>[];
    if (what === 'summary') {
      rows = summaryRows(await results().summary(scope, { language: 'ca', threshold: null }));
      columns = SUMMARY_COLUMNS;
    } else if (what === 'responses') {
      const data = await results().responses(scope, { language: 'ca' });
      rows = data.rows;
      columns = [
        { key: 'response', header: 'Resposta' },
        { key: 'sessionDate', header: 'Data de la sessió' },
        { key: 'session', header: 'Sessió' },
        { key: 'language', header: 'Idioma' },
        { key: 'submittedOn', header: 'Dia de la resposta' },
        ...data.questions.map((q) => ({ key: q.key, header: q.key })),
      ];
    } else {
      throw new errors.NotFoundError('Es pot exportar «summary» o «responses».');
    }
    const name = `valoracions-${what}-${scope.session ?? `${scope.from ?? 'inici'}-${scope.to ?? 'avui'}`}`;
    ctx.set('Cache-Control', 'no-store');
    if (format === 'csv') {
      ctx.set('Content-Disposition', `attachment; filename="${name}.csv"`);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = toCsv(rows, columns);
      return;
    }
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'GOmunicipal';
    const sheet = workbook.addWorksheet(what === 'summary' ? 'Resum' : 'Respostes');
    sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: Math.max(10, c.header.length + 2) }));
    sheet.addRows(rows);
    sheet.getRow(1).font = { bold: true };
    ctx.set('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.body = Buffer.from(await workbook.xlsx.writeBuffer());
  };

  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      route('GET', '/gomunicipal/feedback/summary', async (ctx) => {
        ctx.body = { data: await results().summary(scopeOf(ctx), { language: 'ca', threshold: null }) };
      }),
      route('GET', '/gomunicipal/feedback/responses', async (ctx) => {
        ctx.body = { data: await results().responses(scopeOf(ctx), { language: 'ca' }) };
      }),
      route('GET', '/gomunicipal/feedback/sessions', async (ctx) => {
        const sessions = (await strapi.db.query('api::session.session').findMany({
          select: ['documentId', 'title', 'startsAt'],
          where: { locale: 'ca', publishedAt: { $notNull: true }, startsAt: { $lte: new Date() } },
          orderBy: { startsAt: 'desc' },
          limit: 500,
        })) as { documentId: string; title: string; startsAt: string }[];
        ctx.body = { data: sessions.map(({ documentId, title, startsAt }) => ({ documentId, title, startsAt })) };
      }),
      route('GET', '/gomunicipal/feedback/export/:what.:format', async (ctx) => {
        const format = String(ctx.params.format);
        if (format !== 'csv' && format !== 'xlsx') throw new errors.NotFoundError('Formats: csv o xlsx.');
        await exportFile(ctx, String(ctx.params.what), format);
      }),
      route(
        'POST',
        '/gomunicipal/feedback-responses/:documentId/proposal',
        async (ctx) => {
          const user = ctx.state.user as { email: string; firstname?: string; lastname?: string };
          const by = `${[user.firstname, user.lastname].filter(Boolean).join(' ') || user.email} <${user.email}>`;
          const proposals = strapi.service('api::proposal.proposal') as unknown as ProposalService;
          try {
            ctx.status = 201;
            ctx.body = { data: await proposals.fromFeedback(String(ctx.params.documentId), by) };
          } catch (error) {
            if ((error as Error).name !== 'ConflictError') throw error;
            ctx.status = 409;
            ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: (error as Error).message } };
          }
        },
        [
          'admin::isAuthenticatedAdmin',
          { name: 'admin::hasPermissions', config: { actions: [['plugin::content-manager.explorer.create', 'api::proposal.proposal']] } },
        ]
      ),
    ],
  });
};

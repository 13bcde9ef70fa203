/**
 * The results page: the published survey results across sessions, per question, with the trend
 * over time, for a date range chosen with a plain GET form (works without JavaScript). The same
 * service and privacy threshold as the API; a bad date answers 400 with the form and the problem.
 */
import type { FeedbackSummary } from '../../api/feedback-response/services/results';
import type { Language } from '../../utils/language';
import { summaryFigures, trendFigures } from '../charts';
import type { ProgrammeTexts } from '../data';
import { formatNumber } from '../format';
import { html, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { t, tn } from '../../messages';
import { SITE_PATHS, alternates } from '../urls';

export type ResultsModel = {
  language: Language;
  texts: ProgrammeTexts | null;
  range: { from?: string; to?: string };
  summary?: FeedbackSummary;
  /** A problem with the range: which field and the message, in the page's language. */
  problem?: { param: string; message: string };
};

const field = (model: ResultsModel, name: 'from' | 'to'): SafeHtml => {
  const { language } = model;
  const invalid = model.problem?.param === name;
  const label = t(language, name === 'from' ? 'rangeFrom' : 'rangeTo');
  return html`<div class="field"><label for="${name}">${label}</label>
<input type="date" id="${name}" name="${name}" value="${model.range[name] ?? ''}" aria-describedby="range-hint${invalid ? ' range-error' : ''}"${invalid ? html` aria-invalid="true"` : ''} /></div>`;
};

export const resultsPage = (model: ResultsModel): { meta: PageMeta; body: SafeHtml } => {
  const { language, summary } = model;
  const title = t(language, 'resultsTitle');
  const form = html`<form class="range" method="get" action="${SITE_PATHS.results(language)}"><fieldset><legend>${t(language, 'rangeLegend')}</legend>
<p class="hint" id="range-hint">${t(language, 'rangeHint')}</p>
<div class="range-fields">${field(model, 'from')}${field(model, 'to')}</div>
${model.problem ? html`<p class="error" id="range-error">${t(language, 'badRange')}: ${model.problem.message}</p>` : ''}
<button type="submit">${t(language, 'rangeApply')}</button></fieldset></form>`;
  const figures =
    summary === undefined
      ? html``
      : html`<section aria-labelledby="overall"><h2 id="overall">${t(language, 'overallHeading')}</h2>
<p class="meta">${tn(language, 'rangeSessions', summary.sessions, (n) => formatNumber(language, n))}</p>
${summaryFigures(summary, language, 3)}</section>
${summary.suppressed ? '' : html`<section aria-labelledby="trend"><h2 id="trend">${t(language, 'trendHeading')}</h2>${trendFigures(summary, language)}</section>`}`;
  const body = html`<h1>${title}</h1>
${model.texts?.resultsIntro ? html`<p class="lead">${model.texts.resultsIntro}</p>` : ''}
${form}
${figures}`;
  return {
    meta: {
      language,
      title,
      description: model.texts?.resultsIntro ?? undefined,
      path: SITE_PATHS.results(language),
      alternates: alternates(SITE_PATHS.results),
      section: 'results',
      noindex: model.problem !== undefined,
    },
    body,
  };
};

/**
 * Feedback results as accessible charts: each question's distribution as an SVG bar chart, and a
 * scale question's trend across sessions as an SVG line, each followed by a table with the same
 * figures (the chart is an image with a name; the table is what a screen reader reads). No script.
 */
import type { FeedbackSummary, QuestionSummary, TrendPoint } from '../api/feedback-response/services/results';
import type { Language } from '../utils/language';
import { formatNumber, formatPercent, formatShortDay } from './format';
import { html, type SafeHtml } from './html';
import { t, tn } from '../messages';

const WIDTH = 320;
const ROW = 26;

/** Room for the longest value label (about 6.6 units per character at the charts' 12px). */
const labelWidth = (labels: string[]) => Math.min(150, Math.max(40, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * 6.6) + 10));

const barChart = (question: QuestionSummary, id: string, language: Language): SafeHtml => {
  const rows = question.distribution ?? [];
  const height = rows.length * ROW + 4;
  const label = labelWidth(rows.map((row) => row.label));
  const bars = rows.map((row, index) => {
    const y = index * ROW + 2;
    const width = Math.round(((WIDTH - label - 52) * row.percentage) / 100);
    return html`<text x="${label - 6}" y="${y + 16}" text-anchor="end">${row.label}</text><rect x="${label}" y="${y + 3}" width="${Math.max(width, 1)}" height="${ROW - 8}" rx="2"></rect><text x="${label + width + 6}" y="${y + 16}">${formatPercent(language, row.percentage)} %</text>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-name" focusable="false"><title id="${id}-name">${t(language, 'chartLabel', { question: question.label })}</title>${bars}</svg>`;
};

const distributionTable = (question: QuestionSummary, language: Language): SafeHtml =>
  html`<table class="figures"><caption class="visually-hidden">${question.label}</caption>
<thead><tr><th scope="col">${t(language, 'tableAnswer')}</th><th scope="col">${t(language, 'tableCount')}</th><th scope="col">${t(language, 'tablePercent')}</th></tr></thead>
<tbody>${(question.distribution ?? []).map((row) => html`<tr><th scope="row">${row.label}</th><td>${formatNumber(language, row.count)}</td><td>${formatPercent(language, row.percentage)} %</td></tr>`)}</tbody></table>`;

/** One question of a published (not suppressed) summary: heading, headline figures, chart, table. */
export const questionFigure = (question: QuestionSummary, index: number, language: Language, headingLevel: 3 | 4, threshold: number): SafeHtml => {
  // A question nobody answered (an optional one, or one added later) has nothing to show.
  if (question.answers === 0) return html``;
  const id = `q-${index}-${question.key.replace(/[^A-Za-z0-9]/g, '')}`;
  const heading = headingLevel === 3 ? html`<h3 id="${id}">${question.label}</h3>` : html`<h4 id="${id}">${question.label}</h4>`;
  // Withheld on its own: too few answers to it in every session that counts.
  if (question.answers === null) return html`<section class="question" aria-labelledby="${id}">${heading}<p>${t(language, 'questionWithheld', { threshold })}</p></section>`;
  if (question.kind === 'text') {
    return html`<section class="question" aria-labelledby="${id}">${heading}<p>${tn(language, 'textQuestion', question.answers ?? 0, (n) => formatNumber(language, n))}</p></section>`;
  }
  const headline = [
    question.mean !== null ? t(language, 'meanLine', { mean: formatNumber(language, question.mean) }) : undefined,
    question.topTwoBox !== null ? t(language, 'topTwoLine', { pct: formatPercent(language, question.topTwoBox) }) : undefined,
  ].filter((line): line is string => line !== undefined);
  return html`<section class="question" aria-labelledby="${id}">${heading}
${headline.length > 0 ? html`<p class="headline">${headline.join(' · ')}</p>` : ''}
<figure>${barChart(question, id, language)}</figure>
${distributionTable(question, language)}</section>`;
};

/** The figures of a summary, or the plain statement that they are withheld below the threshold. */
export const summaryFigures = (summary: FeedbackSummary, language: Language, headingLevel: 3 | 4): SafeHtml => {
  if (summary.suppressed) return html`<p class="notice">${t(language, 'suppressed', { threshold: summary.threshold ?? 0 })}</p>`;
  const rate = summary.responseRate !== null ? ` · ${t(language, 'responseRate', { rate: formatPercent(language, summary.responseRate) })}` : '';
  const threshold = summary.threshold ?? 0;
  const withheld = summary.withheldSessions > 0 ? html`<p class="meta">${tn(language, 'withheldSessions', summary.withheldSessions, (n) => formatNumber(language, n), { threshold })}</p>` : '';
  return html`<p class="meta">${tn(language, 'responses', summary.responses - summary.withheldResponses, (n) => formatNumber(language, n))}${rate}</p>${withheld}
${summary.questions.map((q, i) => questionFigure(q, i, language, headingLevel, threshold))}`;
};

const TREND_HEIGHT = 140;

const trendChart = (points: { x: number; mean: number }[], id: string, label: string): SafeHtml => {
  const step = points.length > 1 ? (WIDTH - 40) / (points.length - 1) : 0;
  const y = (mean: number) => Math.round(TREND_HEIGHT - 20 - ((mean - 1) / 4) * (TREND_HEIGHT - 40));
  const coords = points.map((p, i) => `${30 + Math.round(i * step)},${y(p.mean)}`);
  const grid = [1, 2, 3, 4, 5].map((v) => html`<line class="grid" x1="28" x2="${WIDTH}" y1="${y(v)}" y2="${y(v)}"></line><text x="22" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  return html`<svg class="chart trend" viewBox="0 0 ${WIDTH} ${TREND_HEIGHT}" role="img" aria-labelledby="${id}-name" focusable="false"><title id="${id}-name">${label}</title>${grid}<polyline points="${coords.join(' ')}"></polyline>${coords.map((c) => {
    const [cx, cy] = c.split(',');
    return html`<circle cx="${cx}" cy="${cy}" r="4"></circle>`;
  })}</svg>`;
};

/**
 * The trend: per scale question with published points, the mean of each session over time as a
 * line; then one table with every session of the range and its means (or why it has none).
 */
export const trendFigures = (summary: FeedbackSummary, language: Language): SafeHtml => {
  const threshold = summary.threshold ?? 0;
  const meanOf = (point: TrendPoint, key: string) => (point.suppressed ? null : (point.means.find((m) => m.question === key)?.mean ?? null));
  const scale = summary.questions.filter((q) => q.kind === 'scale' && summary.series.some((p) => meanOf(p, q.key) !== null));
  if (scale.length === 0) return html``;
  const charts = scale.map((question, index) => {
    const id = `trend-${index}`;
    const points = summary.series.flatMap((p, x) => {
      const mean = meanOf(p, question.key);
      return mean === null ? [] : [{ x, mean }];
    });
    return html`<section class="question" aria-labelledby="${id}"><h3 id="${id}">${question.label}</h3>
<figure>${trendChart(points, id, t(language, 'trendLabel', { question: question.label }))}</figure></section>`;
  });
  // Wider than a phone: it scrolls sideways, so it takes the focus for keyboard users.
  const table = html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t(language, 'trendHeading')}"><table class="figures trend-table"><caption>${t(language, 'trendHeading')}</caption>
<thead><tr><th scope="col">${t(language, 'tableSession')}</th><th scope="col">${t(language, 'tableDate')}</th>${scale.map(
    (q) => html`<th scope="col">${q.label} ${t(language, 'tableMean')}</th>`
  )}</tr></thead>
<tbody>${summary.series.map(
    (p) =>
      html`<tr><th scope="row">${p.title}</th><td>${formatShortDay(language, p.startsAt)}</td>${
        p.suppressed
          ? html`<td colspan="${scale.length}">${t(language, 'notPublished', { threshold })}</td>`
          : scale.map((q) => {
              const mean = meanOf(p, q.key);
              return html`<td>${mean === null ? '–' : formatNumber(language, mean)}</td>`;
            })
      }</tr>`
  )}</tbody></table></div>`;
  return html`${charts}${table}`;
};

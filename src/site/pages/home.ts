/**
 * The programme's home page: the editable texts (CMS), upcoming sessions with seats and links, the
 * qualifying catalogue resources for on-demand support, the latest published results headline,
 * the archive by year (newest first) and the invitation to propose a topic.
 */
import type { FeedbackSummary } from '../../api/feedback-response/services/results';
import type { Language } from '../../utils/language';
import { blocksText, renderBlocks } from '../blocks';
import type { ListedSession, ProgrammeTexts, ResourceRow, SessionRow } from '../data';
import { formatNumber, formatShortDay, madridYear } from '../format';
import { html, safeHref, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { t } from '../../messages';
import { SITE_PATHS, alternates } from '../urls';
import { sessionCard } from './parts';

export type HomeModel = {
  language: Language;
  texts: ProgrammeTexts | null;
  upcoming: ListedSession[];
  past: SessionRow[];
  resources: ResourceRow[];
  results: FeedbackSummary;
};

const archive = (language: Language, past: SessionRow[]): SafeHtml => {
  if (past.length === 0) return html`<p>${t(language, 'noArchive')}</p>`;
  const years = new Map<number, SessionRow[]>();
  for (const session of past) {
    const year = madridYear(session.startsAt);
    years.set(year, [...(years.get(year) ?? []), session]);
  }
  return html`<p>${t(language, 'archiveIntro')}</p>
${[...years].sort(([a], [b]) => b - a).map(
    ([year, sessions]) => html`<section class="year" aria-labelledby="year-${year}"><h3 id="year-${year}">${year}</h3>
<ul class="archive">${sessions.map(
      (s) => html`<li><a href="${SITE_PATHS.session(s.locale, s.slug)}"${s.locale === language ? '' : html` lang="${s.locale}" hreflang="${s.locale}"`}>${s.title}</a> <time class="meta" datetime="${new Date(s.startsAt).toISOString()}">${formatShortDay(language, s.startsAt)}</time></li>`
    )}</ul></section>`
  )}`;
};

/** The latest session whose results are published: its responses and the mean of each scale question. */
const resultsHeadline = (language: Language, summary: FeedbackSummary): SafeHtml => {
  const latest = [...summary.series].reverse().find((point) => !point.suppressed && point.responses > 0);
  if (latest === undefined) return html`<p>${t(language, 'noResultsYet')}</p>`;
  const labels = new Map(summary.questions.map((q) => [q.key, q.label]));
  const means = latest.means.filter((m) => m.mean !== null);
  return html`<p class="headline">${t(language, 'resultsHeadline', {
    title: latest.title,
    date: formatShortDay(language, latest.startsAt),
    responses: formatNumber(language, latest.responses),
  })}</p>
${means.length > 0 ? html`<ul>${means.map((m) => html`<li>${labels.get(m.question) ?? m.question}: ${t(language, 'meanLine', { mean: formatNumber(language, m.mean ?? 0) })}</li>`)}</ul>` : ''}`;
};

const resourceList = (language: Language, resources: ResourceRow[]): SafeHtml => {
  if (resources.length === 0) return html``;
  return html`<p>${t(language, 'qualifyingResources')}</p>
<ul>${resources.map((r) => {
    const href = safeHref(r.catalogUrl);
    return html`<li>${href === undefined ? html`<strong>${r.name}</strong>` : html`<a href="${href}">${r.name}</a> <span class="meta">(${t(language, 'inCatalog')})</span>`}</li>`;
  })}</ul>`;
};

export const homePage = (model: HomeModel): { meta: PageMeta; body: SafeHtml } => {
  const { language, texts } = model;
  const headline = texts?.headline ?? t(language, 'siteName');
  const body = html`<h1>${headline}</h1>
${texts?.lead ? html`<p class="lead">${texts.lead}</p>` : ''}
${renderBlocks(texts?.about, 2)}
<section aria-labelledby="upcoming"><h2 id="upcoming">${t(language, 'upcomingHeading')}</h2>
${model.upcoming.length === 0 ? html`<p>${t(language, 'noUpcoming')}</p>` : html`<ul class="cards">${model.upcoming.map((s) => sessionCard(language, s))}</ul>`}
<p><a href="${SITE_PATHS.alerts(language)}">${t(language, 'alertsTitle')}</a></p>
</section>
${renderBlocks(texts?.howItWorks, 2)}
<section aria-labelledby="support"><h2 id="support">${t(language, 'supportHeading')}</h2>
${renderBlocks(texts?.supportIntro, 3)}
${resourceList(language, model.resources)}
<p><a class="button" href="/support/?lang=${language}">${t(language, 'askSupport')}</a></p>
</section>
<section aria-labelledby="archive"><h2 id="archive">${t(language, 'archiveHeading')}</h2>
${archive(language, model.past)}
</section>
<section aria-labelledby="results"><h2 id="results">${t(language, 'resultsHeading')}</h2>
${resultsHeadline(language, model.results)}
<p><a href="${SITE_PATHS.results(language)}">${t(language, 'resultsAllLink')}</a></p>
</section>
<section aria-labelledby="propose"><h2 id="propose">${t(language, 'proposeHeading')}</h2>
${texts?.proposeText ? html`<p>${texts.proposeText}</p>` : ''}
<p><a class="button" href="/propose/?lang=${language}">${t(language, 'proposeLink')}</a></p>
</section>`;
  const description = texts?.metaDescription ?? texts?.lead ?? blocksText(texts?.about).slice(0, 200);
  return {
    meta: { language, title: headline, description, path: SITE_PATHS.home(language), alternates: alternates(SITE_PATHS.home), section: 'home' },
    body,
  };
};

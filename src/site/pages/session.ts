/**
 * A session's page: title, date and time in Madrid, duration, status, summary and description,
 * speakers, co-organiser, catalogue resources; registration for upcoming sessions; recordings,
 * transcript, materials and the published feedback summary for past ones. With its Event JSON-LD.
 */
import type { FeedbackSummary } from '../../api/feedback-response/services/results';
import type { Language } from '../../utils/language';
import { DEFAULT_DURATION_MINUTES } from '../../utils/time';
import { renderBlocks } from '../blocks';
import { summaryFigures } from '../charts';
import type { ListedSession } from '../data';
import { formatNumber } from '../format';
import { html, safeHref, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { t } from '../../messages';
import { sessionEvent } from '../structured-data';
import { SITE_PATHS, absolute } from '../urls';
import { registerHref, registrationActions, statusNote, statusText, whenLine } from './parts';
import { materialsSection, recordingsSection, type Transcript } from './session-media';

export type SessionModel = {
  language: Language;
  session: ListedSession;
  /** The languages the session is published in (hreflang, language switch). */
  languages: Language[];
  transcripts: Map<string, Transcript[]>;
  /** The published results; undefined for a session that has not taken place. */
  feedback?: FeedbackSummary;
  publicUrl: string;
};

const speakers = (language: Language, session: ListedSession): SafeHtml => {
  const list = session.speakers ?? [];
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="speakers"><h2 id="speakers">${t(language, 'speakersHeading')}</h2><ul>${list.map(
    (s) => html`<li><strong>${s.name}</strong>${[s.role, s.organization].filter((x) => x).map((x) => html`, ${x}`)}</li>`
  )}</ul></section>`;
};

const resources = (language: Language, session: ListedSession): SafeHtml => {
  const list = session.catalogResources ?? [];
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="resources"><h2 id="resources">${t(language, 'resourcesHeading')}</h2><ul>${list.map((r) => {
    const href = safeHref(r.catalogUrl);
    return html`<li>${href === undefined ? r.name : html`<a href="${href}">${r.name}</a>`}</li>`;
  })}</ul></section>`;
};

export const sessionPage = (model: SessionModel): { meta: PageMeta; body: SafeHtml } => {
  const { language, session, publicUrl } = model;
  const path = SITE_PATHS.session(language, session.slug);
  const past = !session.isUpcoming;
  const body = html`<article class="session-page">
<h1>${session.title}</h1>
<p class="when">${whenLine(language, session)}</p>
<p class="meta">${t(language, 'duration', { n: formatNumber(language, session.durationMinutes ?? DEFAULT_DURATION_MINUTES) })} · ${t(language, 'online')}</p>
${session.eventStatus === 'cancelled' || session.eventStatus === 'postponed' ? statusNote(language, session) : html`<p><span class="badge">${statusText(language, session.eventStatus)}</span></p>`}
${session.coOrganizer ? html`<p class="meta">${t(language, 'coOrganized', { name: session.coOrganizer })}</p>` : ''}
${session.summary ? html`<p class="lead">${session.summary}</p>` : ''}
${past ? '' : html`<section class="register" aria-labelledby="registration"><h2 id="registration">${t(language, 'registrationHeading')}</h2>${registrationActions(language, session)}</section>`}
${renderBlocks(session.description, 2)}
${speakers(language, session)}
${resources(language, session)}
${past && session.eventStatus !== 'cancelled' ? recordingsSection(language, session.recordings ?? [], model.transcripts) : ''}
${materialsSection(language, session.materials ?? [])}
${model.feedback ? html`<section aria-labelledby="feedback"><h2 id="feedback">${t(language, 'feedbackHeading')}</h2>${summaryFigures(model.feedback, language, 3)}</section>` : ''}
</article>`;
  const pageUrl = absolute(publicUrl, path);
  const description = session.summary ?? undefined;
  return {
    meta: {
      language,
      title: session.title,
      description,
      path,
      alternates: model.languages.map((l) => ({ language: l, path: SITE_PATHS.session(l, session.slug) })),
      ogType: 'article',
      section: 'session',
      jsonLd: sessionEvent(session, { language, pageUrl, registerUrl: absolute(publicUrl, registerHref(language, session)), description }),
    },
    body,
  };
};

/**
 * Pieces that several site pages share: a session's date line, its status, seats and the register
 * and calendar links, and a session card for lists.
 */
import type { Language } from '../../utils/language';
import { sessionEnd } from '../../utils/time';
import type { ListedSession, SessionRow } from '../data';
import { formatDay, formatNumber, formatTime } from '../format';
import { html, type SafeHtml } from '../html';
import { t, type MessageKey } from '../../messages';
import { SITE_PATHS } from '../urls';

const STATUS_KEYS: Record<SessionRow['eventStatus'], MessageKey> = {
  scheduled: 'statusScheduled',
  held: 'statusHeld',
  cancelled: 'statusCancelled',
  postponed: 'statusPostponed',
};

export const statusText = (language: Language, status: SessionRow['eventStatus']): string => t(language, STATUS_KEYS[status]);


export const whenLine = (language: Language, session: SessionRow): SafeHtml =>
  html`<time datetime="${new Date(session.startsAt).toISOString()}">${t(language, 'when', {
    date: formatDay(language, session.startsAt),
    start: formatTime(language, session.startsAt),
    end: formatTime(language, sessionEnd(session)),
  })}</time>`;

/** Cancelled and postponed sessions say so plainly, in a box; the others carry a quiet badge. */
export const statusNote = (language: Language, session: SessionRow): SafeHtml =>
  session.eventStatus === 'cancelled' || session.eventStatus === 'postponed'
    ? html`<p class="notice bad status"><strong>${t(language, 'statusLabel')}: ${statusText(language, session.eventStatus)}</strong></p>`
    : html``;

export const seatsText = (language: Language, session: ListedSession): string => {
  if (session.seatsLeft === null) return t(language, 'seatsOpen');
  if (session.seatsLeft === 0) return t(language, 'seatsFull');
  return session.seatsLeft === 1 ? t(language, 'seatsOne') : t(language, 'seatsMany', { n: formatNumber(language, session.seatsLeft) });
};

export const registerHref = (language: Language, session: { documentId: string }): string =>
  `/register/?session=${encodeURIComponent(session.documentId)}&lang=${language}`;

export const calendarHref = (language: Language, session: ListedSession): string => `${session.calendarUrl}?locale=${language}`;

/** Seats, the register button and the calendar link of an upcoming session. */
export const registrationActions = (language: Language, session: ListedSession): SafeHtml => {
  const hidden = html`<span class="visually-hidden">${t(language, 'forSession', { title: session.title })}</span>`;
  const calendar =
    session.eventStatus === 'cancelled' ? html`` : html`<a class="calendar" href="${calendarHref(language, session)}">${t(language, 'addToCalendar')}${hidden}</a>`;
  if (!session.registrationAvailable) {
    return html`<p class="meta">${t(language, 'registrationClosed')}</p><p class="actions">${calendar}</p>`;
  }
  const label = session.seatsLeft === 0 ? t(language, 'registerWaitlist') : t(language, 'register');
  return html`<p class="meta seats">${seatsText(language, session)}</p>
<p class="actions"><a class="button" href="${registerHref(language, session)}">${label}${hidden}</a> ${calendar}</p>`;
};

/** An upcoming session in a list: linked title, date, status, seats and actions. */
export const sessionCard = (language: Language, session: ListedSession, headingLevel: 3 | 4 = 3): SafeHtml => {
  const id = `s-${session.documentId}`;
  // A session published only in Catalan is listed with its Catalan title and page.
  const other = session.locale !== language;
  const link = html`<a href="${SITE_PATHS.session(session.locale, session.slug)}"${other ? html` lang="${session.locale}" hreflang="${session.locale}"` : ''}>${session.title}</a>`;
  const heading = headingLevel === 3 ? html`<h3 id="${id}">${link}</h3>` : html`<h4 id="${id}">${link}</h4>`;
  const badge = session.eventStatus === 'postponed' ? html`<p><span class="badge">${statusText(language, 'postponed')}</span></p>` : '';
  return html`<li class="card"><article aria-labelledby="${id}">${heading}
<p class="when">${whenLine(language, session)}</p>${badge}
${session.summary ? html`<p>${session.summary}</p>` : ''}
${registrationActions(language, session)}</article></li>`;
};

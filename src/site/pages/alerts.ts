/**
 * The alerts of new sessions: the subscription form (a plain POST form that works without
 * JavaScript; a problem answers 400 with the form, the values and each message next to its field),
 * "check your email", the confirmation page (a button: mail scanners that open links confirm
 * nothing), and the unsubscribe page (a button, which POSTs to the same URL as the mail client's
 * one-click unsubscribe). None of them shows an address.
 */
import type { MailingList } from '../../email/unsubscribe';
import { LANGUAGES, type Language } from '../../utils/language';
import { html, type SafeHtml } from '../html';
import { LANGUAGE_NAMES, type PageMeta } from '../layout';
import { t, type MessageKey } from '../../messages';
import { SITE_PATHS, alternates } from '../urls';

type Page = { meta: PageMeta; body: SafeHtml };

export type AlertsFormModel = {
  language: Language;
  values?: { email?: string; language?: string; consent?: boolean };
  /** Field problems, in the page's language: field name → message. */
  problems?: Record<string, string>;
};

const meta = (language: Language, title: MessageKey, extra: Partial<PageMeta> = {}): PageMeta => ({
  language,
  title: t(language, title),
  path: SITE_PATHS.alerts(language),
  alternates: alternates(SITE_PATHS.alerts),
  section: 'alerts',
  ...extra,
});

const errorOf = (model: AlertsFormModel, field: string): SafeHtml =>
  model.problems?.[field] === undefined ? html`` : html`<p class="error" id="${field}-error">${model.problems[field]}</p>`;

const described = (model: AlertsFormModel, field: string, hint?: string): SafeHtml => {
  const ids = [hint, model.problems?.[field] === undefined ? undefined : `${field}-error`].filter((id) => id !== undefined);
  const invalid = model.problems?.[field] !== undefined;
  return html`${ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
};

export const alertsFormPage = (model: AlertsFormModel): Page => {
  const { language } = model;
  const problems = Object.entries(model.problems ?? {});
  const chosen = model.values?.language ?? language;
  const summary =
    problems.length === 0
      ? html``
      : html`<div class="notice bad" role="alert" tabindex="-1" id="form-errors" autofocus><h2>${t(language, 'alertsErrors')}</h2>
<ul>${problems.map(([field, message]) => html`<li><a href="#${field === 'language' ? 'language-ca' : field}">${message}</a></li>`)}</ul></div>`;
  const body = html`<h1>${t(language, 'alertsTitle')}</h1>
<p class="lead">${t(language, 'alertsIntro')}</p>
${summary}
<form class="alerts-form" method="post" action="${SITE_PATHS.alerts(language)}" novalidate>
<div class="field"><label for="email">${t(language, 'alertsEmail')}</label>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="254" value="${model.values?.email ?? ''}"${described(model, 'email')} />
${errorOf(model, 'email')}</div>
<fieldset class="field"><legend>${t(language, 'alertsLanguage')}</legend>
${LANGUAGES.map(
  (option) =>
    html`<div class="check"><input type="radio" id="language-${option}" name="language" value="${option}"${option === chosen ? html` checked` : ''} /> <label for="language-${option}" lang="${option}">${LANGUAGE_NAMES[option]}</label></div>`
)}
${errorOf(model, 'language')}</fieldset>
<div class="trap" aria-hidden="true"><label for="website">Web</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" /></div>
<div class="field"><div class="check"><input type="checkbox" id="consent" name="consent" value="on" required${model.values?.consent === true ? html` checked` : ''}${described(model, 'consent')} />
<label for="consent">${t(language, 'alertsConsent')}</label></div>
${errorOf(model, 'consent')}</div>
<button type="submit">${t(language, 'alertsSubmit')}</button>
</form>`;
  return { meta: meta(language, 'alertsTitle', { noindex: problems.length > 0 }), body };
};

/** A short page: a heading, a paragraph, and optionally a form with one button or a link. */
const notice = (
  language: Language,
  title: MessageKey,
  text: string,
  extra: { action?: { url: string; label: MessageKey }; link?: { href: string; label: MessageKey }; path?: string } = {}
): Page => ({
  meta: meta(language, title, { noindex: true, path: extra.path ?? SITE_PATHS.alerts(language), alternates: undefined, section: 'none' }),
  body: html`<h1>${t(language, title)}</h1>
<p>${text}</p>
${extra.action === undefined ? '' : html`<form method="post" action="${extra.action.url}"><button type="submit">${t(language, extra.action.label)}</button></form>`}
${extra.link === undefined ? '' : html`<p><a href="${extra.link.href}">${t(language, extra.link.label)}</a></p>`}`,
});

const again = (language: Language) => ({ href: SITE_PATHS.alerts(language), label: 'alertsAgain' as const });

export const alertsSentPage = (language: Language, hours: number): Page => notice(language, 'alertsSentTitle', t(language, 'alertsSentText', { hours }));

export const alertsConfirmPage = (language: Language, actionUrl: string): Page =>
  notice(language, 'alertsConfirmTitle', t(language, 'alertsConfirmText'), { action: { url: actionUrl, label: 'alertsConfirmButton' }, path: SITE_PATHS.alertsConfirm(language) });

export const alertsConfirmedPage = (language: Language): Page => notice(language, 'alertsConfirmedTitle', t(language, 'alertsConfirmedText'), { path: SITE_PATHS.alertsConfirm(language) });

export const alertsExpiredPage = (language: Language): Page =>
  notice(language, 'alertsExpiredTitle', t(language, 'alertsExpiredText'), { link: again(language), path: SITE_PATHS.alertsConfirm(language) });

export const invalidLinkPage = (language: Language, path: string): Page => notice(language, 'linkInvalidTitle', t(language, 'linkInvalidText'), { path });

export const unsubscribePage = (language: Language, list: MailingList, actionUrl: string): Page =>
  notice(language, 'unsubscribeTitle', t(language, list === 'alerts' ? 'unsubscribeAlertsText' : 'unsubscribeUpdatesText'), {
    action: { url: actionUrl, label: 'unsubscribeButton' },
    path: SITE_PATHS.unsubscribe(language),
  });

export const unsubscribedPage = (language: Language, list: MailingList): Page =>
  notice(language, 'unsubscribedTitle', t(language, list === 'alerts' ? 'unsubscribedAlertsText' : 'unsubscribedUpdatesText'), {
    path: SITE_PATHS.unsubscribe(language),
    link: list === 'alerts' ? again(language) : undefined,
  });

// Shared helpers of the public pages: language, API calls, dates in Madrid time. No framework.
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'es' ? 'es' : 'ca';
  document.documentElement.lang = lang;

  const api = async (path, options = {}) => {
    const response = await fetch(path, {
      ...options,
      headers: { accept: 'application/json', 'accept-language': lang, ...(options.body ? { 'content-type': 'application/json' } : {}) },
    });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    return { status: response.status, ok: response.ok, body };
  };

  // A published session in the page's language, or in Catalan when it has no translation.
  const session = async (documentId) => {
    const query = `query($id:ID!,$locale:I18NLocaleCode){session(documentId:$id,locale:$locale){documentId title startsAt endsAt coOrganizer eventStatus seatsLeft registrationAvailable isUpcoming}}`;
    for (const locale of lang === 'ca' ? ['ca'] : [lang, 'ca']) {
      const url = `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ id: documentId, locale }))}`;
      const { ok, body } = await api(url);
      if (ok && body && body.data && body.data.session) return body.data.session;
    }
    return null;
  };

  const when = (s) => {
    const locale = lang === 'es' ? 'es-ES' : 'ca-ES';
    const zone = 'Europe/Madrid';
    const day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(s.startsAt));
    const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    return `${day}, ${time.format(new Date(s.startsAt))}–${time.format(new Date(s.endsAt))}`;
  };

  // Elements carrying data-ca / data-es get the text of the page's language.
  const translate = () => {
    for (const node of document.querySelectorAll('[data-ca]')) node.textContent = node.dataset[lang];
    for (const link of document.querySelectorAll('a[data-lang-switch]')) {
      const other = new URLSearchParams(location.search);
      other.set('lang', link.dataset.langSwitch);
      link.href = `?${other}`;
    }
  };

  // Shows `message` under field `id` (its element `id-error`) and marks the field invalid; '' clears it.
  const fieldError = (id, message) => {
    document.getElementById(`${id}-error`).textContent = message || '';
    if (message) document.getElementById(id).setAttribute('aria-invalid', 'true');
    else document.getElementById(id).removeAttribute('aria-invalid');
  };

  // A message box: `ok` or `bad` (announced as an alert).
  const notice = (node, text, kind) => {
    node.hidden = false;
    node.className = `notice ${kind || ''}`;
    node.setAttribute('role', kind === 'bad' ? 'alert' : 'status');
    node.textContent = text;
  };

  // The server's field errors (Strapi's `error.details.errors`) next to their fields.
  const serverErrors = (answer, fields) => {
    for (const e of (answer && answer.error && answer.error.details && answer.error.details.errors) || []) {
      if (fields.includes(e.path[0])) fieldError(e.path[0], e.message);
    }
  };

  const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;

  // The checks every form makes of a field as it is left: the consent ticked, a required field filled,
  // a valid email; `more(field, value)` adds the page's own (a message, or ''). The message (from the
  // page's texts `T`) shows under the field; answers whether the field is fine.
  const checkField = (field, T, more = () => '') => {
    const input = document.getElementById(field);
    const value = input.type === 'checkbox' ? input.checked : input.value.trim();
    let message = '';
    if (field === 'consent') message = value ? '' : T.consent;
    else if (input.required && value === '') message = T.required;
    else if (field === 'email' && value !== '' && !EMAIL.test(value)) message = T.email;
    else message = more(field, value);
    fieldError(field, message);
    return message === '';
  };

  // POSTs a form's `body` to `path` with the page's #submit button disabled meanwhile: `done(answer)`
  // on a 2xx; otherwise the server's field errors next to `fields` and its message (or `failed`) in `status`.
  const submitForm = async ({ path, body, fields, status, failed, done }) => {
    const button = document.getElementById('submit');
    button.disabled = true;
    try {
      const { ok, body: answer } = await api(path, { method: 'POST', body: JSON.stringify(body) });
      if (ok) return done(answer);
      serverErrors(answer, fields);
      notice(status, (answer && answer.error && answer.error.message) || failed, 'bad');
    } catch (_) {
      notice(status, failed, 'bad');
    } finally {
      button.disabled = false;
    }
  };

  window.GOmunicipal = { lang, params, api, session, when, translate, fieldError, notice, serverErrors, checkField, submitForm, EMAIL };
})();

// The feedback survey the invitation email links to (/feedback/?token=…): questions from the API,
// in the registrant's language unless ?lang= says otherwise.
(() => {
  'use strict';
  const { lang, params, api, when, translate, notice } = window.GOmunicipal;
  const T = {
    ca: {
      invalid: "Aquest enllaç de l'enquesta no és vàlid. Feu servir l'enllaç complet del correu que vau rebre.",
      failed: "No s'han pogut enviar les respostes. Torneu-ho a provar.",
      done: 'Gràcies! Hem rebut les vostres respostes.',
      fix: 'Reviseu les respostes marcades.',
      required: 'Cal respondre aquesta pregunta.',
      optional: '(opcional)',
    },
    es: {
      invalid: 'Este enlace de la encuesta no es válido. Use el enlace completo del correo que recibió.',
      failed: 'No se han podido enviar las respuestas. Vuelva a intentarlo.',
      done: '¡Gracias! Hemos recibido sus respuestas.',
      fix: 'Revise las respuestas marcadas.',
      required: 'Hay que responder esta pregunta.',
      optional: '(opcional)',
    },
  }[lang];
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const say = (text, kind) => {
    notice(status, text, kind);
    status.focus();
  };
  const el = (tag, attributes = {}, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  translate();
  const token = params.get('token') || '';
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    say(T.invalid, 'bad');
    return;
  }
  const path = `/api/feedback/${encodeURIComponent(token)}`;

  // One question: a group of radio buttons (scale, choice) or a text area, with its error line.
  const render = (q) => {
    const box = el('div', { class: 'field', id: `q-${q.key}` });
    const errorId = `q-${q.key}-error`;
    const mark = q.required ? ' *' : '';
    if (q.kind === 'text') {
      box.append(el('label', { for: `a-${q.key}` }, q.label + mark));
      const area = el('textarea', { id: `a-${q.key}`, name: q.key, rows: '4', maxlength: String(q.maxLength || 2000), 'aria-describedby': errorId });
      box.append(area);
    } else {
      const group = el('fieldset', { class: q.kind, 'aria-describedby': errorId });
      group.append(el('legend', {}, q.label + mark));
      const options =
        q.kind === 'scale'
          ? [1, 2, 3, 4, 5].map((v) => ({ value: String(v), label: v === 1 && q.minLabel ? `1 · ${q.minLabel}` : v === 5 && q.maxLabel ? `5 · ${q.maxLabel}` : String(v) }))
          : q.options;
      for (const option of options) {
        const id = `a-${q.key}-${option.value}`;
        const row = el('div', { class: 'check' });
        row.append(el('input', { type: 'radio', id, name: q.key, value: option.value }), el('label', { for: id }, option.label));
        group.append(row);
      }
      box.append(group);
    }
    box.append(el('p', { class: 'error', id: errorId }));
    return box;
  };

  const showError = (key, message) => {
    const line = $(`q-${key}-error`);
    if (!line) return false;
    line.textContent = message || '';
    const area = $(`a-${key}`);
    if (area) {
      if (message) area.setAttribute('aria-invalid', 'true');
      else area.removeAttribute('aria-invalid');
    }
    return true;
  };

  const load = async () => {
    // Without ?lang=, ask in the registrant's language (the API's default) and switch to it below.
    const { status: code, body } = await api(params.get('lang') ? `${path}?locale=${lang}` : path);
    if (code !== 200) {
      say(code === 404 ? T.invalid : (body && body.error && body.error.message) || T.failed, code === 409 ? 'ok' : 'bad');
      return;
    }
    const data = body.data;
    // Without ?lang=, the page speaks the registrant's language.
    if (!params.get('lang') && data.language !== lang) {
      const next = new URLSearchParams(location.search);
      next.set('lang', data.language);
      location.replace(`?${next}`);
      return;
    }
    const session = $('session');
    session.textContent = `${data.session.title} · ${when(data.session)}`;
    session.hidden = false;
    const list = $('questions');
    for (const q of data.questions) list.append(render(q));
    const form = $('form');
    form.hidden = false;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answers = [];
      let missing = null;
      for (const q of data.questions) {
        showError(q.key, '');
        let value = null;
        if (q.kind === 'text') value = $(`a-${q.key}`).value.trim() || null;
        else {
          const checked = form.querySelector(`input[name="${q.key}"]:checked`);
          value = checked ? (q.kind === 'scale' ? Number(checked.value) : checked.value) : null;
        }
        if (value === null) {
          if (q.required) {
            showError(q.key, T.required);
            missing = missing || q.key;
          }
          continue;
        }
        answers.push({ question: q.key, value });
      }
      if (missing) {
        say(T.fix, 'bad');
        return;
      }
      $('submit').disabled = true;
      try {
        const { status: code, body: answer } = await api(`${path}?locale=${lang}`, { method: 'POST', body: JSON.stringify({ answers }) });
        if (code === 201) {
          form.hidden = true;
          $('intro').hidden = true;
          say(T.done, 'ok');
          return;
        }
        let shown = false;
        for (const e of (answer && answer.error && answer.error.details && answer.error.details.errors) || []) {
          shown = showError(e.path[0], e.message) || shown;
        }
        say(shown ? T.fix : (answer && answer.error && answer.error.message) || T.failed, code === 409 ? 'ok' : 'bad');
      } catch (_) {
        say(T.failed, 'bad');
      } finally {
        $('submit').disabled = false;
      }
    });
  };

  load().catch(() => say(T.failed, 'bad'));
})();

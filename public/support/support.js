// The on-demand support page (/support/): find the entity as you type, see whether it is eligible
// and why, then send the request. Keyboard: arrows move in the list, Enter chooses, Escape closes.
(() => {
  'use strict';
  const { lang, api, translate, notice, checkField, submitForm } = window.GOmunicipal;
  const T = {
    ca: {
      none: 'Cap ens coincideix amb la cerca.',
      required: 'Aquest camp és obligatori.',
      email: 'Escriviu una adreça de correu vàlida.',
      topic: 'Escriviu el tema amb almenys 5 caràcters.',
      consent: 'Cal acceptar el tractament de les dades per enviar la petició.',
      sent: 'Hem rebut la vostra petició. Us escriurem per acordar el dia i l’hora.',
      failed: "No s'ha pogut enviar la petició. Torneu-ho a provar.",
      fix: 'Reviseu els camps marcats.',
    },
    es: {
      none: 'Ningún ente coincide con la búsqueda.',
      required: 'Este campo es obligatorio.',
      email: 'Escriba una dirección de correo válida.',
      topic: 'Escriba el tema con al menos 5 caracteres.',
      consent: 'Hay que aceptar el tratamiento de los datos para enviar la petición.',
      sent: 'Hemos recibido su petición. Le escribiremos para acordar el día y la hora.',
      failed: 'No se ha podido enviar la petición. Vuelva a intentarlo.',
      fix: 'Revise los campos marcados.',
    },
  }[lang];
  const $ = (id) => document.getElementById(id);
  const search = $('entity-search');
  const options = $('entity-options');
  const eligibility = $('eligibility');
  const form = $('form');
  const status = $('status');
  let chosen = null;
  let active = -1;
  let timer = null;

  const close = () => {
    options.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index) => {
    const items = [...options.children];
    items.forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (items[index]) search.setAttribute('aria-activedescendant', items[index].id);
  };

  const choose = async (entity) => {
    chosen = entity;
    search.value = `${entity.name} (${entity.ineCode})`;
    close();
    const { ok, body } = await api(`/api/local-entities/${entity.ineCode}/eligibility`);
    if (!ok) return notice(eligibility, (body && body.error && body.error.message) || T.failed, 'bad');
    const answer = body.data;
    notice(eligibility, answer.reason[lang], answer.eligible ? 'ok' : 'bad');
    form.hidden = !answer.eligible;
  };

  const suggest = async () => {
    const text = search.value.trim();
    chosen = null;
    form.hidden = true;
    eligibility.hidden = true;
    if (text.length < 2) return close();
    const { ok, body } = await api(`/api/local-entities?search=${encodeURIComponent(text)}&limit=8`);
    if (!ok || text !== search.value.trim()) return;
    options.replaceChildren(
      ...(body.data.length === 0
        ? [Object.assign(document.createElement('li'), { textContent: T.none, role: 'option', id: 'entity-none' })]
        : body.data.map((entity, i) => {
            const item = document.createElement('li');
            item.id = `entity-${i}`;
            item.setAttribute('role', 'option');
            item.textContent = `${entity.name} (${entity.ineCode})`;
            item.addEventListener('mousedown', (event) => {
              event.preventDefault();
              choose(entity);
            });
            item.entity = entity;
            return item;
          }))
    );
    options.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    highlight(-1);
  };

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  search.addEventListener('keydown', (event) => {
    const items = [...options.children].filter((item) => item.entity);
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      highlight(Math.min(items.length - 1, active + 1));
    } else if (event.key === 'ArrowUp' && items.length > 0) {
      event.preventDefault();
      highlight(Math.max(0, active - 1));
    } else if (event.key === 'Enter' && active >= 0 && items[active]) {
      event.preventDefault();
      choose(items[active].entity);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  search.addEventListener('blur', () => setTimeout(close, 150));

  const FIELDS = ['requesterName', 'email', 'topic', 'description', 'preferredDates', 'consent'];
  const check = (field) => checkField(field, T, (name, value) => (name === 'topic' && value.length < 5 ? T.topic : ''));
  for (const field of FIELDS) $(field).addEventListener('blur', () => check(field));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chosen) return;
    if (!FIELDS.map(check).every(Boolean)) return notice(status, T.fix, 'bad');
    const body = { localEntity: chosen.ineCode, consent: $('consent').checked, language: lang };
    for (const field of ['requesterName', 'email', 'topic', 'description', 'preferredDates']) {
      if ($(field).value.trim() !== '') body[field] = $(field).value;
    }
    if ($('website').value !== '') body.website = $('website').value;
    await submitForm({
      path: '/api/support-requests',
      body,
      fields: FIELDS,
      status,
      failed: T.failed,
      done: () => {
        for (const node of form.querySelectorAll('.field, button, h2')) node.hidden = true;
        notice(status, T.sent, 'ok');
      },
    });
  });

  translate();
})();

// The topic proposal page (/propose/): shows what already covers a topic as you type its title.
(() => {
  'use strict';
  const { lang, api, when, translate, notice, checkField, submitForm } = window.GOmunicipal;
  const T = {
    ca: {
      similar: 'Potser ja en parlem aquí:',
      session: 'Sessió',
      topic: 'Tema proposat',
      required: 'Aquest camp és obligatori.',
      title: 'Escriviu el tema amb almenys 5 caràcters.',
      email: 'Escriviu una adreça de correu vàlida.',
      consent: 'Cal acceptar el tractament de les dades per enviar la proposta.',
      sent: 'Gràcies! Hem rebut la vostra proposta i us hem enviat un correu amb un enllaç per seguir-la.',
      failed: "No s'ha pogut enviar la proposta. Torneu-ho a provar.",
      fix: 'Reviseu els camps marcats.',
    },
    es: {
      similar: 'Quizá ya hablamos de ello aquí:',
      session: 'Sesión',
      topic: 'Tema propuesto',
      required: 'Este campo es obligatorio.',
      title: 'Escriba el tema con al menos 5 caracteres.',
      email: 'Escriba una dirección de correo válida.',
      consent: 'Hay que aceptar el tratamiento de los datos para enviar la propuesta.',
      sent: '¡Gracias! Hemos recibido su propuesta y le hemos enviado un correo con un enlace para seguirla.',
      failed: 'No se ha podido enviar la propuesta. Vuelva a intentarlo.',
      fix: 'Revise los campos marcados.',
    },
  }[lang];
  const $ = (id) => document.getElementById(id);
  const FIELDS = ['title', 'description', 'name', 'email', 'localEntity', 'consent'];
  let timer = null;

  const showSimilar = (similar) => {
    const items = [
      ...similar.sessions.map((s) => `${T.session}: ${s.title} (${when({ startsAt: s.startsAt, endsAt: s.startsAt }).split(',').slice(0, 2).join(',')})`),
      ...similar.proposals.map((p) => `${T.topic}: ${p.title}`),
    ];
    const box = $('similar');
    if (items.length === 0) return box.replaceChildren();
    const list = document.createElement('ul');
    for (const text of items) list.append(Object.assign(document.createElement('li'), { textContent: text }));
    box.replaceChildren(Object.assign(document.createElement('p'), { textContent: T.similar, className: 'hint' }), list);
  };

  $('title').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const title = $('title').value.trim();
      if (title.length < 3) return showSimilar({ sessions: [], proposals: [] });
      const { ok, body } = await api(`/api/proposals/similar?title=${encodeURIComponent(title)}`);
      if (ok && title === $('title').value.trim()) showSimilar(body.data);
    }, 250);
  });

  const check = (field) => checkField(field, T, (name, value) => (name === 'title' && value.length < 5 ? T.title : ''));
  for (const field of FIELDS) $(field).addEventListener('blur', () => check(field));

  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = $('status');
    const say = (text, kind) => notice(status, text, kind);
    if (!FIELDS.map(check).every(Boolean)) return say(T.fix, 'bad');
    const body = { consent: $('consent').checked, language: lang };
    for (const field of ['title', 'description', 'name', 'email', 'localEntity']) if ($(field).value.trim() !== '') body[field] = $(field).value;
    if ($('website').value !== '') body.website = $('website').value;
    await submitForm({
      path: '/api/proposals',
      body,
      fields: FIELDS,
      status,
      failed: T.failed,
      done: () => {
        $('form').hidden = true;
        say(T.sent, 'ok');
      },
    });
  });

  translate();
})();

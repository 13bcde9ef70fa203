// The proposer's private status page (/propose/status/?token=…), linked from the emails.
(() => {
  'use strict';
  const { lang, params, api, when, translate } = window.GOmunicipal;
  const T = {
    ca: {
      states: { received: 'Rebuda', under_review: 'En revisió', accepted: 'Acceptada', scheduled: 'Programada', declined: 'Declinada', duplicate: 'Duplicada' },
      state: 'Estat',
      answer: 'Resposta',
      session: 'Es tractarà a la sessió',
      invalid: "Aquest enllaç no és vàlid. Feu servir l'enllaç complet del correu que vau rebre.",
    },
    es: {
      states: { received: 'Recibida', under_review: 'En revisión', accepted: 'Aceptada', scheduled: 'Programada', declined: 'Declinada', duplicate: 'Duplicada' },
      state: 'Estado',
      answer: 'Respuesta',
      session: 'Se tratará en la sesión',
      invalid: 'Este enlace no es válido. Use el enlace completo del correo que recibió.',
    },
  }[lang];
  const el = (tag, text, className) => Object.assign(document.createElement(tag), { textContent: text, className: className || '' });

  const show = async () => {
    translate();
    const result = document.getElementById('result');
    const { ok, body } = await api(`/api/proposals/status?token=${encodeURIComponent(params.get('token') || '')}`);
    if (!ok) {
      const alert = el('p', T.invalid, 'notice bad');
      alert.setAttribute('role', 'alert');
      return result.replaceChildren(alert);
    }
    const p = body.data;
    const parts = [el('h2', p.title), el('p', `${T.state}: ${T.states[p.status] || p.status}`, 'when')];
    if (p.publicAnswer) parts.push(el('h2', T.answer), el('p', p.publicAnswer));
    if (p.session) parts.push(el('p', `${T.session} «${p.session.title}»: ${when({ startsAt: p.session.startsAt, endsAt: p.session.startsAt }).split(',').slice(0, 2).join(',')}.`, 'notice ok'));
    result.replaceChildren(...parts);
  };
  show();
})();

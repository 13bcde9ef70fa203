// The cancellation page the emails link to (/register/cancel/?token=…).
(() => {
  'use strict';
  const { lang, params, api, session, when, translate } = window.GOmunicipal;
  const T = {
    ca: {
      done: (title, date) => `Hem cancel·lat la vostra inscripció a «${title}» (${date}). Us n'hem enviat la confirmació per correu.`,
      doneShort: 'Hem cancel·lat la vostra inscripció.',
      invalid: "Aquest enllaç no és vàlid. Feu servir l'enllaç complet del correu que vau rebre.",
      failed: "No s'ha pogut cancel·lar. Torneu-ho a provar.",
    },
    es: {
      done: (title, date) => `Hemos cancelado su inscripción en «${title}» (${date}). Le hemos enviado la confirmación por correo.`,
      doneShort: 'Hemos cancelado su inscripción.',
      invalid: 'Este enlace no es válido. Use el enlace completo del correo que recibió.',
      failed: 'No se ha podido cancelar. Vuelva a intentarlo.',
    },
  }[lang];
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  status.tabIndex = -1;
  const say = (text, kind) => {
    status.hidden = false;
    status.className = `notice ${kind}`;
    status.setAttribute('role', kind === 'bad' ? 'alert' : 'status');
    status.textContent = text;
    status.focus();
  };

  translate();
  const token = params.get('token') || '';
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    $('form').hidden = true;
    say(T.invalid, 'bad');
    return;
  }

  $('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('submit').disabled = true;
    try {
      const { status: code, body } = await api('/api/registrations/cancel', { method: 'POST', body: JSON.stringify({ token }) });
      if (code !== 200) {
        say(code === 404 ? T.invalid : (body && body.error && body.error.message) || T.failed, 'bad');
        return;
      }
      $('form').hidden = true;
      $('intro').hidden = true;
      const found = await session(body.data.session);
      say(found ? T.done(found.title, when(found)) : T.doneShort, 'ok');
    } catch (_) {
      say(T.failed, 'bad');
    } finally {
      $('submit').disabled = false;
    }
  });
})();

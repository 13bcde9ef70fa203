// The registration form of one session (/register/?session=<documentId>): validates as you type,
// shows the server's field errors, and says what happened.
(() => {
  'use strict';
  const { lang, params, api, session, when, translate, fieldError: setError, notice, serverErrors, EMAIL } = window.GOmunicipal;
  const PRIVACY_VERSION = '2026-01';
  const T = {
    ca: {
      required: 'Aquest camp és obligatori.',
      email: 'Escriviu una adreça de correu vàlida, com nom@ajuntament.cat.',
      short: 'Escriviu almenys 2 caràcters.',
      consent: 'Cal acceptar el tractament de les dades per inscriure-us.',
      missing: "No s'ha trobat la sessió. Reviseu l'enllaç.",
      closed: "Aquesta sessió no admet inscripcions ara mateix.",
      seats: (n) => (n === 1 ? 'Queda 1 plaça.' : n > 1 ? `Queden ${n} places.` : "Places exhaurides: us inscriurem a la llista d'espera."),
      confirmed: 'Inscripció confirmada. Us hem enviat un correu amb l’enllaç per connectar-vos i la convocatòria per al calendari.',
      waitlisted: "Sou a la llista d'espera. Si s'allibera una plaça us escriurem.",
      failed: "No s'ha pogut enviar la inscripció. Torneu-ho a provar.",
      fix: 'Reviseu els camps marcats.',
      title: 'Inscripció',
    },
    es: {
      required: 'Este campo es obligatorio.',
      email: 'Escriba una dirección de correo válida, como nombre@ayuntamiento.es.',
      short: 'Escriba al menos 2 caracteres.',
      consent: 'Hay que aceptar el tratamiento de los datos para inscribirse.',
      missing: 'No se ha encontrado la sesión. Revise el enlace.',
      closed: 'Esta sesión no admite inscripciones ahora mismo.',
      seats: (n) => (n === 1 ? 'Queda 1 plaza.' : n > 1 ? `Quedan ${n} plazas.` : 'Plazas agotadas: le inscribiremos en la lista de espera.'),
      confirmed: 'Inscripción confirmada. Le hemos enviado un correo con el enlace para conectarse y la convocatoria para el calendario.',
      waitlisted: 'Está en la lista de espera. Si se libera una plaza le escribiremos.',
      failed: 'No se ha podido enviar la inscripción. Vuelva a intentarlo.',
      fix: 'Revise los campos marcados.',
      title: 'Inscripción',
    },
  }[lang];

  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const status = $('status');
  const FIELDS = ['fullName', 'email', 'localEntity', 'jobTitle', 'consent'];

  const say = (text, kind) => notice(status, text, kind);

  const check = (field) => {
    const input = $(field);
    const value = input.type === 'checkbox' ? input.checked : input.value.trim();
    let message = '';
    if (field === 'consent') message = value ? '' : T.consent;
    else if (input.required && value === '') message = T.required;
    else if (field === 'email' && value !== '' && !EMAIL.test(value)) message = T.email;
    else if ((field === 'fullName' || field === 'localEntity') && value.length === 1) message = T.short;
    setError(field, message);
    return message === '';
  };

  for (const field of FIELDS) {
    const input = $(field);
    input.addEventListener('blur', () => check(field));
    input.addEventListener('input', () => {
      if (input.getAttribute('aria-invalid') === 'true') check(field);
    });
  }

  const id = params.get('session') || '';

  const init = async () => {
    translate();
    const found = /^[a-z0-9]{1,64}$/.test(id) ? await session(id) : null;
    if (!found) return say(T.missing, 'bad');
    document.title = `${T.title}: ${found.title} · Dijous GOmunicipal`;
    $('title').textContent = found.title;
    $('when').textContent = when(found);
    if (!found.registrationAvailable) return say(T.closed, 'bad');
    if (typeof found.seatsLeft === 'number') $('seats').textContent = T.seats(found.seatsLeft);
    form.hidden = false;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const valid = FIELDS.map(check).every(Boolean);
    if (!valid) {
      say(T.fix, 'bad');
      const first = FIELDS.find((f) => $(f).getAttribute('aria-invalid') === 'true');
      if (first) $(first).focus();
      return;
    }
    const body = {
      fullName: $('fullName').value,
      email: $('email').value,
      localEntity: $('localEntity').value,
      consent: $('consent').checked,
      consentVersion: PRIVACY_VERSION,
      language: lang,
    };
    if ($('jobTitle').value.trim() !== '') body.jobTitle = $('jobTitle').value;
    if ($('website').value !== '') body.website = $('website').value;
    $('submit').disabled = true;
    try {
      const { status: code, body: answer } = await api(`/api/sessions/${id}/registrations`, { method: 'POST', body: JSON.stringify(body) });
      if (code === 201 || code === 200) {
        const state = answer.data.status;
        form.hidden = true;
        say(state === 'confirmed' ? T.confirmed : T.waitlisted, 'ok');
        status.focus();
        return;
      }
      serverErrors(answer, FIELDS);
      say((answer && answer.error && answer.error.message) || T.failed, 'bad');
    } catch (_) {
      say(T.failed, 'bad');
    } finally {
      $('submit').disabled = false;
    }
  });

  status.tabIndex = -1;
  init();
})();

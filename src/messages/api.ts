/** Messages of the API's answers (errors a client can act on), in Catalan and Spanish; see ./index.ts. */
export const API_MESSAGES = {
  'session.notPublished': {
    ca: 'No hi ha cap sessió publicada amb l’identificador «{id}».',
    es: 'No hay ninguna sesión publicada con el identificador «{id}».',
  },
  'session.cancelled': { ca: 'Aquesta sessió està cancel·lada.', es: 'Esta sesión está cancelada.' },
  'session.started': { ca: 'Aquesta sessió ja ha començat.', es: 'Esta sesión ya ha empezado.' },
  'session.registrationClosed': {
    ca: 'Les inscripcions a aquesta sessió estan tancades.',
    es: 'Las inscripciones a esta sesión están cerradas.',
  },
  'localEntity.unknownIne': {
    ca: 'No coneixem cap ens local amb el codi INE {ine}.',
    es: 'No conocemos ningún ente local con el código INE {ine}.',
  },
  // In a form's field…
  'localEntity.invalidIne': {
    ca: 'El codi INE {ine} no és vàlid: ha de tenir sis xifres, l’última de control.',
    es: 'El código INE {ine} no es válido: debe tener seis cifras, la última de control.',
  },
  // …and as the resource of a URL.
  'localEntity.notAnIne': {
    ca: '«{ine}» no és un codi INE: sis xifres, l’última de control (p. ex. 080193).',
    es: '«{ine}» no es un código INE: seis cifras, la última de control (p. ej. 080193).',
  },
  'localEntity.searchParams': {
    ca: 'Feu servir ?search= amb entre 2 i 100 caràcters (nom o codi INE) i, si voleu, limit entre 1 i 50.',
    es: 'Use ?search= con entre 2 y 100 caracteres (nombre o código INE) y, si quiere, limit entre 1 y 50.',
  },
  'registration.cancelBody': { ca: 'S’espera { "token": "…" } i res més.', es: 'Se espera { "token": "…" } y nada más.' },
  'registration.unknownCancelLink': {
    ca: 'Aquest enllaç de cancel·lació no és vàlid o ja no existeix.',
    es: 'Este enlace de cancelación no es válido o ya no existe.',
  },
  'accounts.none': { ca: 'Aquesta aplicació no té comptes d’usuari públics.', es: 'Esta aplicación no tiene cuentas de usuario públicas.' },
  'range.notADate': {
    ca: 'El paràmetre «{name}» ha de ser una data AAAA-MM-DD (p. ex. 2025-01-30).',
    es: 'El parámetro «{name}» debe ser una fecha AAAA-MM-DD (p. ej. 2025-01-30).',
  },
  'range.reversed': { ca: '«from» ha de ser anterior o igual a «to».', es: '«from» debe ser anterior o igual a «to».' },
  'proposal.similarTitle': { ca: 'Feu servir ?title= amb entre 3 i 150 caràcters.', es: 'Use ?title= con entre 3 y 150 caracteres.' },
  'proposal.invalidLink': { ca: 'Aquest enllaç no és vàlid.', es: 'Este enlace no es válido.' },
  'proposal.topicsParams': {
    ca: 'status admet accepted i scheduled; limit, d’1 a 100.',
    es: 'status admite accepted y scheduled; limit, de 1 a 100.',
  },
  'admin.tooManySessions': { ca: 'Com a màxim 100 sessions per petició.', es: 'Como máximo 100 sesiones por petición.' },
  'admin.noticeHeldFlag': { ca: 'Indiqueu «held» com a true (retenir) o false (deixar anar).', es: 'Indique «held» como true (retener) o false (liberar).' },
  'admin.noNoticePending': { ca: 'Aquesta sessió no té cap avís pendent d’enviar.', es: 'Esta sesión no tiene ningún aviso pendiente de envío.' },
  'feedback.invalidLink': {
    ca: 'Aquest enllaç de l’enquesta no és vàlid. Feu servir l’enllaç del correu que vau rebre.',
    es: 'Este enlace de la encuesta no es válido. Use el enlace del correo que recibisteis.',
  },
  'feedback.expired': {
    ca: 'Aquest enllaç de l’enquesta va caducar el {date}: les respostes s’accepten fins a {days} dies després de la sessió.',
    es: 'Este enlace de la encuesta caducó el {date}: las respuestas se aceptan hasta {days} días después de la sesión.',
  },
  'feedback.registrationCancelled': {
    ca: 'Aquest enllaç de l’enquesta ja no és vàlid: la inscripció es va cancel·lar.',
    es: 'Este enlace de la encuesta ya no es válido: la inscripción se canceló.',
  },
  'feedback.notAttended': {
    ca: 'Només poden respondre l’enquesta les persones que van assistir a la sessió.',
    es: 'Solo pueden responder la encuesta las personas que asistieron a la sesión.',
  },
  'feedback.alreadySubmitted': {
    ca: 'Ja heu respost aquesta enquesta amb aquest enllaç. Gràcies!',
    es: 'Ya habéis respondido esta encuesta con este enlace. ¡Gracias!',
  },
  'request.tooMany': {
    ca: 'Massa peticions des d’aquesta adreça. Torneu-ho a provar d’aquí a {seconds} s.',
    es: 'Demasiadas peticiones desde esta dirección. Vuelva a intentarlo dentro de {seconds} s.',
  },
  'request.tooLarge': {
    ca: 'El cos de la petició és massa gran; el màxim és el límit del servidor{size}.',
    es: 'El cuerpo de la petición es demasiado grande; el máximo es el límite del servidor{size}.',
  },
  // Strapi's own English answers to a client's fault, said again in the request's language (utils/faults.ts).
  'request.invalidKey': {
    ca: 'El paràmetre {param} fa servir «{key}»{at}, que no existeix o no es pot fer servir aquí.',
    es: 'El parámetro {param} usa «{key}»{at}, que no existe o no se puede usar aquí.',
  },
  'request.invalidBodyKey': {
    ca: 'El cos de la petició conté «{key}»{at}, que no existeix o no es pot escriure.',
    es: 'El cuerpo de la petición contiene «{key}»{at}, que no existe o no se puede escribir.',
  },
  'request.notFound': {
    ca: 'No s’ha trobat res en aquesta adreça: comproveu-ne el camí i l’identificador.',
    es: 'No se ha encontrado nada en esta dirección: compruebe la ruta y el identificador.',
  },
  'request.forbidden': { ca: 'No teniu permís per accedir a aquest recurs.', es: 'No tiene permiso para acceder a este recurso.' },
  'request.unauthorized': {
    ca: 'Aquest recurs demana unes credencials vàlides (capçalera Authorization).',
    es: 'Este recurso requiere unas credenciales válidas (cabecera Authorization).',
  },
  'request.methodNotAllowed': {
    ca: 'Aquesta adreça no admet el mètode {method}; admet {allowed}.',
    es: 'Esta dirección no admite el método {method}; admite {allowed}.',
  },
  'request.pagination': {
    ca: 'Els valors de pagination (page, pageSize, start, limit) han de ser nombres enters positius.',
    es: 'Los valores de pagination (page, pageSize, start, limit) deben ser números enteros positivos.',
  },
  'request.invalidValue': {
    ca: 'Un valor de la consulta no és vàlid per al seu camp: per exemple, text on s’espera un nombre, un nombre massa gran, una data que no existeix o un caràcter nul.',
    es: 'Un valor de la consulta no es válido para su campo: por ejemplo, texto donde se espera un número, un número demasiado grande, una fecha que no existe o un carácter nulo.',
  },
  'request.betweenTwo': { ca: 'L’operador $between necessita exactament dos valors.', es: 'El operador $between necesita exactamente dos valores.' },
  'request.invalidOrder': {
    ca: 'Cada criteri de sort és camp:asc o camp:desc (p. ex. startsAt:desc).',
    es: 'Cada criterio de sort es campo:asc o campo:desc (p. ej. startsAt:desc).',
  },
  'request.invalidKeyAt': { ca: ' (dins de «{path}»)', es: ' (dentro de «{path}»)' },
  'request.notJson': { ca: 'El cos de la petició no és JSON vàlid.', es: 'El cuerpo de la petición no es JSON válido.' },
  'service.unavailable': {
    ca: 'El servei no està disponible en aquest moment. Torneu-ho a provar d’aquí a uns segons.',
    es: 'El servicio no está disponible en este momento. Vuelva a intentarlo dentro de unos segundos.',
  },
  'server.internalError': {
    ca: 'Hi ha hagut un error intern. Si es repeteix, comuniqueu-nos aquest codi: {id}',
    es: 'Ha habido un error interno. Si se repite, comuníquenos este código: {id}',
  },
  'form.moreErrors': { ca: '{first} (+{n} errors més)', es: '{first} (+{n} errores más)' },
  'metrics.tokenRequired': {
    ca: 'Les mètriques necessiten el testimoni (Authorization: Bearer …).',
    es: 'Las métricas necesitan el token (Authorization: Bearer …).',
  },
  'email.hours': { ca: 'de {start} a {end}', es: 'de {start} a {end} h' },
  'email.hoursElided': { ca: 'd’{start} a {end}', es: 'de {start} a {end} h' },
  'email.inHours': { ca: 'd’aquí a {n} hores', es: 'dentro de {n} horas' },
  'email.inOneHour': { ca: 'd’aquí a una hora', es: 'dentro de una hora' },
  'email.linkWithReminder': {
    ca: 'Us enviarem l’enllaç per connectar-vos tan bon punt el tinguem, i com a tard amb el recordatori, {hours} hores abans de la sessió.',
    es: 'Le enviaremos el enlace para conectarse en cuanto lo tengamos, y a más tardar con el recordatorio, {hours} horas antes de la sesión.',
  },
  'email.linkSoon': {
    ca: 'Us enviarem l’enllaç per connectar-vos per correu tan bon punt el tinguem, abans de la sessió.',
    es: 'Le enviaremos el enlace para conectarse por correo en cuanto lo tengamos, antes de la sesión.',
  },
} as const;

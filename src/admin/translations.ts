/**
 * The admin interface strings that GOmunicipal adds, in the admin's three languages (Catalan
 * first). Merged into Strapi's own translations by `config.translations` in app.tsx.
 */
const ca = {
  'gomunicipal.planner.menu': 'Planifica sessions',
  'gomunicipal.results.menu': 'Resultats de les enquestes',
  'gomunicipal.planner.title': 'Planifica sessions',
  'gomunicipal.planner.intro':
    'Crea sessions en esborrany l’últim dijous de cada mes, a l’hora per defecte: cap a l’agost, cap l’última setmana de desembre ni en un festiu de Catalunya, i mai en un dia que ja té sessió.',
  'gomunicipal.planner.from': 'Des del mes',
  'gomunicipal.planner.to': 'Fins al mes',
  'gomunicipal.planner.preview': 'Mostra què es crearà',
  'gomunicipal.planner.create': 'Crea {count, plural, one {# sessió} other {# sessions}}',
  'gomunicipal.planner.willCreate': 'Es crearan aquestes sessions en esborrany:',
  'gomunicipal.planner.nothing': 'No hi ha cap sessió per crear en aquests mesos.',
  'gomunicipal.planner.skipped': 'Mesos sense sessió nova:',
  'gomunicipal.planner.reason.august': 'agost, no hi ha sessions',
  'gomunicipal.planner.reason.no-thursday': 'cap dijous possible (festius o última setmana de desembre)',
  'gomunicipal.planner.reason.existing': 'ja hi ha una sessió el {date}',
  'gomunicipal.planner.created': 'S’han creat {count, plural, one {# sessió} other {# sessions}} en esborrany.',
  'gomunicipal.planner.openList': 'Obre la llista de sessions',
  'gomunicipal.planner.error': 'No s’ha pogut fer la planificació.',
  'gomunicipal.widget.nextSession': 'Propera sessió',
  'gomunicipal.widget.nextSession.none': 'No hi ha cap sessió publicada per endavant.',
  'gomunicipal.widget.review': 'Pendent de revisar',
  'gomunicipal.widget.outbox': 'Correu que no ha sortit',
  'gomunicipal.widget.error': 'No s’han pogut carregar les dades.',
  'gomunicipal.widget.open': 'Obre',
  'gomunicipal.figures.confirmed': 'Inscripcions confirmades',
  'gomunicipal.figures.seatsLeft': 'Places lliures',
  'gomunicipal.figures.unlimited': 'sense límit',
  'gomunicipal.figures.proposals': 'Propostes de tema per revisar',
  'gomunicipal.figures.supportRequests': 'Sol·licituds de suport pendents',
  'gomunicipal.figures.failedMessages': 'Missatges que no s’han pogut enviar',
  'gomunicipal.list.registrations': 'Inscripcions',
  'gomunicipal.list.seatsLeft': 'Places lliures',
};

type Messages = Record<keyof typeof ca, string>;

const es: Messages = {
  'gomunicipal.planner.menu': 'Planifica sesiones',
  'gomunicipal.results.menu': 'Resultados de las encuestas',
  'gomunicipal.planner.title': 'Planifica sesiones',
  'gomunicipal.planner.intro':
    'Crea sesiones en borrador el último jueves de cada mes, a la hora por defecto: ninguna en agosto, ninguna la última semana de diciembre ni en un festivo de Cataluña, y nunca en un día que ya tiene sesión.',
  'gomunicipal.planner.from': 'Desde el mes',
  'gomunicipal.planner.to': 'Hasta el mes',
  'gomunicipal.planner.preview': 'Muestra qué se creará',
  'gomunicipal.planner.create': 'Crea {count, plural, one {# sesión} other {# sesiones}}',
  'gomunicipal.planner.willCreate': 'Se crearán estas sesiones en borrador:',
  'gomunicipal.planner.nothing': 'No hay ninguna sesión que crear en estos meses.',
  'gomunicipal.planner.skipped': 'Meses sin sesión nueva:',
  'gomunicipal.planner.reason.august': 'agosto, no hay sesiones',
  'gomunicipal.planner.reason.no-thursday': 'ningún jueves posible (festivos o última semana de diciembre)',
  'gomunicipal.planner.reason.existing': 'ya hay una sesión el {date}',
  'gomunicipal.planner.created': 'Se han creado {count, plural, one {# sesión} other {# sesiones}} en borrador.',
  'gomunicipal.planner.openList': 'Abre la lista de sesiones',
  'gomunicipal.planner.error': 'No se ha podido hacer la planificación.',
  'gomunicipal.widget.nextSession': 'Próxima sesión',
  'gomunicipal.widget.nextSession.none': 'No hay ninguna sesión publicada por delante.',
  'gomunicipal.widget.review': 'Pendiente de revisar',
  'gomunicipal.widget.outbox': 'Correo que no ha salido',
  'gomunicipal.widget.error': 'No se han podido cargar los datos.',
  'gomunicipal.widget.open': 'Abre',
  'gomunicipal.figures.confirmed': 'Inscripciones confirmadas',
  'gomunicipal.figures.seatsLeft': 'Plazas libres',
  'gomunicipal.figures.unlimited': 'sin límite',
  'gomunicipal.figures.proposals': 'Propuestas de tema por revisar',
  'gomunicipal.figures.supportRequests': 'Solicitudes de apoyo pendientes',
  'gomunicipal.figures.failedMessages': 'Mensajes que no se han podido enviar',
  'gomunicipal.list.registrations': 'Inscripciones',
  'gomunicipal.list.seatsLeft': 'Plazas libres',
};

const en: Messages = {
  'gomunicipal.planner.menu': 'Plan sessions',
  'gomunicipal.results.menu': 'Survey results',
  'gomunicipal.planner.title': 'Plan sessions',
  'gomunicipal.planner.intro':
    'Creates draft sessions on the last Thursday of each month at the default hour: none in August, none in the last week of December or on a Catalan public holiday, and never on a day that already has a session.',
  'gomunicipal.planner.from': 'From month',
  'gomunicipal.planner.to': 'To month',
  'gomunicipal.planner.preview': 'Show what will be created',
  'gomunicipal.planner.create': 'Create {count, plural, one {# session} other {# sessions}}',
  'gomunicipal.planner.willCreate': 'These draft sessions will be created:',
  'gomunicipal.planner.nothing': 'There is no session to create in these months.',
  'gomunicipal.planner.skipped': 'Months without a new session:',
  'gomunicipal.planner.reason.august': 'August, no sessions',
  'gomunicipal.planner.reason.no-thursday': 'no possible Thursday (holidays or the last week of December)',
  'gomunicipal.planner.reason.existing': 'there is already a session on {date}',
  'gomunicipal.planner.created': '{count, plural, one {# draft session} other {# draft sessions}} created.',
  'gomunicipal.planner.openList': 'Open the list of sessions',
  'gomunicipal.planner.error': 'The planning could not be done.',
  'gomunicipal.widget.nextSession': 'Next session',
  'gomunicipal.widget.nextSession.none': 'No published session ahead.',
  'gomunicipal.widget.review': 'Waiting for review',
  'gomunicipal.widget.outbox': 'Email that did not go out',
  'gomunicipal.widget.error': 'The figures could not be loaded.',
  'gomunicipal.widget.open': 'Open',
  'gomunicipal.figures.confirmed': 'Confirmed registrations',
  'gomunicipal.figures.seatsLeft': 'Seats left',
  'gomunicipal.figures.unlimited': 'no limit',
  'gomunicipal.figures.proposals': 'Topic proposals to review',
  'gomunicipal.figures.supportRequests': 'Support requests pending',
  'gomunicipal.figures.failedMessages': 'Messages that could not be sent',
  'gomunicipal.list.registrations': 'Registrations',
  'gomunicipal.list.seatsLeft': 'Seats left',
};

export type MessageId = keyof typeof ca;

export const translations: Record<'ca' | 'es' | 'en', Messages> = { ca, es, en };

/** A message descriptor whose default is the Catalan text (what react-intl shows when a translation is missing). */
export const message = (id: MessageId) => ({ id, defaultMessage: ca[id] });

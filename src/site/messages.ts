/**
 * Every text of the public site that is not content, in Catalan and Spanish, looked up by key:
 * `t(language, 'key', { name: value })` fills `{name}` placeholders. Editable texts (the home's
 * paragraphs) are in the CMS (the `programme` single type), not here.
 */
import type { Language, Localized } from '../utils/language';

export const MESSAGES = {
  siteName: { ca: 'Dijous GOmunicipal', es: 'Dijous GOmunicipal' },
  organizer: { ca: 'Diputació de Barcelona', es: 'Diputació de Barcelona' },
  office: { ca: "Gabinet d'Innovació Digital", es: 'Gabinete de Innovación Digital' },
  skipLink: { ca: 'Vés al contingut', es: 'Ir al contenido' },
  languageNav: { ca: 'Idioma', es: 'Idioma' },
  mainNav: { ca: 'Seccions del lloc', es: 'Secciones del sitio' },
  navHome: { ca: 'Inici', es: 'Inicio' },
  navResults: { ca: 'Resultats', es: 'Resultados' },
  navPropose: { ca: 'Proposa un tema', es: 'Propón un tema' },
  footerFeed: { ca: 'Novetats (Atom)', es: 'Novedades (Atom)' },
  feedTitle: { ca: 'Dijous GOmunicipal: sessions i gravacions noves', es: 'Dijous GOmunicipal: sesiones y grabaciones nuevas' },
  feedNewSession: { ca: 'Nova sessió: {title}', es: 'Nueva sesión: {title}' },
  feedNewRecording: { ca: 'Nova gravació: {title}', es: 'Nueva grabación: {title}' },

  upcomingHeading: { ca: 'Properes sessions', es: 'Próximas sesiones' },
  noUpcoming: { ca: 'Ara mateix no hi ha cap sessió programada.', es: 'Ahora mismo no hay ninguna sesión programada.' },
  archiveHeading: { ca: 'Sessions fetes', es: 'Sesiones realizadas' },
  archiveIntro: {
    ca: 'Cada sessió té la seva pàgina amb la gravació i els materials.',
    es: 'Cada sesión tiene su página con la grabación y los materiales.',
  },
  noArchive: { ca: 'Encara no hi ha sessions fetes.', es: 'Todavía no hay sesiones realizadas.' },
  supportHeading: { ca: 'Suport a demanda', es: 'Apoyo a demanda' },
  qualifyingResources: {
    ca: 'Recursos del catàleg que donen dret al suport a demanda:',
    es: 'Recursos del catálogo que dan derecho al apoyo a demanda:',
  },
  askSupport: { ca: 'Demaneu suport a demanda', es: 'Solicitad apoyo a demanda' },
  resultsHeading: { ca: 'Com valoren les sessions', es: 'Cómo se valoran las sesiones' },
  resultsHeadline: {
    ca: 'Última sessió valorada, «{title}» ({date}): {responses} respostes.',
    es: 'Última sesión valorada, «{title}» ({date}): {responses} respuestas.',
  },
  resultsAllLink: { ca: 'Tots els resultats de les enquestes', es: 'Todos los resultados de las encuestas' },
  noResultsYet: {
    ca: 'Encara no hi ha prou respostes per publicar resultats.',
    es: 'Todavía no hay suficientes respuestas para publicar resultados.',
  },
  proposeHeading: { ca: 'Voleu proposar un tema?', es: '¿Queréis proponer un tema?' },
  proposeLink: { ca: 'Proposeu un tema per a les properes sessions', es: 'Proponed un tema para las próximas sesiones' },

  statusScheduled: { ca: 'Programada', es: 'Programada' },
  statusHeld: { ca: 'Feta', es: 'Realizada' },
  statusCancelled: { ca: 'Cancel·lada', es: 'Cancelada' },
  statusPostponed: { ca: 'Ajornada: aviat en donarem la nova data', es: 'Aplazada: pronto daremos la nueva fecha' },
  statusLabel: { ca: 'Estat', es: 'Estado' },
  seatsOne: { ca: 'Queda 1 plaça', es: 'Queda 1 plaza' },
  seatsMany: { ca: 'Queden {n} places', es: 'Quedan {n} plazas' },
  seatsFull: {
    ca: "Places exhaurides: us podeu inscriure a la llista d'espera",
    es: 'Plazas agotadas: podéis inscribiros en la lista de espera',
  },
  seatsOpen: { ca: 'Inscripció oberta', es: 'Inscripción abierta' },
  registrationHeading: { ca: 'Inscripció', es: 'Inscripción' },
  overallHeading: { ca: 'Totes les sessions del període', es: 'Todas las sesiones del periodo' },
  registrationClosed: { ca: 'La inscripció no està oberta.', es: 'La inscripción no está abierta.' },
  register: { ca: "Inscriviu-vos-hi", es: 'Inscribíos' },
  registerWaitlist: { ca: "Apunteu-vos a la llista d'espera", es: 'Apuntaos a la lista de espera' },
  addToCalendar: { ca: 'Afegiu-la al calendari', es: 'Añadidla al calendario' },
  forSession: { ca: ': {title}', es: ': {title}' },
  when: { ca: '{date}, de {start} a {end} (hora de Barcelona)', es: '{date}, de {start} a {end} (hora de Barcelona)' },
  duration: { ca: 'Durada: {n} minuts', es: 'Duración: {n} minutos' },
  online: {
    ca: 'En línia, per Microsoft Teams. Connecteu-vos uns minuts abans per provar la càmera i el so.',
    es: 'En línea, por Microsoft Teams. Conectaos unos minutos antes para probar la cámara y el sonido.',
  },
  speakersHeading: { ca: 'Ponents', es: 'Ponentes' },
  coOrganized: { ca: 'Coorganitzada amb {name}', es: 'Coorganizada con {name}' },
  resourcesHeading: { ca: 'Recursos del catàleg relacionats', es: 'Recursos del catálogo relacionados' },
  inCatalog: { ca: 'al catàleg de serveis', es: 'en el catálogo de servicios' },
  recordingsHeading: { ca: 'Gravació', es: 'Grabación' },
  noRecording: { ca: 'Aquesta sessió encara no té cap gravació publicada.', es: 'Esta sesión todavía no tiene ninguna grabación publicada.' },
  chaptersHeading: { ca: 'Capítols', es: 'Capítulos' },
  chapterSeek: { ca: 'Vés al minut {time}', es: 'Ir al minuto {time}' },
  externalRecording: { ca: 'Mireu la gravació a {platform}', es: 'Ved la grabación en {platform}' },
  externalNote: {
    ca: "(s'obre {host}, un web extern que pot fer servir galetes)",
    es: '(se abre {host}, un sitio externo que puede usar cookies)',
  },
  videoFallback: {
    ca: 'El vostre navegador no pot reproduir aquest vídeo: descarregueu-lo.',
    es: 'Vuestro navegador no puede reproducir este vídeo: descargadlo.',
  },
  downloadVideo: { ca: 'Descarregueu el vídeo ({type}, {size})', es: 'Descargad el vídeo ({type}, {size})' },
  transcriptSummary: { ca: 'Transcripció ({language})', es: 'Transcripción ({language})' },
  captionsFile: { ca: 'Subtítols en {language} (WebVTT)', es: 'Subtítulos en {language} (WebVTT)' },
  languageCa: { ca: 'català', es: 'catalán' },
  languageEs: { ca: 'castellà', es: 'castellano' },
  languageEn: { ca: 'anglès', es: 'inglés' },
  materialsHeading: { ca: 'Materials', es: 'Materiales' },
  kindSlides: { ca: 'Presentació', es: 'Presentación' },
  kindDocument: { ca: 'Document', es: 'Documento' },
  kindGuide: { ca: 'Guia', es: 'Guía' },
  kindTemplate: { ca: 'Plantilla', es: 'Plantilla' },
  kindLink: { ca: 'Enllaç', es: 'Enlace' },
  kindOther: { ca: 'Altres', es: 'Otros' },
  download: { ca: 'Descarrega', es: 'Descargar' },
  openLink: { ca: "Obre l'enllaç", es: 'Abrir el enlace' },
  feedbackHeading: { ca: 'Valoració de les persones assistents', es: 'Valoración de las personas asistentes' },
  suppressed: {
    ca: "Encara no hi ha prou respostes a l'enquesta per publicar-ne els resultats: en calen com a mínim {threshold}, perquè ningú no pugui saber què ha respost cadascú.",
    es: 'Todavía no hay suficientes respuestas a la encuesta para publicar sus resultados: se necesitan como mínimo {threshold}, para que nadie pueda saber qué ha respondido cada cual.',
  },
  responses: { ca: '{n} respostes', es: '{n} respuestas' },
  responsesOne: { ca: '1 resposta', es: '1 respuesta' },
  questionWithheld: {
    ca: 'Aquesta pregunta no arriba a {threshold} respostes en cap sessió: no se’n publiquen les xifres.',
    es: 'Esta pregunta no llega a {threshold} respuestas en ninguna sesión: no se publican sus cifras.',
  },
  withheldSessions: {
    ca: '{n} sessions amb menys de {threshold} respostes no compten en aquestes xifres.',
    es: '{n} sesiones con menos de {threshold} respuestas no cuentan en estas cifras.',
  },
  withheldSessionsOne: {
    ca: '1 sessió amb menys de {threshold} respostes no compta en aquestes xifres.',
    es: '1 sesión con menos de {threshold} respuestas no cuenta en estas cifras.',
  },
  responseRate: { ca: '{rate} % de les persones inscrites', es: '{rate} % de las personas inscritas' },
  meanLine: { ca: 'Mitjana: {mean} sobre 5', es: 'Media: {mean} sobre 5' },
  topTwoLine: { ca: '{pct} % hi donen un 4 o un 5', es: '{pct} % dan un 4 o un 5' },
  tableAnswer: { ca: 'Resposta', es: 'Respuesta' },
  tableCount: { ca: 'Respostes', es: 'Respuestas' },
  tablePercent: { ca: 'Percentatge', es: 'Porcentaje' },
  chartLabel: { ca: '{question}: gràfic de barres; les xifres són a la taula següent', es: '{question}: gráfico de barras; las cifras están en la tabla siguiente' },
  textQuestion: {
    ca: '{n} comentaris escrits, que només llegeix l’equip del programa.',
    es: '{n} comentarios escritos, que solo lee el equipo del programa.',
  },
  textQuestionOne: {
    ca: '1 comentari escrit, que només llegeix l’equip del programa.',
    es: '1 comentario escrito, que solo lee el equipo del programa.',
  },

  resultsTitle: { ca: 'Resultats de les enquestes', es: 'Resultados de las encuestas' },
  rangeLegend: { ca: 'Període', es: 'Periodo' },
  rangeFrom: { ca: 'Des del dia', es: 'Desde el día' },
  rangeTo: { ca: 'Fins al dia', es: 'Hasta el día' },
  rangeHint: { ca: 'Format AAAA-MM-DD; deixeu-ho en blanc per no limitar-ho.', es: 'Formato AAAA-MM-DD; dejadlo en blanco para no limitarlo.' },
  rangeApply: { ca: 'Mostra els resultats', es: 'Mostrar los resultados' },
  rangeSessions: { ca: '{n} sessions al període', es: '{n} sesiones en el periodo' },
  rangeSessionsOne: { ca: '1 sessió al període', es: '1 sesión en el periodo' },
  trendHeading: { ca: 'Evolució per sessió', es: 'Evolución por sesión' },
  trendLabel: {
    ca: '{question}: mitjana de cada sessió, en el temps; les xifres són a la taula següent',
    es: '{question}: media de cada sesión, en el tiempo; las cifras están en la tabla siguiente',
  },
  tableSession: { ca: 'Sessió', es: 'Sesión' },
  tableDate: { ca: 'Data', es: 'Fecha' },
  tableMean: { ca: 'Mitjana (1–5)', es: 'Media (1–5)' },
  notPublished: { ca: 'No publicada (menys de {threshold} respostes)', es: 'No publicada (menos de {threshold} respuestas)' },
  badRange: { ca: 'El període no és vàlid', es: 'El periodo no es válido' },

  notFoundTitle: { ca: 'No hem trobat aquesta pàgina', es: 'No hemos encontrado esta página' },
  notFoundText: {
    ca: "Potser l'adreça no és correcta, o la sessió ja no està publicada.",
    es: 'Quizá la dirección no es correcta, o la sesión ya no está publicada.',
  },
  notFoundHome: { ca: "Aneu a l'inici del Dijous GOmunicipal", es: 'Id al inicio del Dijous GOmunicipal' },
  onlyInOther: {
    ca: 'Aquesta sessió no està publicada en català.',
    es: 'Esta sesión no está publicada en castellano.',
  },
  readInOther: { ca: 'Llegiu-la en castellà', es: 'Leedla en catalán' },
} as const satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

/** Keys with a singular form `<key>One`, for counts. */
type Countable = 'responses' | 'rangeSessions' | 'textQuestion' | 'withheldSessions';

/** `key` for a count `n` ({n} formatted by `format`): the `<key>One` form for exactly one. */
export const tn = (
  language: Language,
  key: Countable,
  n: number,
  format: (n: number) => string = String,
  values: Record<string, string | number> = {}
): string => (n === 1 ? t(language, `${key}One`, values) : t(language, key, { ...values, n: format(n) }));

/** The text of `key` in `language`, with `{name}` placeholders filled from `values`. */
export const t = (language: Language, key: MessageKey, values: Record<string, string | number> = {}): string =>
  (MESSAGES[key][language] as string).replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name])
  );

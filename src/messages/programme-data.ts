/**
 * Texts of the programme's own figures, in Catalan and Spanish (see ./index.ts): the attendance
 * import's answers, the reach, and the open-data page and catalogue.
 */
export const PROGRAMME_DATA_MESSAGES = {
  'attendance.atLine': { ca: 'Línia {line}: {problem}', es: 'Línea {line}: {problem}' },
  'attendance.empty': { ca: 'El fitxer és buit.', es: 'El fichero está vacío.' },
  'attendance.noFile': {
    ca: 'Envieu { "file": "…" } amb el fitxer en base64.',
    es: 'Enviad { "file": "…" } con el fichero en base64.',
  },
  'attendance.utf16be': {
    ca: 'El fitxer és UTF-16 big-endian: cal l’informe tal com el baixa Teams (UTF-16LE) o un CSV en UTF-8.',
    es: 'El fichero es UTF-16 big-endian: hace falta el informe tal como lo descarga Teams (UTF-16LE) o un CSV en UTF-8.',
  },
  'attendance.badEncoding': {
    ca: 'La codificació del fitxer no és vàlida: cal l’informe de Teams (UTF-16LE amb BOM) o un CSV en UTF-8.',
    es: 'La codificación del fichero no es válida: hace falta el informe de Teams (UTF-16LE con BOM) o un CSV en UTF-8.',
  },
  'attendance.unreadable': { ca: 'el fitxer no es pot llegir com a taula.', es: 'el fichero no se puede leer como tabla.' },
  'attendance.beforeSections': {
    ca: 'hi ha dades abans de la primera secció («1. Summary»).',
    es: 'hay datos antes de la primera sección («1. Summary»).',
  },
  'attendance.repeatedSection': { ca: 'la secció «{section}» apareix dues vegades.', es: 'la sección «{section}» aparece dos veces.' },
  'attendance.missingSection': {
    ca: 'A l’informe de Teams hi falta la secció «{section}».',
    es: 'En el informe de Teams falta la sección «{section}».',
  },
  'attendance.emptySection': { ca: 'La secció «{section}» no té cap taula.', es: 'La sección «{section}» no tiene ninguna tabla.' },
  'attendance.missingColumns': {
    ca: 'a la secció «{section}» hi falten les columnes del correu electrònic o de la durada.',
    es: 'en la sección «{section}» faltan las columnas del correo electrónico o de la duración.',
  },
  'attendance.badEmail': { ca: '«{value}» no és una adreça electrònica.', es: '«{value}» no es una dirección de correo electrónico.' },
  'attendance.badDuration': {
    ca: 'la durada «{value}» no és vàlida (ha de ser com 1h 2m 3s o 45m 10s).',
    es: 'la duración «{value}» no es válida (debe ser como 1h 2m 3s o 45m 10s).',
  },
  'attendance.badMinutes': { ca: 'els minuts «{value}» no són un nombre.', es: 'los minutos «{value}» no son un número.' },
  'attendance.csvHeader': {
    ca: 'el CSV ha de tenir les columnes email i minutes.',
    es: 'el CSV debe tener las columnas email y minutes.',
  },
  'attendance.badMinimum': {
    ca: 'El mínim de minuts ha de ser un enter entre 0 i la durada de la sessió ({max}).',
    es: 'El mínimo de minutos debe ser un entero entre 0 y la duración de la sesión ({max}).',
  },
  'attendance.unknownSession': { ca: 'No hi ha cap sessió «{id}».', es: 'No hay ninguna sesión «{id}».' },

  'reach.badDate': { ca: 'La data «{value}» no és AAAA-MM-DD.', es: 'La fecha «{value}» no es AAAA-MM-DD.' },
  'reach.badFilter': {
    ca: 'El filtre «{value}» no existeix (all, engaged, never, eligibleNoSupport).',
    es: 'El filtro «{value}» no existe (all, engaged, never, eligibleNoSupport).',
  },
  'reach.badSort': { ca: 'No es pot ordenar per «{value}».', es: 'No se puede ordenar por «{value}».' },
  'comarca.noRows': { ca: 'El fitxer no té cap fila de dades.', es: 'El fichero no tiene ninguna fila de datos.' },
  'comarca.header': {
    ca: 'La capçalera ha de ser ine_code,comarca.',
    es: 'La cabecera debe ser ine_code,comarca.',
  },
  'comarca.rowErrors': {
    ca: 'No s’ha importat res: hi ha errors a les línies {lines}.',
    es: 'No se ha importado nada: hay errores en las líneas {lines}.',
  },
  'comarca.badIne': { ca: 'codi INE «{value}» mal format', es: 'código INE «{value}» mal formado' },
  'comarca.unknownIne': { ca: 'cap ens local amb el codi INE {value}', es: 'ningún ente local con el código INE {value}' },
  'comarca.badName': { ca: 'la comarca ha de tenir entre 1 i 100 caràcters', es: 'la comarca debe tener entre 1 y 100 caracteres' },
  'comarca.repeated': { ca: 'repeteix el codi INE de la línia {line}', es: 'repite el código INE de la línea {line}' },

  navOpenData: { ca: 'Dades obertes', es: 'Datos abiertos' },
  openDataTitle: { ca: 'Dades obertes del Dijous GOmunicipal', es: 'Datos abiertos del Dijous GOmunicipal' },
  openDataIntro: {
    ca: 'Publiquem les dades del programa amb llicència {licence}: les sessions, els resultats de les enquestes i l’abast entre els ens locals de la província. Cap fitxer no conté dades personals; les xifres de menys de {threshold} persones no es publiquen.',
    es: 'Publicamos los datos del programa con licencia {licence}: las sesiones, los resultados de las encuestas y el alcance entre los entes locales de la provincia. Ningún fichero contiene datos personales; las cifras de menos de {threshold} personas no se publican.',
  },
  openDataCatalog: {
    ca: 'Catàleg DCAT-AP-ES per a portals de dades obertes:',
    es: 'Catálogo DCAT-AP-ES para portales de datos abiertos:',
  },
  openDataDatasets: { ca: 'Conjunts de dades', es: 'Conjuntos de datos' },
  openDataDownloads: { ca: 'Descàrregues de «{title}»', es: 'Descargas de «{title}»' },
  openDataReachHeading: { ca: 'Abast per comarca', es: 'Alcance por comarca' },
  openDataReachCaption: {
    ca: 'Ens locals per comarca i quants n’han participat (xifres de menys de {threshold} omeses)',
    es: 'Entes locales por comarca y cuántos han participado (cifras de menos de {threshold} omitidas)',
  },
  openDataComarca: { ca: 'Comarca', es: 'Comarca' },
  openDataEntities: { ca: 'Ens locals', es: 'Entes locales' },
  openDataReached: { ca: 'Ens que hi han participat', es: 'Entes que han participado' },
  openDataAttendees: { ca: 'Persones assistents', es: 'Personas asistentes' },
  openDataSuppressed: { ca: 'omès', es: 'omitido' },
  openDataNoComarca: { ca: 'Sense comarca', es: 'Sin comarca' },
  openDataNoReach: { ca: 'Encara no hi ha xifres d’abast per publicar.', es: 'Todavía no hay cifras de alcance que publicar.' },

  'dataset.sessions.title': { ca: 'Sessions del Dijous GOmunicipal', es: 'Sesiones del Dijous GOmunicipal' },
  'dataset.sessions.description': {
    ca: 'Cada sessió publicada: títol, data, estat, coorganitzador i enllaços a les gravacions i als materials.',
    es: 'Cada sesión publicada: título, fecha, estado, coorganizador y enlaces a las grabaciones y a los materiales.',
  },
  'dataset.results.title': { ca: 'Resultats de les enquestes per sessió', es: 'Resultados de las encuestas por sesión' },
  'dataset.results.description': {
    ca: 'Respostes a cada pregunta de l’enquesta de valoració, per sessió. Les cel·les de menys de {threshold} respostes no hi són.',
    es: 'Respuestas a cada pregunta de la encuesta de valoración, por sesión. Las celdas de menos de {threshold} respuestas no están.',
  },
  'dataset.reachComarca.title': { ca: 'Abast del programa per comarca', es: 'Alcance del programa por comarca' },
  'dataset.reachComarca.description': {
    ca: 'Ens locals de cada comarca, quants han participat en el programa, inscripcions i persones assistents. Les xifres de menys de {threshold} no hi són.',
    es: 'Entes locales de cada comarca, cuántos han participado en el programa, inscripciones y personas asistentes. Las cifras de menos de {threshold} no están.',
  },
  'dataset.reachKind.title': { ca: 'Abast del programa per tipus d’ens', es: 'Alcance del programa por tipo de ente' },
  'dataset.reachKind.description': {
    ca: 'Ens locals de cada tipus (ajuntaments, consells comarcals…), quants han participat, inscripcions i persones assistents. Les xifres de menys de {threshold} no hi són.',
    es: 'Entes locales de cada tipo (ayuntamientos, consejos comarcales…), cuántos han participado, inscripciones y personas asistentes. Las cifras de menos de {threshold} no están.',
  },
  'catalog.title': { ca: 'Dades obertes del Dijous GOmunicipal', es: 'Datos abiertos del Dijous GOmunicipal' },
  'catalog.description': {
    ca: 'Catàleg de dades del programa de sessions de suport en transparència i govern obert per als ens locals de la província de Barcelona.',
    es: 'Catálogo de datos del programa de sesiones de apoyo en transparencia y gobierno abierto para los entes locales de la provincia de Barcelona.',
  },
} as const;

/** Texts of the developer page ("Prova l'API") and its viewer, in Catalan and Spanish; see ./index.ts. */
export const DEVELOPER_MESSAGES = {
  devTitle: { ca: "Prova l'API", es: 'Prueba la API' },
  devNav: { ca: "Prova l'API", es: 'Prueba la API' },
  devIntro: {
    ca: "Per a qui desenvolupa portals municipals: l'API pública és anònima i de només lectura (llevat dels formularis), i mai no dona dades personals ni enllaços de reunió.",
    es: 'Para quien desarrolla portales municipales: la API pública es anónima y de solo lectura (salvo los formularios), y nunca da datos personales ni enlaces de reunión.',
  },
  devRestHeading: { ca: 'REST: el document OpenAPI', es: 'REST: el documento OpenAPI' },
  devRestText: {
    ca: 'El document OpenAPI 3.1 descriu cada ruta pública, els paràmetres, les respostes i els errors. Genereu-ne un client o valideu-hi les respostes.',
    es: 'El documento OpenAPI 3.1 describe cada ruta pública, los parámetros, las respuestas y los errores. Generad un cliente o validad las respuestas con él.',
  },
  devViewer: { ca: "Exploreu l'API al visor", es: 'Explorad la API en el visor' },
  devOpenapiFile: { ca: 'El document OpenAPI (JSON)', es: 'El documento OpenAPI (JSON)' },
  devGraphqlHeading: { ca: "GraphQL: l'esquema", es: 'GraphQL: el esquema' },
  devGraphqlText: {
    ca: "L'esquema públic en SDL, per generar tipus i clients (p. ex. amb GraphQL Code Generator). El punt d'accés és {endpoint}, per POST o per GET.",
    es: 'El esquema público en SDL, para generar tipos y clientes (p. ej. con GraphQL Code Generator). El punto de acceso es {endpoint}, por POST o por GET.',
  },
  devSdlFile: { ca: "L'esquema GraphQL (SDL)", es: 'El esquema GraphQL (SDL)' },
  devExamplesHeading: { ca: 'Exemples per copiar', es: 'Ejemplos para copiar' },
  devExampleUpcoming: { ca: 'Les properes cinc sessions, en català (REST)', es: 'Las próximas cinco sesiones, en castellano (REST)' },
  devExampleGraphql: { ca: 'Les properes sessions i l’arxiu de 2024 (GraphQL per GET)', es: 'Las próximas sesiones y el archivo de 2024 (GraphQL por GET)' },
  devExampleCalendar: { ca: 'El calendari per subscriure-s’hi', es: 'El calendario para suscribirse' },
  devPolicyHeading: { ca: 'Compromís sobre els canvis', es: 'Compromiso sobre los cambios' },
  devPolicyText: {
    ca: "Cap canvi trencador sense avís: un camp que ha de desaparèixer es marca com a obsolet (GraphQL @deprecated, OpenAPI deprecated, capçaleres Deprecation i Sunset a REST) i continua funcionant almenys sis mesos. Les novetats de l'API es recullen al registre de canvis de docs/api.md.",
    es: 'Ningún cambio que rompa sin aviso: un campo que debe desaparecer se marca como obsoleto (GraphQL @deprecated, OpenAPI deprecated, cabeceras Deprecation y Sunset en REST) y sigue funcionando al menos seis meses. Las novedades de la API se recogen en el registro de cambios de docs/api.md.',
  },
  devVersion: { ca: "Versió de l'API: {version}", es: 'Versión de la API: {version}' },
} as const;

/**
 * The programme's real history, from ../shared/seed/dijous-gomunicipal.txt (Diputació de Barcelona,
 * governobert.diba.cat, 2024-06-05). Catalan titles as published (typos of the source fixed);
 * the Spanish titles are our translations, so that Spanish-language portals have something to show.
 * The source gives no hour: sessions are taken to start at 10:00 Madrid time and last 60 minutes.
 */
export type SeedSession = {
  date: string;
  title: { ca: string; es: string };
  coOrganizer?: string;
};

export const SEED_SESSION_TIME = '10:00';

export const SEED_SESSIONS: readonly SeedSession[] = [
  {
    date: '2023-09-21',
    title: {
      ca: "Tenim nous electes a l'Ajuntament: el mòdul d'organització política del portal de transparència AOC",
      es: 'Tenemos nuevos electos en el Ayuntamiento: el módulo de organización política del portal de transparencia AOC',
    },
  },
  {
    date: '2023-10-26',
    title: {
      ca: "Treu-li suc a l'eina de seguiment",
      es: 'Sácale partido a la herramienta de seguimiento',
    },
  },
  {
    date: '2023-11-23',
    title: {
      ca: "Vols disposar d'un sistema d'avisos per organitzar-te en la gestió de la transparència? T'ajudem!",
      es: '¿Quieres disponer de un sistema de avisos para organizarte en la gestión de la transparencia? ¡Te ayudamos!',
    },
  },
  {
    date: '2024-01-25',
    title: {
      ca: "Gestionem la transparència: quin paper ha de tenir cadascú? Com ens podem organitzar? T'ajudem!",
      es: 'Gestionamos la transparencia: ¿qué papel debe tener cada uno? ¿Cómo nos podemos organizar? ¡Te ayudamos!',
    },
  },
  {
    date: '2024-02-29',
    title: {
      ca: "Les sol·licituds d'accés a la informació pública en el nostre ajuntament: què són i com les haig de tractar? T'ajudem!",
      es: 'Las solicitudes de acceso a la información pública en nuestro ayuntamiento: ¿qué son y cómo debo tratarlas? ¡Te ayudamos!',
    },
  },
  {
    date: '2024-04-25',
    title: {
      ca: 'El portal de transparència: on som i cap a on anem?',
      es: 'El portal de transparencia: ¿dónde estamos y hacia dónde vamos?',
    },
    coOrganizer: 'Consorci AOC',
  },
];

export type SeedCatalogResource = {
  code: string;
  name: { ca: string; es: string };
};

/** The two catalogue resources whose completion makes an entity eligible for on-demand support. */
export const SEED_CATALOG_RESOURCES: readonly SeedCatalogResource[] = [
  {
    code: 'gestio-transparencia-municipal',
    name: {
      ca: 'Gestió de la transparència municipal',
      es: 'Gestión de la transparencia municipal',
    },
  },
  {
    code: 'publicacio-automatitzada-transparencia',
    name: {
      ca: "Publicació automatitzada d'informació de transparència",
      es: 'Publicación automatizada de información de transparencia',
    },
  },
];

/** INE province code of Barcelona. */
export const SEED_PROVINCE = '08';

/**
 * The programme page's editable texts (single type `api::programme.programme`), seeded from the
 * source text (../shared/seed/dijous-gomunicipal.txt) in Catalan, with our Spanish translation.
 * Created only when there is none: what editors write is never overwritten.
 */
import type { Core, Schema } from '@strapi/strapi';
import type { Language } from '../utils/language';

const UID = 'api::programme.programme';

type Block = Schema.Attribute.BlocksValue[number];
const text = (value: string) => ({ type: 'text' as const, text: value });
const heading = (value: string): Block => ({ type: 'heading', level: 1, children: [text(value)] });
const paragraph = (value: string): Block => ({ type: 'paragraph', children: [text(value)] });
const list = (items: string[]): Block => ({
  type: 'list',
  format: 'unordered',
  children: items.map((item) => ({ type: 'list-item' as const, children: [text(item)] })),
});

type ProgrammeSeed = {
  headline: string;
  lead: string;
  about: Block[];
  howItWorks: Block[];
  supportIntro: Block[];
  proposeText: string;
  resultsIntro: string;
  metaDescription: string;
};

export const PROGRAMME_TEXTS: Record<Language, ProgrammeSeed> = {
  ca: {
    headline: 'Dijous GOmunicipal',
    lead: 'Sessions de suport en línia sobre transparència i govern obert per als ens locals, del Gabinet d’Innovació Digital de la Diputació de Barcelona.',
    about: [
      heading('Què són les sessions del Dijous GOmunicipal?'),
      paragraph(
        'Són sessions de suport mensuals (generalment, l’últim dijous de cada mes) en què es tracten, conjuntament entre els ens locals, els aspectes de transparència i govern obert que susciten dubtes i en què es vol aprofundir.'
      ),
      paragraph(
        'Són sessions breus, d’una hora aproximadament, que responen directament els dubtes plantejats abans de la sessió, amb un torn obert de preguntes: un espai de proximitat entre els ens locals i el Gabinet d’Innovació Digital.'
      ),
    ],
    howItWorks: [
      heading('Com funciona?'),
      list([
        'En línia, per Microsoft Teams: només cal un ordinador amb càmera connectat a internet.',
        'Una hora aproximadament, generalment l’últim dijous de cada mes.',
        'Obertes a tothom: us hi podeu inscriure encara que el vostre ens no hagi demanat el suport.',
        'No s’acrediten com a formació.',
        'Si no heu fet servir mai Teams, connecteu-vos uns minuts abans per provar la connexió i els dispositius.',
      ]),
    ],
    supportIntro: [
      paragraph(
        'El suport a demanda és per als ens que hagin sol·licitat i finalitzat un dels recursos del catàleg de serveis de la Diputació que ofereix el Gabinet d’Innovació Digital.'
      ),
    ],
    proposeText:
      'Si creieu que seria profitós tractar un tema determinat, o teniu algun dubte recurrent, feu-nos-ho arribar: en prendrem nota i ho considerarem a l’hora de programar les properes sessions.',
    resultsIntro:
      'Després de cada sessió, les persones inscrites reben un formulari de valoració. Aquests en són els principals resultats; els comentaris escrits només els llegeix l’equip del programa.',
    metaDescription:
      'Sessions mensuals de suport en línia sobre transparència i govern obert per als ens locals: properes sessions, gravacions, materials i valoracions.',
  },
  es: {
    headline: 'Dijous GOmunicipal',
    lead: 'Sesiones de apoyo en línea sobre transparencia y gobierno abierto para los entes locales, del Gabinete de Innovación Digital de la Diputació de Barcelona.',
    about: [
      heading('¿Qué son las sesiones del Dijous GOmunicipal?'),
      paragraph(
        'Son sesiones de apoyo mensuales (generalmente, el último jueves de cada mes) en las que se tratan, conjuntamente entre los entes locales, los aspectos de transparencia y gobierno abierto que suscitan dudas y en los que se quiere profundizar.'
      ),
      paragraph(
        'Son sesiones breves, de una hora aproximadamente, que responden directamente a las dudas planteadas antes de la sesión, con un turno abierto de preguntas: un espacio de proximidad entre los entes locales y el Gabinete de Innovación Digital.'
      ),
    ],
    howItWorks: [
      heading('¿Cómo funciona?'),
      list([
        'En línea, por Microsoft Teams: solo hace falta un ordenador con cámara conectado a internet.',
        'Una hora aproximadamente, generalmente el último jueves de cada mes.',
        'Abiertas a todo el mundo: podéis inscribiros aunque vuestro ente no haya solicitado el apoyo.',
        'No se acreditan como formación.',
        'Si no habéis usado nunca Teams, conectaos unos minutos antes para probar la conexión y los dispositivos.',
      ]),
    ],
    supportIntro: [
      paragraph(
        'El apoyo a demanda es para los entes que hayan solicitado y finalizado uno de los recursos del catálogo de servicios de la Diputació que ofrece el Gabinete de Innovación Digital.'
      ),
    ],
    proposeText:
      'Si creéis que sería provechoso tratar un tema determinado, o tenéis alguna duda recurrente, hacédnoslo llegar: tomaremos nota y lo tendremos en cuenta al programar las próximas sesiones.',
    resultsIntro:
      'Después de cada sesión, las personas inscritas reciben un formulario de valoración. Estos son sus principales resultados; los comentarios escritos solo los lee el equipo del programa.',
    metaDescription:
      'Sesiones mensuales de apoyo en línea sobre transparencia y gobierno abierto para los entes locales: próximas sesiones, grabaciones, materiales y valoraciones.',
  },
};

/** Creates and publishes the programme texts in both languages when there are none; returns whether it did. */
export const seedProgramme = async (strapi: Core.Strapi): Promise<boolean> => {
  if ((await strapi.db.query(UID).count()) > 0) return false;
  const doc = await strapi.documents(UID).create({ locale: 'ca', status: 'published', data: PROGRAMME_TEXTS.ca });
  await strapi.documents(UID).update({ documentId: doc.documentId, locale: 'es', data: PROGRAMME_TEXTS.es });
  await strapi.documents(UID).publish({ documentId: doc.documentId, locale: 'es' });
  return true;
};

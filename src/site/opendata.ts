/**
 * The programme's open data: four datasets (sessions; survey results per session and question;
 * reach by comarca; reach by entity kind) as CSV and JSON, and their DCAT-AP-ES catalogue as
 * Turtle and JSON-LD, both written from one RDF graph (n3 for Turtle, jsonld for JSON-LD). Only
 * counts and public content: no names of people, emails, comments or links to meetings; every
 * count of people under the privacy threshold is left out (absent, not zero).
 */
import type { Core } from '@strapi/strapi';
import { DataFactory, Writer, type Quad } from 'n3';
import { t } from '../messages';
import { toCsv } from '../utils/csv';
import { LANGUAGES, type Language } from '../utils/language';
import { service } from '../utils/services';
import { absolute } from './urls';

const { namedNode, literal, quad } = DataFactory;

export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

/** The Diputació de Barcelona in the Spanish public sector directory (DIR3), as datos.gob.es names publishers. */
export const PUBLISHER = 'http://datos.gob.es/recurso/sector-publico/org/Organismo/L02000008';
export const THEME_GOVE = 'http://publications.europa.eu/resource/authority/data-theme/GOVE';
export const FREQUENCY_MONTHLY = 'http://publications.europa.eu/resource/authority/frequency/MONTHLY';
const MEDIA_TYPES = { csv: 'text/csv', json: 'application/json' } as const;
const FORMATS = { csv: 'http://publications.europa.eu/resource/authority/file-type/CSV', json: 'http://publications.europa.eu/resource/authority/file-type/JSON' } as const;
export type Format = keyof typeof MEDIA_TYPES;

export const DATASETS = ['sessions', 'results', 'reach-comarca', 'reach-kind'] as const;
export type DatasetName = (typeof DATASETS)[number];

const MESSAGE_PREFIX: Record<DatasetName, 'sessions' | 'results' | 'reachComarca' | 'reachKind'> = {
  sessions: 'sessions',
  results: 'results',
  'reach-comarca': 'reachComarca',
  'reach-kind': 'reachKind',
};
const KEYWORDS: Record<DatasetName, Record<Language, string[]>> = {
  sessions: { ca: ['govern obert', 'transparència', 'ens locals', 'formació'], es: ['gobierno abierto', 'transparencia', 'entes locales', 'formación'] },
  results: { ca: ['govern obert', 'enquesta de valoració', 'formació'], es: ['gobierno abierto', 'encuesta de valoración', 'formación'] },
  'reach-comarca': { ca: ['govern obert', 'ens locals', 'comarques'], es: ['gobierno abierto', 'entes locales', 'comarcas'] },
  'reach-kind': { ca: ['govern obert', 'ens locals', 'municipis'], es: ['gobierno abierto', 'entes locales', 'municipios'] },
};

export type Table = { columns: { key: string; header: string }[]; rows: Record<string, string | number | null>[] };

type SessionRow = {
  documentId: string;
  slug: string;
  title: string;
  locale: string;
  startsAt: string;
  eventStatus: string;
  coOrganizer: string | null;
  updatedAt: string;
  publishedAt: string;
  recordings?: { videoUrl: string | null; documentId: string }[];
  materials?: { url: string | null; documentId: string; file?: { url: string } | null }[];
};

export const openData = (strapi: Core.Strapi) => {
  const publicUrl = () => strapi.config.get('server.url') as string;
  const threshold = () => strapi.config.get('feedback.privacyThreshold', 5) as number;
  const url = (path: string) => absolute(publicUrl(), path);

  const sessions = async (): Promise<SessionRow[]> => {
    const rows: SessionRow[] = [];
    for (const locale of LANGUAGES) {
      const found: unknown[] = await strapi.documents('api::session.session').findMany({
          locale,
          status: 'published',
          fields: ['slug', 'title', 'locale', 'startsAt', 'eventStatus', 'coOrganizer', 'updatedAt', 'publishedAt'],
          populate: { recordings: { fields: ['videoUrl'] }, materials: { fields: ['url'], populate: { file: { fields: ['url'] } } } },
          sort: ['startsAt:asc'],
          limit: 10000,
      });
      // The fields and relations asked for above, as declared in SessionRow.
      rows.push(...(found as SessionRow[]));
    }
    return rows;
  };

  /** A file's URL made absolute (uploads are stored as site paths). */
  const absoluteUrl = (value: string) => (/^https?:\/\//.test(value) ? value : url(value));

  const sessionsTable = async (): Promise<Table> => {
    const rows = await sessions();
    const byId = new Map<string, { ca?: SessionRow; es?: SessionRow }>();
    for (const row of rows) byId.set(row.documentId, { ...byId.get(row.documentId), [row.locale]: row });
    return {
      columns: [
        { key: 'id', header: 'id' },
        { key: 'date', header: 'date' },
        { key: 'status', header: 'status' },
        { key: 'title_ca', header: 'title_ca' },
        { key: 'title_es', header: 'title_es' },
        { key: 'co_organizer', header: 'co_organizer' },
        { key: 'page_ca', header: 'page_ca' },
        { key: 'page_es', header: 'page_es' },
        { key: 'recordings', header: 'recordings' },
        { key: 'materials', header: 'materials' },
      ],
      rows: [...byId.entries()].map(([id, versions]) => {
        const any = (versions.ca ?? versions.es) as SessionRow;
        const links = (list: string[]) => [...new Set(list)].join(' ');
        return {
          id,
          date: new Date(any.startsAt).toISOString().slice(0, 10),
          status: any.eventStatus,
          title_ca: versions.ca?.title ?? null,
          title_es: versions.es?.title ?? null,
          co_organizer: any.coOrganizer ?? null,
          page_ca: versions.ca ? url(`/ca/sessions/${encodeURIComponent(versions.ca.slug)}`) : null,
          page_es: versions.es ? url(`/es/sessions/${encodeURIComponent(versions.es.slug)}`) : null,
          recordings: links([...(versions.ca?.recordings ?? []), ...(versions.es?.recordings ?? [])].flatMap((r) => (r.videoUrl ? [absoluteUrl(r.videoUrl)] : []))),
          materials: links(
            [...(versions.ca?.materials ?? []), ...(versions.es?.materials ?? [])].flatMap((m) => {
              const link = m.url ?? m.file?.url ?? null;
              return link ? [absoluteUrl(link)] : [];
            })
          ),
        };
      }),
    };
  };

  const resultsTable = async (): Promise<Table> => {
    const held = (await sessions()).filter((s) => s.locale === 'ca' && s.eventStatus !== 'cancelled' && new Date(s.startsAt) < new Date());
    const results = service(strapi, 'api::feedback-response.results');
    const rows: Table['rows'] = [];
    for (const session of held) {
      const summary = await results.summary({ session: session.documentId }, { language: 'ca', threshold: threshold() });
      if (summary.suppressed) continue;
      for (const question of summary.questions) {
        // Free text is never published; a withheld question has no figures: no row at all.
        if (question.kind === 'text' || question.answers === null || question.answers < threshold()) continue;
        rows.push({
          session: session.documentId,
          date: new Date(session.startsAt).toISOString().slice(0, 10),
          question: question.key,
          question_label: question.label,
          kind: question.kind,
          responses: summary.responses,
          answers: question.answers,
          mean: question.mean,
          median: question.median,
          top_two_box_percent: question.topTwoBox,
        });
      }
    }
    return {
      columns: ['session', 'date', 'question', 'question_label', 'kind', 'responses', 'answers', 'mean', 'median', 'top_two_box_percent'].map((key) => ({ key, header: key })),
      rows,
    };
  };

  /** Reach groups: the number of entities always (public facts), counts of people and of entities reached only from the threshold up. */
  const reachTable = async (by: 'comarca' | 'kind'): Promise<Table> => {
    const reach = await service(strapi, 'api::local-entity.reach').figures();
    const min = threshold();
    const shown = (n: number) => (n >= min ? n : null);
    const groups = by === 'comarca' ? reach.byComarca : reach.byKind;
    return {
      columns: [by, 'entities', 'entities_reached', 'registrations', 'attendees'].map((key) => ({ key, header: key })),
      rows: groups.map((g) => ({ [by]: g.key ?? '', entities: g.entities, entities_reached: shown(g.reached), registrations: shown(g.registrations), attendees: shown(g.attendees) })),
    };
  };

  const table = (name: DatasetName): Promise<Table> =>
    name === 'sessions' ? sessionsTable() : name === 'results' ? resultsTable() : reachTable(name === 'reach-comarca' ? 'comarca' : 'kind');

  /** A dataset as CSV (suppressed cells empty) or JSON (suppressed keys left out). */
  const distribution = async (name: DatasetName, format: Format): Promise<string> => {
    const { columns, rows } = await table(name);
    if (format === 'csv') return toCsv(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? '']))), columns);
    return JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== ''))));
  };

  const downloadPath = (name: DatasetName, format: Format) => `/opendata/${name}.${format}`;

  /** When each dataset last changed, and its time span: from the sessions it covers. */
  const dates = async () => {
    const rows = await sessions();
    const times = rows.map((r) => new Date(r.startsAt).getTime());
    const changes = rows.map((r) => new Date(r.updatedAt).getTime());
    const published = rows.map((r) => new Date(r.publishedAt).getTime());
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const now = Date.now();
    return {
      start: day(times.length ? Math.min(...times) : now),
      end: day(times.length ? Math.max(...times) : now),
      issued: day(published.length ? Math.min(...published) : now),
      modified: day(changes.length ? Math.max(...changes) : now),
    };
  };

  /** The catalogue as RDF quads (no blank nodes: every node has an IRI under /opendata/). */
  const graph = async (): Promise<Quad[]> => {
    const quads: Quad[] = [];
    const node = (iri: string) => namedNode(iri);
    const add = (s: string, p: string, o: ReturnType<typeof namedNode> | ReturnType<typeof literal>) => quads.push(quad(node(s), node(p), o));
    const type = (s: string, o: string) => add(s, `${NS.rdf}type`, node(o));
    const text = (s: string, p: string, key: Parameters<typeof t>[1], values = {}) => {
      for (const language of LANGUAGES) add(s, p, literal(t(language, key, values), language));
    };
    const date = (value: string) => literal(value, node(`${NS.xsd}date`));
    const { start, end, issued, modified } = await dates();
    const catalog = url('/opendata/catalog');
    const contact = url('/opendata/catalog#contact');
    const licence = strapi.config.get('opendata.licence') as string;
    const mailbox = strapi.config.get('opendata.contactEmail', '') as string;

    type(catalog, `${NS.dcat}Catalog`);
    text(catalog, `${NS.dct}title`, 'catalog.title');
    text(catalog, `${NS.dct}description`, 'catalog.description');
    add(catalog, `${NS.dct}publisher`, node(PUBLISHER));
    add(catalog, `${NS.dct}license`, node(licence));
    add(catalog, `${NS.foaf}homepage`, node(url('/ca/opendata')));
    add(catalog, `${NS.dct}issued`, date(issued));
    add(catalog, `${NS.dct}modified`, date(modified));
    for (const language of ['CAT', 'SPA']) add(catalog, `${NS.dct}language`, node(`http://publications.europa.eu/resource/authority/language/${language}`));
    type(PUBLISHER, `${NS.foaf}Agent`);
    add(PUBLISHER, `${NS.foaf}name`, literal(t('ca', 'organizer'), 'ca'));
    type(contact, `${NS.vcard}Organization`);
    add(contact, `${NS.vcard}fn`, literal(`${t('ca', 'organizer')} · ${t('ca', 'office')}`, 'ca'));
    add(contact, `${NS.vcard}hasURL`, node(url('/ca/opendata')));
    if (mailbox !== '') add(contact, `${NS.vcard}hasEmail`, node(`mailto:${mailbox}`));

    for (const name of DATASETS) {
      const dataset = url(`/opendata/catalog#${name}`);
      const prefix = MESSAGE_PREFIX[name];
      add(catalog, `${NS.dcat}dataset`, node(dataset));
      type(dataset, `${NS.dcat}Dataset`);
      text(dataset, `${NS.dct}title`, `dataset.${prefix}.title`);
      text(dataset, `${NS.dct}description`, `dataset.${prefix}.description`, { threshold: threshold() });
      add(dataset, `${NS.dct}identifier`, literal(dataset));
      add(dataset, `${NS.dct}publisher`, node(PUBLISHER));
      add(dataset, `${NS.dct}license`, node(licence));
      add(dataset, `${NS.dcat}theme`, node(THEME_GOVE));
      for (const language of LANGUAGES) for (const keyword of KEYWORDS[name][language]) add(dataset, `${NS.dcat}keyword`, literal(keyword, language));
      const period = url(`/opendata/catalog#${name}-period`);
      add(dataset, `${NS.dct}temporal`, node(period));
      type(period, `${NS.dct}PeriodOfTime`);
      add(period, `${NS.dcat}startDate`, date(start));
      add(period, `${NS.dcat}endDate`, date(end));
      add(dataset, `${NS.dct}accrualPeriodicity`, node(FREQUENCY_MONTHLY));
      add(dataset, `${NS.dct}issued`, date(issued));
      add(dataset, `${NS.dct}modified`, date(modified));
      add(dataset, `${NS.dcat}contactPoint`, node(contact));
      add(dataset, `${NS.dcat}landingPage`, node(url('/ca/opendata')));
      for (const format of ['csv', 'json'] as const) {
        const file = url(downloadPath(name, format));
        const dist = url(`/opendata/catalog#${name}-${format}`);
        add(dataset, `${NS.dcat}distribution`, node(dist));
        type(dist, `${NS.dcat}Distribution`);
        text(dist, `${NS.dct}title`, `dataset.${prefix}.title`);
        add(dist, `${NS.dcat}accessURL`, node(file));
        add(dist, `${NS.dcat}downloadURL`, node(file));
        add(dist, `${NS.dcat}mediaType`, node(`http://www.iana.org/assignments/media-types/${MEDIA_TYPES[format]}`));
        add(dist, `${NS.dct}format`, node(FORMATS[format]));
        add(dist, `${NS.dct}license`, node(licence));
      }
    }
    return quads;
  };

  return {
    table,
    distribution,
    downloadPath,
    mediaType: (format: Format) => `${MEDIA_TYPES[format]}; charset=utf-8`,

    async turtle(): Promise<string> {
      const writer = new Writer({ prefixes: { dcat: NS.dcat, dct: NS.dct, foaf: NS.foaf, vcard: NS.vcard, xsd: NS.xsd } });
      writer.addQuads(await graph());
      return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
    },

    async jsonLd(): Promise<string> {
      const nquads = new Writer({ format: 'N-Quads' });
      nquads.addQuads(await graph());
      const text = await new Promise<string>((resolve, reject) => nquads.end((error, result: string) => (error ? reject(error) : resolve(result))));
      // (Loaded at the first JSON-LD answer rather than at every start.)
      const { default: jsonld } = await import('jsonld');
      const expanded = await jsonld.fromRDF(text, { format: 'application/n-quads' });
      const context = { dcat: NS.dcat, dct: NS.dct, foaf: NS.foaf, vcard: NS.vcard, xsd: NS.xsd };
      return JSON.stringify(await jsonld.compact(expanded, context), null, 2);
    },

    /** The page's model: the datasets with their downloads, and the reach by comarca. */
    async page() {
      return { threshold: threshold(), licence: strapi.config.get('opendata.licence') as string, reach: await reachTable('comarca') };
    },
  };
};

/**
 * The site's pages as answers: gathers each page's model from the data layer and renders it.
 * Each method returns the status and the HTML (or text); the route handlers only speak HTTP.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseRange } from '../api/feedback-response/services/results';
import type { Language } from '../utils/language';
import { captionCues, transcriptSections } from './captions';
import { siteData, type ListedSession, type SessionRow } from './data';
import { madridDay } from './format';
import { atomFeed, robots, sitemap } from './feeds';
import { renderPage } from './layout';
import { homePage } from './pages/home';
import { developersPage } from './pages/developers';
import { notFoundPage, otherLanguagePage } from './pages/not-found';
import { openDataPage } from './pages/opendata';
import { DATASETS, openData, type DatasetName } from './opendata';
import { resultsPage } from './pages/results';
import { sessionPage } from './pages/session';
import type { Transcript } from './pages/session-media';

export type Answer = { status: number; type: string; body: string };

const HTML = 'text/html; charset=utf-8';
const RECENT_SESSIONS = 6;

export const siteService = (strapi: Core.Strapi) => {
  const data = siteData(strapi);
  const publicUrl = () => strapi.config.get('server.url') as string;
  const page = (status: number, rendered: ReturnType<typeof homePage>): Answer => ({
    status,
    type: HTML,
    body: renderPage(rendered.meta, publicUrl(), rendered.body),
  });

  const transcriptsOf = async (session: ListedSession): Promise<Map<string, Transcript[]>> => {
    const result = new Map<string, Transcript[]>();
    for (const recording of session.recordings ?? []) {
      const list: Transcript[] = [];
      for (const caption of recording.captions ?? []) {
        if (!caption.file) continue;
        const sections = transcriptSections(await captionCues(strapi, caption.file), recording.chapters ?? []);
        if (sections.length > 0) list.push({ language: caption.language, sections });
      }
      result.set(recording.documentId, list);
    }
    return result;
  };

  /**
   * The results behind the home's headline: those of the last few sessions held (one summary over
   * their dates), and over every session only when none of those has published results. Summing
   * ten years of rollups for one line was the slowest part of the page.
   */
  const latestResults = async (language: Language, past: SessionRow[], now: Date) => {
    const recent = past.slice(0, RECENT_SESSIONS);
    if (recent.length === RECENT_SESSIONS) {
      const summary = await data.summary({ from: madridDay(recent[recent.length - 1].startsAt) }, language, now);
      if (summary.series.some((point) => !point.suppressed && point.responses > 0)) return summary;
    }
    return data.summary({}, language, now);
  };

  return {
    notFound: (language: Language, path: string): Answer => page(404, notFoundPage(language, path)),

    developers: (language: Language): Answer => page(200, developersPage(language, publicUrl())),

    async home(language: Language, now = new Date()): Promise<Answer> {
      const [texts, upcoming, past, resources] = await Promise.all([
        data.programme(language),
        data.upcoming(language, now),
        data.past(language, now),
        data.qualifyingResources(language),
      ]);
      return page(200, homePage({ language, texts, upcoming, past, resources, results: await latestResults(language, past, now) }));
    },

    async session(language: Language, slug: string, now = new Date()): Promise<Answer> {
      const { session, languages } = await data.sessionBySlug(slug, language, now);
      if (session === undefined) {
        const other = languages.find((l) => l !== language);
        return other === undefined ? page(404, notFoundPage(language, `/${language}/sessions/${slug}`)) : page(404, otherLanguagePage(language, other, slug));
      }
      const held = !session.isUpcoming && session.eventStatus !== 'cancelled';
      const [transcripts, feedback] = await Promise.all([
        held ? transcriptsOf(session) : Promise.resolve(new Map<string, Transcript[]>()),
        held ? data.summary({ session: session.documentId }, language, now) : Promise.resolve(undefined),
      ]);
      return page(200, sessionPage({ language, session, languages, transcripts, feedback, publicUrl: publicUrl() }));
    },

    async results(language: Language, query: { from?: unknown; to?: unknown }, now = new Date()): Promise<Answer> {
      const texts = await data.programme(language);
      const shown = {
        from: typeof query.from === 'string' ? query.from.slice(0, 20) : undefined,
        to: typeof query.to === 'string' ? query.to.slice(0, 20) : undefined,
      };
      let range: { from?: string; to?: string };
      try {
        range = parseRange(query.from, query.to, language);
      } catch (error) {
        if (!(error instanceof errors.ValidationError)) throw error;
        const param = String((error.details as { param?: unknown }).param ?? 'from');
        return page(400, resultsPage({ language, texts, range: shown, problem: { param, message: error.message } }));
      }
      const summary = await data.summary(range, language, now);
      return page(200, resultsPage({ language, texts, range, summary }));
    },

    async opendata(language: Language): Promise<Answer> {
      return page(200, openDataPage({ language, ...(await openData(strapi).page()) }));
    },

    /** An open-data file: the catalogue (catalog.ttl, catalog.jsonld) or a dataset's CSV or JSON; undefined for any other name. */
    async opendataFile(name: string, format: string): Promise<Answer | undefined> {
      const files = openData(strapi);
      if (name === 'catalog' && format === 'ttl') return { status: 200, type: 'text/turtle; charset=utf-8', body: await files.turtle() };
      if (name === 'catalog' && format === 'jsonld') return { status: 200, type: 'application/ld+json; charset=utf-8', body: await files.jsonLd() };
      if (!(DATASETS as readonly string[]).includes(name) || (format !== 'csv' && format !== 'json')) return undefined;
      return { status: 200, type: files.mediaType(format), body: await files.distribution(name as DatasetName, format) };
    },

    sitemap: async (): Promise<Answer> => ({ status: 200, type: 'application/xml; charset=utf-8', body: await sitemap(data, publicUrl()) }),

    robots: (): Answer => ({ status: 200, type: 'text/plain; charset=utf-8', body: robots(publicUrl()) }),

    feed: async (language: Language): Promise<Answer> => ({
      status: 200,
      type: 'application/atom+xml; charset=utf-8',
      body: await atomFeed(data, publicUrl(), language),
    }),
  };
};

export type SiteService = ReturnType<typeof siteService>;

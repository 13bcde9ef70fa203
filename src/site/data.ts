/**
 * What the site's pages read: published rows only, through the query engine (as the portal lists
 * do), with the derived portal fields (seats, calendar) and feedback summaries from their own
 * services. No private attribute is selected here: meetingUrl, registrations and free text never
 * reach a page because they are never read.
 */
import type { Core } from '@strapi/strapi';
import type { FeedbackSummary, SummaryScope } from '../api/feedback-response/services/results';
import type { PortalFields } from '../api/session/services/session';
import type { Language } from '../utils/language';
import { service } from '../utils/services';

const SESSION = 'api::session.session';
const PUBLISHED = { publishedAt: { $notNull: true } };

/** Session columns a page shows (never meetingUrl). */
const SESSION_COLUMNS = [
  'id',
  'documentId',
  'locale',
  'title',
  'slug',
  'summary',
  'description',
  'startsAt',
  'durationMinutes',
  'eventStatus',
  'coOrganizer',
  'capacity',
  'registrationOpen',
  'publishedAt',
  'updatedAt',
];

/** What the archive shows of each past session. */
const LIST_COLUMNS = ['id', 'documentId', 'locale', 'title', 'slug', 'startsAt', 'durationMinutes', 'eventStatus', 'publishedAt', 'updatedAt'];

export type MediaFile = { id: number; url: string; name?: string | null; ext?: string | null; mime?: string | null; size?: number | null; hash?: string | null };
export type Chapter = { startsAtSecond: number; title: string };
export type Caption = { language: 'ca' | 'es' | 'en'; file?: MediaFile | null };
export type RecordingRow = {
  documentId: string;
  title: string;
  videoUrl?: string | null;
  platform?: string | null;
  durationSeconds?: number | null;
  file?: MediaFile | null;
  chapters?: Chapter[];
  captions?: Caption[];
};
export type MaterialRow = { documentId: string; title: string; description?: string | null; kind?: string | null; url?: string | null; file?: MediaFile | null };
export type ResourceRow = { documentId: string; name: string; code?: string; catalogUrl?: string | null; description?: string | null };
export type Speaker = { name: string; role?: string | null; organization?: string | null };
export type SessionRow = {
  id: number;
  documentId: string;
  locale: Language;
  title: string;
  slug: string;
  summary?: string | null;
  description?: unknown;
  startsAt: string;
  durationMinutes?: number | null;
  eventStatus: 'scheduled' | 'held' | 'cancelled' | 'postponed';
  coOrganizer?: string | null;
  capacity?: number | null;
  registrationOpen?: boolean | null;
  publishedAt: string;
  updatedAt: string;
  speakers?: Speaker[];
  catalogResources?: ResourceRow[];
  materials?: MaterialRow[];
  recordings?: RecordingRow[];
};
export type ListedSession = SessionRow & PortalFields;

export type ProgrammeTexts = {
  headline: string;
  lead?: string | null;
  about?: unknown;
  howItWorks?: unknown;
  supportIntro?: unknown;
  proposeText?: string | null;
  resultsIntro?: string | null;
  metaDescription?: string | null;
  updatedAt?: string;
};

const FILE = { select: ['id', 'url', 'name', 'ext', 'mime', 'size', 'hash'] };

const SESSION_POPULATE = {
  speakers: true,
  catalogResources: { select: ['documentId', 'name', 'code', 'catalogUrl', 'description'], where: PUBLISHED, orderBy: { name: 'asc' } },
  materials: { where: PUBLISHED, orderBy: { id: 'asc' }, populate: { file: FILE } },
  recordings: { where: PUBLISHED, orderBy: { id: 'asc' }, populate: { file: FILE, chapters: true, captions: { populate: { file: FILE } } } },
};

/**
 * A list in `language` completed with the sessions published only in Catalan (the default
 * locale), which keep their Catalan row (`locale: 'ca'`: their title, their page), by start time.
 */
const withCatalan = (language: Language, own: SessionRow[], catalan: SessionRow[], order: 'asc' | 'desc'): SessionRow[] => {
  if (language === 'ca') return own;
  const translated = new Set(own.map((s) => s.documentId));
  const sign = order === 'asc' ? 1 : -1;
  return [...own, ...catalan.filter((s) => !translated.has(s.documentId))].sort(
    (a, b) => sign * (new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
  );
};

export const siteData = (strapi: Core.Strapi) => {
  const sessions = () => service(strapi, 'api::session.session');
  const threshold = () => strapi.config.get('feedback.privacyThreshold', 5) as number;

  return {
    /** The programme's editable texts in `language`, published; null when editors have none. */
    async programme(language: Language): Promise<ProgrammeTexts | null> {
      return (await strapi.db.query('api::programme.programme').findOne({ where: { locale: language, ...PUBLISHED } })) as ProgrammeTexts | null;
    },

    /** Published sessions that have not started (not cancelled), soonest first, with seats and calendar. */
    async upcoming(language: Language, now: Date): Promise<ListedSession[]> {
      const list = (locale: Language) => sessions().upcoming({ limit: 20, locale, now, parts: {}, select: SESSION_COLUMNS }) as Promise<SessionRow[]>;
      const rows = withCatalan(language, await list(language), language === 'ca' ? [] : await list('ca'), 'asc');
      return sessions().withPortalFields(rows.slice(0, 20), now);
    },

    /** Every published session that has started (not cancelled), newest first. */
    async past(language: Language, now: Date): Promise<SessionRow[]> {
      const list = (locale: Language) => sessions().past({ limit: 1000, locale, now, parts: {}, select: LIST_COLUMNS }) as Promise<SessionRow[]>;
      return withCatalan(language, await list(language), language === 'ca' ? [] : await list('ca'), 'desc');
    },

    /** Resources of the service catalogue that make an entity eligible for on-demand support. */
    async qualifyingResources(language: Language): Promise<ResourceRow[]> {
      return (await strapi.db.query('api::catalog-resource.catalog-resource').findMany({
        select: ['documentId', 'name', 'code', 'catalogUrl', 'description'],
        where: { locale: language, qualifiesForSupport: true, ...PUBLISHED },
        orderBy: [{ name: 'asc' }],
      })) as ResourceRow[];
    },

    /**
     * A session by its slug: the published version in `language` with everything its page shows,
     * and the languages it is published in (empty: no such published session).
     */
    async sessionBySlug(slug: string, language: Language, now: Date): Promise<{ session?: ListedSession; languages: Language[] }> {
      const versions = (await strapi.db.query(SESSION).findMany({
        select: ['locale'],
        where: { slug, ...PUBLISHED },
      })) as { locale: Language }[];
      const languages = versions.map((v) => v.locale);
      if (!languages.includes(language)) return { languages };
      const row = (await strapi.db.query(SESSION).findOne({
        select: SESSION_COLUMNS,
        where: { slug, locale: language, ...PUBLISHED },
        populate: SESSION_POPULATE,
      })) as SessionRow;
      const [session] = await sessions().withPortalFields([row], now);
      return { session, languages };
    },

    /** Published feedback results with the programme's privacy threshold (the public one). */
    async summary(scope: SummaryScope, language: Language, now: Date): Promise<FeedbackSummary> {
      return service(strapi, 'api::feedback-response.results').summary(scope, { language, threshold: threshold(), now });
    },

    threshold,

    /** Every published session version: the sitemap. */
    async publishedVersions(): Promise<{ slug: string; locale: Language; updatedAt: string }[]> {
      return (await strapi.db.query(SESSION).findMany({
        select: ['slug', 'locale', 'updatedAt'],
        where: PUBLISHED,
        orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
      })) as { slug: string; locale: Language; updatedAt: string }[];
    },

    /** The latest published sessions and recordings in `language`, newest publication first: the feed. */
    async latestPublications(language: Language, limit = 30) {
      const [newSessions, recordings] = await Promise.all([
        strapi.db.query(SESSION).findMany({
          select: ['documentId', 'title', 'slug', 'summary', 'startsAt', 'publishedAt'],
          where: { locale: language, ...PUBLISHED },
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          limit,
        }),
        strapi.db.query('api::recording.recording').findMany({
          select: ['documentId', 'title', 'publishedAt'],
          where: { locale: language, ...PUBLISHED, session: { ...PUBLISHED, locale: language } },
          populate: { session: { select: ['documentId', 'title', 'slug'], where: PUBLISHED } },
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          limit,
        }),
      ]);
      return {
        sessions: newSessions as { documentId: string; title: string; slug: string; summary?: string | null; startsAt: string; publishedAt: string }[],
        recordings: recordings as { documentId: string; title: string; publishedAt: string; session?: { documentId: string; title: string; slug: string } | null }[],
      };
    },
  };
};

export type SiteData = ReturnType<typeof siteData>;

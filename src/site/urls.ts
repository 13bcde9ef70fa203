/**
 * The public site's URL scheme, the one home of every link to a page of it: the language first
 * (`/ca/`, `/es/`), then the same path segments in both languages, so that switching language only
 * swaps the prefix. Calendars, emails, the embeds and GraphQL's `pageUrl` link through here.
 */
import { LANGUAGES, type Language } from '../utils/language';
import { withoutTrailingSlash } from '../utils/public-url';

export const SITE_PATHS = {
  home: (language: Language) => `/${language}/`,
  session: (language: Language, slug: string) => `/${language}/sessions/${encodeURIComponent(slug)}`,
  results: (language: Language) => `/${language}/results`,
  feed: (language: Language) => `/${language}/feed.xml`,
  opendata: (language: Language) => `/${language}/opendata`,
  developers: (language: Language) => `/${language}/api`,
  alerts: (language: Language) => `/${language}/alerts`,
  alertsConfirm: (language: Language) => `/${language}/alerts/confirm`,
  unsubscribe: (language: Language) => `/${language}/unsubscribe`,
} as const;

/** Where a page of each kind is, for the router: `:lang` is ca or es. */
export const SITE_ROUTES = {
  root: '/',
  home: '/:lang(ca|es)',
  session: '/:lang(ca|es)/sessions/:slug',
  results: '/:lang(ca|es)/results',
  feed: '/:lang(ca|es)/feed.xml',
  opendata: '/:lang(ca|es)/opendata',
  opendataRoot: '/opendata',
  opendataFile: '/opendata/:name.:format',
  developers: '/:lang(ca|es)/api',
  alerts: '/:lang(ca|es)/alerts',
  alertsConfirm: '/:lang(ca|es)/alerts/confirm',
  unsubscribe: '/:lang(ca|es)/unsubscribe',
  sitemap: '/sitemap.xml',
  robots: '/robots.txt',
} as const;

/** The default of SESSION_PAGE_URL: the session's page on this site. */
export const DEFAULT_SESSION_PAGE_URL = '{publicUrl}/{locale}/sessions/{slug}';

export const trimBase = withoutTrailingSlash;

export const absolute = (publicUrl: string, path: string): string => `${trimBase(publicUrl)}${path}`;

export type PageLinkSession = { documentId: string; slug?: string | null };

/**
 * Where a person reads about a session: SESSION_PAGE_URL with its placeholders filled
 * ({publicUrl}, {documentId}, {slug}, {locale}); by default the session page of this site.
 */
export const sessionPageUrl = (template: string, publicUrl: string, session: PageLinkSession, locale: Language): string =>
  (template === '' ? DEFAULT_SESSION_PAGE_URL : template)
    .replace('{publicUrl}', trimBase(publicUrl))
    .replace('{documentId}', encodeURIComponent(session.documentId))
    .replace('{slug}', encodeURIComponent(session.slug ?? ''))
    .replace('{locale}', locale);

/** The same page in every language: hreflang alternates and the language switch. */
export const alternates = (path: (language: Language) => string): { language: Language; path: string }[] =>
  LANGUAGES.map((language) => ({ language, path: path(language) }));

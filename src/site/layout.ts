/**
 * The frame of every site page: head (title, description, canonical, hreflang, OpenGraph, JSON-LD,
 * feed), skip link, header with the language switch and the site's sections, main, footer.
 * Pages give their body as SafeHtml; nothing here takes raw strings into the markup.
 */
import { LANGUAGES, type Language } from '../utils/language';
import { html, jsonForScript, type SafeHtml } from './html';
import { t } from '../messages';
import { SITE_PATHS, absolute } from './urls';

export type Section = 'home' | 'results' | 'session' | 'opendata' | 'alerts' | 'none';

export type PageMeta = {
  language: Language;
  title: string;
  description?: string;
  /** This page's path; canonical and OpenGraph URL. */
  path: string;
  /** The page in each language it exists in (hreflang, language switch); without it the switch leads home. */
  alternates?: { language: Language; path: string }[];
  ogType?: 'website' | 'article';
  jsonLd?: unknown;
  section: Section;
  /** A 404 or error page: not indexed. */
  noindex?: boolean;
};

/** Each language's name in itself: the language switch and the alerts form. */
export const LANGUAGE_NAMES: Record<Language, string> = { ca: 'Català', es: 'Español' };
const OG_LOCALES: Record<Language, string> = { ca: 'ca_ES', es: 'es_ES' };

const head = (meta: PageMeta, publicUrl: string): SafeHtml => {
  const { language } = meta;
  const alternates = meta.alternates ?? [];
  const fallback = alternates.find((a) => a.language === 'ca') ?? alternates[0];
  const title = meta.section === 'home' ? meta.title : `${meta.title} · ${t(language, 'siteName')}`;
  return html`<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}" />` : ''}
${meta.noindex === true ? html`<meta name="robots" content="noindex" />` : html`<link rel="canonical" href="${absolute(publicUrl, meta.path)}" />`}
${alternates.map((a) => html`<link rel="alternate" hreflang="${a.language}" href="${absolute(publicUrl, a.path)}" />`)}
${fallback ? html`<link rel="alternate" hreflang="x-default" href="${absolute(publicUrl, fallback.path)}" />` : ''}
<meta property="og:site_name" content="${t(language, 'siteName')}" />
<meta property="og:type" content="${meta.ogType ?? 'website'}" />
<meta property="og:title" content="${meta.title}" />
${meta.description ? html`<meta property="og:description" content="${meta.description}" />` : ''}
<meta property="og:url" content="${absolute(publicUrl, meta.path)}" />
<meta property="og:locale" content="${OG_LOCALES[language]}" />
${alternates.filter((a) => a.language !== language).map((a) => html`<meta property="og:locale:alternate" content="${OG_LOCALES[a.language]}" />`)}
<link rel="alternate" type="application/atom+xml" title="${t(language, 'feedTitle')}" href="${SITE_PATHS.feed(language)}" />
<link rel="stylesheet" href="/assets/pages.css" />
<link rel="stylesheet" href="/assets/site.css" />
<script src="/assets/site.js" defer></script>
${meta.jsonLd === undefined ? '' : html`<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>`}
</head>`;
};

const languageSwitch = (meta: PageMeta): SafeHtml => {
  const items = LANGUAGES.map((language) => {
    const path = meta.alternates?.find((a) => a.language === language)?.path ?? SITE_PATHS.home(language);
    const current = language === meta.language;
    return html`<li><a href="${path}" lang="${language}" hreflang="${language}"${current ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[language]}</a></li>`;
  });
  return html`<nav class="lang-switch" aria-label="${t(meta.language, 'languageNav')}"><ul>${items}</ul></nav>`;
};

const sections = (meta: PageMeta): SafeHtml => {
  const { language } = meta;
  // The proposal form is not a page of the site: its link is never the current one.
  const link = (section: Section | 'external', href: string, label: string) =>
    html`<li><a href="${href}"${meta.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="site-nav" aria-label="${t(language, 'mainNav')}"><ul>
${link('home', SITE_PATHS.home(language), t(language, 'navHome'))}
${link('results', SITE_PATHS.results(language), t(language, 'navResults'))}
${link('external', `/propose/?lang=${language}`, t(language, 'navPropose'))}
${link('alerts', SITE_PATHS.alerts(language), t(language, 'navAlerts'))}
</ul></nav>`;
};

/** A whole page: `<!doctype html>` to `</html>`. */
export const renderPage = (meta: PageMeta, publicUrl: string, body: SafeHtml): string => {
  const { language } = meta;
  return html`<!doctype html>
<html lang="${language}">
${head(meta, publicUrl)}
<body>
<a class="skip-link" href="#main">${t(language, 'skipLink')}</a>
<header class="site-header">
<div class="site-bar">
<a class="brand" href="${SITE_PATHS.home(language)}">${t(language, 'siteName')}</a>
${languageSwitch(meta)}
</div>
${sections(meta)}
</header>
<main id="main" tabindex="-1" class="site-main">
${body}
</main>
<footer class="site-footer">
<p>${t(language, 'organizer')} · ${t(language, 'office')}</p>
<p><a href="${SITE_PATHS.feed(language)}">${t(language, 'footerFeed')}</a> · <a href="${SITE_PATHS.opendata(language)}"${meta.section === 'opendata' ? html` aria-current="page"` : ''}>${t(language, 'navOpenData')}</a></p>
<p><a href="${SITE_PATHS.developers(language)}">${t(language, 'devNav')}</a></p>
</footer>
</body>
</html>
`.value;
};

/**
 * The site's machine-readable documents: sitemap.xml (published sessions in both languages, the
 * homes and results pages), robots.txt, and an Atom feed per language of newly published sessions
 * and recordings. XML text is escaped by `xml()`.
 */
import { LANGUAGES, type Language } from '../utils/language';
import type { SiteData } from './data';
import { t } from '../messages';
import { SITE_PATHS, absolute } from './urls';

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// XML 1.0 forbids most control characters, even escaped: they are dropped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]).replace(CONTROL, '');

type Url = { loc: (l: Language) => string; languages: Language[]; lastmod?: string };

export const sitemap = async (data: SiteData, publicUrl: string): Promise<string> => {
  const versions = await data.publishedVersions();
  const bySlug = new Map<string, { languages: Language[]; lastmod: string }>();
  for (const v of versions) {
    const entry = bySlug.get(v.slug) ?? { languages: [], lastmod: v.updatedAt };
    entry.languages.push(v.locale);
    if (new Date(v.updatedAt) > new Date(entry.lastmod)) entry.lastmod = v.updatedAt;
    bySlug.set(v.slug, entry);
  }
  const urls: Url[] = [
    { loc: SITE_PATHS.home, languages: [...LANGUAGES] },
    { loc: SITE_PATHS.results, languages: [...LANGUAGES] },
    ...[...bySlug].map(([slug, v]) => ({ loc: (l: Language) => SITE_PATHS.session(l, slug), languages: v.languages, lastmod: v.lastmod })),
  ];
  const body = urls.flatMap((url) =>
    url.languages.map((language) => {
      const alternates = url.languages
        .map((other) => `    <xhtml:link rel="alternate" hreflang="${other}" href="${xml(absolute(publicUrl, url.loc(other)))}"/>`)
        .join('\n');
      const lastmod = url.lastmod ? `\n    <lastmod>${new Date(url.lastmod).toISOString()}</lastmod>` : '';
      return `  <url>\n    <loc>${xml(absolute(publicUrl, url.loc(language)))}</loc>${lastmod}\n${alternates}\n  </url>`;
    })
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${body.join('\n')}\n</urlset>\n`;
};

export const robots = (publicUrl: string): string =>
  [
    'User-agent: *',
    'Allow: /',
    // Forms reached with private links, the admin and the API are not pages to index.
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /graphql',
    'Disallow: /register/',
    'Disallow: /feedback/',
    'Disallow: /propose/status/',
    `Sitemap: ${absolute(publicUrl, '/sitemap.xml')}`,
    '',
  ].join('\n');

/** Atom (RFC 4287): each session and recording once, by its stable id, dated by its publication. */
export const atomFeed = async (data: SiteData, publicUrl: string, language: Language): Promise<string> => {
  const { sessions, recordings } = await data.latestPublications(language);
  const host = new URL(publicUrl).host;
  const entries = [
    ...sessions.map((s) => ({
      id: `tag:${host},2023:session:${s.documentId}`,
      title: t(language, 'feedNewSession', { title: s.title }),
      link: absolute(publicUrl, SITE_PATHS.session(language, s.slug)),
      updated: s.publishedAt,
      summary: s.summary ?? '',
    })),
    ...recordings
      .filter((r) => r.session)
      .map((r) => ({
        id: `tag:${host},2023:recording:${r.documentId}`,
        title: t(language, 'feedNewRecording', { title: r.session?.title ?? r.title }),
        link: absolute(publicUrl, SITE_PATHS.session(language, r.session?.slug ?? '')),
        updated: r.publishedAt,
        summary: r.title,
      })),
  ].sort((a, b) => new Date(b.updated).getTime() - new Date(a.updated).getTime());
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  const items = entries.map(
    (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <updated>${new Date(e.updated).toISOString()}</updated>
${e.summary ? `    <summary>${xml(e.summary)}</summary>\n` : ''}  </entry>`
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">
  <id>${xml(absolute(publicUrl, SITE_PATHS.feed(language)))}</id>
  <title>${xml(t(language, 'feedTitle'))}</title>
  <updated>${new Date(updated).toISOString()}</updated>
  <author><name>${xml(`${t(language, 'organizer')} · ${t(language, 'office')}`)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(absolute(publicUrl, SITE_PATHS.feed(language)))}"/>
  <link rel="alternate" type="text/html" href="${xml(absolute(publicUrl, SITE_PATHS.home(language)))}"/>
${items.join('\n')}
</feed>
`;
};

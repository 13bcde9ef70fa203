/**
 * The site's 404 pages, in the language of the URL: an unknown page or session (or a draft), and a
 * session published only in the other language, which says so and links to it.
 */
import type { Language } from '../../utils/language';
import { html, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { t } from '../../messages';
import { SITE_PATHS } from '../urls';

export const notFoundPage = (language: Language, path: string): { meta: PageMeta; body: SafeHtml } => ({
  meta: { language, title: t(language, 'notFoundTitle'), path, section: 'none', noindex: true },
  body: html`<h1>${t(language, 'notFoundTitle')}</h1>
<p>${t(language, 'notFoundText')}</p>
<p><a href="${SITE_PATHS.home(language)}">${t(language, 'notFoundHome')}</a></p>`,
});

export const otherLanguagePage = (language: Language, other: Language, slug: string): { meta: PageMeta; body: SafeHtml } => {
  const path = SITE_PATHS.session(language, slug);
  const target = SITE_PATHS.session(other, slug);
  return {
    meta: {
      language,
      title: t(language, 'onlyInOther'),
      path,
      section: 'none',
      noindex: true,
      alternates: [{ language: other, path: target }],
    },
    body: html`<h1>${t(language, 'onlyInOther')}</h1>
<p><a href="${target}" hreflang="${other}">${t(language, 'readInOther')}</a></p>`,
  };
};

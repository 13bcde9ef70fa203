/**
 * The developer page, "Prova l'API": links to the OpenAPI document and its viewer (served by the
 * app itself, offline), the GraphQL SDL, copyable examples built on this server's public URL, and
 * the promise about change (docs/api.md has it whole).
 */
import { API_VERSION } from '../../developer/openapi';
import { DEVELOPER_PATHS } from '../../developer/routes';
import type { Language } from '../../utils/language';
import { html, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { t } from '../../messages';
import { SITE_PATHS, absolute, alternates } from '../urls';

const example = (id: string, label: string, code: string): SafeHtml =>
  html`<figure class="example"><figcaption id="${id}">${label}</figcaption>
<pre tabindex="0" aria-labelledby="${id}"><code>${code}</code></pre></figure>`;

export const developersPage = (language: Language, publicUrl: string): { meta: PageMeta; body: SafeHtml } => {
  const url = (path: string) => absolute(publicUrl, path);
  const graphqlQuery = `{ upcomingSessions(limit: 5, locale: "${language}") { title startsAt pageUrl calendarUrl } pastSessions(limit: 12, year: 2024, locale: "${language}") { title recordings { title videoUrl } } }`;
  return {
    meta: {
      language,
      title: t(language, 'devTitle'),
      description: t(language, 'devIntro'),
      path: SITE_PATHS.developers(language),
      alternates: alternates(SITE_PATHS.developers),
      section: 'none',
    },
    body: html`<h1>${t(language, 'devTitle')}</h1>
<p>${t(language, 'devIntro')}</p>
<p>${t(language, 'devVersion', { version: API_VERSION })}</p>
<section aria-labelledby="dev-rest"><h2 id="dev-rest">${t(language, 'devRestHeading')}</h2>
<p>${t(language, 'devRestText')}</p>
<ul>
<li><a href="${DEVELOPER_PATHS.viewer}?lang=${language}">${t(language, 'devViewer')}</a></li>
<li><a href="${DEVELOPER_PATHS.openapi}" type="application/json">${t(language, 'devOpenapiFile')}</a> (<code>${DEVELOPER_PATHS.openapi}</code>)</li>
</ul></section>
<section aria-labelledby="dev-graphql"><h2 id="dev-graphql">${t(language, 'devGraphqlHeading')}</h2>
<p>${t(language, 'devGraphqlText', { endpoint: url('/graphql') })}</p>
<ul><li><a href="${DEVELOPER_PATHS.sdl}" type="text/plain">${t(language, 'devSdlFile')}</a> (<code>${DEVELOPER_PATHS.sdl}</code>)</li></ul>
</section>
<section aria-labelledby="dev-examples"><h2 id="dev-examples">${t(language, 'devExamplesHeading')}</h2>
${example('ex-upcoming', t(language, 'devExampleUpcoming'), `curl -s '${url(`/api/sessions/upcoming?limit=5&locale=${language}`)}'`)}
${example('ex-graphql', t(language, 'devExampleGraphql'), `curl -s -G '${url('/graphql')}' \\\n  --data-urlencode 'query=${graphqlQuery}'`)}
${example('ex-calendar', t(language, 'devExampleCalendar'), url(`/api/calendar.ics?locale=${language}`))}
</section>
<section aria-labelledby="dev-policy"><h2 id="dev-policy">${t(language, 'devPolicyHeading')}</h2>
<p>${t(language, 'devPolicyText')}</p></section>`,
  };
};

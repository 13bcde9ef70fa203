/** The open-data page (/ca/opendata, /es/opendata): what is published, its downloads and catalogue, and the reach by comarca as a table. */
import { t, type MessageKey } from '../../messages';
import type { Language } from '../../utils/language';
import { html, type SafeHtml } from '../html';
import type { PageMeta } from '../layout';
import { alternates, SITE_PATHS } from '../urls';
import { DATASETS, type DatasetName, type Table } from '../opendata';

const TITLE_KEY: Record<DatasetName, MessageKey> = {
  sessions: 'dataset.sessions.title',
  results: 'dataset.results.title',
  'reach-comarca': 'dataset.reachComarca.title',
  'reach-kind': 'dataset.reachKind.title',
};
const DESCRIPTION_KEY: Record<DatasetName, MessageKey> = {
  sessions: 'dataset.sessions.description',
  results: 'dataset.results.description',
  'reach-comarca': 'dataset.reachComarca.description',
  'reach-kind': 'dataset.reachKind.description',
};

export type OpenDataModel = { language: Language; threshold: number; licence: string; reach: Table };

export const openDataPage = ({ language, threshold, licence, reach }: OpenDataModel): { meta: PageMeta; body: SafeHtml } => {
  const licenceName = /creativecommons\.org\/licenses\/by\/4\.0/.test(licence) ? 'CC BY 4.0' : licence;
  const cell = (value: string | number | null | undefined) => (value === null || value === undefined ? html`<span>${t(language, 'openDataSuppressed')}</span>` : value);
  return {
    meta: {
      language,
      title: t(language, 'openDataTitle'),
      description: t(language, 'openDataIntro', { licence: licenceName, threshold }),
      path: SITE_PATHS.opendata(language),
      alternates: alternates(SITE_PATHS.opendata),
      section: 'opendata',
    },
    body: html`<h1>${t(language, 'openDataTitle')}</h1>
<p>${t(language, 'openDataIntro', { licence: licenceName, threshold })} <a href="${licence}" rel="license">${licenceName}</a></p>
<p>${t(language, 'openDataCatalog')} <a href="/opendata/catalog.ttl" type="text/turtle">Turtle</a> · <a href="/opendata/catalog.jsonld" type="application/ld+json">JSON-LD</a></p>
<h2>${t(language, 'openDataDatasets')}</h2>
<ul class="opendata-list">
${DATASETS.map(
  (name) => html`<li><h3>${t(language, TITLE_KEY[name])}</h3>
<p>${t(language, DESCRIPTION_KEY[name], { threshold })}</p>
<ul aria-label="${t(language, 'openDataDownloads', { title: t(language, TITLE_KEY[name]) })}"><li><a href="/opendata/${name}.csv" type="text/csv">CSV</a></li><li><a href="/opendata/${name}.json" type="application/json">JSON</a></li></ul></li>`
)}
</ul>
<h2>${t(language, 'openDataReachHeading')}</h2>
${
  reach.rows.length === 0
    ? html`<p>${t(language, 'openDataNoReach')}</p>`
    : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t(language, 'openDataReachHeading')}"><table>
<caption>${t(language, 'openDataReachCaption', { threshold })}</caption>
<thead><tr><th scope="col">${t(language, 'openDataComarca')}</th><th scope="col">${t(language, 'openDataEntities')}</th><th scope="col">${t(language, 'openDataReached')}</th><th scope="col">${t(language, 'openDataAttendees')}</th></tr></thead>
<tbody>
${reach.rows.map(
  (row) => html`<tr><th scope="row">${row.comarca === '' ? t(language, 'openDataNoComarca') : row.comarca}</th><td>${cell(row.entities)}</td><td>${cell(row.entities_reached)}</td><td>${cell(row.attendees)}</td></tr>`
)}
</tbody></table></div>`
}`,
  };
};

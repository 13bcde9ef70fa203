import { load } from 'cheerio';
import jsonld from 'jsonld';
import { createRegistration, createSession, DAY, removeUploads, uploadFile, type UploadedFile } from '../helpers/fixtures';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The public site through HTTP, as a visitor, a search engine and a feed reader see it: every page
 * in Catalan and Spanish, its content, 404s, the privacy threshold, the JSON-LD, the sitemap and the
 * feed, and no private data (a canary in every private field).
 */
let app: TestApp;
const CANARY = 'CANARY5519';
const uploads: UploadedFile[] = [];
const ids: Record<string, string> = {};
const slugOf: Record<string, string> = {};

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
Bon dia i benvinguts &amp; benvingudes.

00:01:05.000 --> 00:01:09.000
<v Anna>Parlem del portal de transparència.
`;

const blocks = [
  { type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script> Descripció segura' }] },
  { type: 'paragraph', children: [{ type: 'link', url: 'https://governobert.example/ajuda', children: [{ type: 'text', text: 'enllaç d’ajuda' }] }] },
  { type: 'heading', level: 1, children: [{ type: 'text', text: 'Què veurem' }] },
];

const slugFor = async (documentId: string) =>
  ((await app.strapi.db.query('api::session.session').findOne({ where: { documentId }, select: ['slug'] })) as { slug: string }).slug;

beforeAll(async () => {
  app = await startApp({ FEEDBACK_PRIVACY_THRESHOLD: '5' });
  const { strapi } = app;
  const resource = await strapi.db.query('api::catalog-resource.catalog-resource').findOne({ where: { locale: 'ca', publishedAt: { $notNull: true } } });

  ids.upcoming = await createSession(strapi, {
    title: 'Sessió que ve',
    titleEs: 'Sesión que viene',
    startsAt: new Date(Date.now() + 10 * DAY),
    capacity: 10,
    meetingUrl: `https://teams.example/${CANARY}`,
  });
  for (const locale of ['ca', 'es'] as const) {
    await strapi.documents('api::session.session').update({
      documentId: ids.upcoming,
      locale,
      status: 'published',
      data: {
        summary: locale === 'ca' ? 'Resum de la sessió que ve' : 'Resumen de la sesión que viene',
        description: blocks,
        coOrganizer: 'Consorci AOC',
        speakers: [{ name: 'Marta Ponent', role: 'Tècnica', organization: 'Diputació de Barcelona' }],
        catalogResources: [resource.documentId],
      } as never,
    });
  }
  await createRegistration(strapi, ids.upcoming, 'confirmed', `${CANARY.toLowerCase()}@example.org`);
  await createRegistration(strapi, ids.upcoming, 'confirmed', `b-${CANARY.toLowerCase()}@example.org`);
  await strapi.db.query('api::registration.registration').updateMany({
    where: {},
    data: { fullName: `Nom ${CANARY}`, jobTitle: CANARY, localEntityName: CANARY, tokenHash: CANARY, feedbackTokenHash: CANARY },
  });

  ids.past = await createSession(strapi, { title: 'Sessió feta', titleEs: 'Sesión realizada', startsAt: new Date(Date.now() - 20 * DAY), eventStatus: 'held', meetingUrl: `https://teams.example/${CANARY}` });
  ids.few = await createSession(strapi, { title: 'Sessió amb poques respostes', startsAt: new Date(Date.now() - 50 * DAY), eventStatus: 'held' });
  ids.draft = await createSession(strapi, { title: 'Esborrany', titleEs: 'Borrador', startsAt: new Date(Date.now() + 30 * DAY), publish: false });
  ids.postponed = await createSession(strapi, { title: 'Sessió ajornada', titleEs: 'Sesión aplazada', startsAt: new Date(Date.now() + 40 * DAY), eventStatus: 'postponed' });
  for (const key of Object.keys(ids)) slugOf[key] = await slugFor(ids[key]);

  const video = await uploadFile(strapi, 'sessio.webm', 'video/webm', Buffer.alloc(2048, 1));
  const captions = await uploadFile(strapi, 'sessio.ca.vtt', 'text/vtt', VTT);
  const slides = await uploadFile(strapi, 'diapositives.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n${'x'.repeat(3000)}\n%%EOF`));
  uploads.push(video, captions, slides);
  const recordings = strapi.documents('api::recording.recording');
  const file = await recordings.create({
    locale: 'ca',
    data: {
      title: 'Gravació completa',
      platform: 'file',
      file: video.id,
      session: ids.past,
      chapters: [{ startsAtSecond: 0, title: 'Benvinguda' }, { startsAtSecond: 60, title: 'El portal' }],
      captions: [{ language: 'ca', file: captions.id }],
    } as never,
  });
  await recordings.publish({ documentId: file.documentId, locale: 'ca' });
  const external = await recordings.create({
    locale: 'ca',
    data: { title: 'Al canal de YouTube', platform: 'youtube', videoUrl: 'https://www.youtube.com/watch?v=abc123', session: ids.past, chapters: [{ startsAtSecond: 125, title: 'Preguntes' }] } as never,
  });
  await recordings.publish({ documentId: external.documentId, locale: 'ca' });
  const materials = strapi.documents('api::material.material');
  for (const data of [
    { title: 'Presentació de la sessió', kind: 'slides', file: slides.id, session: ids.past },
    { title: 'Guia externa', kind: 'link', url: 'https://governobert.example/guia', session: ids.past },
  ]) {
    const doc = await materials.create({ locale: 'ca', data: data as never });
    await materials.publish({ documentId: doc.documentId, locale: 'ca' });
  }

  // Seven responses for the held session (figures published), two for the other (withheld).
  await strapi.db.query('api::feedback-rollup.feedback-rollup').createMany({
    data: [
      { sessionDocumentId: ids.past, question: '__responses', kind: 'meta', value: '', count: 7 },
      { sessionDocumentId: ids.past, question: 'content', kind: 'scale', value: '5', count: 4 },
      { sessionDocumentId: ids.past, question: 'content', kind: 'scale', value: '4', count: 3 },
      { sessionDocumentId: ids.past, question: 'duration', kind: 'choice', value: 'right', count: 7 },
      { sessionDocumentId: ids.past, question: 'comment', kind: 'text', value: '', count: 3 },
      { sessionDocumentId: ids.few, question: '__responses', kind: 'meta', value: '', count: 2 },
      { sessionDocumentId: ids.few, question: 'content', kind: 'scale', value: '1', count: 2 },
    ],
  });
  await strapi.documents('api::feedback-response.feedback-response').create({
    data: { session: ids.past, comment: CANARY, nextTopic: CANARY, answers: [{ question: 'comment', value: CANARY }], language: 'ca' } as never,
  });
  await strapi.documents('api::proposal.proposal').create({
    data: { title: 'Proposta amb canaris', reviewStatus: 'received', name: CANARY, email: `p-${CANARY.toLowerCase()}@example.org`, description: CANARY, staffNotes: CANARY, language: 'ca' } as never,
  });
});

afterAll(async () => {
  if (app !== undefined) await removeUploads(app.strapi, uploads);
  await app?.stop();
});

const page = async (path: string, status = 200) => {
  const res = await app.http().get(path);
  expect({ path, status: res.status }).toEqual({ path, status });
  expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
  return { res, $: load(res.text) };
};

describe('the public site', () => {
  it('redirects / to the home in the visitor language, and the homes show the programme from the CMS and the data', async () => {
    expect((await app.http().get('/')).headers.location).toBe('/ca/');
    expect((await app.http().get('/').set('accept-language', 'es-ES,es;q=0.9')).headers.location).toBe('/es/');
    const bare = await app.http().get('/es');
    expect({ status: bare.status, location: bare.headers.location }).toEqual({ status: 301, location: '/es/' });
    const ca = await page('/ca/');
    expect(ca.$('h1')).toHaveLength(1);
    expect(ca.$('nav.site-nav a[aria-current="page"]').map((_, a) => ca.$(a).attr('href')).get()).toEqual(['/ca/']);
    expect(ca.$('html').attr('lang')).toBe('ca');
    expect(ca.$('h2').map((_, h) => ca.$(h).text()).get()).toEqual(
      expect.arrayContaining(['Què són les sessions del Dijous GOmunicipal?', 'Com funciona?', 'Properes sessions', 'Sessions fetes', 'Suport a demanda'])
    );
    expect(ca.$('main').text()).toContain('No s’acrediten com a formació.');
    expect(ca.$('main').text()).toContain('Gestió de la transparència municipal');
    expect(ca.$('a[href="/support/?lang=ca"]')).toHaveLength(1);
    expect(ca.$('a[href="/propose/?lang=ca"]').length).toBeGreaterThan(0);
    const card = ca.$(`#s-${ids.upcoming}`).closest('li');
    expect(card.find('h3 a').attr('href')).toBe(`/ca/sessions/${slugOf.upcoming}`);
    expect(card.text()).toContain('Queden 8 places');
    expect(card.find(`a[href="/register/?session=${ids.upcoming}&lang=ca"]`)).toHaveLength(1);
    expect(card.find('a.calendar').attr('href')).toMatch(new RegExp(`/api/sessions/${ids.upcoming}/calendar\\.ics\\?locale=ca$`));
    expect(ca.$('main').text()).not.toContain('Esborrany');
    // The archive by year, newest first: the seed's 2024 and 2023 sessions after this year's.
    const years = ca.$('section.year h3').map((_, h) => Number(ca.$(h).text())).get();
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years).toEqual(expect.arrayContaining([2024, 2023]));
    expect(ca.$('#results').parent().text()).toContain('Última sessió valorada, «Sessió feta»');

    const es = await page('/es/');
    expect(es.$('html').attr('lang')).toBe('es');
    expect(es.$('h2').map((_, h) => es.$(h).text()).get()).toEqual(expect.arrayContaining(['¿Qué son las sesiones del Dijous GOmunicipal?', 'Próximas sesiones']));
    expect(es.$(`#s-${ids.upcoming}`).text()).toBe('Sesión que viene');
    expect(es.$('nav.lang-switch a[lang="ca"]').attr('href')).toBe('/ca/');
    // A session published only in Catalan is in the Spanish archive, in Catalan, linking to its page.
    const onlyCa = es.$(`section.year a[href="/ca/sessions/${slugOf.few}"]`);
    expect(onlyCa.text()).toBe('Sessió amb poques respostes');
    expect(onlyCa.attr('lang')).toBe('ca');
  });

  it('shows an upcoming session with everything, in both languages, and escapes its content', async () => {
    for (const language of ['ca', 'es'] as const) {
      const { $, res } = await page(`/${language}/sessions/${slugOf.upcoming}`);
      expect($('h1').text()).toBe(language === 'ca' ? 'Sessió que ve' : 'Sesión que viene');
      expect($('main').text()).toContain(language === 'ca' ? 'Durada: 60 minuts' : 'Duración: 60 minutos');
      expect($('main').text()).toContain('Marta Ponent');
      expect($('main').text()).toContain(language === 'ca' ? 'Coorganitzada amb Consorci AOC' : 'Coorganizada con Consorci AOC');
      expect($('main').text()).toContain(language === 'ca' ? 'Queden 8 places' : 'Quedan 8 plazas');
      expect($(`a[href="/register/?session=${ids.upcoming}&lang=${language}"]`)).toHaveLength(1);
      expect($('#resources').parent().find('li')).toHaveLength(1);
      expect($('nav.lang-switch a[lang="ca"]').attr('href')).toBe(`/ca/sessions/${slugOf.upcoming}`);
      expect($('nav.lang-switch a[lang="es"]').attr('href')).toBe(`/es/sessions/${slugOf.upcoming}`);
      // Content is text: the script tag arrives escaped (links that could run script: tests/unit/site-html.test.ts).
      expect(res.text).not.toContain('<script>alert');
      expect($('main').text()).toContain('<script>alert(1)</script> Descripció segura');
      expect($('a[href="https://governobert.example/ajuda"]').text()).toBe('enllaç d’ajuda');
      expect($('main h2').filter((_, h) => $(h).text() === 'Què veurem')).toHaveLength(1);
      expect($('h1')).toHaveLength(1);
      expect($('a.skip-link').attr('href')).toBe('#main');
      expect($('header, main, footer, nav')).toHaveLength(5);
    }
    const postponed = await page(`/ca/sessions/${slugOf.postponed}`);
    expect(postponed.$('.notice.status').text()).toBe('Estat: Ajornada: aviat en donarem la nova data');
  });

  it('shows a past session: player with captions, external link, chapters, transcript, materials and published results', async () => {
    const { $, res } = await page(`/ca/sessions/${slugOf.past}`);
    const video = $('video#player-0');
    const captions = uploads[1];
    expect(video.attr('src')).toBe(uploads[0].url);
    expect(video.find('track').attr('src')).toBe(captions.url);
    expect(video.find('track').attr('srclang')).toBe('ca');
    expect(video.find('track').attr('kind')).toBe('captions');
    expect($('a[data-seek="60"]').first().attr('href')).toBe(`${uploads[0].url}#t=60`);
    // The external recording is a link that says where it leads; no frame, no third-party script.
    expect($('a.external').attr('href')).toBe('https://www.youtube.com/watch?v=abc123');
    expect($('a.external').text()).toBe('Mireu la gravació a YouTube');
    expect($('a.external').next('.meta').text()).toContain('youtube.com');
    expect($('a[href="https://www.youtube.com/watch?v=abc123#t=125"]')).toHaveLength(1);
    expect($('iframe, embed, object')).toHaveLength(0);
    expect($('script[src]').map((_, s) => $(s).attr('src')).get()).toEqual(['/assets/site.js']);
    // The transcript from the captions, under the chapter it belongs to.
    const transcript = $('details.transcript');
    expect(transcript.find('summary').text()).toBe('Transcripció (català)');
    expect(transcript.find('h4').map((_, h) => $(h).text()).get()).toEqual(['Benvinguda', 'El portal']);
    expect(transcript.text()).toContain('Bon dia i benvinguts & benvingudes.');
    expect(transcript.find('h4').last().next('p').text()).toContain('Parlem del portal de transparència.');
    // Materials: kind, file type and size, download.
    const slides = $('ul.materials li').first();
    expect(slides.find('a').attr('href')).toBe(uploads[2].url);
    expect(slides.find('.meta').text()).toMatch(/^Presentació · PDF, \d+ KB$/);
    expect($('ul.materials li').last().find('.meta').text()).toBe('Enllaç · governobert.example');
    // Results: chart and table with the figures.
    const feedback = $('#feedback').parent();
    expect(feedback.find('svg[role="img"]').length).toBeGreaterThanOrEqual(2);
    expect(feedback.find('table.figures')).toHaveLength(2);
    expect(feedback.text()).toContain('7 respostes');
    expect(feedback.text()).toContain('Mitjana: 4,57 sobre 5');
    expect(res.text).not.toMatch(new RegExp(CANARY, 'i'));

    const few = await page(`/ca/sessions/${slugOf.few}`);
    const withheld = few.$('#feedback').parent();
    expect(withheld.text()).toContain('Encara no hi ha prou respostes');
    expect(withheld.find('table, svg')).toHaveLength(0);
    expect(withheld.text()).not.toMatch(/\d+ respostes|Mitjana/);
  });

  it('answers 404 pages in the language of the URL, and says where a session exists in the other language', async () => {
    for (const path of [`/ca/sessions/no-existeix`, `/ca/sessions/${slugOf.draft}`, '/ca/pagina-inventada']) {
      const { $ } = await page(path, 404);
      expect($('h1').text()).toBe('No hem trobat aquesta pàgina');
      expect($('meta[name="robots"]').attr('content')).toBe('noindex');
      expect($('nav.site-nav [aria-current]')).toHaveLength(0);
    }
    const es = await page(`/es/sessions/${slugOf.draft}`, 404);
    expect(es.$('h1').text()).toBe('No hemos encontrado esta página');
    // Malformed addresses are the visitor's problem: a 4xx, never a 500.
    for (const odd of ['/ca/sessions/%E0%A4%A', `/ca/sessions/${'a'.repeat(400)}`, '/es/results?from=2025-01-01&from=2025-02-01', '/ca/results?to[a]=1']) {
      const res = await app.http().get(odd);
      expect({ odd, status: res.status >= 400 && res.status < 500 }).toEqual({ odd, status: true });
    }
    const onlyCa = await page(`/es/sessions/${slugOf.few}`, 404);
    expect(onlyCa.$('h1').text()).toBe('Esta sesión no está publicada en castellano.');
    expect(onlyCa.$(`main a[href="/ca/sessions/${slugOf.few}"]`).text()).toBe('Leedla en catalán');
  });

  it('shows the results across sessions with the trend, for a date range, with the threshold; a bad date is a 400 naming it', async () => {
    for (const language of ['ca', 'es'] as const) {
      const { $ } = await page(`/${language}/results`);
      expect($('h1').text()).toBe(language === 'ca' ? 'Resultats de les enquestes' : 'Resultados de las encuestas');
      expect($('form.range input[type="date"]')).toHaveLength(2);
      const trend = $('#trend').parent();
      const rows = trend.find('tbody tr').map((_, tr) => $(tr).text()).get();
      expect(rows.some((r) => r.includes(language === 'ca' ? 'Sessió feta' : 'Sesión realizada') && r.includes('4,57'))).toBe(true);
      expect(rows.some((r) => r.includes(language === 'ca' ? 'No publicada (menys de 5 respostes)' : 'No publicada (menos de 5 respuestas)'))).toBe(true);
      expect(trend.find('svg polyline')).toHaveLength(1);
    }
    const since = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    const ranged = await page(`/ca/results?from=${since}`);
    expect(ranged.$('#overall').parent().find('.meta').map((_, m) => ranged.$(m).text()).get().slice(0, 2)).toEqual(['1 sessió al període', '7 respostes']);
    const early = await page(`/ca/results?from=${new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10)}&to=${new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10)}`);
    expect(early.$('#overall').parent().text()).toContain('Encara no hi ha prou respostes');
    const bad = await page('/es/results?from=2025-13-40', 400);
    expect(bad.$('#range-error').text()).toContain('«from»');
    expect(bad.$('#from').attr('aria-invalid')).toBe('true');
  });

  it('carries canonical, hreflang, OpenGraph and an Event JSON-LD with every property, never the meeting link', async () => {
    const { $, res } = await page(`/es/sessions/${slugOf.upcoming}`);
    const base = app.strapi.config.get('server.url') as string;
    const url = `${base}/es/sessions/${slugOf.upcoming}`;
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect($('link[hreflang="ca"]').attr('href')).toBe(`${base}/ca/sessions/${slugOf.upcoming}`);
    expect($('link[hreflang="es"]').attr('href')).toBe(url);
    expect($('link[hreflang="x-default"]').attr('href')).toBe(`${base}/ca/sessions/${slugOf.upcoming}`);
    expect($('meta[property="og:title"]').attr('content')).toBe('Sesión que viene');
    expect($('meta[property="og:url"]').attr('content')).toBe(url);
    expect($('meta[property="og:locale"]').attr('content')).toBe('es_ES');
    const data = JSON.parse($('script[type="application/ld+json"]').text());
    // A JSON-LD processor reads every property as a schema.org term (the context is schema.org's vocabulary).
    const loader = async (iri: string) => ({ contextUrl: undefined, documentUrl: iri, document: { '@context': { '@vocab': 'https://schema.org/' } } });
    const [expanded] = (await jsonld.expand(data, { documentLoader: loader })) as Record<string, unknown>[];
    expect(Object.keys(expanded).filter((k) => !k.startsWith('@') && !k.startsWith('https://schema.org/'))).toEqual([]);
    const session = await app.strapi.db.query('api::session.session').findOne({ where: { documentId: ids.upcoming, locale: 'es', publishedAt: { $notNull: true } } });
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Sesión que viene',

      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location: { '@type': 'VirtualLocation', url },
      organizer: { name: 'Diputació de Barcelona' },
      inLanguage: 'es',
      isAccessibleForFree: true,
      maximumAttendeeCapacity: 10,
      remainingAttendeeCapacity: 8,
      offers: { '@type': 'Offer', price: 0, priceCurrency: 'EUR', availability: 'https://schema.org/InStock', url: `${base}/register/?session=${ids.upcoming}&lang=es` },
    });
    // Madrid time with its offset, the same instants as stored.
    expect(data.startDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    expect(new Date(data.startDate).getTime()).toBe(Math.floor(new Date(session.startsAt).getTime() / 1000) * 1000);
    expect(new Date(data.endDate).getTime() - new Date(data.startDate).getTime()).toBe(3600000);
    expect(res.text).not.toContain('teams.example');
    const postponed = JSON.parse((await page(`/ca/sessions/${slugOf.postponed}`)).$('script[type="application/ld+json"]').text());
    expect(postponed.eventStatus).toBe('https://schema.org/EventPostponed');
    const held = JSON.parse((await page(`/ca/sessions/${slugOf.past}`)).$('script[type="application/ld+json"]').text());
    expect(held.offers.availability).toBe('https://schema.org/Discontinued');
  });

  it('lists exactly the published sessions in the sitemap, in each language they exist in; robots and the feed', async () => {
    const res = await app.http().get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const $ = load(res.text, { xml: true });
    const base = app.strapi.config.get('server.url') as string;
    const locs = $('url > loc').map((_, l) => $(l).text()).get().sort();
    const published = (await app.strapi.db.query('api::session.session').findMany({ where: { publishedAt: { $notNull: true } }, select: ['slug', 'locale'] })) as { slug: string; locale: string }[];
    const expected = [
      ...published.map((s) => `${base}/${s.locale}/sessions/${s.slug}`),
      `${base}/ca/`, `${base}/es/`, `${base}/ca/results`, `${base}/es/results`,
    ].sort();
    expect(locs).toEqual(expected);
    expect(locs.some((l) => l.includes(slugOf.draft))).toBe(false);
    expect(locs).toContain(`${base}/ca/sessions/${slugOf.few}`);
    expect(locs).not.toContain(`${base}/es/sessions/${slugOf.few}`);

    const robots = await app.http().get('/robots.txt');
    expect(robots.text).toContain(`Sitemap: ${base}/sitemap.xml`);
    expect(robots.text).toContain('Disallow: /register/');

    const feed = await app.http().get('/ca/feed.xml');
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const atom = load(feed.text, { xml: true });
    const titles = atom('entry > title').map((_, e) => atom(e).text()).get();
    expect(titles).toEqual(expect.arrayContaining(['Nova sessió: Sessió que ve', 'Nova gravació: Sessió feta']));
    expect(titles).not.toContain('Nova sessió: Esborrany');
    expect(atom(`entry link[href="${base}/ca/sessions/${slugOf.upcoming}"]`).length).toBeGreaterThan(0);
    expect((await app.http().get('/es/feed.xml')).text).toContain('Nueva sesión: Sesión que viene');
  });

  it('never shows a canary on any page, and pages are cached with ETag/304, compressed, invalidated by the CMS texts', async () => {
    const paths = ['/ca/', '/es/', '/ca/results', '/es/results', '/sitemap.xml', '/ca/feed.xml', '/es/feed.xml', ...Object.values(slugOf).flatMap((s) => [`/ca/sessions/${s}`, `/es/sessions/${s}`])];
    for (const path of paths) {
      const res = await app.http().get(path);
      expect(res.text).not.toMatch(new RegExp(CANARY, 'i'));
      expect(res.text).not.toContain('@example.org');
    }
    const first = await app.http().get('/ca/');
    const second = await app.http().get('/ca/');
    expect(second.headers['x-cache']).toBe('HIT');
    expect((await app.http().get('/ca/').set('if-none-match', second.headers.etag)).status).toBe(304);
    const gzip = await app.http().get('/ca/').set('accept-encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(first.text);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");

    const programme = await app.strapi.db.query('api::programme.programme').findOne({ where: { locale: 'ca' } });
    await app.strapi.documents('api::programme.programme').update({ documentId: programme.documentId, locale: 'ca', status: 'published', data: { headline: 'Dijous GOmunicipal, nou títol' } });
    const after = await app.http().get('/ca/');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(load(after.text)('h1').text()).toBe('Dijous GOmunicipal, nou títol');
  });
});

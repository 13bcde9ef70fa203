import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { createSession, DAY, removeUploads, uploadFile, type UploadedFile } from '../helpers/fixtures';
import { startPublicApp } from '../helpers/public-app';
import { APP_DIR, type TestApp } from '../helpers/strapi';
import { unsubscribeUrl } from '../../src/email/unsubscribe';

/**
 * The public site in Debian's Chromium: no WCAG 2.1 AA violation (axe-core) on every page type in
 * both languages at phone and desktop widths, the chapter list seeks a real video, its caption
 * tracks are there and selectable, everything works with the keyboard alone, and the results
 * embed is accessible and small. Screenshots at phone width go to tests/artifacts/.
 */
let app: TestApp;
let browser: Browser;
let base: string;
const uploads: UploadedFile[] = [];
const slugs: Record<string, string> = {};
let pastId: string;
const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const vtt = (words: [string, string]) => `WEBVTT\n\n00:00:00.200 --> 00:00:01.800\n${words[0]}\n\n00:00:02.100 --> 00:00:03.500\n${words[1]}\n`;

/** A real, playable WebM of about four seconds, recorded from a canvas in the browser itself. */
const recordVideo = async (): Promise<Buffer> => {
  const page = await browser.newPage();
  await page.setContent('<canvas id="c" width="160" height="90"></canvas>');
  const base64 = await page.evaluate(async () => {
    const canvas = document.getElementById('c') as HTMLCanvasElement;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 100000 });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    let frame = 0;
    const timer = setInterval(() => {
      g.fillStyle = `hsl(${(frame * 25) % 360}, 60%, 40%)`;
      g.fillRect(0, 0, 160, 90);
      g.fillStyle = '#fff';
      g.font = '28px sans-serif';
      g.fillText(String((frame += 1)), 10, 50);
    }, 100);
    recorder.start(500);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await new Promise((resolve) => {
      recorder.onstop = resolve;
      recorder.stop();
    });
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  await page.close();
  return Buffer.from(base64, 'base64');
};

beforeAll(async () => {
  browser = await launchBrowser();
  // The recording plays for 3.5 s in the browser: beside the app's boot and the sessions below.
  const recorded = recordVideo();
  recorded.catch(() => undefined); // (its failure is reported where it is awaited)
  ({ app, base } = await startPublicApp());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { strapi } = app;
  const upcoming = await createSession(strapi, { title: 'Publicitat activa al portal', titleEs: 'Publicidad activa en el portal', startsAt: new Date(Date.now() + 15 * DAY), capacity: 40 });
  pastId = await createSession(strapi, { title: 'Treu-li suc a la gravació', titleEs: 'Sácale partido a la grabación', startsAt: new Date(Date.now() - 10 * DAY), eventStatus: 'held' });
  const onlyCa = await createSession(strapi, { title: 'Només en català', startsAt: new Date(Date.now() - 30 * DAY), eventStatus: 'held' });
  for (const [key, id] of Object.entries({ upcoming, past: pastId, onlyCa })) {
    slugs[key] = ((await strapi.db.query('api::session.session').findOne({ where: { documentId: id }, select: ['slug'] })) as { slug: string }).slug;
  }
  const video = await uploadFile(strapi, 'sessio.webm', 'video/webm', await recorded);
  const ca = await uploadFile(strapi, 'sessio.ca.vtt', 'text/vtt', vtt(['Bon dia a tothom.', 'Ara parlem del portal.']));
  const es = await uploadFile(strapi, 'sessio.es.vtt', 'text/vtt', vtt(['Buenos días a todos.', 'Ahora hablamos del portal.']));
  const slides = await uploadFile(strapi, 'presentacio.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n${'x'.repeat(5000)}\n%%EOF`));
  uploads.push(video, ca, es, slides);
  for (const locale of ['ca', 'es'] as const) {
    const recordings = strapi.documents('api::recording.recording');
    const common = { platform: 'file', file: video.id, chapters: [{ startsAtSecond: 0, title: locale === 'ca' ? 'Benvinguda' : 'Bienvenida' }, { startsAtSecond: 2, title: 'Portal' }], captions: [{ language: 'ca', file: ca.id }, { language: 'es', file: es.id }] };
    const doc = await recordings.create({ locale, data: { title: locale === 'ca' ? 'Gravació' : 'Grabación', session: pastId, ...common } as never });
    await recordings.publish({ documentId: doc.documentId, locale });
    const external = await recordings.create({ locale, data: { title: 'YouTube', platform: 'youtube', videoUrl: 'https://www.youtube.com/watch?v=abc', session: pastId, chapters: [{ startsAtSecond: 90, title: 'Preguntes' }] } as never });
    await recordings.publish({ documentId: external.documentId, locale });
    const material = await strapi.documents('api::material.material').create({ locale, data: { title: locale === 'ca' ? 'Presentació' : 'Presentación', kind: 'slides', file: slides.id, session: pastId } as never });
    await strapi.documents('api::material.material').publish({ documentId: material.documentId, locale });
  }
  await strapi.db.query('api::feedback-rollup.feedback-rollup').createMany({
    data: [
      { sessionDocumentId: pastId, question: '__responses', kind: 'meta', value: '', count: 9 },
      { sessionDocumentId: pastId, question: 'content', kind: 'scale', value: '5', count: 6 },
      { sessionDocumentId: pastId, question: 'content', kind: 'scale', value: '3', count: 3 },
      { sessionDocumentId: pastId, question: 'duration', kind: 'choice', value: 'right', count: 8 },
      { sessionDocumentId: pastId, question: 'duration', kind: 'choice', value: 'too_long', count: 1 },
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (app !== undefined) await removeUploads(app.strapi, uploads);
  await app?.stop();
});

const PAGES = (): [string, string][] => [
  ['home', '/ca/'],
  ['home', '/es/'],
  ['upcoming', `/ca/sessions/${slugs.upcoming}`],
  ['upcoming', `/es/sessions/${slugs.upcoming}`],
  ['past', `/ca/sessions/${slugs.past}`],
  ['past', `/es/sessions/${slugs.past}`],
  ['results', '/ca/results'],
  ['results', '/es/results'],
  ['not-found', '/ca/sessions/no-hi-es'],
  ['other-language', `/es/sessions/${slugs.onlyCa}`],
  ['opendata', '/ca/opendata'],
  ['opendata', '/es/opendata'],
  ['alerts', '/ca/alerts'],
  ['alerts', '/es/alerts'],
];

const open = async (url: string, viewport = PHONE, { bypassCSP = false } = {}): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport, bypassCSP });
  // Nothing beyond this app: a request elsewhere would be a third-party load.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  return { context, page };
};

describe('the public site in a browser', () => {
  it('has no WCAG 2.1 AA violation on any page type, in Catalan and Spanish, at phone and desktop widths', async () => {
    const found: { url: string; width: number; violations: unknown[] }[] = [];
    let checked = 0;
    for (const viewport of [PHONE, DESKTOP]) {
      // axe-core is injected as a script, which the pages' CSP rightly refuses.
      const { context, page } = await open('/ca/', viewport, { bypassCSP: true });
      for (const [kind, url] of PAGES()) {
        await page.goto(`${base}${url}`);
        const violations = await axeViolations(page);
        checked += 1;
        if (violations.length > 0) found.push({ url, width: viewport.width, violations });
        if (viewport === PHONE) await page.screenshot({ path: path.join(ARTIFACTS, `site-${kind}-${url.slice(1, 3)}-phone.png`), fullPage: true });
      }
      await context.close();
    }
    expect(found).toEqual([]);
    expect(checked).toBe(28);
  });

  it('runs under the strict CSP (no violation: the JSON-LD is data), with no request beyond the app', async () => {
    const { context, page } = await open(`/ca/sessions/${slugs.past}`);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) outside.push(request.url());
    });
    const violations = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
          setTimeout(() => resolve(seen), 500);
        })
    );
    expect(violations).toEqual([]);
    expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}')['@type']).toBe('Event');
    await page.reload();
    expect(outside).toEqual([]);
    await context.close();
  });

  it('seeks the video from the chapter list, and its caption tracks are present and selectable', async () => {
    const { context, page } = await open(`/ca/sessions/${slugs.past}`, DESKTOP);
    const video = page.locator('video#player-0');
    await video.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? undefined : new Promise((r) => v.addEventListener('loadedmetadata', r, { once: true }))));
    const tracks = await video.evaluate((v: HTMLVideoElement) => [...v.textTracks].map((t) => ({ kind: t.kind, language: t.language, label: t.label })));
    expect(tracks).toEqual([
      { kind: 'captions', language: 'ca', label: 'Català' },
      { kind: 'captions', language: 'es', label: 'Castellà' },
    ]);
    const spanish = await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<string[]>((resolve) => {
          const element = [...v.querySelectorAll('track')].find((t) => t.srclang === 'es') as HTMLTrackElement;
          for (const other of v.textTracks) other.mode = 'disabled';
          element.track.mode = 'showing';
          // Every cue is there once the track element has loaded (readyState 2): cues appear one by
          // one while the file is parsed, so the first one seen is not yet the whole track.
          const read = () => resolve([...(element.track.cues ?? [])].map((c) => (c as VTTCue).text));
          if (element.readyState === 2) read();
          else element.addEventListener('load', read, { once: true });
        })
    );
    expect(spanish).toEqual(['Buenos días a todos.', 'Ahora hablamos del portal.']);

    const before = page.url();
    await page.locator('ol.chapters a[data-seek="2"]').first().click();
    await video.evaluate((v: HTMLVideoElement) => new Promise((r) => (v.seeking ? v.addEventListener('seeked', r, { once: true }) : r(undefined))));
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(2);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(3.5);
    expect(page.url()).toBe(before);
    await context.close();
  });

  it('can be used with the keyboard alone: skip link, chapters, transcript and the register link', async () => {
    const { context, page } = await open(`/ca/sessions/${slugs.past}`, PHONE);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab until the second chapter's link, then Enter seeks the player.
    let onChapter = false;
    for (let i = 0; i < 40 && !onChapter; i += 1) {
      await page.keyboard.press('Tab');
      onChapter = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.matches('ol.chapters a[data-seek="2"]') ?? false);
    }
    expect(onChapter).toBe(true);
    await page.keyboard.press('Enter');
    const video = page.locator('video#player-0');
    await page.waitForFunction(() => (document.getElementById('player-0') as HTMLVideoElement).currentTime >= 2);
    expect(await video.evaluate((v: HTMLVideoElement) => document.activeElement === v)).toBe(true);
    // The transcript opens from its summary with the keyboard.
    await page.locator('details.transcript summary').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details.transcript').first().evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    await expect(page.locator('details.transcript').first().textContent()).resolves.toContain('Ara parlem del portal.');
    await context.close();

    const home = await open('/ca/', PHONE);
    let onRegister = false;
    for (let i = 0; i < 40 && !onRegister; i += 1) {
      await home.page.keyboard.press('Tab');
      onRegister = await home.page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href')?.startsWith('/register/') ?? false);
    }
    expect(onRegister).toBe(true);
    await home.page.keyboard.press('Enter');
    await home.page.waitForURL(/\/register\/\?session=/);
    await home.page.locator('#fullName').waitFor();
    await home.context.close();
  });

  it('reaches the open-data downloads with the keyboard alone, from the footer link', async () => {
    const { context, page } = await open('/es/', PHONE);
    let onLink = false;
    for (let i = 0; i < 80 && !onLink; i += 1) {
      await page.keyboard.press('Tab');
      onLink = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') === '/es/opendata');
    }
    expect(onLink).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/es/opendata`);
    let onCsv = false;
    for (let i = 0; i < 40 && !onCsv; i += 1) {
      await page.keyboard.press('Tab');
      onCsv = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') === '/opendata/sessions.csv');
    }
    expect(onCsv).toBe(true);
    // The reach table scrolls on a phone: its region takes the focus too.
    await page.locator('.table-scroll').focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    await context.close();
  });

  it('subscribes to the alerts with the keyboard alone; the problem, sent, confirmation and unsubscribe pages pass axe too', async () => {
    const { context, page } = await open('/es/alerts', PHONE, { bypassCSP: true });
    const audit = async (name: string) => {
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      await page.screenshot({ path: path.join(ARTIFACTS, `site-alerts-${name}-phone.png`), fullPage: true });
    };
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => (document.activeElement as HTMLElement | null)?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    // Without consent: the form comes back with the problem on top, linked to the field.
    await tabTo('#email');
    await page.keyboard.type('teclat@ajuntament.example');
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form-errors');
    expect(await page.locator('#consent').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email').inputValue()).toBe('teclat@ajuntament.example');
    await audit('problem');
    // The checkbox with the space bar, then send.
    await tabTo('#consent');
    await page.keyboard.press('Space');
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Mirad vuestro correo' }).waitFor();
    await audit('sent');

    const [message] = await app.strapi.db.query('api::outbox-message.outbox-message').findMany({ where: { kind: 'alert-confirmation', recipient: 'teclat@ajuntament.example' } });
    const confirmUrl = (message.text as string).match(/http\S+\/es\/alerts\/confirm\S+/)?.[0] as string;
    await page.goto(confirmUrl);
    await audit('confirm');
    await tabTo('main button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Avisos confirmados' }).waitFor();
    await audit('confirmed');

    const [row] = await app.strapi.db.query('api::alert-subscription.alert-subscription').findMany({ where: { email: 'teclat@ajuntament.example' } });
    await page.goto(unsubscribeUrl(app.strapi, 'alerts', row.documentId, 'es'));
    await audit('unsubscribe');
    await tabTo('main button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Os hemos dado de baja' }).waitFor();
    await audit('unsubscribed');
    expect(await app.strapi.db.query('api::alert-subscription.alert-subscription').count({ where: { email: 'teclat@ajuntament.example' } })).toBe(0);
    await context.close();
  });

  it('switches language on the same page', async () => {
    const { context, page } = await open(`/ca/sessions/${slugs.past}`, PHONE);
    await page.locator('nav.lang-switch a[lang="es"]').click();
    await page.waitForURL(`${base}/es/sessions/${slugs.past}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sácale partido a la grabación');
    await context.close();
  });
});

describe('the results embed', () => {
  it.each(['ca', 'es'] as const)('shows a session results as accessible charts with tables, in %s', async (lang) => {
    const { context, page } = await open(`/embed/results-demo.html?lang=${lang}`, PHONE, { bypassCSP: true });
    await page.evaluate((id) => document.getElementById('results')?.setAttribute('session', id), pastId);
    const results = page.locator('#results');
    await results.locator('table').first().waitFor();
    await expect(results.locator('section.q').first().textContent()).resolves.toContain(lang === 'ca' ? 'Mitjana: 4,33 sobre 5' : 'Media: 4,33 sobre 5');
    expect(await results.locator('svg[role="img"]').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `results-embed-${lang}-phone.png`), fullPage: true });
    // A range with too few responses says so, without figures.
    await page.evaluate(() => {
      const embed = document.getElementById('results');
      embed?.removeAttribute('session');
      embed?.setAttribute('from', '2023-01-01');
      embed?.setAttribute('to', '2023-12-31');
    });
    await results.locator('p').filter({ hasText: lang === 'ca' ? 'Encara no hi ha prou respostes' : 'Todavía no hay suficientes respuestas' }).waitFor();
    expect(await results.locator('table, svg').count()).toBe(0);
    await context.close();
  });

  it('is under 10 KB gzipped', () => {
    const source = fs.readFileSync(path.join(APP_DIR, 'public', 'embed', 'gomunicipal-results.js'));
    expect(zlib.gzipSync(source, { level: 9 }).length).toBeLessThan(10 * 1024);
  });
});

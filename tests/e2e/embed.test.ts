import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import type { Browser, Page } from 'playwright-core';
import { zonedWallTimeToUtc } from '../../src/utils/time';
import { axeViolations, freePort, launchBrowser } from '../helpers/browser';
import { createMaterial, createRecording, createSession } from '../helpers/fixtures';
import { startPublicApp } from '../helpers/public-app';
import { APP_DIR, type TestApp } from '../helpers/strapi';

let app: TestApp;
let browser: Browser;
let base: string;
let upcomingId: string;

beforeAll(async () => {
  ({ app, base } = await startPublicApp());
  // A Thursday far enough ahead to stay upcoming: 28 January 2099, 10:00 in Madrid.
  upcomingId = await createSession(app.strapi, {
    title: 'Publicitat activa: novetats per al 2099',
    titleEs: 'Publicidad activa: novedades para 2099',
    startsAt: zonedWallTimeToUtc('2099-01-29', '10:00'),
    capacity: 30,
  });
  const [latest] = await app.strapi
    .documents('api::session.session')
    .findMany({ locale: 'ca', status: 'published', sort: 'startsAt:desc', filters: { startsAt: { $lt: new Date().toISOString() } }, limit: 1 });
  await createRecording(app.strapi, latest.documentId, 'Gravació de la sessió', 'https://video.example.org/portal');
  await createMaterial(app.strapi, latest.documentId, 'Presentació (PDF)', 'https://example.org/portal.pdf');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const openDemo = async (lang: 'ca' | 'es', { bypassCSP = false } = {}): Promise<Page> => {
  // axe-core is injected as an inline script, which the page's CSP rightly forbids.
  const page = await (await browser.newContext({ bypassCSP })).newPage();
  await page.goto(`${base}/embed/demo.html?lang=${lang}`);
  await page.locator('#upcoming article').first().waitFor();
  await page.locator('#past article').first().waitFor();
  return page;
};

describe('the sessions embed on the demo page', () => {
  it('shows upcoming sessions in Catalan, with the date in Madrid time and an add-to-calendar link', async () => {
    const page = await openDemo('ca');
    const upcoming = page.locator('#upcoming');
    await expect(upcoming.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Properes sessions');
    const article = upcoming.locator('article').first();
    await expect(article.getByRole('heading', { level: 3 }).textContent()).resolves.toBe('Publicitat activa: novetats per al 2099');
    await expect(article.locator('time').textContent()).resolves.toMatch(/dijous, 29 de gener del 2099, 10:00–11:00/);
    await expect(article.textContent()).resolves.toContain('Queden 30 places');
    const calendar = article.getByRole('link', { name: /Afegeix al calendari/ });
    await expect(calendar.getAttribute('href')).resolves.toBe(`${base}/api/sessions/${upcomingId}/calendar.ics`);
    const ics = await page.request.get(`${base}/api/sessions/${upcomingId}/calendar.ics`);
    expect(await ics.text()).toContain('DTSTART;TZID=Europe/Madrid:20990129T100000');
    await page.close();
  });

  it('shows past sessions with their recordings and materials', async () => {
    const page = await openDemo('ca');
    const past = page.locator('#past');
    expect(await past.locator('article').count()).toBe(6);
    const first = past.locator('article').first();
    await expect(first.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
      'El portal de transparència: on som i cap a on anem?'
    );
    await expect(first.locator('time').textContent()).resolves.toContain("dijous, 25 d’abril del 2024, 10:00–11:00");
    const recording = first.getByRole('link', { name: /Gravació de la sessió/ });
    await expect(recording.getAttribute('href')).resolves.toBe('https://video.example.org/portal');
    await expect(first.getByRole('link', { name: /Presentació \(PDF\)/ }).getAttribute('href')).resolves.toBe(
      'https://example.org/portal.pdf'
    );
    await page.close();
  });

  it('links each title to the session page, which answers, unless link-titles="false"', async () => {
    const page = await openDemo('es');
    const slug = ((await app.strapi.db.query('api::session.session').findOne({ where: { documentId: upcomingId }, select: ['slug'] })) as { slug: string }).slug;
    const title = page.locator('#upcoming article').first().getByRole('heading', { level: 3 }).getByRole('link');
    await expect(title.getAttribute('href')).resolves.toBe(`${base}/es/sessions/${slug}`);
    await title.click();
    await page.waitForURL(`${base}/es/sessions/${slug}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Publicidad activa: novedades para 2099');
    await page.goBack();
    await page.locator('#upcoming article').first().waitFor();
    await page.evaluate(() => document.getElementById('upcoming')?.setAttribute('link-titles', 'false'));
    await page.locator('#upcoming article h3').first().filter({ hasNot: page.locator('a') }).waitFor();
    expect(await page.locator('#upcoming article h3 a').count()).toBe(0);
    await page.close();
  });

  it('speaks Spanish with lang=es', async () => {
    const page = await openDemo('es');
    const article = page.locator('#upcoming article').first();
    await expect(page.locator('#upcoming').getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Próximas sesiones');
    await expect(article.getByRole('heading', { level: 3 }).textContent()).resolves.toBe('Publicidad activa: novedades para 2099');
    await expect(article.locator('time').textContent()).resolves.toMatch(/jueves, 29 de enero de 2099, 10:00–11:00/);
    await expect(article.getByRole('link', { name: /Añadir al calendario/ }).count()).resolves.toBe(1);
    await page.close();
  });

  it('can be used with the keyboard alone: Tab reaches every link of the list in order', async () => {
    const page = await openDemo('ca');
    const expected = await page.evaluate(() =>
      [...document.querySelectorAll('gomunicipal-sessions')].flatMap((host) =>
        [...(host.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.href)
      )
    );
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const reached: string[] = [];
    for (let i = 0; i < expected.length + 2; i += 1) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement as HTMLAnchorElement | null | undefined;
        return inner?.href ?? null;
      });
      if (href !== null) reached.push(href);
    }
    expect(reached).toEqual(expected);
    // On the last link, a session title: Enter opens its page.
    await page.keyboard.press('Enter');
    await page.waitForURL(expected[expected.length - 1]);
    await page.close();
  });

  it.each(['ca', 'es'] as const)('has no WCAG 2.1 AA violation (axe-core), in %s', async (lang) => {
    const page = await openDemo(lang, { bypassCSP: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a readable message when the API cannot be reached', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/embed/demo.html`);
    const closed = await freePort();
    await page.evaluate((endpoint) => {
      const embed = document.createElement('gomunicipal-sessions');
      embed.id = 'offline';
      embed.setAttribute('endpoint', endpoint);
      embed.setAttribute('lang', 'ca');
      document.querySelector('main')?.append(embed);
    }, `http://127.0.0.1:${closed}/graphql`);
    const alert = page.locator('#offline').getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("No s'han pogut carregar les sessions");
    await page.close();
  });
});

describe('the embed script', () => {
  it('is small: under 15 KB gzipped', () => {
    const source = fs.readFileSync(path.join(APP_DIR, 'public', 'embed', 'gomunicipal-sessions.js'));
    expect(zlib.gzipSync(source, { level: 9 }).length).toBeLessThan(15 * 1024);
  });
});

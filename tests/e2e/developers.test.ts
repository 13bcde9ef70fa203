import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { startPublicApp } from '../helpers/public-app';
import type { TestApp } from '../helpers/strapi';

/**
 * The developer page ("Prova l'API") in Debian's Chromium: no WCAG 2.1 AA violation (axe-core) in
 * Catalan and Spanish at phone and desktop widths, usable with the keyboard; its links reach the
 * OpenAPI document and the SDL; the viewer renders the document's operations from the app's own
 * assets with no request beyond the app.
 */
let app: TestApp;
let browser: Browser;
let base: string;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  ({ app, base } = await startPublicApp());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const open = async (url: string, viewport = PHONE, { bypassCSP = false } = {}): Promise<{ context: BrowserContext; page: Page; outside: string[] }> => {
  const context = await browser.newContext({ viewport, bypassCSP });
  const outside: string[] = [];
  // Nothing beyond this app: a request elsewhere would be a third-party load (a CDN, a validator badge).
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  return { context, page, outside };
};

describe("the developer page, Prova l'API", () => {
  it('has no WCAG 2.1 AA violation in Catalan and Spanish, at phone and desktop widths', async () => {
    const found: { url: string; width: number; violations: unknown[] }[] = [];
    let checked = 0;
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await open('/ca/api', viewport, { bypassCSP: true });
      for (const url of ['/ca/api', '/es/api']) {
        await page.goto(`${base}${url}`);
        expect(await page.locator('h1').textContent()).toBe(url.startsWith('/ca') ? "Prova l'API" : 'Prueba la API');
        const violations = await axeViolations(page);
        checked += 1;
        if (violations.length > 0) found.push({ url, width: viewport.width, violations });
      }
      await context.close();
    }
    expect(found).toEqual([]);
    expect(checked).toBe(4);
  });

  it('links to the OpenAPI document, its viewer and the SDL, and its examples carry this server’s URL', async () => {
    const { context, page } = await open('/es/api', DESKTOP);
    const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/api-viewer/?lang=es', '/api/openapi.json', '/api/schema.graphql']));
    for (const href of ['/api/openapi.json', '/api/schema.graphql']) expect((await page.request.get(`${base}${href}`)).status()).toBe(200);
    expect(await page.locator('pre code').first().textContent()).toBe(`curl -s '${base}/api/sessions/upcoming?limit=5&locale=es'`);
    // The GraphQL example works as written: the same query by GET answers data.
    const example = (await page.locator('pre code').nth(1).textContent()) ?? '';
    const query = /query=(.*)'$/s.exec(example)?.[1] as string;
    const answer = await page.request.get(`${base}/graphql?query=${encodeURIComponent(query)}`);
    expect(answer.status()).toBe(200);
    expect(Object.keys((await answer.json()).data)).toEqual(['upcomingSessions', 'pastSessions']);
    await context.close();
  });

  it('can be used with the keyboard alone: the examples scroll into focus and the viewer link opens', async () => {
    const { context, page } = await open('/ca/api', PHONE);
    const focused: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute('href') ?? ''}`));
    }
    expect(focused).toContain('PRE:');
    expect(focused).toContain('A:/api-viewer/?lang=ca');
    await page.locator('a[href="/api-viewer/?lang=ca"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/api-viewer/);
    await context.close();
  });

  it("renders the document's operations in the viewer from the app's own assets, offline", async () => {
    const { context, page, outside } = await open('/api-viewer/?lang=es', DESKTOP);
    await page.locator('.opblock').first().waitFor({ timeout: 15000 });
    const operations = await page.locator('.opblock-summary-path').allTextContents();
    expect(operations.map((text) => text.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/sessions/upcoming', '/api/sessions/{documentId}/registrations']));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(outside).toEqual([]);
    await context.close();
  });
});

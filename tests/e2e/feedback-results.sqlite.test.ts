import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { FeedbackService } from '../../src/api/feedback-response/services/feedback-response';
import type { RegistrationService } from '../../src/api/registration/services/registration';
import { hashToken } from '../../src/utils/tokens';
import { freePort, launchBrowser } from '../helpers/browser';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { ensureAdminBuild } from '../helpers/admin-build';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * The admin's Results page in headless Chromium: it logs in, opens the page from the menu, and
 * reads the numbers the charts draw, on the admin bundle of `strapi build` (CI and `npm run
 * quickstart` build it; built here when missing). Runs on SQLite only: the figures come from the same service that
 * tests/int/feedback.test.ts checks on every database (*.sqlite.test.ts: the SQLite pass only, see jest.config.js).
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

let app: TestApp;
let browser: Browser;
let base: string;
let latest: string;
let page: Page;
let earlier: string;

const respond = async (session: string, answers: [number, string, number, number][], now: Date) => {
  const registrations = app.strapi.service('api::registration.registration') as unknown as RegistrationService;
  const feedback = app.strapi.service('api::feedback-response.feedback-response') as unknown as FeedbackService;
  for (const [i, [content, duration, understood, applicable]] of answers.entries()) {
    const r = await createRegistration(app.strapi, session, 'confirmed', `p${i}-${session}@ens.example`);
    const token = registrations.tokenFor(r.documentId, 'feedback');
    await app.strapi.db.query('api::registration.registration').update({ where: { id: r.id }, data: { feedbackTokenHash: hashToken(token) } });
    const body = { answers: [{ question: 'content', value: content }, { question: 'duration', value: duration }, { question: 'understood', value: understood }, { question: 'applicable', value: applicable }] };
    if (i === 0) body.answers.push({ question: 'comment', value: 'Cal més temps per a preguntes' } as never);
    await feedback.submit(token, body, undefined, now);
  }
};

describe('the Results page in the admin', () => {
  beforeAll(async () => {
    await ensureAdminBuild();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp({ PUBLIC_URL: base }, { serveAdminPanel: true });
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
    earlier = await createSession(app.strapi, { title: 'Sessió de prova anterior', startsAt: new Date(Date.now() - 30 * DAY), eventStatus: 'held' });
    latest = await createSession(app.strapi, { title: 'Sessió de prova recent', startsAt: new Date(Date.now() - 2 * DAY), eventStatus: 'held' });
    await respond(earlier, [[3, 'right', 3, 3], [3, 'too_long', 4, 3], [2, 'right', 3, 3]], new Date(Date.now() - 29 * DAY));
    // content 5,4,4,3,5,2 (mean 3.83, median 4, 4–5: 66.7 %); duration right ×4, too_long, too_short.
    await respond(latest, [[5, 'right', 5, 3], [4, 'right', 5, 3], [4, 'too_long', 5, 3], [3, 'right', 4, 3], [5, 'right', 4, 4], [2, 'too_short', 1, 5]], new Date(Date.now() - DAY));
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    page = await login();
    // (may wait for the admin build CI runs beside the tests)
  }, 15 * 60 * 1000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  // Strapi limits admin logins per address: one login for the whole file.
  const login = async (): Promise<Page> => {
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${base}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(TEST_ADMIN.email);
    await page.locator('input[name="password"]').fill(TEST_ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
    return page;
  };

  it('shows the last session’s headline on the home page, linking to its results', async () => {
    await page.goto(`${base}/admin`);
    await page.getByTestId('gomunicipal-feedback-responses').filter({ hasText: '6' }).waitFor();
    await expect(page.getByTestId('gomunicipal-feedback-rate').textContent()).resolves.toBe('100 %');
    await expect(page.getByTestId('gomunicipal-feedback-top2-content').textContent()).resolves.toBe('66,7 %');
    await expect(page.getByTestId('gomunicipal-feedback-top2-understood').textContent()).resolves.toBe('83,3 %');
    await page.screenshot({ path: path.join(ARTIFACTS, 'feedback-dashboard.png'), fullPage: true });
    await page.getByRole('link', { name: 'Sessió de prova recent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resultats de les enquestes' }).waitFor();
    await page.locator('[data-figure="responses"]').filter({ hasText: '6' }).waitFor();
    await expect(page.locator('#results-session').inputValue()).resolves.toBe(latest);
  });

  it('opens from the menu on the latest session and draws its numbers', async () => {
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: 'Resultats de les enquestes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resultats de les enquestes' }).waitFor();
    await page.locator('[data-figure="responses"]').filter({ hasText: '6' }).waitFor();
    await expect(page.locator('#results-session').inputValue()).resolves.toBe(latest);
    await expect(page.locator('[data-figure="response-rate"]').textContent()).resolves.toBe('100 %');

    const bar = (question: string, value: string) => page.locator(`svg[data-question="${question}"] g[data-value="${value}"]`);
    await expect(bar('content', '4').getAttribute('data-count')).resolves.toBe('2');
    await expect(bar('content', '4').locator('text').last().textContent()).resolves.toBe('2 (33,3 %)');
    await expect(bar('content', '1').getAttribute('data-count')).resolves.toBe('0');
    await expect(bar('duration', 'right').locator('text').last().textContent()).resolves.toBe('4 (66,7 %)');
    await expect(bar('duration', 'right').locator('text').first().textContent()).resolves.toBe('Adequada');
    // The bars are drawn to scale: 4 answers make a bar twice as long as 2.
    const width = async (q: string, v: string) => Number(await bar(q, v).locator('rect').getAttribute('width'));
    expect(await width('duration', 'right')).toBeCloseTo(4 * (await width('duration', 'too_long')), 5);
    await expect(page.locator('[data-stats="content"]').textContent()).resolves.toBe('6 respostes · mitjana 3,83 · mediana 4 · 4 i 5: 66,7 %');
    await expect(page.locator('[data-free-text]').textContent()).resolves.toContain('Cal més temps per a preguntes');
    await page.screenshot({ path: path.join(ARTIFACTS, 'feedback-results-session.png'), fullPage: true });
  });

  it('shows a date range with the trend across sessions', async () => {
    await page.goto(`${base}/admin/gomunicipal/results`);
    await page.locator('#results-mode').selectOption('range');
    await page.locator('#results-from').fill(new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10));
    await page.locator('[data-figure="responses"]').filter({ hasText: /^9$/ }).waitFor();
    const point = (session: string) => page.locator(`svg[data-chart="trend"] g[data-question="content"] circle[data-session="${session}"]`);
    await expect(point(earlier).getAttribute('data-mean')).resolves.toBe('2.67');
    await expect(point(latest).getAttribute('data-mean')).resolves.toBe('3.83');
    // Later sessions to the right; a higher mean higher up.
    const [a, b] = [await point(earlier).boundingBox(), await point(latest).boundingBox()];
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(b!.y).toBeLessThan(a!.y);
    await page.screenshot({ path: path.join(ARTIFACTS, 'feedback-results-range.png'), fullPage: true });
  });
});

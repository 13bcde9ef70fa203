import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, launchBrowser } from '../helpers/browser';
import { DAY, createRegistration, createSession, onTheHour } from '../helpers/fixtures';
import { ensureAdminBuild } from '../helpers/admin-build';
import { APP_DIR, startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { planSeason } from '../../src/utils/season';

/**
 * The editors' admin in headless Chromium: log in, switch the interface to Catalan, plan three
 * months, edit and publish one planned session, find it through the public GraphQL API.
 * Slow (the admin panel is a real build served by the app): it runs in the SQLite pass only
 * (`*.sqlite.test.ts`, see jest.config.js).
 */

const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts');

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  await ensureAdminBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await startApp({ PUBLIC_URL: base }, { serveAdminPanel: true });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Madrid', locale: 'en-GB' });
  // Offline: the admin refers to Strapi's hosts (blog, marketplace); nothing but the app is reached.
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  page = await context.newPage();
  page.setDefaultTimeout(30000);
}, 15 * 60 * 1000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Waits until `check` holds (the UI and the server catch up), or fails after `seconds`. */
const until = async (what: string, check: () => Promise<boolean>, seconds = 20) => {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 250))) {
    if (await check()) return;
  }
  throw new Error(`Still not true after ${seconds} s: ${what}`);
};

const screenshot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

describe('the editors’ admin', () => {
  it('logs in, switches to Catalan, plans three months, edits and publishes a planned session that the public API then shows', async () => {
    // Something for the dashboard: the next session, with one confirmed registration of 12 seats.
    const next = await createSession(app.strapi, { title: 'Dades obertes: la propera', startsAt: new Date(Date.now() + 5 * DAY), capacity: 12 });
    await createRegistration(app.strapi, next, 'confirmed', 'persona@ajuntament.example');

    // A browser that chose English before: the interface starts in English.
    await page.goto(`${base}/admin`);
    await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'en'));
    await page.reload();
    await page.locator('input[name=email]').fill(TEST_ADMIN.email);
    await page.locator('input[name=password]').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('link', { name: 'Content Manager' }).waitFor();

    // The profile's interface language: Catalan first in the list, and chosen.
    await page.goto(`${base}/admin/me`);
    await page.getByRole('combobox', { name: 'Interface language' }).click();
    await expect(page.getByRole('option').allInnerTexts()).resolves.toEqual(['Choose here', 'Català', 'Español', 'English']);
    await page.getByRole('option', { name: 'Català' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Gestor de continguts' }).waitFor();
    const user = await app.strapi.db.query('admin::user').findOne({ where: { email: TEST_ADMIN.email } });
    expect(user.preferedLanguage).toBe('ca');

    // The dashboard: the next session's registrations and seats left, and what waits for someone.
    await page.getByRole('link', { name: 'Inici' }).click();
    await page.getByText('Propera sessió', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Dades obertes: la propera' }).waitFor();
    await expect(page.getByTestId('gomunicipal-next-confirmed').innerText()).resolves.toBe('1');
    await expect(page.getByTestId('gomunicipal-next-seats-left').innerText()).resolves.toBe('11');
    await expect(page.getByTestId('gomunicipal-proposals-waiting').innerText()).resolves.toBe('0');
    await expect(page.getByTestId('gomunicipal-failed-messages').innerText()).resolves.toBe('0');
    await screenshot('admin-dashboard.png');

    // The planner: January to March of next year, previewed, then created.
    const year = new Date().getFullYear() + 1;
    const expected = planSeason(`${year}-01`, `${year}-03`).map((plan) => plan.date);
    expect(expected).toHaveLength(3);
    await page.getByRole('link', { name: 'Planifica sessions' }).click();
    await page.getByLabel('Des del mes').fill(`${year}-01`);
    await page.getByLabel('Fins al mes').fill(`${year}-03`);
    await page.getByRole('button', { name: 'Mostra què es crearà' }).click();
    const preview = page.getByTestId('gomunicipal-planner-preview');
    await preview.waitFor();
    await expect(preview.locator('li[data-date]').evaluateAll((items) => items.map((item) => item.getAttribute('data-date')))).resolves.toEqual(expected);
    await expect(preview.innerText()).resolves.toContain('Es crearan aquestes sessions en esborrany:');
    await screenshot('admin-planner.png');
    expect(await app.strapi.db.query('api::session.session').count({ where: { slug: { $endsWith: '-dijous-gomunicipal' } } })).toBe(0);
    await page.getByRole('button', { name: 'Crea 3 sessions' }).click();
    await page.getByText('S’han creat 3 sessions en esborrany.').waitFor();

    // A bad range is refused with the server's message, shown in the page.
    await page.getByLabel('Des del mes').fill(`${year}-03`);
    await page.getByLabel('Fins al mes').fill(`${year}-01`);
    await page.getByRole('button', { name: 'Mostra què es crearà' }).click();
    await expect(page.getByTestId('gomunicipal-planner-error').innerText()).resolves.toBe('L’últim mes no pot ser anterior al primer.');

    // Open the February session from the list, edit it and publish it.
    await page.getByRole('link', { name: 'Gestor de continguts' }).click();
    await page.goto(`${base}/admin/content-manager/collection-types/api::session.session?page=1&pageSize=10&sort=startsAt:DESC&plugins[i18n][locale]=ca`);
    await page.locator('thead').getByText('Places lliures', { exact: true }).waitFor();
    await page.getByRole('link', { name: `Dijous GOmunicipal de febrer del ${year}` }).click();
    await page.getByLabel('Resum').fill('Sessió planificada des del tauler i publicada en la prova.');
    await page.getByLabel('Places', { exact: true }).fill('30');
    const sessions = app.strapi.db.query('api::session.session');
    const slug = `${expected[1]}-dijous-gomunicipal`;
    await page.getByRole('button', { name: 'Desa' }).click();
    await until('the draft is saved', async () => (await sessions.count({ where: { slug, capacity: 30, publishedAt: { $null: true } } })) === 1);
    await page.getByRole('button', { name: 'Publicar' }).click();
    await until('the session is published', async () => (await sessions.count({ where: { slug, publishedAt: { $notNull: true } } })) === 1);
    const planned = await sessions.findOne({ where: { slug, publishedAt: { $notNull: true } }, select: ['documentId'] });

    // The public GraphQL API now shows it, with the editor's changes.
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sessions(sort: "startsAt:asc", pagination: { limit: 100 }) { documentId title summary capacity startsAt } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { sessions: { documentId: string; title: string; summary: string; capacity: number; startsAt: string }[] } };
    const published = body.data.sessions.filter((session) => session.title.endsWith(`del ${year}`));
    expect(published).toEqual([
      {
        documentId: planned.documentId,
        title: `Dijous GOmunicipal de febrer del ${year}`,
        summary: 'Sessió planificada des del tauler i publicada en la prova.',
        capacity: 30,
        startsAt: expect.stringMatching(new RegExp(`^${expected[1]}T`)),
      },
    ]);
  });
  it('warns on the dashboard about a session without its meeting link, and lets the editor send or hold its pending change', async () => {
    // Tomorrow morning-ish (within 24 hours), published, two confirmed people, no meeting link.
    const soon = onTheHour(12 * 3600000);
    const session = await createSession(app.strapi, { title: 'Sessió sense enllaç', startsAt: soon, capacity: 5 });
    await createRegistration(app.strapi, session, 'confirmed', 'una@ajuntament.example');
    await createRegistration(app.strapi, session, 'confirmed', 'dues@ajuntament.example');
    await page.getByRole('link', { name: 'Inici' }).click();
    const warning = page.getByTestId('gomunicipal-no-meeting-link');
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toContain('«Sessió sense enllaç» comença el');
    await screenshot('admin-dashboard-no-link.png');

    // The link is added (and the session published again): a change is pending for the confirmed.
    const sessions = app.strapi.documents('api::session.session');
    await sessions.update({ documentId: session, locale: 'ca', data: { meetingUrl: 'https://teams.example/meet/ara' } as never });
    await sessions.publish({ documentId: session, locale: 'ca' });
    await page.goto(`${base}/admin/content-manager/collection-types/api::session.session/${session}?plugins[i18n][locale]=ca`);
    const box = page.getByTestId('gomunicipal-session-notice');
    await box.waitFor();
    await expect(box.innerText()).resolves.toContain('Enllaç de la reunió nou');
    await expect(box.innerText()).resolves.toContain('S’enviarà a 2 persones confirmades.');
    await screenshot('admin-session-notice.png');
    const notices = app.strapi.db.query('api::session.session-notice');

    await box.getByRole('button', { name: 'Retén-ho' }).click();
    await until('the change is held', async () => (await notices.count({ where: { sessionDocumentId: session, held: true } })) === 1);
    await box.getByRole('button', { name: 'Deixa-ho anar' }).waitFor();
    await box.getByRole('button', { name: 'Deixa-ho anar' }).click();
    await until('the change is released', async () => (await notices.count({ where: { sessionDocumentId: session, held: false } })) === 1);

    const outbox = app.strapi.db.query('api::outbox-message.outbox-message');
    await box.getByRole('button', { name: 'Envia-ho ara' }).click();
    await until('the change is written to the outbox', async () => (await outbox.count({ where: { kind: 'session-changed', dedupeKey: { $startsWith: `change:${session}:` } } })) === 2);
    // Nothing is pending any more: the box goes.
    await until('the box is gone', async () => (await box.count()) === 0);
    // The warning too: the session has its link now.
    await page.getByRole('link', { name: 'Inici' }).click();
    await page.getByTestId('gomunicipal-next-confirmed').waitFor();
    expect(await page.getByTestId('gomunicipal-no-meeting-link').count()).toBe(0);
  });
});

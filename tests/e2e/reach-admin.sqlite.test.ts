/**
 * The admin's "Abast" page in Chromium (issue 18): its totals and an entity's row are the reach
 * service's figures, counted here independently from the database; sorting works from the
 * keyboard; no WCAG 2.1 AA violation (axe-core) in the page's content. SQLite pass only.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { barcelonaMunicipalities } from '../../src/seed';
import { freePort, launchBrowser, type AxeViolation } from '../helpers/browser';
import { ensureAdminBuild } from '../helpers/admin-build';
import { createSession, DAY } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
const towns = barcelonaMunicipalities();

beforeAll(async () => {
  await ensureAdminBuild();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await startApp({ PUBLIC_URL: base }, { serveAdminPanel: true });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  const session = await createSession(app.strapi, { title: 'Sessió per a l’abast', startsAt: new Date(Date.now() - 20 * DAY), eventStatus: 'held' });
  for (const [i, people] of [[0, 3], [1, 1]] as const) {
    const entity = (await app.strapi.db.query('api::local-entity.local-entity').findOne({ where: { ineCode: towns[i].ineCode } })) as { documentId: string };
    for (let p = 0; p < people; p += 1) {
      const created = await app.strapi.documents('api::registration.registration').create({
        data: { session, registrationStatus: 'confirmed', email: `p${i}-${p}@ens.example`, fullName: 'Persona', language: 'ca', localEntity: entity.documentId } as never,
      });
      if (p < 2) await app.strapi.db.query('api::registration.registration').update({ where: { id: created.id }, data: { attended: true } });
    }
  }
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ca-ES', bypassCSP: true });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  page = await context.newPage();
  page.setDefaultTimeout(30000);
}, 15 * 60 * 1000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows the reach service’s figures, sorts by keyboard, and passes axe-core', async () => {
  await page.goto(`${base}/admin`);
  await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'ca'));
  await page.reload();
  await page.locator('input[name=email]').fill(TEST_ADMIN.email);
  await page.locator('input[name=password]').fill(TEST_ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.getByRole('link', { name: 'Abast' }).first().click();
  await page.locator('#reach-total').waitFor();

  // Counted here from the database, not through the reach service.
  const entities = await app.strapi.db.query('api::local-entity.local-entity').count({});
  const withRegistrations = new Set(
    ((await app.strapi.db.query('api::registration.registration').findMany({ where: { registrationStatus: { $ne: 'cancelled' } }, populate: { localEntity: { select: ['id'] } } })) as { localEntity: { id: number } | null }[])
      .filter((r) => r.localEntity !== null)
      .map((r) => r.localEntity?.id)
  );
  await expect(page.locator('#reach-total').textContent()).resolves.toBe(`${withRegistrations.size} de ${entities} ens locals hi han participat`);
  const row = page.locator('#reach-table tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${towns[0].name}$`) }) });
  await expect(row.locator('td').allInnerTexts()).resolves.toEqual(['ajuntament', '', '3', '2', '1', '0', 'no', '0', '0']);

  // Sorting by registrations from the keyboard: the entity with most comes first.
  await page.getByRole('button', { name: 'Inscripcions' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => document.querySelector('#reach-table tbody tr th')?.textContent === name, towns[0].name);

  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    // The page's own content (Strapi's menu and chrome are Strapi's).
    const result = await axe.run({ include: [['main']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  });
  expect(violations).toEqual([]);
});

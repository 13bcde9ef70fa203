import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser';
import type { TestApp } from '../helpers/strapi';
import { startPublicApp } from '../helpers/public-app';

let app: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ app, base } = await startPublicApp());
  const importer = app.strapi.service('api::catalog-request.import') as unknown as { importCsv(text: string): Promise<unknown> };
  await importer.importCsv(
    'ine_code,resource_code,status,requested_at,completed_at\n080193,gestio-transparencia-municipal,completed,2025-02-01,2025-05-20\n080018,gestio-transparencia-municipal,requested,2026-10-01,\n'
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const open = async (lang: 'ca' | 'es', bypassCSP = false): Promise<Page> => {
  const page = await (await browser.newContext({ bypassCSP })).newPage();
  await page.goto(`${base}/support/?lang=${lang}`);
  await page.locator('h1').waitFor();
  return page;
};

const pick = async (page: Page, text: string, option: RegExp) => {
  await page.getByRole('combobox').fill(text);
  await page.getByRole('option', { name: option }).waitFor();
  await page.getByRole('combobox').press('ArrowDown');
  await page.getByRole('combobox').press('Enter');
};

describe('the on-demand support page', () => {
  it('finds an eligible entity as you type, shows why, and sends the request', async () => {
    const page = await open('ca');
    await pick(page, 'Barcel', /Barcelona \(080193\)/);
    await page.locator('#eligibility').filter({ hasText: 'Pot demanar suport a demanda: ha completat «Gestió de la transparència municipal» el 2025-05-20.' }).waitFor();
    await page.getByLabel('Nom i cognoms de la persona de contacte').fill('Laia Roca');
    await page.getByLabel('Correu electrònic').fill('laia.roca@bcn.example');
    await page.getByLabel('Tema').fill('Indicadors de transparència');
    await page.getByLabel(/Accepto que la Diputació/).check();
    await page.getByRole('button', { name: 'Envia la petició' }).click();
    await page.locator('#status').filter({ hasText: 'Hem rebut la vostra petició' }).waitFor();
    const rows = await app.strapi.db.query('api::support-request.support-request').findMany({ where: { email: 'laia.roca@bcn.example' } });
    expect(rows).toHaveLength(1);
  });

  it('tells an ineligible entity why and what to do, without showing the form', async () => {
    const page = await open('es');
    await pick(page, 'Abrera', /Abrera \(080018\)/);
    const notice = page.locator('#eligibility');
    await notice.filter({ hasText: 'Todavía no puede pedir apoyo a demanda' }).waitFor();
    expect(await notice.textContent()).toContain('catálogo de servicios');
    expect(await page.locator('#form').isHidden()).toBe(true);
  });

  it.each(['ca', 'es'] as const)('has no WCAG 2.1 AA violation (axe-core), with the list open and an answer shown, in %s', async (lang) => {
    const page = await open(lang, true);
    await pick(page, 'Barcel', /Barcelona/);
    await page.locator('#form').waitFor();
    await page.getByRole('combobox').fill('Sant');
    await page.getByRole('option').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

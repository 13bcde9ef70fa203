import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { TestSmtp } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';
import { startPublicApp } from '../helpers/public-app';

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ app, base, smtp } = await startPublicApp({ smtp: true }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

const page = async (bypassCSP = false): Promise<Page> => (await browser.newContext({ bypassCSP })).newPage();

describe('proposing a topic', () => {
  let statusUrl: string;

  it('shows past sessions on the same topic as you type, sends the proposal and acknowledges it', async () => {
    const p = await page();
    await p.goto(`${base}/propose/`);
    await p.getByLabel('Tema o dubte').fill("Sol·licituds d'accés a la informació");
    await p.locator('#similar li').filter({ hasText: "Sessió: Les sol·licituds d'accés a la informació pública" }).waitFor();
    await p.getByLabel('Correu electrònic').fill('pere@ajuntament.example');
    await p.getByLabel(/Accepto que la Diputació/).check();
    await p.getByRole('button', { name: 'Envia la proposta' }).click();
    await p.locator('#status').filter({ hasText: 'Hem rebut la vostra proposta' }).waitFor();
    await smtp.waitFor(() => smtp.to('pere@').length === 1);
    statusUrl = /(http:\/\/127\.0\.0\.1:\d+\/propose\/status\/\?token=[A-Za-z0-9_-]+)/.exec(smtp.to('pere@')[0].text ?? '')?.[1] as string;
    expect(statusUrl).toBeDefined();
  });

  it('shows the proposal state on the private status page', async () => {
    const p = await page();
    await p.goto(statusUrl);
    await p.getByRole('heading', { level: 2, name: "Sol·licituds d'accés a la informació" }).waitFor();
    expect(await p.locator('#result').textContent()).toContain('Estat: Rebuda');
    const bad = await page();
    await bad.goto(`${base}/propose/status/?token=nope`);
    await expect(bad.getByRole('alert').textContent()).resolves.toContain('Aquest enllaç no és vàlid');
  });

  it.each(['ca', 'es'])('has no WCAG 2.1 AA violation on either page (axe-core), in %s', async (lang) => {
    const form = await page(true);
    await form.goto(`${base}/propose/?lang=${lang}`);
    await form.locator('#title').fill('Transparència i sol·licituds');
    await form.locator('#similar li').first().waitFor();
    expect(await axeViolations(form)).toEqual([]);
    const status = await page(true);
    await status.goto(`${statusUrl}&lang=${lang}`);
    await status.locator('#result h2').waitFor();
    expect(await axeViolations(status)).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { DAY, createSession } from '../helpers/fixtures';
import { TestSmtp } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';
import { startPublicApp } from '../helpers/public-app';

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let base: string;
let session: string;
const MEETING = 'https://teams.example/l/meetup-join/browser-test';

beforeAll(async () => {
  ({ app, base, smtp } = await startPublicApp({ smtp: true }));
  session = await createSession(app.strapi, {
    title: 'Dades obertes als ajuntaments',
    titleEs: 'Datos abiertos en los ayuntamientos',
    startsAt: new Date(Date.now() + 12 * DAY),
    capacity: 20,
    meetingUrl: MEETING,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

const page = async ({ bypassCSP = false } = {}): Promise<Page> => (await browser.newContext({ bypassCSP })).newPage();

describe('registering and cancelling in the browser', () => {
  it('registers, receives the confirmation, follows its cancel link and cancels', async () => {
    const form = await page();
    await form.goto(`${base}/register/?session=${session}`);
    await form.getByRole('heading', { level: 1, name: 'Dades obertes als ajuntaments' }).waitFor();
    await expect(form.locator('#seats').textContent()).resolves.toBe('Queden 20 places.');

    // Validation as you type: an empty form names its fields.
    await form.getByRole('button', { name: 'Inscriu-me' }).click();
    await expect(form.locator('#fullName-error').textContent()).resolves.toBe('Aquest camp és obligatori.');
    await expect(form.locator('#consent-error').textContent()).resolves.toContain('Cal acceptar');
    await expect(form.getByLabel('Nom i cognoms').getAttribute('aria-invalid')).resolves.toBe('true');

    await form.getByLabel('Nom i cognoms').fill('Marta Vila');
    await form.getByLabel('Correu electrònic').fill('marta.vila@ajuntament.example');
    await form.getByLabel('Ens local').fill('080194');
    await form.getByLabel(/Accepto que la Diputació/).check();
    await form.getByRole('button', { name: 'Inscriu-me' }).click();
    // The server's field error shows next to its field.
    await form.locator('#localEntity-error').filter({ hasText: 'codi INE 080194' }).waitFor();

    await form.getByLabel('Ens local').fill('080193');
    await form.getByRole('button', { name: 'Inscriu-me' }).click();
    await form.locator('#status').filter({ hasText: 'Inscripció confirmada' }).waitFor();
    expect(await form.locator('#form').isHidden()).toBe(true);

    await smtp.waitFor(() => smtp.to('marta.vila@').length === 1);
    const [mail] = smtp.to('marta.vila@');
    expect(mail.text).toContain(MEETING);
    const cancelUrl = /(http:\/\/127\.0\.0\.1:\d+\/register\/cancel\/\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(cancelUrl).toBeDefined();

    const cancel = await page();
    await cancel.goto(cancelUrl as string);
    await cancel.getByRole('button', { name: 'Cancel·la la inscripció' }).click();
    await cancel.locator('#status').filter({ hasText: 'Hem cancel·lat la vostra inscripció a «Dades obertes als ajuntaments»' }).waitFor();
    await smtp.waitFor(() => smtp.to('marta.vila@').length === 2);
    expect(smtp.to('marta.vila@')[1].subject).toBe('Inscripció cancel·lada: Dades obertes als ajuntaments');
    const rows = await app.strapi.db.query('api::registration.registration').findMany({ where: { email: 'marta.vila@ajuntament.example' } });
    expect(rows.map((r: { registrationStatus: string }) => r.registrationStatus)).toEqual(['cancelled']);
  });

  it('explains an invalid cancel link', async () => {
    const cancel = await page();
    await cancel.goto(`${base}/register/cancel/?token=nope`);
    await expect(cancel.getByRole('alert').textContent()).resolves.toContain('Aquest enllaç no és vàlid');
  });

  it('speaks Spanish, and is reached from the Register link of the sessions embed', async () => {
    const demo = await page();
    await demo.goto(`${base}/embed/demo.html?lang=es`);
    const link = demo.locator('#upcoming').getByRole('link', { name: /Inscr[ií]bete/ });
    expect(await link.textContent()).toBe('Inscríbete: Datos abiertos en los ayuntamientos');
    await link.click();
    await demo.getByRole('heading', { level: 1, name: 'Datos abiertos en los ayuntamientos' }).waitFor();
    expect(demo.url()).toBe(`${base}/register/?session=${session}&lang=es`);
    await expect(demo.getByRole('button', { name: 'Inscribirme' }).count()).resolves.toBe(1);
  });

  it.each([
    ['the registration form', (lang: string) => `/register/?session=${session}&lang=${lang}`],
    ['the cancellation page', (lang: string) => `/register/cancel/?token=${'a'.repeat(43)}&lang=${lang}`],
  ])('has no WCAG 2.1 AA violation on %s (axe-core), in ca and es', async (_name, path) => {
    for (const lang of ['ca', 'es']) {
      const p = await page({ bypassCSP: true });
      await p.goto(`${base}${path(lang)}`);
      await p.locator('h1').waitFor();
      await p.waitForLoadState('networkidle');
      expect(await axeViolations(p)).toEqual([]);
    }
  });
});

import type { Browser, Page } from 'playwright-core';
import { service } from '../../src/utils/services';
import { hashToken } from '../../src/utils/tokens';
import { axeViolations, launchBrowser } from '../helpers/browser';
import { DAY, createRegistration, createSession } from '../helpers/fixtures';
import { TestSmtp } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';
import { startPublicApp } from '../helpers/public-app';

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let base: string;
let session: string;
let oldToken: string;
let spareToken: string;
const REGISTRATION = 'api::registration.registration';
const registrations = () => service(app.strapi, 'api::registration.registration');

beforeAll(async () => {
  ({ app, base, smtp } = await startPublicApp({ smtp: true }));
  // A session that ended an hour ago, with a Catalan and a Spanish registrant.
  session = await createSession(app.strapi, {
    title: 'Com respondre les sol·licituds d’accés',
    titleEs: 'Cómo responder las solicitudes de acceso',
    startsAt: new Date(Date.now() - 2 * 3600 * 1000),
    eventStatus: 'held',
  });
  await createRegistration(app.strapi, session, 'confirmed', 'jordi.puig@ajuntament.example');
  const es = await createRegistration(app.strapi, session, 'confirmed', 'ana.garcia@ayuntamiento.example');
  await app.strapi.db.query(REGISTRATION).update({ where: { id: es.id }, data: { language: 'es' } });
  const spare = await createRegistration(app.strapi, session, 'confirmed', 'spare@ajuntament.example');
  // And one whose session was 40 days ago: its link has expired.
  const old = await createSession(app.strapi, { title: 'Sessió antiga', startsAt: new Date(Date.now() - 40 * DAY), eventStatus: 'held' });
  const late = await createRegistration(app.strapi, old, 'confirmed', 'late@ajuntament.example');
  oldToken = registrations().tokenFor(late.documentId, 'feedback');
  await app.strapi.db.query(REGISTRATION).update({ where: { id: late.id }, data: { feedbackTokenHash: hashToken(oldToken) } });
  expect(await service(app.strapi, 'api::feedback-response.invitations').queue()).toBe(3);
  spareToken = registrations().tokenFor(spare.documentId, 'feedback');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

const phone = async ({ bypassCSP = false } = {}): Promise<Page> =>
  (await browser.newContext({ bypassCSP, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
const linkIn = async (to: string) => {
  await smtp.waitFor(() => smtp.to(to).length === 1);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/feedback\/\?token=[A-Za-z0-9_-]+)/.exec(smtp.to(to)[0].text ?? '')?.[1];
  expect(url).toBeDefined();
  return url as string;
};

describe('the survey page', () => {
  it('answers the survey from the emailed link, on a phone, once', async () => {
    const url = await linkIn('jordi.puig@');
    const page = await phone();
    await page.goto(url);
    await page.locator('#session').filter({ hasText: 'Com respondre les sol·licituds d’accés' }).waitFor();

    // Nothing chosen: the required questions say so, next to themselves.
    await page.getByRole('button', { name: 'Envia les respostes' }).click();
    await expect(page.locator('#q-content-error').textContent()).resolves.toBe('Cal respondre aquesta pregunta.');
    await expect(page.locator('#q-duration-error').textContent()).resolves.toBe('Cal respondre aquesta pregunta.');
    await expect(page.locator('#q-comment-error').textContent()).resolves.toBe('');

    const group = (name: RegExp) => page.getByRole('group', { name });
    await group(/Com valoreu el contingut/).getByLabel('5 · Molt útil').check();
    await group(/Què us ha semblat la durada/).getByLabel('Adequada').check();
    await group(/Les explicacions han estat clares/).getByLabel('4', { exact: true }).check();
    await group(/Podreu aplicar/).getByLabel('3', { exact: true }).check();
    await page.getByLabel(/Comentaris/).fill('Molt clar, gràcies');
    await page.getByLabel(/Sobre quin tema/).fill('Les actes del ple al portal');
    await page.getByRole('button', { name: 'Envia les respostes' }).click();
    await page.locator('#status').filter({ hasText: 'Gràcies! Hem rebut les vostres respostes.' }).waitFor();
    expect(await page.locator('#form').isHidden()).toBe(true);

    const [stored] = (await app.strapi.db.query('api::feedback-response.feedback-response').findMany({})) as { answers: unknown; comment: string; language: string }[];
    expect(stored.answers).toEqual([
      { question: 'content', value: 5 },
      { question: 'duration', value: 'right' },
      { question: 'understood', value: 4 },
      { question: 'applicable', value: 3 },
      { question: 'comment', value: 'Molt clar, gràcies' },
      { question: 'nextTopic', value: 'Les actes del ple al portal' },
    ]);

    const again = await phone();
    await again.goto(url);
    await again.locator('#status').filter({ hasText: 'Ja heu respost aquesta enquesta amb aquest enllaç.' }).waitFor();
    expect(await again.locator('#form').isHidden()).toBe(true);
  });

  it('speaks the registrant’s language without being told', async () => {
    const url = await linkIn('ana.garcia@');
    const page = await phone();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: '¿Cómo ha ido la sesión?' }).waitFor();
    await page.locator('#session').filter({ hasText: 'Cómo responder las solicitudes de acceso' }).waitFor();
    expect(page.url()).toContain('lang=es');
    await expect(page.getByRole('group', { name: /¿Qué os ha parecido la duración\?/ }).getByLabel('Demasiado larga').count()).resolves.toBe(1);
  });

  it('explains an expired link and a broken one', async () => {
    const expired = await phone();
    await expired.goto(`${base}/feedback/?token=${oldToken}`);
    await expect(expired.getByRole('alert').textContent()).resolves.toMatch(/Aquest enllaç de l’enquesta va caducar el \d{4}-\d{2}-\d{2}/);
    const broken = await phone();
    await broken.goto(`${base}/feedback/?token=nope`);
    await expect(broken.getByRole('alert').textContent()).resolves.toContain("Aquest enllaç de l'enquesta no és vàlid");
  });

  it('has no WCAG 2.1 AA violation (axe-core), with its questions shown, in ca and es', async () => {
    for (const lang of ['ca', 'es']) {
      const page = await phone({ bypassCSP: true });
      await page.goto(`${base}/feedback/?token=${spareToken}&lang=${lang}`);
      await page.locator('#q-content').waitFor();
      await page.getByRole('button').last().click();
      await page.locator('#q-content-error:not(:empty)').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});

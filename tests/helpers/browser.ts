import fs from 'fs';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type LaunchOptions, type Page } from 'playwright-core';
import { nativeRequire } from './native';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with nothing that reaches for the network on its own: one browser
 * per jest process (browser-server.js), which each test file connects to; `close()` on what this
 * returns closes the file's contexts and disconnects, and globalTeardown closes the browser.
 */
export const launchBrowser = async (): Promise<Browser> => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const server = await sharedBrowser().sharedBrowserServer({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return chromium.connect(server.wsEndpoint());
};

type SharedBrowser = { sharedBrowserServer(options: LaunchOptions): Promise<BrowserServer>; closeSharedBrowser(): Promise<void> };
export const sharedBrowser = (): SharedBrowser => nativeRequire('./browser-server.js') as SharedBrowser;

/** A TCP port that is free right now on the loopback interface (tooling/). */
export { freePort } from '../../tooling';

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: unknown }[] };

const AXE = require.resolve('axe-core/axe.min.js');
/** The contexts whose every new document gets axe-core before its own scripts. */
const withAxe = new WeakSet<BrowserContext>();

/**
 * axe-core in the page, WCAG 2.0/2.1 A and AA rules; open shadow roots included. Injected into the
 * page on the first call in a browser context, and into every later document of that context by
 * an init script: sending its 550 KB over the protocol for each page was half of each check's time.
 */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  if (!withAxe.has(page.context())) {
    withAxe.add(page.context());
    await page.context().addInitScript({ path: AXE });
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  });
};

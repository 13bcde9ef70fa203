/** Once per jest run, after the last test file: drop the pass's template database (global-setup.ts) and close the browser the browser tests shared (browser.ts). */
import { sharedBrowser } from './browser';
import type { TestDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  await sharedBrowser().closeSharedBrowser();
  await (globalThis as { __templateDatabase?: TestDatabase }).__templateDatabase?.drop();
}

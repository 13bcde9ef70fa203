/** Once per jest run, after the last test file: drop the pass's template database (global-setup.ts). */
import type { TestDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __templateDatabase?: TestDatabase }).__templateDatabase?.drop();
}

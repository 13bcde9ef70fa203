import { compileStrapi } from '@strapi/strapi';

/** Compiles the app once per jest run; every integration test file then loads dist/. */
export default async function globalSetup(): Promise<void> {
  await compileStrapi({ appDir: process.cwd() });
}

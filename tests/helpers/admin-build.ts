import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { APP_DIR, DIST_DIR } from './strapi';

export const ADMIN_BUILD = path.join(DIST_DIR, 'build', 'index.html');

/** The admin panel build: CI and the quick start make it; a checkout without one gets it built here (a minute or two). */
export const ensureAdminBuild = (): void => {
  if (fs.existsSync(ADMIN_BUILD)) return;
  const build = spawnSync(process.execPath, [path.join(APP_DIR, 'node_modules', '.bin', 'strapi'), 'build'], {
    cwd: APP_DIR,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  if (build.status !== 0 || !fs.existsSync(ADMIN_BUILD)) {
    throw new Error(`The admin panel is not built (${ADMIN_BUILD}) and \`npx strapi build\` failed:\n${build.stdout}\n${build.stderr}`);
  }
};

import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { sleep } from './load';
import { APP_DIR, DIST_DIR } from './strapi';

export const ADMIN_BUILD = path.join(DIST_DIR, 'build', 'index.html');

/**
 * Where `.ci/run` writes the exit status of the admin bundle it builds beside the tests (the file
 * appears when the build has ended): the browser tests of the admin wait for it.
 */
const PENDING_BUILD_STATUS = 'GOMUNICIPAL_ADMIN_BUILD_STATUS';

/**
 * The admin panel build. CI builds it beside the first tests (this waits for it, ten minutes at
 * most); the quick start makes it; a checkout without one gets it built here (a minute or two).
 */
export const ensureAdminBuild = async (): Promise<void> => {
  const status = process.env[PENDING_BUILD_STATUS];
  if (status !== undefined && status !== '') {
    const deadline = Date.now() + 10 * 60 * 1000;
    while (!fs.existsSync(status) && Date.now() < deadline) await sleep(500);
    const code = fs.existsSync(status) ? fs.readFileSync(status, 'utf8').trim() : 'still running after ten minutes';
    if (code !== '0' || !fs.existsSync(ADMIN_BUILD)) throw new Error(`The admin panel build CI runs beside the tests failed (${code}): see its log in CI's output.`);
    return;
  }
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

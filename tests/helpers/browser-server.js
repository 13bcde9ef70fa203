/**
 * The one Chromium of a jest process, loaded by Node's own require (native.ts) so that every test
 * file reaches the same one: launched by the first browser test, connected to by the others
 * (browser.ts), closed by globalTeardown. Plain JS: jest does not transform what Node requires.
 */
const { chromium } = require('playwright-core');

let server;

/** The running browser server, launched with these options the first time. */
exports.sharedBrowserServer = (options) => {
  server ??= chromium.launchServer(options).catch((error) => {
    server = undefined;
    throw error;
  });
  return server;
};

exports.closeSharedBrowser = async () => {
  const running = server;
  server = undefined;
  if (running !== undefined) await (await running).close();
};

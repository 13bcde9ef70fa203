// @ts-check
/**
 * The compiled GOmunicipal (dist/) as a process of its own, as `npm start` runs it but without the
 * admin panel: for the benchmark, the soak and the tests that need a second app process. Listens on
 * PORT, prints "ready [detail]". With CHILD_APP_SETUP, a module whose default export
 * `async (strapi) => string | undefined` runs first (its answer is the detail); with CHILD_APP_GC=true
 * (and node --expose-gc) a full collection every 5 s prints "heap <time> <bytes>".
 */
'use strict';
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = process.env.CHILD_APP_DIR ?? path.resolve(__dirname, '..');

createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false })
  .load()
  .then(async (app) => {
    await app.server.mount();
    const setup = process.env.CHILD_APP_SETUP;
    const detail = setup === undefined || setup === '' ? undefined : await require(path.resolve(setup))(app);
    app.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`ready${detail === undefined ? '' : ` ${detail}`}\n`));
    const gc = /** @type {{ gc?: () => void }} */ (global).gc;
    if (process.env.CHILD_APP_GC === 'true' && gc !== undefined) {
      setInterval(() => {
        gc();
        process.stdout.write(`heap ${Date.now()} ${process.memoryUsage().heapUsed}\n`);
      }, 5000).unref();
    }
    const stop = async () => {
      await app.destroy();
      process.exit(0);
    };
    // Strapi's own signal handler (createStrapi) would run destroy a second time, in parallel.
    let stopping = false;
    const once = () => {
      if (stopping) return;
      stopping = true;
      void stop();
    };
    for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
      process.removeAllListeners(signal);
      process.on(signal, once);
    }
  })
  .catch((/** @type {unknown} */ error) => {
    console.error(error);
    process.exit(1);
  });

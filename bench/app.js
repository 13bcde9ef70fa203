/**
 * The app under test: the compiled GOmunicipal (dist/) in production mode, listening on PORT,
 * as `npm start` runs it but without the admin panel (the benchmark reads the public API only).
 * Prints "ready" once it listens.
 */
'use strict';
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');

createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false })
  .load()
  .then(async (app) => {
    await app.server.mount();
    // Strapi itself stops on SIGTERM and SIGINT (destroyOnSignal).
    app.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

/**
 * Preloaded by `.ci/run` into `strapi build` (`node -r ./scripts/admin-bundle.js node_modules/.bin/strapi build`)
 * to build only the admin panel's bundle (dist/build) while the tests already run on the server
 * that `strapi ts:generate-types` compiled into dist/. Strapi's build compiles the server first, and
 * nothing may rewrite dist/ once tests load it (docs/decisions.md, "Which tests run on which
 * database"): this makes that compile a no-op. The bundle step itself reads dist/'s configuration
 * and writes only dist/build and .strapi/client. Everyone else runs `npx strapi build` as it is.
 */
'use strict';
const tsUtils = require('@strapi/typescript-utils');

tsUtils.compile = async () => {
  process.stdout.write('admin bundle only: the server in dist/ was compiled before the tests started\n');
};

/**
 * Preloaded by `.ci/run` into Strapi's own commands once the server is compiled into dist/ and the
 * tests have started on it (`node -r ./scripts/dist-compiled.js node_modules/.bin/strapi build`,
 * and `... strapi ts:generate-types`): both begin by compiling the server again, and nothing may
 * rewrite dist/ once tests load it (docs/decisions.md, "CI runs its independent steps side by
 * side"). This makes that compile a no-op; the admin bundle then writes only dist/build and
 * .strapi/client, and the type generation only types/generated. Everyone else runs the commands as
 * they are.
 */
'use strict';
const tsUtils = require('@strapi/typescript-utils');

tsUtils.compile = async () => {
  process.stdout.write('dist/ is compiled already (scripts/dist-compiled.js): not compiled again\n');
};

#!/usr/bin/env node
/**
 * `npm run api-contract`: writes the public API's contract files from the app itself:
 * docs/openapi.json (the REST API's OpenAPI document) and docs/schema.graphql (the GraphQL SDL).
 * `--check`: writes nothing, exits 1 when a committed file differs from what the app serves
 * (CI runs it next to the generated-types check). Boots on a throwaway SQLite database.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run, withStrapi } = require('./with-strapi');

const check = process.argv.includes('--check');
const docs = path.resolve(__dirname, '..', 'docs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-contract-'));

run(async () => {
  try {
    return await withStrapi(
      async (app, context) => {
        const { buildOpenApi } = require(path.join(context.distDir, 'src', 'developer', 'openapi'));
        const { publicSdl } = require(path.join(context.distDir, 'src', 'developer', 'sdl'));
        const files = { 'openapi.json': `${JSON.stringify(buildOpenApi(app), null, 2)}\n`, 'schema.graphql': publicSdl() };
        let stale = 0;
        for (const [name, text] of Object.entries(files)) {
          const target = path.join(docs, name);
          const same = fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text;
          if (check && !same) {
            console.error(`docs/${name} is out of date: run \`npm run api-contract\` and commit it.`);
            stale += 1;
          }
          if (!check && !same) fs.writeFileSync(target, text);
          if (!check) console.log(`docs/${name} ${same ? 'unchanged' : 'written'}`);
        }
        return stale === 0 ? 0 : 1;
      },
      { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'contract.db'), SEED_ON_BOOTSTRAP: 'false', CRON_TASKS: '' }
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * `.ci/run`'s server compile: the files `strapi build` compiles into dist/ (tsconfig.json's), each
 * transpiled on its own (TypeScript's transpileModule, with tsconfig.json's options) and the JSON
 * files copied. Strapi's own compile builds a whole program first, which type-checks every file
 * and the type declarations of node_modules (about 16 s of CPU against 3); in CI the typecheck step
 * does that already (tsconfig.test.json, which covers the same files with isolatedModules, so that
 * each one transpiles alone to what the program emits: the JavaScript is the same, byte for byte).
 * Everyone else compiles with Strapi (`npm run build`, `npm run develop`, the tests' globalSetup).
 * See docs/decisions.md, "CI runs its independent steps side by side".
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const appDir = path.resolve(__dirname, '..');
const configPath = path.join(appDir, 'tsconfig.json');
const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
const { fileNames, options, errors } = ts.parseJsonConfigFileContent(config, ts.sys, appDir);
if (errors.length > 0) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
const outDir = options.outDir ?? path.join(appDir, 'dist');

let count = 0;
for (const file of fileNames) {
  if (file.endsWith('.d.ts')) continue;
  const target = path.join(outDir, path.relative(options.rootDir ?? appDir, file)).replace(/\.ts$/, '.js');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (file.endsWith('.json')) {
    fs.copyFileSync(file, target);
  } else {
    const { outputText, diagnostics = [] } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file, reportDiagnostics: true });
    if (diagnostics.length > 0) {
      throw new Error(`${path.relative(appDir, file)}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    }
    fs.writeFileSync(target, outputText);
  }
  count += 1;
}
console.log(`dist/: ${count} files of tsconfig.json transpiled or copied (types are checked by \`npm run typecheck\`)`);

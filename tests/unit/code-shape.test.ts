import fs from 'fs';
import path from 'path';

/**
 * The code-shape rules of docs/decisions.md ("One place for each rule"), checked on the source so
 * that they hold after every change: files of a readable size that say what they own, one typed
 * service accessor, SQL names from the metadata, messages from the catalogue.
 */
const SRC = path.resolve(__dirname, '..', '..', 'src');

const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

const sources = files(SRC).map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));

describe('the shape of src/', () => {
  it('has no file much longer than 300 lines', () => {
    const long = sources.filter(({ text }) => text.split('\n').length > 310).map(({ file }) => file);
    expect(long).toEqual([]);
  });

  it('opens every file with a comment that says what it owns', () => {
    const silent = sources.filter(({ text }) => !/^(\/\*\*|\/\*|\/\/)/.test(text)).map(({ file }) => file);
    expect(silent).toEqual([]);
  });

  it('casts services in one place: the typed accessor', () => {
    const casts = sources.filter(({ text }) => text.includes('as unknown as')).map(({ file }) => file);
    expect(casts).toEqual(['utils/services.ts']);
  });

  it('names no join table literally: raw SQL reads names from the metadata (utils/db-names.ts)', () => {
    const literal = sources.filter(({ text }) => /['"`][a-z_]+_lnk['"`]/.test(text)).map(({ file }) => file);
    expect(literal).toEqual([]);
  });

  it('writes no message as an inline language ternary: messages come from the catalogue (src/messages)', () => {
    const inline = sources
      .filter(({ file }) => !file.startsWith('admin/'))
      .filter(({ text }) => /language\s*===\s*'es'\s*\?/.test(text))
      .map(({ file }) => file);
    expect(inline).toEqual([]);
  });

  it('strips the public URL and computes session ends in one place each', () => {
    expect(sources.filter(({ text }) => text.includes("replace(/\\/+$/, '')")).map(({ file }) => file)).toEqual(['utils/public-url.ts']);
    expect(sources.filter(({ text }) => /durationMinutes \?\? 60/.test(text)).map(({ file }) => file)).toEqual([]);
  });
});

describe("the README's map (Where things live)", () => {
  const ROOT = path.resolve(SRC, '..');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const map = readme.slice(readme.indexOf('## Where things live'));
  // Paths written from the repository's root (e.g. `src/api/session/services/session.ts`).
  const paths = [...map.matchAll(/`((?:src|config|scripts|tooling|bench|tests|public|emails|docs|types)\/[^`*<…\s]*)`/g)].map((m) => m[1]);

  it('names files and folders that exist', () => {
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it('mentions every folder under src/api', () => {
    const apis = fs.readdirSync(path.join(SRC, 'api'));
    expect(apis.filter((name) => !map.includes(`src/api/${name}/`))).toEqual([]);
  });
});

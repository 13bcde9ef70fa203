import Module from 'module';

/*
 * Node's own require, beside jest's per-file module registry: what it loads is loaded once per
 * jest process and shared by the test files that ask for it (Strapi and its node_modules, see
 * strapi.ts; the one browser, see browser.ts). jest's `module` is a subclass of Node's; its parent
 * is the real one (in globalSetup and globalTeardown, `module` is already the real one).
 */
const parent = Object.getPrototypeOf(Module) as typeof Module;
export const NodeModule = typeof parent.createRequire === 'function' ? parent : Module;
export const nativeRequire = NodeModule.createRequire(__filename);

/**
 * Forgets the natively loaded modules under these folders, so that the next require loads them
 * afresh. They are also taken out of the `children` of the modules that loaded them (Strapi's own,
 * which stay loaded): Node keeps a module there for good, and with it everything the module holds,
 * so every app booted in the process stayed in memory (about 30 MB each), and every later garbage
 * collection went through all of them.
 */
export const forgetNativeModules = (prefixes: string[]): void => {
  const cache = (NodeModule as unknown as { _cache: Record<string, { children?: { id: string }[] }> })._cache;
  const forgotten = (id: string) => prefixes.some((prefix) => id.startsWith(prefix));
  for (const key of Object.keys(cache)) if (forgotten(key)) delete cache[key];
  for (const loaded of Object.values(cache)) {
    if (loaded.children?.some((child) => forgotten(child.id))) loaded.children = loaded.children.filter((child) => !forgotten(child.id));
  }
};

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

/** Forgets the natively loaded modules under these folders, so that the next require loads them afresh. */
export const forgetNativeModules = (prefixes: string[]): void => {
  const cache = (NodeModule as unknown as { _cache: Record<string, unknown> })._cache;
  for (const key of Object.keys(cache)) if (prefixes.some((prefix) => key.startsWith(prefix))) delete cache[key];
};

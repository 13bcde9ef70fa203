/**
 * What Strapi's `sanitize.output` does to an answer, in one synchronous pass over the data: private
 * and password attributes removed at every level, relations to types the caller may not `find`
 * removed (one permission check per target type and request, through `strapi.auth.verify` as the
 * sanitizer does). The sanitizer walks every key of every value three times, asynchronously (its
 * own two traversals and the users-permissions one): a fifth of an uncached REST portal list
 * (docs/performance.md). Shapes this pass does not cover (dynamic zones, morph-to relations, creator
 * fields, the users-permissions types whose output that plugin rewrites) go to the sanitizer itself.
 */
import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

type Model = Parameters<typeof contentTypes.isPrivateAttribute>[0];
type Attribute = { type: string; relation?: string; target?: string; component?: string; private?: boolean };

/** How one key of a model goes out: dropped, kept as it is, or kept and walked into another model (after a permission check for relations). */
type KeyPlan = { drop: true } | { drop?: false; into?: string; verify?: string };

const MEDIA_UID = 'plugin::upload.file';
const CREATOR_FIELDS = new Set(['createdBy', 'updatedBy']);

class Unsupported extends Error {}

export const publicOutput = (strapi: Core.Strapi) => {
  const plans = new Map<string, Map<string, KeyPlan>>();

  const planOf = (uid: string): Map<string, KeyPlan> => {
    const known = plans.get(uid);
    if (known !== undefined) return known;
    if (uid.startsWith('plugin::users-permissions.')) throw new Unsupported(uid);
    const model = strapi.getModel(uid as UID.Schema) as (Model & { attributes: Record<string, Attribute> }) | undefined;
    if (model === undefined) throw new Unsupported(uid);
    const plan = new Map<string, KeyPlan>();
    for (const [key, attribute] of Object.entries(model.attributes)) {
      if (attribute.type === 'password' || attribute.private === true || contentTypes.isPrivateAttribute(model, key)) plan.set(key, { drop: true });
      else if (attribute.type === 'relation') {
        if (attribute.relation?.startsWith('morphTo') === true || attribute.target === undefined) plan.set(key, { into: '*unsupported*' });
        else if (CREATOR_FIELDS.has(key)) plan.set(key, { into: '*unsupported*' });
        else plan.set(key, { into: attribute.target, verify: `${attribute.target}.find` });
      } else if (attribute.type === 'media') plan.set(key, { into: MEDIA_UID });
      else if (attribute.type === 'component' && attribute.component !== undefined) plan.set(key, { into: attribute.component });
      else if (attribute.type === 'dynamiczone') plan.set(key, { into: '*unsupported*' });
      else plan.set(key, {});
    }
    plans.set(uid, plan);
    return plan;
  };

  /** The scopes the data's relations need, walking the plans of what is present. */
  const scopesIn = (value: unknown, uid: string, found: Set<string>) => {
    if (Array.isArray(value)) {
      for (const item of value) scopesIn(item, uid, found);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const plan = planOf(uid);
    for (const key of Object.keys(value)) {
      const entry = plan.get(key);
      if (entry === undefined || entry.drop === true || entry.into === undefined) continue;
      if (entry.into === '*unsupported*') throw new Unsupported(`${uid}.${key}`);
      if (entry.verify !== undefined) found.add(entry.verify);
      scopesIn((value as Record<string, unknown>)[key], entry.into, found);
    }
  };

  const project = (value: unknown, uid: string, allowed: Map<string, boolean>): unknown => {
    if (Array.isArray(value)) return value.map((item) => project(item, uid, allowed));
    if (value === null || typeof value !== 'object') return value;
    const plan = planOf(uid);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const entry = plan.get(key);
      if (entry === undefined) out[key] = inner;
      else if (entry.drop === true) continue;
      else if (entry.into === undefined) out[key] = inner;
      else if (entry.verify !== undefined && allowed.get(entry.verify) === false) continue;
      else out[key] = project(inner, entry.into, allowed);
    }
    return out;
  };

  // The one output sanitizer registered today is users-permissions' (it rewrites only its own types); another one would have to run.
  const onlyKnownSanitizers = () => ((strapi.sanitizers.get('content-api.output') as unknown[] | undefined) ?? []).length <= 1;

  return async <T>(data: T, uid: UID.Schema, auth: unknown): Promise<T> => {
    const scopes = new Set<string>();
    try {
      if (!onlyKnownSanitizers()) throw new Unsupported('content-api.output');
      scopesIn(data, uid, scopes);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      return (await strapi.contentAPI.sanitize.output(data as object, strapi.getModel(uid), { auth })) as T;
    }
    // Without `auth` the sanitizer checks no relation either.
    const allowed = new Map<string, boolean>();
    if (auth !== undefined && auth !== null) {
      for (const scope of scopes) {
        allowed.set(
          scope,
          // One scope per call, as the sanitizer asks (the strategies take a scope or a list of them).
          await strapi.auth.verify(auth as Parameters<Core.Strapi['auth']['verify']>[0], { scope: [scope] }).then(
            () => true,
            () => false,
          ),
        );
      }
    }
    return project(data, uid, allowed) as T;
  };
};

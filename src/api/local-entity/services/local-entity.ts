/**
 * Local entities: the public search, and `byIneCode()`, the one lookup of an entity by INE code
 * with its answer when there is none (a field error when the code came in a form, a 404 when it is
 * the resource asked for).
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { t } from '../../../messages';
import type { Language } from '../../../utils/language';

const UID = 'api::local-entity.local-entity';

export type EntityMatch = { name: string; ineCode: string | null; kind: string; comarca: string | null };

/** What callers need of an entity found by its INE code. */
export type LocalEntityRow = { id: number; documentId: string; name: string; ineCode: string; kind: string };

const localEntities = (strapi: Core.Strapi) => ({
  /** Entities whose name contains `text` or whose INE code starts with it, by name; public fields only. */
  async search(text: string, limit: number): Promise<EntityMatch[]> {
    const rows = (await strapi.db.query(UID).findMany({
      select: ['name', 'ineCode', 'kind', 'comarca'],
      where: { $or: [{ name: { $containsi: text } }, { ineCode: { $startsWith: text } }] },
      orderBy: { name: 'asc' },
      limit,
    })) as EntityMatch[];
    return rows.map(({ name, ineCode, kind, comarca }) => ({ name, ineCode, kind, comarca: comarca ?? null }));
  },

  /**
   * The entity with this INE code. When there is none: with `field`, a 400 naming that form field;
   * without, a 404 (the code is the resource asked for). The message is in `language`.
   */
  async byIneCode(ineCode: string, language: Language, field?: string): Promise<LocalEntityRow> {
    const entity = (await strapi.db.query(UID).findOne({
      where: { ineCode },
      select: ['id', 'documentId', 'name', 'ineCode', 'kind'],
    })) as LocalEntityRow | null;
    if (entity !== null) return entity;
    const message = t(language, 'localEntity.unknownIne', { ine: ineCode.slice(0, 20) });
    if (field === undefined) throw new errors.NotFoundError(message);
    throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
  },
});

export type LocalEntityService = ReturnType<typeof localEntities>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => localEntities(strapi));

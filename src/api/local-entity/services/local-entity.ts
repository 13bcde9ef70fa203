import { factories, type Core } from '@strapi/strapi';

const UID = 'api::local-entity.local-entity';

export type EntityMatch = { name: string; ineCode: string | null; kind: string; comarca: string | null };

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
});

export type LocalEntityService = ReturnType<typeof localEntities>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => localEntities(strapi));

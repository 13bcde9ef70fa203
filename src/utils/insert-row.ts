/** Multi-row INSERTs for hot paths, written as the query engine would write them. */
import { createId } from '@paralleldrive/cuid2';
import type { Core, UID } from '@strapi/strapi';

/**
 * Inserts rows of a content type without drafts as the query engine would write them (a new
 * documentId unless given, the timestamps, published, JSON attributes serialised) in a single
 * INSERT: no lifecycles and no read back. For hot paths that run inside a lock (a session's
 * registrations); the caller has checked the data and sees to whatever lifecycles would have done.
 */
export const insertRows = async (strapi: Core.Strapi, uid: UID.ContentType, data: Record<string, unknown>[]): Promise<void> => {
  if (data.length === 0) return;
  const meta = strapi.db.metadata.get(uid);
  const now = new Date();
  const rows = data.map((datum) => {
    const row: Record<string, unknown> = { createdAt: now, updatedAt: now, publishedAt: now, ...datum };
    if (typeof row.documentId !== 'string') row.documentId = createId();
    return row;
  });
  // One column list for every row (a multi-row INSERT needs it), JSON attributes as text.
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const uniform = rows.map((row) =>
    Object.fromEntries(
      columns.map((key) => {
        const value = row[key] ?? null;
        const attribute = meta.attributes[key] as { type?: string } | undefined;
        return [key, attribute?.type === 'json' && value !== null && typeof value === 'object' ? JSON.stringify(value) : value];
      })
    )
  );
  await strapi.db.queryBuilder(uid).insert(uniform).execute();
};

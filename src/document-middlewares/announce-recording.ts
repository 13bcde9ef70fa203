/**
 * Document middleware: when a recording or a material is published, its session's registrants
 * are told once that the recording and materials are available, if the session has started
 * (src/api/session/services/changes.ts, `announceRecording`).
 */
import type { Core, Modules } from '@strapi/strapi';
import { service } from '../utils/services';

const UIDS = new Set(['api::recording.recording', 'api::material.material']);

export const announceRecording =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const result = await next();
    if (!UIDS.has(context.uid)) return result;
    const publishing = context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && (context.params as { status?: string }).status === 'published');
    const documentId = (context.params as { documentId?: unknown }).documentId ?? (result as { documentId?: unknown } | null)?.documentId;
    if (!publishing || typeof documentId !== 'string') return result;
    const row = (await strapi.db.query(context.uid).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      populate: { session: { select: ['documentId'] } },
    })) as { session?: { documentId: string } | null } | null;
    const session = row?.session?.documentId;
    if (session !== undefined) await service(strapi, 'api::session.changes').announceRecording(session);
    return result;
  };

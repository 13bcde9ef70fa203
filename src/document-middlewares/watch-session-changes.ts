/**
 * Document middleware: after a session is written (saved, published, unpublished), its change
 * notice is brought up to date (src/api/session/services/changes.ts): what its registrants will
 * be told, and the seats a raised capacity frees for the waiting list.
 */
import type { Core, Modules } from '@strapi/strapi';
import { service } from '../utils/services';

const UID = 'api::session.session';
const ACTIONS = new Set(['update', 'publish', 'unpublish', 'discardDraft']);

export const watchSessionChanges =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UID) return next();
    const changes = service(strapi, 'api::session.changes');
    if (context.action === 'create') {
      // Created and published in one call (imports, scripts): a first publication, with nothing before it.
      const result = await next();
      const created = (result as { documentId?: unknown } | null)?.documentId;
      if ((context.params as { status?: unknown }).status === 'published' && typeof created === 'string') await changes.observe(created, null);
      return result;
    }
    if (!ACTIONS.has(context.action)) return next();
    const documentId = (context.params as { documentId?: unknown }).documentId;
    if (typeof documentId !== 'string') return next();
    const before = await changes.snapshot(documentId);
    const result = await next();
    await changes.observe(documentId, before);
    return result;
  };

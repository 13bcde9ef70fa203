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
    if (context.uid !== UID || !ACTIONS.has(context.action)) return next();
    const documentId = (context.params as { documentId?: unknown }).documentId;
    if (typeof documentId !== 'string') return next();
    const changes = service(strapi, 'api::session.changes');
    const before = await changes.snapshot(documentId);
    const result = await next();
    await changes.observe(documentId, before);
    return result;
  };

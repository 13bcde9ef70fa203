/**
 * When the response cache forgets: every committed write to what the portal shows bumps the
 * generation.
 */
import type { Core, Modules } from '@strapi/strapi';
import { responseCache } from './store';

/**
 * What the cached portal answers and site pages show. A registration changes `seatsLeft`, a survey answer
 * `feedbackSummary`, a file its URL, a
 * permission what the Public role may read, a locale what `locale` accepts.
 */
export const WATCHED_MODELS: ReadonlySet<string> = new Set([
  'api::session.session',
  'api::material.material',
  'api::recording.recording',
  'api::catalog-resource.catalog-resource',
  'api::registration.registration',
  // Session.feedbackSummary: a survey submission changes the counts, an edited survey the labels.
  'api::feedback-rollup.feedback-rollup',
  'api::survey.survey',
  'survey.question',
  'survey.option',
  'shared.speaker',
  'recording.chapter',
  'recording.caption',
  // The site's pages also show the programme's editable texts.
  'api::programme.programme',
  // The open data's reach: entities (comarca, kind), and what counts an entity as reached.
  'api::local-entity.local-entity',
  'api::proposal.proposal',
  'api::support-request.support-request',
  'plugin::upload.file',
  'plugin::i18n.locale',
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
]);

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Registration fields that change what the portal shows: seats left, and attendance and entities in
 * the results' response rate and the open data; others (tokens, language) do not.
 */
const REGISTRATION_FIELDS = ['registrationStatus', 'session', 'attended', 'localEntity'];

type LifecycleEvent = { action: string; model: { uid: string }; params?: { data?: unknown } };

const touchesPortal = (event: LifecycleEvent): boolean => {
  if (!WATCHED_MODELS.has(event.model.uid)) return false;
  if (event.model.uid !== 'api::registration.registration' || !event.action.startsWith('afterUpdate')) return true;
  const data = event.params?.data;
  if (data === null || typeof data !== 'object') return true;
  return REGISTRATION_FIELDS.some((field) => field in data);
};

/**
 * Drops every cached answer once the current change is durable: after the commit when inside a
 * transaction (a reader between the change and the commit would otherwise cache the old rows
 * under the new generation), at once otherwise.
 */
export const invalidateAfterCommit = async (strapi: Core.Strapi): Promise<void> => {
  const cache = responseCache(strapi);
  if (!cache.enabled) return;
  if (strapi.db.inTransaction()) {
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        void cache.invalidate();
      });
    });
    return;
  }
  await cache.invalidate();
};

/** Document Service middleware: any write to a watched type invalidates the portal cache. */
const documentsInvalidation =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!WATCHED_MODELS.has(context.uid) || READ_ACTIONS.has(context.action)) return next();
    const result = await next();
    await invalidateAfterCommit(strapi);
    return result;
  };

/**
 * Registers the invalidation hooks: a Document Service middleware (create, update, publish,
 * unpublish, discard, delete) and database lifecycles, which also see the writes that bypass
 * the Document Service (`strapi.db.query`, as the registration service and the upload plugin do).
 */
export const registerCacheInvalidation = (strapi: Core.Strapi): void => {
  strapi.documents.use(documentsInvalidation(strapi));
  const afterWrite = async (event: LifecycleEvent) => {
    if (touchesPortal(event)) await invalidateAfterCommit(strapi);
  };
  strapi.db.lifecycles.subscribe({
    models: [...WATCHED_MODELS],
    afterCreate: afterWrite,
    afterCreateMany: afterWrite,
    afterUpdate: afterWrite,
    afterUpdateMany: afterWrite,
    afterDelete: afterWrite,
    afterDeleteMany: afterWrite,
  });
};

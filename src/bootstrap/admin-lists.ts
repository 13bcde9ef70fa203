import type { Core } from '@strapi/strapi';

type ListSettings = { sortBy: string; order: 'ASC' | 'DESC'; columns: string[] };

/** How editors and reviewers see lists in the content manager: newest work first, the useful columns. */
export const ADMIN_LISTS: Record<string, ListSettings> = {
  'api::session.session': { sortBy: 'startsAt', order: 'DESC', columns: ['title', 'startsAt', 'eventStatus', 'capacity'] },
  'api::proposal.proposal': { sortBy: 'createdAt', order: 'DESC', columns: ['title', 'status', 'createdAt'] },
  'api::support-request.support-request': { sortBy: 'createdAt', order: 'DESC', columns: ['topic', 'localEntity', 'status', 'createdAt'] },
  'api::outbox-message.outbox-message': { sortBy: 'createdAt', order: 'DESC', columns: ['subject', 'kind', 'status', 'attempts', 'lastError'] },
  'api::registration.registration': { sortBy: 'createdAt', order: 'DESC', columns: ['fullName', 'session', 'status', 'attended'] },
};

/** Applies ADMIN_LISTS to the content manager's saved configuration, at every start. */
export const configureAdminLists = async (strapi: Core.Strapi): Promise<void> => {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, list] of Object.entries(ADMIN_LISTS)) {
    const model = strapi.getModel(uid as 'api::session.session');
    const configuration = await contentTypes.findConfiguration(model);
    await contentTypes.updateConfiguration(model, {
      settings: { ...configuration.settings, defaultSortBy: list.sortBy, defaultSortOrder: list.order },
      metadatas: configuration.metadatas,
      layouts: { ...configuration.layouts, list: list.columns },
    });
  }
};

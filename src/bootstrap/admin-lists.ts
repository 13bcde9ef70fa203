import type { Core } from '@strapi/strapi';
import { ADMIN_LABELS, COMPONENT_LABELS, type FieldText } from './admin-labels';

type ListSettings = { sortBy: string; order: 'ASC' | 'DESC'; columns: string[] };

/** How editors and reviewers see lists in the content manager: newest work first, the useful columns. */
export const ADMIN_LISTS: Record<string, ListSettings> = {
  'api::session.session': { sortBy: 'startsAt', order: 'DESC', columns: ['title', 'startsAt', 'eventStatus', 'capacity'] },
  'api::proposal.proposal': { sortBy: 'createdAt', order: 'DESC', columns: ['title', 'reviewStatus', 'createdAt'] },
  'api::support-request.support-request': { sortBy: 'createdAt', order: 'DESC', columns: ['topic', 'localEntity', 'requestStatus', 'createdAt'] },
  'api::outbox-message.outbox-message': { sortBy: 'createdAt', order: 'DESC', columns: ['subject', 'kind', 'deliveryStatus', 'attempts', 'lastError'] },
  'api::registration.registration': { sortBy: 'createdAt', order: 'DESC', columns: ['fullName', 'session', 'registrationStatus', 'attended'] },
};

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };

/**
 * Applies ADMIN_LISTS and ADMIN_LABELS to the content manager's saved configuration, at every
 * start: what editors see is reviewed in code, not set by hand on one server.
 */
/** The content manager's field metadata with our labels, descriptions and visibility applied. */
const labelled = (current: Record<string, Metadata>, texts: Record<string, FieldText> = {}) => {
  const metadatas = { ...current };
  for (const [field, text] of Object.entries(texts)) {
    const before = metadatas[field];
    if (before === undefined) continue;
    metadatas[field] = {
      edit: {
        ...before.edit,
        label: text.label,
        description: text.description ?? '',
        ...(text.hidden ? { visible: false } : {}),
        ...(text.readOnly ? { editable: false } : {}),
      },
      list: { ...before.list, label: text.label },
    };
  }
  return metadatas;
};

export const configureAdminLists = async (strapi: Core.Strapi): Promise<void> => {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const uid of new Set([...Object.keys(ADMIN_LISTS), ...Object.keys(ADMIN_LABELS)])) {
    const model = strapi.getModel(uid as 'api::session.session');
    const configuration = await contentTypes.findConfiguration(model);
    const list = ADMIN_LISTS[uid];
    const metadatas = labelled(configuration.metadatas as Record<string, Metadata>, ADMIN_LABELS[uid]);
    await contentTypes.updateConfiguration(model, {
      settings: list ? { ...configuration.settings, defaultSortBy: list.sortBy, defaultSortOrder: list.order } : configuration.settings,
      metadatas,
      layouts: list ? { ...configuration.layouts, list: list.columns } : configuration.layouts,
    });
  }
  const components = strapi.plugin('content-manager').service('components');
  for (const [uid, texts] of Object.entries(COMPONENT_LABELS)) {
    const component = strapi.components[uid as keyof typeof strapi.components];
    if (component === undefined) continue;
    const configuration = await components.findConfiguration(component);
    await components.updateConfiguration(component, { ...configuration, metadatas: labelled(configuration.metadatas, texts) });
  }
};

/** The content manager's lists and edit views (sort, columns, labels), applied at every start. */
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

/**
 * Edit views: the rows editors see first, in order (fields left out follow in their current order).
 * A session's materials and recordings sit right under its date and status.
 */
export const ADMIN_EDIT_ROWS: Record<string, string[][]> = {
  'api::session.session': [
    ['title', 'slug'],
    ['startsAt', 'durationMinutes'],
    ['eventStatus', 'registrationOpen'],
    ['materials', 'recordings'],
    ['capacity', 'coOrganizer'],
    ['summary'],
    ['description'],
    ['speakers'],
    ['catalogResources', 'meetingUrl'],
  ],
};

type EditField = { name: string; size: number };

/** `rows` first, then every other field of `current`; rows wider than the 12-column grid are split. */
export const arrangeEditLayout = (current: EditField[][], rows: string[][]): EditField[][] => {
  const sizes = new Map(current.flat().map((field) => [field.name, field.size]));
  const placed = new Set<string>();
  const wanted = rows.map((row) => row.filter((name) => sizes.has(name) && !placed.has(name) && placed.add(name)));
  const rest = current.flat().filter((field) => !placed.has(field.name)).map((field) => field.name);
  const layout: EditField[][] = [];
  for (const row of [...wanted, ...(rest.length > 0 ? [rest] : [])]) {
    let line: EditField[] = [];
    for (const name of row) {
      const size = sizes.get(name) ?? 6;
      if (line.reduce((sum, f) => sum + f.size, 0) + size > 12) {
        layout.push(line);
        line = [];
      }
      line.push({ name, size });
    }
    if (line.length > 0) layout.push(line);
  }
  return layout;
};

type Metadata = { edit: Record<string, unknown>; list: Record<string, unknown> };

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

/**
 * Applies ADMIN_LISTS and ADMIN_LABELS to the content manager's saved configuration, at every
 * start: what editors see is reviewed in code, not set by hand on one server.
 */
export const configureAdminLists = async (strapi: Core.Strapi): Promise<void> => {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const uid of new Set([...Object.keys(ADMIN_LISTS), ...Object.keys(ADMIN_LABELS), ...Object.keys(ADMIN_EDIT_ROWS)])) {
    const model = strapi.getModel(uid as 'api::session.session');
    const configuration = await contentTypes.findConfiguration(model);
    const list = ADMIN_LISTS[uid];
    const editRows = ADMIN_EDIT_ROWS[uid];
    const metadatas = labelled(configuration.metadatas as Record<string, Metadata>, ADMIN_LABELS[uid]);
    await contentTypes.updateConfiguration(model, {
      settings: list ? { ...configuration.settings, defaultSortBy: list.sortBy, defaultSortOrder: list.order } : configuration.settings,
      metadatas,
      layouts: {
        ...configuration.layouts,
        ...(list ? { list: list.columns } : {}),
        ...(editRows ? { edit: arrangeEditLayout(configuration.layouts.edit as EditField[][], editRows) } : {}),
      },
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

/** The Public role's permissions: the reviewed list, re-applied at every start. */
import type { Core } from '@strapi/strapi';

/**
 * Everything the Public role (anonymous REST and GraphQL) may do. Applied at every start:
 * actions not listed here are removed from the role, so a permission granted by hand in the
 * admin does not survive a restart. Issues that add public endpoints add them here, explicitly.
 */
export const PUBLIC_ACTIONS: readonly string[] = [
  'api::session.session.find',
  'api::session.session.findOne',
  'api::session.session.upcoming',
  'api::session.session.past',
  'api::session.session.calendar',
  'api::session.session.calendarFeed',
  'api::material.material.find',
  'api::material.material.findOne',
  'api::recording.recording.find',
  'api::recording.recording.findOne',
  'api::catalog-resource.catalog-resource.find',
  'api::catalog-resource.catalog-resource.findOne',
  'api::registration.registration.register',
  'api::registration.registration.cancel',
  'api::local-entity.local-entity.search',
  'api::local-entity.local-entity.eligibility',
  'api::support-request.support-request.submit',
  'api::proposal.proposal.submit',
  'api::proposal.proposal.similar',
  'api::proposal.proposal.status',
  'api::proposal.proposal.topics',
  'api::feedback-response.feedback-response.form',
  'api::feedback-response.feedback-response.submit',
  'api::feedback-response.feedback-response.sessionSummary',
  'api::feedback-response.feedback-response.summary',
];

type PermissionRow = { id: number; action: string };

export const applyPublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (role === null) {
    throw new Error('The users-permissions plugin has no Public role: its bootstrap did not run.');
  }
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const current = (await permissions.findMany({ where: { role: role.id } })) as PermissionRow[];
  const allowed = new Set(PUBLIC_ACTIONS);
  const present = new Set(current.map((p) => p.action));

  const extra = current.filter((p) => !allowed.has(p.action));
  if (extra.length > 0) {
    await permissions.deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
    strapi.log.info(`Public role: removed ${extra.map((p) => p.action).join(', ')}`);
  }
  for (const action of PUBLIC_ACTIONS.filter((a) => !present.has(a))) {
    await permissions.create({ data: { action, role: role.id } });
  }
};

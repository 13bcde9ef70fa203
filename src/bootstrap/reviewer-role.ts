/** The Reviewer admin role, created and updated at every start. */
import type { Core } from '@strapi/strapi';

export const REVIEWER_ROLE = { code: 'gomunicipal-reviewer', name: 'Reviewer', description: 'Revisa propostes de tema i peticions de suport a demanda; res més.' };

const WORK_ON = ['api::proposal.proposal', 'api::support-request.support-request'];
// What reviewers only read: to pick the session that covers a proposal, and to see who asks.
const READ_ONLY = ['api::session.session', 'api::local-entity.local-entity'];

/**
 * The "Reviewer" admin role: works on proposals and support requests, reads sessions and local
 * entities (to link and understand them), and nothing else. Created and re-applied at every start.
 */
export const ensureReviewerRole = async (strapi: Core.Strapi): Promise<void> => {
  const roles = strapi.service('admin::role');
  let role = await strapi.db.query('admin::role').findOne({ where: { code: REVIEWER_ROLE.code } });
  if (role === null) role = await roles.create({ ...REVIEWER_ROLE });
  // Every field the admin shows (not a tracking link's hash), in the form the admin's own start-up
  // clean-up keeps (components as their subfields, no timestamps): any other form is rewritten by
  // that clean-up and then by this function at every start.
  const contentTypes = strapi.service('admin::content-type') as { getNestedFields(model: unknown, options: { components: unknown }): string[] };
  const fields = (uid: string) => contentTypes.getNestedFields(strapi.getModel(uid as 'api::proposal.proposal'), { components: strapi.components });
  const permission = (action: string, uid: string) => ({ action: `plugin::content-manager.explorer.${action}`, subject: uid, properties: { fields: fields(uid) }, conditions: [] });
  await roles.assignPermissions(role.id, [
    ...WORK_ON.flatMap((uid) => [permission('read', uid), permission('update', uid)]),
    ...READ_ONLY.map((uid) => {
      const p = permission('read', uid);
      // i18n's locales for the localized session type.
      return uid === 'api::session.session' ? { ...p, properties: { ...p.properties, locales: ['ca', 'es'] } } : p;
    }),
  ]);
};

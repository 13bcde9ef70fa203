/**
 * users-permissions, extended (Strapi loads dist/src/extensions/<plugin>/strapi-server.js): every
 * anonymous API request reads the Public role's permissions; they are read in one lean statement
 * (public-permissions.ts). Everything else in the plugin is Strapi's.
 */
import type { Core } from '@strapi/strapi';
import { publicPermissions } from './public-permissions';

type PermissionService = (deps: { strapi: Core.Strapi }) => Record<string, unknown>;
type Plugin = { services: Record<string, unknown> & { permission: PermissionService } };

export default (plugin: Plugin) => {
  const permission = plugin.services.permission;
  plugin.services.permission = ({ strapi }) => ({ ...permission({ strapi }), findPublicPermissions: publicPermissions(strapi) });
  return plugin;
};

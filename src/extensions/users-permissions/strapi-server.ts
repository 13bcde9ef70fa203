/**
 * users-permissions, extended (Strapi loads dist/src/extensions/<plugin>/strapi-server.js): every
 * anonymous API request reads the Public role's permissions; they are read in one lean statement
 * (public-permissions.ts). A request's authorization decisions are made once per scope
 * (verify-once.ts). Everything else in the plugin is Strapi's.
 */
import type { Core } from '@strapi/strapi';
import { publicPermissions } from './public-permissions';
import { verifyOncePerRequest } from './verify-once';

type PermissionService = (deps: { strapi: Core.Strapi }) => Record<string, unknown>;
type Plugin = {
  services: Record<string, unknown> & { permission: PermissionService };
  register?: (deps: { strapi: Core.Strapi }) => unknown;
};

export default (plugin: Plugin) => {
  const permission = plugin.services.permission;
  plugin.services.permission = ({ strapi }) => ({ ...permission({ strapi }), findPublicPermissions: publicPermissions(strapi) });
  const register = plugin.register;
  plugin.register = async (deps) => {
    await register?.(deps);
    verifyOncePerRequest(deps.strapi);
  };
  return plugin;
};

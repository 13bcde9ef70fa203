/**
 * Typed access to the app's services, keyed by UID: the one place where Strapi's untyped
 * `strapi.service(uid)` is given the type of what the factory returns (the shape of
 * pluginpal/strapi-webtools' `getPluginService`). Add a line here instead of casting at a call site.
 */
import type { Core } from '@strapi/strapi';
import type { ResultsService } from '../api/feedback-response/services/results';
import type { SessionPortalService } from '../api/session/services/session';

type Services = {
  'api::session.session': SessionPortalService;
  'api::feedback-response.results': ResultsService;
};

export const service = <K extends keyof Services>(strapi: Core.Strapi, uid: K): Services[K] =>
  strapi.service(uid) as unknown as Services[K];

import type { Core } from '@strapi/strapi';
import { registerFeedbackAdminRoutes } from './admin-api/feedback-routes';
import { registerAdminRoutes } from './admin-api/routes';
import type { SeatsService } from './api/registration/services/seats';
import type { SurveyService } from './api/survey/services/survey';
import { registerCacheInvalidation } from './cache/invalidation';
import { responseCache } from './cache/response-cache';
import { configureAdminLists } from './bootstrap/admin-lists';
import { survivePassingDatabaseFaults } from './bootstrap/database-faults';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { ensureLocales } from './bootstrap/locales';
import { applyPublicPermissions } from './bootstrap/permissions';
import { ensureReviewerRole } from './bootstrap/reviewer-role';
import { assertProductionSecrets } from './bootstrap/secrets';
import { cronIdle } from './cron/tasks';
import { registerGraphql } from './extensions/graphql';
import { checkSurvey } from './document-middlewares/check-survey';
import { defaultSessionTime } from './document-middlewares/default-session-time';
import { guardProposalStatus } from './document-middlewares/guard-proposal-status';
import { validateIneCode } from './document-middlewares/validate-ine-code';
import { checkCaptions } from './document-middlewares/check-captions';
import { registerSiteRoutes } from './site/routes';
import { isDatabaseEmpty, seed } from './seed';
import { seedProgramme } from './seed/programme';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets(process.env);
    survivePassingDatabaseFaults(strapi);
    strapi.documents.use(validateIneCode);
    strapi.documents.use(guardProposalStatus);
    strapi.documents.use(checkSurvey);
    strapi.documents.use(checkCaptions(strapi));
    strapi.documents.use(defaultSessionTime(() => strapi.config.get('planner.defaultTime', '10:00') as string));
    registerGraphql(strapi);
    registerAdminRoutes(strapi);
    registerFeedbackAdminRoutes(strapi);
    registerSiteRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerCacheInvalidation(strapi);
    (strapi.service('api::registration.seats') as unknown as SeatsService).watchOtherWrites();
    await responseCache(strapi).start();
    const firstRun = await isDatabaseEmpty(strapi);
    await ensureLocales(strapi, { firstRun });
    await applyPublicPermissions(strapi);
    await ensureFirstAdmin(strapi);
    await ensureReviewerRole(strapi);
    await configureAdminLists(strapi);
    await (strapi.service('api::survey.survey') as unknown as SurveyService).ensureDefault();
    // The site's texts also on a database from before the site existed (created only when absent).
    if (!firstRun && process.env.SEED_ON_BOOTSTRAP !== 'false') await seedProgramme(strapi);
    if (firstRun && process.env.SEED_ON_BOOTSTRAP !== 'false') {
      const report = await seed(strapi);
      strapi.log.info(
        `Seeded ${report.sessions} sessions, ${report.catalogResources} catalogue resources, ${report.localEntities} local entities${report.programme ? ', the programme page texts' : ''}.`
      );
    }
  },

  /** On shutdown (the cron jobs are already stopped): let a running task finish before the database closes. */
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await cronIdle();
    await responseCache(strapi).stop();
  },
};

/**
 * The app's lifecycle: register() wires document middlewares, GraphQL and the admin routes;
 * bootstrap() applies locales, permissions, roles, the admin lists and the seed.
 */
import type { Core } from '@strapi/strapi';
import { registerAdminRoutes } from './admin-api/routes';
import { registerCacheInvalidation } from './cache/invalidation';
import { appNamespace, responseCache } from './cache/store';
import { configureAdminLists } from './bootstrap/admin-lists';
import { failedCommitsFail, survivePassingDatabaseFaults } from './bootstrap/database-faults';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { ensureLocales } from './bootstrap/locales';
import { applyPublicPermissions } from './bootstrap/permissions';
import { ensureReviewerRole } from './bootstrap/reviewer-role';
import { assertProductionSecrets } from './bootstrap/secrets';
import { closeTaskLock, connectTaskLock } from './cron/lock';
import { cronIdle } from './cron/tasks';
import type { SmtpSockets } from './email/smtp-sockets';
import { registerOperationsRoutes, shutDownGracefully } from './bootstrap/operations';
import { resetLifecycle, withinMs } from './utils/lifecycle';
import { unwatchApp } from './utils/metrics';
import { shareRateLimits, stopSharingRateLimits } from './utils/per-ip-limit';
import { registerGraphql } from './extensions/graphql';
import { checkSurvey } from './document-middlewares/check-survey';
import { defaultSessionTime } from './document-middlewares/default-session-time';
import { watchSessionChanges } from './document-middlewares/watch-session-changes';
import { announceRecording } from './document-middlewares/announce-recording';
import { guardProposalStatus } from './document-middlewares/guard-proposal-status';
import { validateIneCode } from './document-middlewares/validate-ine-code';
import { checkCaptions } from './document-middlewares/check-captions';
import { registerSiteRoutes } from './site/routes';
import { registerDeveloperRoutes } from './developer/routes';
import { captureGraphqlSchema } from './developer/sdl';
import { isDatabaseEmpty, seed } from './seed';
import { seedProgramme } from './seed/programme';
import { service } from './utils/services';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets(process.env);
    survivePassingDatabaseFaults(strapi);
    failedCommitsFail(strapi);
    strapi.documents.use(validateIneCode);
    strapi.documents.use(guardProposalStatus);
    strapi.documents.use(checkSurvey);
    strapi.documents.use(checkCaptions(strapi));
    strapi.documents.use(watchSessionChanges(strapi));
    strapi.documents.use(announceRecording(strapi));
    strapi.documents.use(defaultSessionTime(() => strapi.config.get('planner.defaultTime', '10:00') as string));
    registerGraphql(strapi);
    registerAdminRoutes(strapi);
    registerSiteRoutes(strapi);
    captureGraphqlSchema(strapi);
    registerDeveloperRoutes(strapi);
    registerOperationsRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    resetLifecycle();
    const redisUrl = strapi.config.get('portal.responseCache.redisUrl', '') as string;
    if (redisUrl !== '') {
      shareRateLimits(redisUrl, appNamespace(strapi), (message) => strapi.log.warn(message));
      // Connected now: made at the first tick, it was still connecting then, and that tick fell back to the database lock (docs/decisions.md).
      connectTaskLock(redisUrl);
    }
    registerCacheInvalidation(strapi);
    service(strapi, 'api::registration.seats').watchOtherWrites();
    await responseCache(strapi).start();
    const firstRun = await isDatabaseEmpty(strapi);
    await ensureLocales(strapi, { firstRun });
    await applyPublicPermissions(strapi);
    await ensureFirstAdmin(strapi);
    await ensureReviewerRole(strapi);
    await configureAdminLists(strapi);
    await service(strapi, 'api::survey.survey').ensureDefault();
    // The site's texts also on a database from before the site existed (created only when absent).
    if (!firstRun && process.env.SEED_ON_BOOTSTRAP !== 'false') await seedProgramme(strapi);
    if (firstRun && process.env.SEED_ON_BOOTSTRAP !== 'false') {
      const report = await seed(strapi);
      strapi.log.info(
        `Seeded ${report.sessions} sessions, ${report.catalogResources} catalogue resources, ${report.localEntities} local entities${report.programme ? ', the programme page texts' : ''}.`
      );
    }
  },

  /**
   * On shutdown (SIGTERM; the cron jobs are already stopped), within SHUTDOWN_GRACE_SECONDS: new
   * requests 503 for the drain, the listener closed, requests in flight finished, the email being
   * sent finished and the rest of its batch handed back, a running task finished; then Strapi
   * closes the connections and the database.
   */
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await shutDownGracefully(strapi, async (remainingMs) => {
      if ((await withinMs(cronIdle().then(() => true), remainingMs)) === undefined) strapi.log.warn('Shutdown: a scheduled task was still running when the grace period ended.');
    });
    stopSharingRateLimits();
    closeTaskLock();
    (strapi.config.get('plugin::email.providerOptions') as { getSocket?: SmtpSockets } | undefined)?.getSocket?.closeAll();
    await responseCache(strapi).stop();
    unwatchApp(strapi);
  },
};

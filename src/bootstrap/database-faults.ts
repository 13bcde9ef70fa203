/** A database connection that drops is logged and survived, not a crash. */
import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from '../utils/faults';

let installed = false;

/**
 * When the database connection drops in the middle of a transaction, knex rejects the
 * transaction's own promise, which nobody awaits: Node would end the whole process for a fault of
 * the moment that the request already answered 503 (global::http-faults). A rejection that says the
 * database is out of reach is logged instead; any other unhandled rejection still ends the process,
 * as Node does by default.
 */
export const survivePassingDatabaseFaults = (strapi: Core.Strapi): void => {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseUnavailable(reason)) {
      strapi.log.warn(`Database out of reach (${reason instanceof Error ? reason.message.slice(-120) : String(reason)}); the app goes on.`);
      return;
    }
    throw reason;
  });
};

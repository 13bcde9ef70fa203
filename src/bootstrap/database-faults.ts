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

type KnexTransaction = { executionPromise?: Promise<unknown> };
type TransactionCallback = (params: { trx: KnexTransaction }) => Promise<unknown>;
type Transactional = { transaction(callback?: TransactionCallback): Promise<unknown>; inTransaction(): boolean };

/**
 * A COMMIT that fails is the transaction failing. When the connection drops under the COMMIT, knex
 * reports it only on the transaction's own promise (the one above that nobody awaits): the
 * `commit()` that Strapi awaits resolves anyway, so writes that were never committed were answered
 * as done (a registration answered 201 and not stored, in a CI run that stopped PostgreSQL between
 * a batch's last statement and its COMMIT). Every outermost transaction run with a callback now
 * ends by awaiting that promise: a failed COMMIT rejects like any other failure of the transaction
 * (503 while the database is out of reach), and a caller can retry. Nested transactions are parts
 * of the outermost one and end with it.
 */
export const failedCommitsFail = (strapi: Core.Strapi): void => {
  const db = strapi.db as Core.Strapi['db'] & Transactional;
  const transaction = db.transaction.bind(db) as Transactional['transaction'];
  db.transaction = ((callback?: TransactionCallback) => {
    if (callback === undefined || db.inTransaction()) return transaction(callback);
    let trx: KnexTransaction | undefined;
    return transaction((params) => {
      trx = params.trx;
      // Handled from the start (awaited below): a failure here is the caller's, not an unhandled
      // rejection, even when Strapi's after-commit callbacks wait on I/O before the await is reached.
      trx.executionPromise?.catch(() => undefined);
      return callback(params);
    }).then(async (result) => {
      await trx?.executionPromise;
      return result;
    });
  }) as typeof db.transaction;
};

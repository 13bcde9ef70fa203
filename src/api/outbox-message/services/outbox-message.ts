/**
 * The email outbox: messages written in the caller's transaction, claimed with row locks, sent,
 * retried with backoff.
 */
import { factories, type Core } from '@strapi/strapi';
import { renderEmail, type EmailKind } from '../../../email/templates';
import { insertRows } from '../../../utils/insert-row';
import type { Language } from '../../../utils/language';
import { isShuttingDown } from '../../../utils/lifecycle';
import { outboxOutcomes } from '../../../utils/metrics';

const UID = 'api::outbox-message.outbox-message';

export type OutboxAttachment = { filename: string; content: string; contentType: string };

export type OutboxInput = {
  kind: string;
  recipient: string;
  language: 'ca' | 'es';
  subject: string;
  text: string;
  html?: string;
  attachments?: OutboxAttachment[];
  /** Extra headers of a bulk message: List-Unsubscribe and List-Unsubscribe-Post (src/email/unsubscribe.ts). */
  headers?: Record<string, string>;
  /** At most one message per key, ever (e.g. one reminder per registration). */
  dedupeKey?: string;
};

type OutboxRow = OutboxInput & { id: number; attempts: number | null };

export type OutboxSettings = {
  batchSize: number;
  lockSeconds: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  maxAttempts: number;
};

const settings = (strapi: Core.Strapi): OutboxSettings => strapi.config.get('email-outbox') as OutboxSettings;

/** A pending message is due once its next attempt's time has come. */
const duePending = (now: Date) => ({ deliveryStatus: 'pending', nextAttemptAt: { $lte: now } });

/**
 * The outbox: every email is first written here, in the same transaction as the change that causes
 * it, then a scheduled worker sends it, retries with backoff, and records the outcome. Claiming
 * uses row locks (FOR UPDATE SKIP LOCKED on PostgreSQL and MariaDB) so that several app processes
 * never send the same message twice; SQLite has one writer at a time anyway.
 */
const outbox = (strapi: Core.Strapi) => ({
  async enqueue(message: OutboxInput): Promise<boolean> {
    if (message.dedupeKey !== undefined) {
      const existing = await strapi.db.query(UID).count({ where: { dedupeKey: message.dedupeKey } });
      if (existing > 0) return false;
    }
    await this.enqueueMany([message]);
    return true;
  },

  /**
   * Writes messages in one INSERT, with no dedupe check (enqueue() makes it), rather than the
   * Document Service's dozen statements each: this runs inside callers' locks (registrations).
   */
  async enqueueMany(messages: OutboxInput[]): Promise<void> {
    const now = new Date();
    await insertRows(
      strapi,
      UID,
      messages.map((message) => ({ ...message, deliveryStatus: 'pending', attempts: 0, nextAttemptAt: now }))
    );
  },

  /** Renders the template `kind` (emails/) for `recipient` and writes it to the outbox. */
  async enqueueEmail(
    kind: EmailKind,
    recipient: string,
    language: Language,
    view: Record<string, string | undefined>,
    options: { attachments?: OutboxAttachment[]; dedupeKey?: string } = {}
  ): Promise<boolean> {
    const email = renderEmail(strapi.dirs.app.root, kind, language, view);
    return this.enqueue({ kind, recipient, language, ...email, ...options });
  },

  /** How many messages are due now or being sent (locked or not): none means the outbox has nothing left to do for now. */
  async unsettled(now = new Date()): Promise<number> {
    return strapi.db.query(UID).count({ where: { $or: [duePending(now), { deliveryStatus: 'sending' }] } });
  },

  /** Takes up to `batchSize` due messages for this process: pending ones, and sending ones whose lock expired. */
  async claim(now = new Date()): Promise<number[]> {
    const { batchSize, lockSeconds } = settings(strapi);
    const sqlite = strapi.db.dialect.client === 'sqlite';
    return strapi.db.transaction(async ({ trx }) => {
      const builder = strapi.db
        .queryBuilder(UID)
        .select(['id'])
        .where({
          $or: [
            duePending(now),
            { deliveryStatus: 'sending', lockedUntil: { $lt: now } },
          ],
        })
        .orderBy({ id: 'asc' })
        .limit(batchSize);
      if (!sqlite) builder.forUpdate();
      const query = builder.getKnexQuery();
      if (!sqlite) query.skipLocked();
      const ids = ((await query.transacting(trx)) as { id: number }[]).map((row) => row.id);
      if (ids.length > 0) {
        await strapi.db.query(UID).updateMany({
          where: { id: { $in: ids } },
          data: { deliveryStatus: 'sending', lockedUntil: new Date(now.getTime() + lockSeconds * 1000) },
        });
      }
      return ids;
    });
  },

  /** Hands claimed messages back (pending, unlocked) for any process to send: at shutdown. */
  async release(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await strapi.db.query(UID).updateMany({ where: { id: { $in: ids }, deliveryStatus: 'sending' }, data: { deliveryStatus: 'pending', lockedUntil: null } });
  },

  /** Sends what is due. Without SMTP_HOST nothing is sent: messages wait in the outbox. */
  async processBatch(now = new Date()): Promise<{ sent: number; failed: number }> {
    if (!process.env.SMTP_HOST) return { sent: 0, failed: 0 };
    const ids = await this.claim(now);
    let sent = 0;
    let failed = 0;
    for (const [index, id] of ids.entries()) {
      if (isShuttingDown()) {
        // Shutdown: the message being sent is finished, the rest of the batch is handed back at once.
        await this.release(ids.slice(index));
        break;
      }
      const message = (await strapi.db.query(UID).findOne({ where: { id } })) as OutboxRow | null;
      if (message === null) continue;
      try {
        await strapi.plugin('email').service('email').send({
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
          attachments: (message.attachments ?? []).map((a) => ({ ...a })),
          headers: message.headers ?? undefined,
        });
        await strapi.db.query(UID).update({
          where: { id },
          data: { deliveryStatus: 'sent', sentAt: new Date(), lockedUntil: null, attempts: (message.attempts ?? 0) + 1, lastError: null },
        });
        sent += 1;
        outboxOutcomes.inc({ outcome: 'sent' });
      } catch (error) {
        const attempts = (message.attempts ?? 0) + 1;
        const { retryBaseSeconds, retryMaxSeconds, maxAttempts } = settings(strapi);
        const delay = Math.min(retryMaxSeconds, retryBaseSeconds * 2 ** (attempts - 1));
        await strapi.db.query(UID).update({
          where: { id },
          data: {
            deliveryStatus: attempts >= maxAttempts ? 'failed' : 'pending',
            attempts,
            nextAttemptAt: new Date(Date.now() + delay * 1000),
            lockedUntil: null,
            lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
          },
        });
        failed += 1;
        outboxOutcomes.inc({ outcome: attempts >= maxAttempts ? 'failed' : 'retried' });
      }
    }
    return { sent, failed };
  },
});

export type OutboxService = ReturnType<typeof outbox>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => outbox(strapi));

import type { Core } from '@strapi/strapi';
import { service } from '../../src/utils/services';

/** Polls until the outbox holds nothing due or being sent (sending a batch before each look when `send`), or fails after `ms`. */
const settle = async (strapi: Core.Strapi, send: boolean, ms: number): Promise<void> => {
  const outbox = service(strapi, 'api::outbox-message.outbox-message');
  for (const deadline = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const now = new Date();
    if (send) await outbox.processBatch(now);
    const left = await outbox.unsettled(now);
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`The outbox still holds ${left} messages due or being sent after ${ms / 1000} s`);
  }
};

/**
 * Sends what the outbox holds now, as the scheduled worker does on its ticks, and resolves once
 * nothing is due or being sent (a tick already sending is waited for). After it, "nothing more
 * goes out" is a fact of the outbox rather than the hope that a pause outlasted the next tick.
 */
export const drainOutbox = (strapi: Core.Strapi): Promise<void> => settle(strapi, true, 20000);

type ScheduledTask = { task: (args: { strapi: Core.Strapi }) => Promise<void> };

/**
 * The outbox worker's scheduled task itself, to run now: what its next tick would do, with the
 * same one-run-at-a-time guard (a run while a tick is sending returns at once). For TestSmtp's
 * `nudge`. Undefined when the app schedules no outbox worker.
 */
export const outboxTick = (strapi: Core.Strapi): (() => Promise<void>) | undefined => {
  const task = (strapi.config.get('server.cron.tasks') as Record<string, ScheduledTask> | undefined)?.outbox;
  return task === undefined ? undefined : () => task.task({ strapi });
};

/**
 * Resolves once the outbox holds nothing due or being sent, sending nothing itself: for files whose
 * other processes send. After it nothing more goes out (a message is sent only from a row a process
 * claimed, and TestSmtp records a message before it accepts it, which is before its row is marked
 * sent), so a duplicate has already arrived: no pause that hopes to outlast a late one is needed.
 */
export const outboxSettled = (strapi: Core.Strapi, ms = 60000): Promise<void> => settle(strapi, false, ms);

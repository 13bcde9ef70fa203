import type { Core } from '@strapi/strapi';
import { service } from '../../src/utils/services';

/**
 * Sends what the outbox holds now, as the scheduled worker does on its ticks, and resolves once
 * nothing is due or being sent (a tick already sending is waited for). After it, "nothing more
 * goes out" is a fact of the outbox rather than the hope that a pause outlasted the next tick.
 */
export const drainOutbox = async (strapi: Core.Strapi): Promise<void> => {
  const outbox = service(strapi, 'api::outbox-message.outbox-message');
  for (const deadline = Date.now() + 20000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const now = new Date();
    await outbox.processBatch(now);
    const left = await outbox.unsettled(now);
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`The outbox still holds ${left} messages due or being sent after 20 s`);
  }
};

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

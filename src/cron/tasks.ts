/**
 * Strapi cron tasks (config/server.ts) and their guards: one run at a time per process, one process
 * per tick across processes (src/cron/lock.ts), and shutdown waits for a running one. What each
 * does lives in the services it calls.
 */
import type { Core } from '@strapi/strapi';
import { taskDuration, taskRuns, taskSkips } from '../utils/metrics';
import { service } from '../utils/services';
import { taskLock } from './lock';

type Task = { task: (args: { strapi: Core.Strapi }, fireDate?: unknown) => Promise<void>; options: { rule: string; tz?: string } };

/** Tasks that run in every process: the outbox claims its messages with row locks of its own. */
const EVERY_PROCESS = new Set(['outbox']);

const inFlight = new Set<Promise<void>>();

/** Resolves when no scheduled task is running: shutdown waits for it before closing the database. */
export const cronIdle = async (): Promise<void> => {
  await Promise.allSettled([...inFlight]);
};

/** One run at a time per process: a slow run is never overlapped by the next tick. */
const exclusive = (name: string, work: (strapi: Core.Strapi) => Promise<unknown>): Task['task'] => {
  let running = false;
  return async ({ strapi }) => {
    if (running) return;
    running = true;
    const run = (async () => {
      try {
        await work(strapi);
      } catch (error) {
        strapi.log.error(`Scheduled task ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = false;
      }
    })();
    inFlight.add(run);
    await run;
    inFlight.delete(run);
  };
};


/** A cron rule for "every `seconds` seconds" (1 to 59). */
const everySeconds = (seconds: number) => `*/${Math.max(1, Math.min(59, seconds))} * * * * *`;

/**
 * Strapi cron tasks (config/server.ts): the outbox worker, reminders, survey invitations, the
 * messages about changed sessions and the retention clean-up; `only` (CRON_TASKS) keeps just the named ones.
 */
export const cronTasks = (
  { outboxSeconds, sessionChangesSeconds }: { outboxSeconds: number; sessionChangesSeconds: number },
  only: string[] = []
): Record<string, Task> => {
  let warned = false;
  const tasks: Record<string, Task> = {
    outbox: {
      task: exclusive('outbox', async (strapi) => {
        if (!process.env.SMTP_HOST) {
          if (!warned) strapi.log.warn('SMTP_HOST is not set: emails wait in the outbox until it is.');
          warned = true;
          return;
        }
        await service(strapi, 'api::outbox-message.outbox-message').processBatch();
      }),
      options: { rule: everySeconds(outboxSeconds) },
    },
    reminders: {
      task: exclusive('reminders', (strapi) =>
        service(strapi, 'api::registration.jobs').queueReminders(strapi.config.get('reminders.hoursBefore', 24))
      ),
      options: { rule: '30 * * * * *' },
    },
    feedbackInvitations: {
      task: exclusive('feedback invitations', (strapi) => service(strapi, 'api::feedback-response.invitations').queue()),
      options: { rule: '45 * * * * *' },
    },
    sessionChanges: {
      task: exclusive('session changes', (strapi) => service(strapi, 'api::session.changes').sendDue()),
      options: { rule: everySeconds(sessionChangesSeconds) },
    },
    retention: {
      task: exclusive('retention', async (strapi) => {
        await service(strapi, 'api::registration.jobs').anonymizeOlderThan(strapi.config.get('privacy.retentionMonths', 24));
        await service(strapi, 'api::alert-subscription.alerts').purgeUnconfirmed();
      }),
      options: { rule: '0 30 3 * * *', tz: 'Europe/Madrid' },
    },
  };
  const kept = Object.entries(tasks).filter(([name]) => only.length === 0 || only.includes(name));
  return Object.fromEntries(kept.map(([name, task]) => [name, { ...task, task: guarded(name, task.task, !EVERY_PROCESS.has(name)) }]));
};

/**
 * The wrapper of every task in the table: counted and timed in the metrics and, unless the task
 * runs in every process, a tick runs in the one process that takes the task's lock; the others
 * skip it (counted too).
 */
const guarded = (name: string, run: Task['task'], acrossProcesses: boolean): Task['task'] => {
  return async ({ strapi }, fireDate) => {
    let release: (() => Promise<void>) | undefined = async () => undefined;
    if (acrossProcesses) {
      const tick = fireDate instanceof Date ? fireDate : new Date(Math.floor(Date.now() / 1000) * 1000);
      try {
        release = await taskLock(strapi)(name, tick);
      } catch (error) {
        strapi.log.error(`Scheduled task ${name}: no lock (${error instanceof Error ? error.message : String(error)}), this tick is skipped.`);
        return;
      }
      if (release === undefined) {
        taskSkips.inc({ task: name });
        return;
      }
    }
    const end = taskDuration.startTimer({ task: name });
    try {
      await run({ strapi }, fireDate);
      taskRuns.inc({ task: name });
    } finally {
      end();
      await release().catch((error: unknown) => strapi.log.warn(`Scheduled task ${name}: lock release failed (${error instanceof Error ? error.message : String(error)}).`));
    }
  };
};

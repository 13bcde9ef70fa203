import { cronTasks } from '../../src/cron/tasks';

/** The schedules config/server.ts builds from OUTBOX_INTERVAL_SECONDS and SESSION_CHANGES_INTERVAL_SECONDS. */
describe('scheduled task rules', () => {
  it('run the outbox and the session-change messages at the configured seconds, kept within 1 to 59', () => {
    const tasks = cronTasks({ outboxSeconds: 1, sessionChangesSeconds: 2 });
    expect(tasks.outbox.options.rule).toBe('*/1 * * * * *');
    expect(tasks.sessionChanges.options.rule).toBe('*/2 * * * * *');
    const clamped = cronTasks({ outboxSeconds: 0, sessionChangesSeconds: 600 });
    expect([clamped.outbox.options.rule, clamped.sessionChanges.options.rule]).toEqual(['*/1 * * * * *', '*/59 * * * * *']);
  });

  it('keep only the tasks CRON_TASKS names', () => {
    expect(Object.keys(cronTasks({ outboxSeconds: 5, sessionChangesSeconds: 15 }, ['outbox', 'sessionChanges']))).toEqual(['outbox', 'sessionChanges']);
    expect(Object.keys(cronTasks({ outboxSeconds: 5, sessionChangesSeconds: 15 }))).toEqual(['outbox', 'reminders', 'feedbackInvitations', 'sessionChanges', 'retention']);
  });
});

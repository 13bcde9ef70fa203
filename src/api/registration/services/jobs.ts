/**
 * What the scheduled tasks (src/cron/tasks.ts) do with registrations: the reminder before a session,
 * and the retention rule that anonymises old registrations.
 */
import type { Core } from '@strapi/strapi';
import { service } from '../../../utils/services';
import { sessionRows, type RegistrationRow } from '../rows';
import { reminderWhen } from './notifications';

const UID = 'api::registration.registration';

const jobs = (strapi: Core.Strapi) => ({
  /** Writes the reminder of every confirmed registration whose session starts within `hours`, once per registration. */
  async queueReminders(hours: number, now = new Date()): Promise<number> {
    const due = (await strapi.db.query(UID).findMany({
      where: {
        registrationStatus: 'confirmed',
        session: {
          publishedAt: { $notNull: true },
          eventStatus: 'scheduled',
          startsAt: {
            $gt: now,
            $lte: new Date(now.getTime() + hours * 3600000),
          },
        },
      },
      populate: { session: { select: ['documentId', 'startsAt'] } },
    })) as RegistrationRow[];
    const notifications = service(strapi, 'api::registration.notifications');
    let queued = 0;
    for (const registration of due) {
      const session = registration.session?.documentId;
      if (session === undefined) continue;
      // Registered after the reminder time: the confirmation said when the link comes; no late "tomorrow".
      const startsAt = (registration.session as { startsAt?: string }).startsAt;
      const createdAt = (registration as { createdAt?: string }).createdAt;
      if (startsAt !== undefined && createdAt !== undefined && new Date(createdAt).getTime() > new Date(startsAt).getTime() - hours * 3600000) continue;
      const key = `reminder:${registration.documentId}`;
      if ((await strapi.db.query('api::outbox-message.outbox-message').count({ where: { dedupeKey: key } })) > 0) continue;
      await strapi.db.transaction(async () => notifications.notify('reminder', registration, await sessionRows(strapi, session, { lock: false }), key, reminderWhen(startsAt ?? now, registration.language, now)));
      queued += 1;
    }
    return queued;
  },

  /**
   * Anonymises registrations of sessions that started more than `months` ago: names, emails, job
   * titles, entity names and tokens are erased; session, status, entity and attendance stay for
   * the statistics.
   */
  async anonymizeOlderThan(months: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
    const old = (await strapi.db.query(UID).findMany({
      select: ['id'],
      where: {
        anonymizedAt: { $null: true },
        session: { startsAt: { $lt: cutoff } },
      },
    })) as { id: number }[];
    if (old.length === 0) return 0;
    await strapi.db.query(UID).updateMany({
      where: { id: { $in: old.map((r) => r.id) } },
      data: {
        fullName: '—',
        email: 'anonymized@invalid.invalid',
        jobTitle: null,
        localEntityName: null,
        tokenHash: null,
        feedbackTokenHash: null,
        anonymizedAt: now,
      },
    });
    return old.length;
  },
});

export type RegistrationJobsService = ReturnType<typeof jobs>;

export default ({ strapi }: { strapi: Core.Strapi }) => jobs(strapi);

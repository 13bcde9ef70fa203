/**
 * The survey invitations (a scheduled task): once a session has ended, every confirmed registrant
 * (only those who attended, once attendance is taken) gets one email with a single-use survey link
 * whose hash is stored on the registration.
 */
import type { Core } from '@strapi/strapi';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import { sessionEnd } from '../../../utils/time';
import { hashToken, linkToken } from '../../../utils/tokens';
import { sessionRows, type RegistrationRow } from '../../registration/rows';

const REGISTRATION = 'api::registration.registration';

type Due = RegistrationRow & { session: { documentId: string; startsAt: string; durationMinutes: number | null } | null };

const invitations = (strapi: Core.Strapi) => ({
  /**
   * Invites the registrants of sessions that ended `feedback.invitationDelayMinutes` ago (and less
   * than the survey links' lifetime ago), once each.
   */
  async queue(now = new Date()): Promise<number> {
    const delayMinutes = strapi.config.get('feedback.invitationDelayMinutes', 0) as number;
    const days = strapi.config.get('feedback.linkDays', 30) as number;
    const due = (await strapi.db.query(REGISTRATION).findMany({
      where: {
        registrationStatus: 'confirmed',
        feedbackTokenHash: { $null: true },
        anonymizedAt: { $null: true },
        session: {
          publishedAt: { $notNull: true },
          eventStatus: { $ne: 'cancelled' },
          startsAt: { $lte: now, $gt: new Date(now.getTime() - days * 86400000) },
        },
      },
      populate: { session: { select: ['documentId', 'startsAt', 'durationMinutes'] } },
    })) as Due[];
    const sessionIds = [...new Set(due.map((r) => r.session?.documentId).filter((id): id is string => id !== undefined))];
    const counts = await service(strapi, 'api::registration.seats').confirmedCounts(sessionIds);
    const attendanceTaken = (id: string) => (counts.get(id)?.attended ?? 0) > 0;
    const notifications = service(strapi, 'api::registration.notifications');
    let queued = 0;
    for (const registration of due) {
      const session = registration.session;
      if (session === null) continue;
      if (attendanceTaken(session.documentId) && registration.attended !== true) continue;
      if (sessionEnd(session).getTime() + delayMinutes * 60000 > now.getTime()) continue;
      const token = linkToken(strapi, 'feedback', registration.documentId);
      await strapi.db.transaction(async () => {
        await strapi.db.query(REGISTRATION).update({ where: { id: registration.id }, data: { feedbackTokenHash: hashToken(token) } });
        await notifications.notify('feedback-invitation', registration, await sessionRows(strapi, session.documentId, { lock: false }), `feedback:${registration.documentId}`, {
          feedbackUrl: `${publicUrl(strapi)}/feedback/?token=${token}`,
          feedbackDays: String(days),
        });
      });
      queued += 1;
    }
    return queued;
  },
});

export type InvitationsService = ReturnType<typeof invitations>;

export default ({ strapi }: { strapi: Core.Strapi }) => invitations(strapi);

/**
 * The figures of the editors' admin home page (next session and its seats, the last session's
 * feedback headline, what waits for review, failed email) and the sessions list's seat counts: all
 * computed from the services that own them, nothing stored.
 */
import type { Core } from '@strapi/strapi';
import { service } from '../../utils/services';
import type { Dashboard, LastFeedback, NextSession, SessionWithoutLink } from '../types';

export type { Dashboard, LastFeedback, NextSession };

const SESSION = 'api::session.session';

export const PROPOSAL_WAITING_STATUSES = ['received', 'under_review'] as const;

export const dashboard = (strapi: Core.Strapi) => ({
  /**
   * The next published session that has not started and is not cancelled (what the public sees
   * as next; planned drafts are not), with its confirmed registrations and seats left.
   */
  async nextSession(now = new Date()): Promise<NextSession | null> {
    const [session] = (await strapi.db.query(SESSION).findMany({
      select: ['documentId', 'title', 'startsAt', 'eventStatus', 'capacity'],
      where: { locale: 'ca', publishedAt: { $notNull: true }, startsAt: { $gt: now }, eventStatus: { $ne: 'cancelled' } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      limit: 1,
    })) as { documentId: string; title: string; startsAt: string; eventStatus: string; capacity: number | null }[];
    if (session === undefined) return null;
    const confirmed = (await service(strapi, 'api::registration.seats').confirmedCounts([session.documentId])).get(session.documentId)?.confirmed ?? 0;
    const capacity = session.capacity ?? null;
    return {
      documentId: session.documentId,
      title: session.title,
      startsAt: new Date(session.startsAt).toISOString(),
      eventStatus: session.eventStatus,
      capacity,
      confirmed,
      seatsLeft: capacity === null ? null : Math.max(0, capacity - confirmed),
    };
  },

  /**
   * Published sessions that start within a day (not cancelled or postponed) and have no meeting
   * link: their reminder would go without it, so the dashboard warns.
   */
  async withoutLink(now = new Date()): Promise<SessionWithoutLink[]> {
    const rows = (await strapi.db.query(SESSION).findMany({
      select: ['documentId', 'title', 'startsAt', 'meetingUrl'],
      where: {
        locale: 'ca',
        publishedAt: { $notNull: true },
        startsAt: { $gt: now, $lte: new Date(now.getTime() + 24 * 3600000) },
        eventStatus: 'scheduled',
        $or: [{ meetingUrl: { $null: true } }, { meetingUrl: '' }],
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    })) as { documentId: string; title: string; startsAt: string }[];
    return rows.map((row) => ({ documentId: row.documentId, title: row.title, startsAt: new Date(row.startsAt).toISOString() }));
  },

  /** The last published session that has started (not cancelled), with its feedback headline for editors (no threshold). */
  async lastFeedback(now = new Date()): Promise<LastFeedback | null> {
    const [session] = (await strapi.db.query(SESSION).findMany({
      select: ['documentId', 'title', 'startsAt'],
      where: { locale: 'ca', publishedAt: { $notNull: true }, startsAt: { $lte: now }, eventStatus: { $ne: 'cancelled' } },
      orderBy: { startsAt: 'desc' },
      limit: 1,
    })) as { documentId: string; title: string; startsAt: string }[];
    if (session === undefined) return null;
    const summary = await service(strapi, 'api::feedback-response.results').summary({ session: session.documentId }, { language: 'ca', threshold: null, now });
    return {
      documentId: session.documentId,
      title: session.title,
      startsAt: new Date(session.startsAt).toISOString(),
      responses: summary.responses,
      responseRate: summary.responseRate,
      topTwoBox: summary.questions.filter((q) => q.kind === 'scale').map((q) => ({ question: q.key, label: q.label, value: q.topTwoBox })),
    };
  },

  async summary(now = new Date()): Promise<Dashboard> {
    const [nextSession, withoutLink, lastFeedback, proposalsWaiting, supportRequestsPending, failedOutboxMessages] = await Promise.all([
      this.nextSession(now),
      this.withoutLink(now),
      this.lastFeedback(now),
      strapi.db.query('api::proposal.proposal').count({ where: { reviewStatus: { $in: [...PROPOSAL_WAITING_STATUSES] } } }),
      strapi.db.query('api::support-request.support-request').count({ where: { requestStatus: 'pending' } }),
      strapi.db.query('api::outbox-message.outbox-message').count({ where: { deliveryStatus: 'failed' } }),
    ]);
    return { nextSession, withoutLink, lastFeedback, proposalsWaiting, supportRequestsPending, failedOutboxMessages };
  },

  /** Capacity, confirmed registrations and seats left of each session document, in two queries. */
  async seatCounts(documentIds: readonly string[]): Promise<Record<string, { capacity: number | null; confirmed: number; seatsLeft: number | null }>> {
    if (documentIds.length === 0) return {};
    const rows = (await strapi.db.query(SESSION).findMany({
      select: ['documentId', 'capacity'],
      where: { documentId: { $in: [...documentIds] } },
    })) as { documentId: string; capacity: number | null }[];
    const counts = await service(strapi, 'api::registration.seats').confirmedCounts(documentIds);
    const result: Record<string, { capacity: number | null; confirmed: number; seatsLeft: number | null }> = {};
    for (const { documentId, capacity } of rows) {
      // Locales and draft/published rows share the non-localized capacity; the first one is enough.
      if (result[documentId] !== undefined) continue;
      const confirmed = counts.get(documentId)?.confirmed ?? 0;
      result[documentId] = { capacity: capacity ?? null, confirmed, seatsLeft: capacity === null || capacity === undefined ? null : Math.max(0, capacity - confirmed) };
    }
    return result;
  },
});



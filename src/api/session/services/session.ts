import { factories, type Core, type Modules } from '@strapi/strapi';
import { zonedWallTimeToUtc } from '../../../utils/time';
import type { Language } from '../../../utils/language';

const UID = 'api::session.session';

/**
 * What a portal shows of a session, loaded with the session in one Document Service call:
 * Strapi populates each relation for all sessions at once, so the number of SQL statements
 * does not grow with the number of sessions.
 */
export const PORTAL_POPULATE: Modules.Documents.Params.Populate.Any<typeof UID> = {
  speakers: true,
  catalogResources: { fields: ['name', 'code', 'catalogUrl', 'qualifiesForSupport'] },
  materials: { populate: { file: true }, sort: ['id:asc'] },
  recordings: { populate: { file: true, chapters: true }, sort: ['id:asc'] },
};

export type PortalListArgs = { limit: number; locale: Language; year?: number; now?: Date };

export type SessionCore = {
  documentId: string;
  startsAt?: string | Date | null;
  durationMinutes?: number | null;
  eventStatus?: string | null;
  registrationOpen?: boolean | null;
  capacity?: number | null;
};

export type PortalFields = {
  endsAt: string;
  isUpcoming: boolean;
  calendarUrl: string;
  seatsLeft: number | null;
  registrationAvailable: boolean;
};

/** The fields a portal derives from a session; `confirmed` is its number of confirmed registrations. */
export const portalFields = (session: SessionCore, confirmed: number, publicUrl: string, now = new Date()): PortalFields => {
  const start = new Date(session.startsAt ?? 0);
  const isUpcoming = start.getTime() > now.getTime();
  return {
    endsAt: new Date(start.getTime() + (session.durationMinutes ?? 60) * 60000).toISOString(),
    isUpcoming,
    calendarUrl: `${publicUrl.replace(/\/+$/, '')}/api/sessions/${session.documentId}/calendar.ics`,
    seatsLeft: session.capacity === null || session.capacity === undefined ? null : Math.max(0, session.capacity - confirmed),
    // Beyond capacity people still register, on the waiting list.
    registrationAvailable: isUpcoming && session.eventStatus === 'scheduled' && session.registrationOpen === true,
  };
};

const portalService = (strapi: Core.Strapi) => ({
  /** Published sessions that have not started and are not cancelled, soonest first. */
  async upcoming({ limit, locale, now = new Date() }: PortalListArgs) {
    return strapi.documents(UID).findMany({
      locale,
      status: 'published',
      filters: { startsAt: { $gt: now.toISOString() }, eventStatus: { $ne: 'cancelled' } },
      sort: ['startsAt:asc'],
      limit,
      populate: PORTAL_POPULATE,
    });
  },

  /** Published sessions that have started (cancelled ones never took place), newest first. */
  async past({ limit, locale, year, now = new Date() }: PortalListArgs) {
    const startsAt: Record<string, string> = { $lte: now.toISOString() };
    if (year !== undefined) {
      startsAt.$gte = zonedWallTimeToUtc(`${year}-01-01`, '00:00').toISOString();
      startsAt.$lt = zonedWallTimeToUtc(`${year + 1}-01-01`, '00:00').toISOString();
    }
    return strapi.documents(UID).findMany({
      locale,
      status: 'published',
      filters: { startsAt, eventStatus: { $ne: 'cancelled' } },
      sort: ['startsAt:desc'],
      limit,
      populate: PORTAL_POPULATE,
    });
  },

  /** Confirmed registrations per session document, in one grouped query. */
  async confirmedCounts(documentIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(documentIds.map((id) => [id, 0]));
    if (documentIds.length === 0) return counts;
    const relation = strapi.db.metadata.get('api::registration.registration').attributes.session as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    };
    const { name: link, joinColumn, inverseJoinColumn } = relation.joinTable;
    const rows = (await strapi.db
      .connection('registrations as r')
      .join(`${link} as l`, `l.${joinColumn.name}`, 'r.id')
      .join('sessions as s', 's.id', `l.${inverseJoinColumn.name}`)
      .where('r.registration_status', 'confirmed')
      .whereIn('s.document_id', [...documentIds])
      .groupBy('s.document_id')
      .select('s.document_id as documentId')
      .countDistinct('r.id as confirmed')) as { documentId: string; confirmed: number | string }[];
    for (const row of rows) counts.set(row.documentId, Number(row.confirmed));
    return counts;
  },

  /** Adds the derived portal fields to each session (one query for all their seat counts). */
  async withPortalFields<T extends SessionCore>(sessions: T[], now = new Date()): Promise<(T & PortalFields)[]> {
    const counts = await portalService(strapi).confirmedCounts(
      sessions.filter((s) => s.capacity !== null && s.capacity !== undefined).map((s) => s.documentId)
    );
    const publicUrl = strapi.config.get('server.url') as string;
    return sessions.map((s) => ({ ...s, ...portalFields(s, counts.get(s.documentId) ?? 0, publicUrl, now) }));
  },
});

export type SessionPortalService = ReturnType<typeof portalService>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => portalService(strapi));

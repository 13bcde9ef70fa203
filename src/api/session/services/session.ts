/**
 * The portal's sessions: the upcoming and past lists (constant SQL, portal-rows.ts) and the fields a
 * portal derives from a session.
 */
import { factories, type Core } from '@strapi/strapi';
import { service } from '../../../utils/services';
import { publicUrl } from '../../../utils/public-url';
import { sessionEnd, zonedWallTimeToUtc } from '../../../utils/time';
import type { Language } from '../../../utils/language';
import { portalRows, type ListQuery, type RowPopulate } from './portal-rows';

const UID = 'api::session.session';

const PUBLISHED = { publishedAt: { $notNull: true } };

/**
 * What a portal shows of a session, loaded with the sessions: each relation is loaded for all
 * sessions at once (portal-rows.ts, as the query engine's populate would), so the number of SQL
 * statements does not grow with the number of sessions. Relations point from published rows to
 * published rows; the filter says so again.
 */
export const PORTAL_POPULATE = {
  speakers: true,
  catalogResources: { select: ['id', 'documentId', 'name', 'code', 'catalogUrl', 'qualifiesForSupport'], where: PUBLISHED },
  materials: { where: PUBLISHED, orderBy: { id: 'asc' }, populate: { file: true } },
  recordings: { where: PUBLISHED, orderBy: { id: 'asc' }, populate: { file: true, chapters: true } },
} as const;

/** Which parts of PORTAL_POPULATE to load (all by default); GraphQL asks only for what the query selects. */
export type PortalParts = {
  speakers?: boolean;
  catalogResources?: boolean;
  materials?: boolean | { file?: boolean };
  recordings?: boolean | { file?: boolean; chapters?: boolean };
};

export const ALL_PORTAL_PARTS: PortalParts = {
  speakers: true,
  catalogResources: true,
  materials: { file: true },
  recordings: { file: true, chapters: true },
};

/**
 * The attributes to read of each relation loaded (every column where absent): GraphQL reads what its
 * query selects, which spares parsing and converting the columns nobody asked for.
 */
export type PortalColumns = Partial<
  Record<'speakers' | 'catalogResources' | 'materials' | 'materials.file' | 'recordings' | 'recordings.file' | 'recordings.chapters', readonly string[]>
>;

/** The relations to load for `parts`, as the portal rows take them (the same as PORTAL_POPULATE, restricted). */
const populateFor = (parts: PortalParts, columns: PortalColumns = {}): RowPopulate => {
  const populate: RowPopulate = {};
  if (parts.speakers === true) populate.speakers = { select: columns.speakers };
  if (parts.catalogResources === true) {
    populate.catalogResources = { select: columns.catalogResources ?? PORTAL_POPULATE.catalogResources.select, publishedOnly: true };
  }
  if (parts.materials !== undefined && parts.materials !== false) {
    const file = typeof parts.materials === 'object' && parts.materials.file === true;
    populate.materials = {
      select: columns.materials,
      publishedOnly: true,
      orderById: true,
      populate: file ? { file: { select: columns['materials.file'] } } : {},
    };
  }
  if (parts.recordings !== undefined && parts.recordings !== false) {
    const nested = typeof parts.recordings === 'object' ? parts.recordings : {};
    populate.recordings = {
      select: columns.recordings,
      publishedOnly: true,
      orderById: true,
      populate: {
        ...(nested.file === true ? { file: { select: columns['recordings.file'] } } : {}),
        ...(nested.chapters === true ? { chapters: { select: columns['recordings.chapters'] } } : {}),
      },
    };
  }
  return populate;
};

export type PortalListArgs = {
  limit: number;
  locale: Language;
  year?: number;
  now?: Date;
  parts?: PortalParts;
  /** Columns to read (all by default; the API's sanitizer then drops private ones). */
  select?: readonly string[];
  /** The relations' columns to read (all by default). */
  columns?: PortalColumns;
};

export type SessionCore = {
  documentId: string;
  startsAt?: string | Date | null;
  durationMinutes?: number | null;
  eventStatus?: string | null;
  registrationOpen?: boolean | null;
  capacity?: number | null;
};

/** A session row as the portal lists load it. */
export type PortalSession = SessionCore & Record<string, unknown>;

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
    endsAt: sessionEnd(session).toISOString(),
    isUpcoming,
    calendarUrl: `${publicUrl}/api/sessions/${session.documentId}/calendar.ics`,
    seatsLeft: session.capacity === null || session.capacity === undefined ? null : Math.max(0, session.capacity - confirmed),
    // Beyond capacity people still register, on the waiting list.
    registrationAvailable: isUpcoming && session.eventStatus === 'scheduled' && session.registrationOpen === true,
  };
};

/**
 * The portal lists read published rows in hand-written SQL (portal-rows.ts) rather than through the
 * Document Service or the query engine: the same rows and relations, without a transaction around
 * each read, with only the relations asked for, and without the query engine's cost of building
 * each statement. The GraphQL schema and the REST controller's sanitizer decide which fields go out.
 */
export type PortalListKind = 'upcoming' | 'past';

/**
 * A list's rows: upcoming ones are published sessions that have not started and are not cancelled,
 * soonest first; past ones have started (cancelled ones never took place), newest first.
 */
const listQuery = (kind: PortalListKind, { limit, locale, year, now = new Date(), parts = ALL_PORTAL_PARTS, select, columns }: PortalListArgs): ListQuery => {
  const bounds: Pick<ListQuery, 'direction' | 'after' | 'notAfter' | 'from' | 'before'> =
    kind === 'upcoming'
      ? { direction: 'asc', after: now }
      : {
          direction: 'desc',
          notAfter: now,
          ...(year === undefined ? {} : { from: zonedWallTimeToUtc(`${year}-01-01`, '00:00'), before: zonedWallTimeToUtc(`${year + 1}-01-01`, '00:00') }),
        };
  return { ...bounds, locale, limit, select, populate: populateFor(parts, columns) };
};

const portalService = (strapi: Core.Strapi) => {
  const rows = portalRows(strapi);
  const lists = async (requests: readonly { kind: PortalListKind; args: PortalListArgs }[]) =>
    (await rows.lists(requests.map(({ kind, args }) => listQuery(kind, args)))) as PortalSession[][];
  return {
    /** Several lists read together (one round trip on PostgreSQL): GraphQL's root fields of one request. */
    lists,

    async upcoming(args: PortalListArgs) {
      return (await lists([{ kind: 'upcoming', args }]))[0];
    },

    async past(args: PortalListArgs) {
      return (await lists([{ kind: 'past', args }]))[0];
    },

    /**
     * Adds the derived portal fields to each session. Seats left come from the kept counts (one
     * statement for all the sessions, `confirmedShown` in seats.ts), the figure the registration
     * service decides by: counting every registration of twelve past sessions was most of an
     * uncached list's time.
     */
    async withPortalFields<T extends SessionCore>(sessions: T[], now = new Date()): Promise<(T & PortalFields)[]> {
      const counts = await service(strapi, 'api::registration.seats').confirmedShown(
        sessions.filter((s) => s.capacity !== null && s.capacity !== undefined).map((s) => s.documentId),
      );
      return sessions.map((s) => ({
        ...s,
        ...portalFields(s, counts.get(s.documentId) ?? 0, publicUrl(strapi), now),
      }));
    },
  };
};

export type SessionPortalService = ReturnType<typeof portalService>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => portalService(strapi));

/**
 * Seat counts: `confirmedCounts()`, the one reader of how many registrations of each state (and
 * attendees) a session has, for the portal, the dashboard, the results and the editors; and the
 * kept count of confirmed registrations that the registration service reads under its lock.
 *
 * Confirmed registrations per session are kept in `registration_seat_counts` so that deciding
 * "confirmed or waitlisted" reads one row instead of counting the session's registrations, which
 * grows with every person on the waiting list. The registration service reads and bumps a count
 * under the session's row lock, in the registration's transaction. Any other write to
 * registrations (an editor in the admin, a cancellation, anonymisation, a test fixture) goes
 * through the query engine, whose lifecycles drop the counts of the sessions it touches; the next
 * registration recounts. A count is therefore never trusted beyond the writes the service made
 * itself. See "Seat counts" in docs/decisions.md.
 */
import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { dbNames } from '../../../utils/db-names';

const COUNTS = 'api::registration.seat-count';
const REGISTRATION = 'api::registration.registration';
const SESSION = 'api::session.session';

type CountRow = { id: number; sessionDocumentId: string; confirmed: number };
type LifecycleEvent = { action: string; result?: unknown };

/** A session's registrations by state; `attended` counts every registration marked attended, `confirmedAttended` the confirmed ones. */
export type SeatCounts = { confirmed: number; waitlisted: number; cancelled: number; attended: number; confirmedAttended: number };

const NONE: SeatCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, confirmedAttended: 0 };

const seats = (strapi: Core.Strapi) => {
  /**
   * Registrations per session document and state, in one grouped query. A registration links to
   * both versions (draft, published) of its session: each counts once.
   */
  const confirmedCounts = async (documentIds: readonly string[]): Promise<Map<string, SeatCounts>> => {
    const counts = new Map<string, SeatCounts>(documentIds.map((id) => [id, { ...NONE }]));
    if (documentIds.length === 0) return counts;
    const names = dbNames(strapi);
    const link = names.joinTable(REGISTRATION, 'session');
    const status = `r.${names.column(REGISTRATION, 'registrationStatus')}`;
    const present = `r.${names.column(REGISTRATION, 'attended')}`;
    const documentId = `s.${names.column(SESSION, 'documentId')}`;
    const knex = strapi.db.connection;
    const rows = await names.inCurrentTransaction<{ session: string; status: string; n: number | string; attended: number | string }[]>(
      knex
      .from(`${names.table(REGISTRATION)} as r`)
      .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 'r.id')
      .join(`${names.table(SESSION)} as s`, 's.id', `l.${link.inverseJoinColumn.name}`)
      .whereIn(documentId, [...new Set(documentIds)])
      .groupBy(documentId, status)
      .select({ session: documentId, status })
      .select(knex.raw('COUNT(DISTINCT r.id) AS n'))
      .select(knex.raw(`COUNT(DISTINCT CASE WHEN ${present} = ? THEN r.id END) AS attended`, [true]))
    );
    for (const row of rows) {
      const entry = counts.get(row.session) as SeatCounts;
      const n = Number(row.n);
      if (row.status === 'confirmed' || row.status === 'waitlisted' || row.status === 'cancelled') entry[row.status] += n;
      entry.attended += Number(row.attended);
      if (row.status === 'confirmed') entry.confirmedAttended += Number(row.attended);
    }
    return counts;
  };

  const recount = async (sessionDocumentId: string): Promise<number> => ((await confirmedCounts([sessionDocumentId])).get(sessionDocumentId) as SeatCounts).confirmed;

  /** Drops the counts of these sessions (all when none is given): they are recounted when next needed. */
  const forget = async (sessionDocumentIds?: string[]): Promise<void> => {
    const query = strapi.db.queryBuilder(COUNTS).delete();
    if (sessionDocumentIds !== undefined) query.where({ sessionDocumentId: { $in: sessionDocumentIds } });
    await query.execute();
  };

  return {
    confirmedCounts,
    forget,

    /** The confirmed count of a session; call it holding the session lock (recounted and stored when missing). */
    async confirmed(sessionDocumentId: string): Promise<number> {
      const [row] = (await strapi.db.queryBuilder(COUNTS).select(['confirmed']).where({ sessionDocumentId }).execute()) as CountRow[];
      if (row !== undefined) return row.confirmed;
      const confirmed = await recount(sessionDocumentId);
      const now = new Date();
      await strapi.db
        .queryBuilder(COUNTS)
        .insert({ documentId: createId(), sessionDocumentId, confirmed, createdAt: now, updatedAt: now, publishedAt: now })
        .execute();
      return confirmed;
    },

    /** `added` more confirmed registrations, after confirmed() in the same transaction. */
    async addConfirmed(sessionDocumentId: string, added: number): Promise<void> {
      await strapi.db.queryBuilder(COUNTS).increment('confirmed', added).where({ sessionDocumentId }).execute();
    },

    /** Every stored count against a recount of the registrations: for tests and operators. */
    async verify(): Promise<{ ok: boolean; differences: { session: string; stored: number; actual: number }[] }> {
      const rows = (await strapi.db.queryBuilder(COUNTS).select(['sessionDocumentId', 'confirmed']).execute()) as CountRow[];
      const recounted = await confirmedCounts(rows.map((row) => row.sessionDocumentId));
      const differences = [];
      for (const row of rows) {
        const actual = (recounted.get(row.sessionDocumentId) as SeatCounts).confirmed;
        if (actual !== row.confirmed) differences.push({ session: row.sessionDocumentId, stored: row.confirmed, actual });
      }
      return { ok: differences.length === 0, differences };
    },

    /**
     * Database lifecycles on registrations: a write through the query engine (anything but the
     * registration service's own inserts) drops the counts it may have changed, in its transaction.
     */
    watchOtherWrites(): void {
      const sessionsOf = async (event: LifecycleEvent): Promise<string[] | undefined> => {
        const id = (event.result as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'number' || !['afterCreate', 'afterUpdate'].includes(event.action)) return undefined;
        const row = (await strapi.db.query(REGISTRATION).findOne({
          select: ['id'],
          where: { id },
          populate: { session: { select: ['documentId'] } },
        })) as { session?: { documentId: string } | null } | null;
        return row?.session ? [row.session.documentId] : [];
      };
      const drop = async (event: LifecycleEvent) => {
        const sessions = await sessionsOf(event);
        if (sessions?.length === 0) return;
        await forget(sessions);
      };
      strapi.db.lifecycles.subscribe({
        models: [REGISTRATION],
        afterCreate: drop,
        afterCreateMany: drop,
        afterUpdate: drop,
        afterUpdateMany: drop,
        afterDelete: drop,
        afterDeleteMany: drop,
      });
    },
  };
};

export type SeatsService = ReturnType<typeof seats>;

export default ({ strapi }: { strapi: Core.Strapi }) => seats(strapi);

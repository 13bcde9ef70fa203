/**
 * Seat counts: `confirmedCounts()`, the one reader of how many registrations of each state (and
 * attendees) a session has, for the portal, the dashboard, the results and the editors; and the
 * kept counts that the registration service reads under its lock, and the survey results and the
 * portal's seats left read (`kept`, `confirmedShown`).
 *
 * Confirmed registrations per session, and those of them who attended, are kept in
 * `registration_seat_counts` so that deciding "confirmed or waitlisted" and the survey results'
 * response rates read one row instead of counting the session's registrations, which grows with
 * every person on the waiting list. The registration service reads and bumps a count under the
 * session's row lock, in the registration's transaction (new registrations are never marked
 * attended, so a batch leaves `confirmedAttended` as it is). Any other write to registrations (an
 * editor in the admin, a cancellation, an attendance import, anonymisation, a test fixture) goes
 * through the query engine, whose lifecycles drop the counts of the sessions it touches, having
 * taken those sessions' locks first when in a transaction; the next registration, or the next
 * results read (`kept`), recounts under the session's lock, so never before such a write commits. A
 * count is therefore never trusted beyond the writes the service made itself. See "Seat counts" in
 * docs/decisions.md.
 */
import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { dbNames } from '../../../utils/db-names';
import { rawRows } from '../../../utils/raw-rows';
import { lockEverySession, sessionRows } from '../rows';

const COUNTS = 'api::registration.seat-count';
const REGISTRATION = 'api::registration.registration';
const SESSION = 'api::session.session';

/** `confirmedAttended` is null on rows kept before it was (they are completed on their next read). */
type CountRow = { id: number; sessionDocumentId: string; confirmed: number; confirmedAttended: number | null };

/** What is kept per session: its confirmed registrations, and those of them who attended. */
export type KeptCounts = { confirmed: number; confirmedAttended: number };
type LifecycleEvent = { action: string; result?: unknown };

/** A kept row's counts, or null when there is none or it was kept before `confirmedAttended` was (the database may return numbers as strings). */
const complete = (confirmed: number | string | null | undefined, confirmedAttended: number | string | null | undefined): KeptCounts | null =>
  confirmed === null || confirmed === undefined || confirmedAttended === null || confirmedAttended === undefined
    ? null
    : { confirmed: Number(confirmed), confirmedAttended: Number(confirmedAttended) };

/** A session's registrations by state; `attended` counts every registration marked attended, `confirmedAttended` the confirmed ones. */
export type SeatCounts = { confirmed: number; waitlisted: number; cancelled: number; attended: number; confirmedAttended: number };

const NONE: SeatCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, confirmedAttended: 0 };

const seats = (strapi: Core.Strapi) => {
  /**
   * The kept counts' statement for the portal's seats left, up to its `IN` list: hand-written
   * (src/utils/raw-rows.ts), as every uncached portal list reads it; built at first use, once
   * Strapi's metadata exists.
   */
  let shown: { raw: ReturnType<typeof rawRows>; head: string } | undefined;
  const shownStatement = () => {
    if (shown !== undefined) return shown;
    const raw = rawRows(strapi);
    const names = dbNames(strapi);
    const session = raw.quote(names.column(COUNTS, 'sessionDocumentId'));
    const head =
      `SELECT ${session} AS ${raw.quote('session')}, ${raw.quote(names.column(COUNTS, 'confirmed'))} AS ${raw.quote('confirmed')}` +
      ` FROM ${raw.table(strapi.db.metadata.get(COUNTS).tableName)} WHERE ${session}`;
    return (shown = { raw, head });
  };
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

  /**
   * The kept counts of a session, stored from a recount when missing or incomplete; call it holding
   * the session lock, so that no registration batch adds to a count being written.
   */
  const keep = async (sessionDocumentId: string): Promise<KeptCounts> => {
    const [row] = (await strapi.db.queryBuilder(COUNTS).select(['id', 'confirmed', 'confirmedAttended']).where({ sessionDocumentId }).execute()) as CountRow[];
    const kept = complete(row?.confirmed, row?.confirmedAttended);
    if (kept !== null) return kept;
    const { confirmed, confirmedAttended } = (await confirmedCounts([sessionDocumentId])).get(sessionDocumentId) as SeatCounts;
    const now = new Date();
    if (row !== undefined) await strapi.db.queryBuilder(COUNTS).update({ confirmed, confirmedAttended, updatedAt: now }).where({ id: row.id }).execute();
    else {
      await strapi.db
        .queryBuilder(COUNTS)
        .insert({ documentId: createId(), sessionDocumentId, confirmed, confirmedAttended, createdAt: now, updatedAt: now, publishedAt: now })
        .execute();
    }
    return { confirmed, confirmedAttended };
  };

  /** Drops the counts of these sessions (all when none is given): they are recounted when next needed. */
  const forget = async (sessionDocumentIds?: string[]): Promise<void> => {
    const query = strapi.db.queryBuilder(COUNTS).delete();
    if (sessionDocumentIds !== undefined) query.where({ sessionDocumentId: { $in: sessionDocumentIds } });
    await query.execute();
  };

  /** The complete kept counts of these sessions, as stored: one statement. */
  const stored = async (sessionDocumentIds: readonly string[]): Promise<Map<string, KeptCounts>> => {
    const counts = new Map<string, KeptCounts>();
    if (sessionDocumentIds.length === 0) return counts;
    const rows = (await strapi.db
      .queryBuilder(COUNTS)
      .select(['sessionDocumentId', 'confirmed', 'confirmedAttended'])
      .where({ sessionDocumentId: { $in: [...new Set(sessionDocumentIds)] } })
      .execute()) as CountRow[];
    for (const row of rows) {
      const kept = complete(row.confirmed, row.confirmedAttended);
      if (kept !== null) counts.set(row.sessionDocumentId, kept);
    }
    return counts;
  };

  return {
    confirmedCounts,
    forget,

    /** The confirmed count of a session; call it holding the session lock (recounted and stored when missing). */
    async confirmed(sessionDocumentId: string): Promise<number> {
      const [row] = (await strapi.db.queryBuilder(COUNTS).select(['confirmed']).where({ sessionDocumentId }).execute()) as CountRow[];
      return row !== undefined ? row.confirmed : (await keep(sessionDocumentId)).confirmed;
    },

    /**
     * Joins the kept counts to a knex query of sessions whose documentId is `documentIdColumn`, as
     * `keptConfirmed` and `keptAttended` (null where none is kept, or an incomplete one): a reader
     * gets its sessions and their counts in one statement (`keptOf` reads them), then calls `kept` with those.
     */
    joinKept(query: Knex.QueryBuilder, documentIdColumn: string): Knex.QueryBuilder {
      const names = dbNames(strapi);
      const column = (attribute: string) => `kept.${names.column(COUNTS, attribute)}`;
      return query
        .leftJoin(`${names.table(COUNTS)} as kept`, column('sessionDocumentId'), documentIdColumn)
        .select({ keptConfirmed: column('confirmed'), keptAttended: column('confirmedAttended') });
    },

    /** The complete kept counts of a row read through `joinKept`, or null. */
    keptOf(row: { keptConfirmed?: number | string | null; keptAttended?: number | string | null }): KeptCounts | null {
      return complete(row.keptConfirmed, row.keptAttended);
    },

    /**
     * The kept counts of these sessions, for readers outside the registration path (the survey
     * results): those already read (`known`, through `joinKept`; else one statement), and each missing one
     * recounted and stored in a transaction of its own under its session's lock, as a registration
     * batch would, one session at a time (a reader holds one session's lock at a time, so two
     * readers never deadlock).
     */
    async kept(sessionDocumentIds: readonly string[], known?: Map<string, KeptCounts>): Promise<Map<string, KeptCounts>> {
      const counts = new Map<string, KeptCounts>(known ?? (await stored(sessionDocumentIds)));
      for (const id of [...new Set(sessionDocumentIds)].filter((candidate) => !counts.has(candidate)).sort()) {
        counts.set(
          id,
          await strapi.db.transaction(async () => {
            await sessionRows(strapi, id, { lock: true });
            return keep(id);
          })
        );
      }
      return counts;
    },

    /**
     * Confirmed registrations of these sessions as a portal shows them (seats left): the kept
     * counts, and one grouped recount of the sessions that have none, which is not stored (a portal
     * read writes nothing). Two statements at most, whatever the number of sessions.
     */
    async confirmedShown(sessionDocumentIds: readonly string[]): Promise<Map<string, number>> {
      const unique = [...new Set(sessionDocumentIds)];
      const counts = new Map<string, number>();
      if (unique.length === 0) return counts;
      const { raw, head } = shownStatement();
      const ids = raw.within(unique);
      const rows = await raw.rows(`${head} ${ids.sql}`, ids.bindings);
      for (const row of rows) counts.set(String(row.session), Number(row.confirmed));
      const missing = unique.filter((id) => !counts.has(id));
      if (missing.length > 0) for (const [id, recounted] of await confirmedCounts(missing)) counts.set(id, recounted.confirmed);
      return counts;
    },

    /** `added` more confirmed registrations, after confirmed() in the same transaction. */
    async addConfirmed(sessionDocumentId: string, added: number): Promise<void> {
      await strapi.db.queryBuilder(COUNTS).increment('confirmed', added).where({ sessionDocumentId }).execute();
    },

    /** Every stored count against a recount of the registrations: for tests and operators. */
    async verify(): Promise<{ ok: boolean; differences: { session: string; stored: number; actual: number }[] }> {
      const rows = (await strapi.db.queryBuilder(COUNTS).select(['sessionDocumentId', 'confirmed', 'confirmedAttended']).execute()) as CountRow[];
      const recounted = await confirmedCounts(rows.map((row) => row.sessionDocumentId));
      const differences = [];
      for (const row of rows) {
        const actual = recounted.get(row.sessionDocumentId) as SeatCounts;
        if (actual.confirmed !== row.confirmed) differences.push({ session: row.sessionDocumentId, stored: row.confirmed, actual: actual.confirmed });
        if (row.confirmedAttended !== null && actual.confirmedAttended !== row.confirmedAttended) {
          differences.push({ session: `${row.sessionDocumentId} (attended)`, stored: row.confirmedAttended, actual: actual.confirmedAttended });
        }
      }
      return { ok: differences.length === 0, differences };
    },

    /**
     * Database lifecycles on registrations: a write through the query engine (anything but the
     * registration service's own inserts) drops the counts it may have changed, in its transaction.
     * In a transaction it first takes the lock of each session it changes, as a recount does (`kept`):
     * otherwise a recount in another transaction could count the registrations as they were before
     * this write, and store that figure after this write dropped the old one.
     */
    watchOtherWrites(): void {
      const lockSessions = async (event: LifecycleEvent & { params?: { where?: unknown; data?: unknown } }): Promise<void> => {
        if (!strapi.db.inTransaction() || strapi.db.dialect.client === 'sqlite') return;
        const { where, data } = event.params ?? {};
        // A new registration, or one moved: its session is in the data, in any of the forms Strapi takes, so every session is locked.
        if (event.action.startsWith('beforeCreate') || (typeof data === 'object' && data !== null && 'session' in data)) return lockEverySession(strapi);
        const rows = (await strapi.db.query(REGISTRATION).findMany({
          select: ['id'],
          where: where as Record<string, unknown>,
          populate: { session: { select: ['documentId'] } },
        })) as { session?: { documentId: string } | null }[];
        const sessions = new Set(rows.flatMap((row) => (row.session ? [row.session.documentId] : [])));
        for (const documentId of [...sessions].sort()) await sessionRows(strapi, documentId, { lock: true });
      };
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
        beforeCreate: lockSessions,
        beforeCreateMany: lockSessions,
        beforeUpdate: lockSessions,
        beforeUpdateMany: lockSessions,
        beforeDelete: lockSessions,
        beforeDeleteMany: lockSessions,
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

/**
 * Changes to a published session that its registrants are told of: a new start or duration, the
 * session postponed, cancelled or back on schedule, the meeting link added or changed. What people
 * were last told is stored per session (`session_notices`), with the pending change and when it is
 * due, so the decision survives restarts and is shared by every app process. Saves within the
 * quiet period (`notices.quietMinutes`) make one message with the net change; a change undone
 * before it is due sends nothing. The scheduled task sends what is due (src/cron/tasks.ts), under
 * the notice's row lock, once per change and person (the outbox's dedupe key as a second guard).
 * After the session, the first published recording or material tells its registrants once
 * (`announceRecording`). The messages themselves are composed in
 * src/api/registration/services/notifications.ts.
 */
import type { Core } from '@strapi/strapi';
import type { PendingNotice, SessionChange, ToldState } from '../../../admin-api/types';
import { invalidateAfterCommit } from '../../../cache/invalidation';
import { publishedIn, sessionRows, type RegistrationRow, type SessionRow } from '../../registration/rows';
import { formatWhen } from '../../registration/services/notifications';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import { linkToken, hashToken } from '../../../utils/tokens';

const NOTICE = 'api::session.session-notice';
const REGISTRATION = 'api::registration.registration';

export type { PendingNotice, SessionChange, ToldState };

type NoticeRow = {
  id: number;
  sessionDocumentId: string;
  told: ToldState | string | null;
  sequence: number;
  pendingSince: string | Date | null;
  dueAt: string | Date | null;
  held: boolean | number;
  recordingToldAt: string | Date | null;
};

export const stateOf = (session: SessionRow): ToldState => ({
  startsAt: new Date(session.startsAt).toISOString(),
  durationMinutes: session.durationMinutes,
  eventStatus: session.eventStatus,
  meetingUrl: session.meetingUrl ?? null,
});

/** The net change from what people were told to the session now; empty when nothing that matters differs. */
export const changeBetween = (told: ToldState, now: ToldState): SessionChange => {
  const change: SessionChange = {};
  if (now.eventStatus === 'cancelled') {
    if (told.eventStatus !== 'cancelled') change.cancelled = true;
    return change;
  }
  if (now.eventStatus === 'postponed') {
    if (told.eventStatus !== 'postponed') change.postponed = true;
    return change;
  }
  if (now.eventStatus === 'held') return change;
  if (told.eventStatus === 'cancelled' || told.eventStatus === 'postponed') change.reinstated = true;
  if (told.startsAt !== now.startsAt || told.durationMinutes !== now.durationMinutes) change.rescheduled = { from: told, to: now };
  if (now.meetingUrl !== null && now.meetingUrl !== told.meetingUrl) change.linkChanged = true;
  return change;
};

export const isEmpty = (change: SessionChange): boolean => Object.keys(change).length === 0;

/** Whether waitlisted people hear of a change: reschedules, postponements and cancellations, never the link. */
const concernsWaitlist = (change: SessionChange) =>
  change.rescheduled !== undefined || change.cancelled === true || change.postponed === true || change.reinstated === true;

const parseTold = (told: NoticeRow['told']): ToldState | null => (typeof told === 'string' ? (JSON.parse(told) as ToldState) : told);

const changes = ({ strapi }: { strapi: Core.Strapi }) => {
  const quietMs = () => Number(strapi.config.get('notices.quietMinutes', 10)) * 60000;
  const sqlite = () => strapi.db.dialect.client === 'sqlite';

  const noticeOf = async (sessionDocumentId: string, { lock }: { lock: boolean }): Promise<NoticeRow | null> => {
    const query = strapi.db.queryBuilder(NOTICE).select('*').where({ sessionDocumentId });
    if (lock && !sqlite()) query.forUpdate();
    const [row] = (await query.execute()) as NoticeRow[];
    return row ?? null;
  };

  const currentOf = async (sessionDocumentId: string) => {
    const rows = await sessionRows(strapi, sessionDocumentId, { lock: false });
    const session = publishedIn(rows, 'ca');
    return { rows, session, state: session === null ? null : stateOf(session) };
  };

  const registrationsOf = async (sessionDocumentId: string, statuses: string[]) =>
    (await strapi.db.query(REGISTRATION).findMany({
      select: ['id', 'documentId', 'fullName', 'email', 'language', 'registrationStatus'],
      where: { session: { documentId: sessionDocumentId }, registrationStatus: { $in: statuses }, anonymizedAt: { $null: true }, updatesStoppedAt: { $null: true } },
      orderBy: [{ id: 'asc' }],
    })) as RegistrationRow[];

  const statusesFor = (change: SessionChange) => (concernsWaitlist(change) ? ['confirmed', 'waitlisted'] : ['confirmed']);

  /** Writes the messages of the due change of one session, under its notice's lock; returns how many. */
  const deliver = async (sessionDocumentId: string, now: Date): Promise<number> =>
    strapi.db.transaction(async () => {
      const notice = await noticeOf(sessionDocumentId, { lock: true });
      if (notice === null || notice.dueAt === null || Boolean(notice.held) || new Date(notice.dueAt).getTime() > now.getTime()) return 0;
      const told = parseTold(notice.told);
      const { rows, state } = await currentOf(sessionDocumentId);
      const change = told === null || state === null ? {} : changeBetween(told, state);
      if (isEmpty(change) || state === null) {
        await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { pendingSince: null, dueAt: null } });
        return 0;
      }
      const sequence = notice.sequence + 1;
      const kind = change.cancelled === true ? 'session-cancelled' : 'session-changed';
      const notifications = service(strapi, 'api::registration.notifications');
      let written = 0;
      for (const registration of await registrationsOf(sessionDocumentId, statusesFor(change))) {
        const language = registration.language;
        const extra: Record<string, string | undefined> = {
          rescheduled: change.rescheduled ? 'yes' : undefined,
          postponed: change.postponed ? 'yes' : undefined,
          reinstated: change.reinstated ? 'yes' : undefined,
          // The link goes to confirmed people only (notifications.ts leaves it out for the others).
          linkChanged: change.linkChanged && registration.registrationStatus === 'confirmed' ? 'yes' : undefined,
        };
        if (change.rescheduled) {
          const before = formatWhen(change.rescheduled.from, language);
          extra.oldDate = before.date;
          extra.oldTime = before.time;
        }
        const email = notifications.emailAbout(kind, registration, rows, `change:${sessionDocumentId}:${sequence}:${registration.documentId}`, extra, {
          sequence,
          method: change.cancelled === true ? 'CANCEL' : 'REQUEST',
        });
        if (email !== null && (await service(strapi, 'api::outbox-message.outbox-message').enqueue(email))) written += 1;
      }
      await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { told: state, sequence, pendingSince: null, dueAt: null } });
      // The public calendar feed carries the new SEQUENCE.
      await invalidateAfterCommit(strapi);
      return written;
    });

  return {
    /**
     * Called after every write to a session (src/document-middlewares/watch-session-changes.ts):
     * `before` is the published state before the write (null when it was not published). The
     * first publication records what people are told; later writes start, extend or clear the
     * pending change. A raised capacity fills seats from the waiting list at once.
     */
    async observe(sessionDocumentId: string, before: { state: ToldState; capacity: number | null } | null, now = new Date()): Promise<void> {
      const { session, state } = await currentOf(sessionDocumentId);
      if (session === null || state === null) return;
      const notice = await noticeOf(sessionDocumentId, { lock: true });
      if (notice === null) {
        const told = before?.state ?? state;
        const pending = !isEmpty(changeBetween(told, state));
        await strapi.db.query(NOTICE).create({
          data: { sessionDocumentId, told, sequence: 0, held: false, pendingSince: pending ? now : null, dueAt: pending ? new Date(now.getTime() + quietMs()) : null },
        });
        // Published for the first time (no notice yet, and not published before this write): the
        // alert subscribers hear of it, when it is still to come. The notice row records that it was done.
        const upcoming = new Date(state.startsAt).getTime() > now.getTime() && state.eventStatus === 'scheduled';
        if (before === null && upcoming) await service(strapi, 'api::alert-subscription.alerts').alertNewSession(sessionDocumentId);
      } else {
        const told = parseTold(notice.told) ?? state;
        const pending = !isEmpty(changeBetween(told, state));
        if (!pending && notice.pendingSince !== null) {
          await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { pendingSince: null, dueAt: null, held: false } });
        } else if (pending && notice.pendingSince === null) {
          await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { pendingSince: now, dueAt: new Date(now.getTime() + quietMs()) } });
        }
      }
      const raised = before !== null && before.capacity !== null && (session.capacity === null || session.capacity > before.capacity);
      if (raised) await service(strapi, 'api::registration.registration').fillSeats(sessionDocumentId);
    },

    /** The published state that `observe` compares against (null when the session is not published). */
    async snapshot(sessionDocumentId: string): Promise<{ state: ToldState; capacity: number | null } | null> {
      const { session, state } = await currentOf(sessionDocumentId);
      return session === null || state === null ? null : { state, capacity: session.capacity };
    },

    /** Sends every change whose quiet period is over and that no editor holds; returns the messages written. */
    async sendDue(now = new Date()): Promise<number> {
      const due = (await strapi.db.query(NOTICE).findMany({
        select: ['sessionDocumentId'],
        where: { dueAt: { $notNull: true, $lte: now }, held: false },
      })) as { sessionDocumentId: string }[];
      let written = 0;
      for (const { sessionDocumentId } of due) written += await deliver(sessionDocumentId, now);
      return written;
    },

    /** What will be sent about a session, when, and to how many people; null when nothing is pending. */
    async pending(sessionDocumentId: string): Promise<PendingNotice | null> {
      const notice = await noticeOf(sessionDocumentId, { lock: false });
      if (notice === null || notice.pendingSince === null) return null;
      const told = parseTold(notice.told);
      const { state } = await currentOf(sessionDocumentId);
      if (told === null || state === null) return null;
      const change = changeBetween(told, state);
      if (isEmpty(change)) return null;
      const counts = (await service(strapi, 'api::registration.seats').confirmedCounts([sessionDocumentId])).get(sessionDocumentId);
      return {
        change,
        dueAt: notice.dueAt === null ? null : new Date(notice.dueAt).toISOString(),
        held: Boolean(notice.held),
        recipients: { confirmed: counts?.confirmed ?? 0, waitlisted: concernsWaitlist(change) ? counts?.waitlisted ?? 0 : 0 },
      };
    },

    /** An editor sends the pending change now (returns the messages written). */
    async sendNow(sessionDocumentId: string, now = new Date()): Promise<number> {
      const notice = await noticeOf(sessionDocumentId, { lock: false });
      if (notice === null || notice.pendingSince === null) return 0;
      await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { held: false, dueAt: now } });
      return deliver(sessionDocumentId, now);
    },

    /**
     * Once per session, when a recording or material is published after it started: its confirmed
     * registrants (only those who attended, once attendance is taken, as for the survey) are told
     * that the recording and materials are on the session page, with their survey link when they
     * were invited and have not answered. Returns the messages written.
     */
    async announceRecording(sessionDocumentId: string, now = new Date()): Promise<number> {
      return strapi.db.transaction(async () => {
        const { rows, session, state } = await currentOf(sessionDocumentId);
        if (session === null || state === null || session.eventStatus === 'cancelled' || new Date(session.startsAt).getTime() > now.getTime()) return 0;
        let notice = await noticeOf(sessionDocumentId, { lock: true });
        if (notice === null) {
          await strapi.db.query(NOTICE).create({ data: { sessionDocumentId, told: state, sequence: 0, held: false } });
          notice = (await noticeOf(sessionDocumentId, { lock: true })) as NoticeRow;
        }
        if (notice.recordingToldAt !== null) return 0;
        await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { recordingToldAt: now } });
        const people = (await strapi.db.query(REGISTRATION).findMany({
          select: ['id', 'documentId', 'fullName', 'email', 'language', 'registrationStatus', 'attended', 'feedbackTokenHash'],
          where: { session: { documentId: sessionDocumentId }, registrationStatus: 'confirmed', anonymizedAt: { $null: true }, updatesStoppedAt: { $null: true } },
          orderBy: [{ id: 'asc' }],
        })) as (RegistrationRow & { feedbackTokenHash: string | null })[];
        const answered = new Set(
          (
            (await strapi.db.query('api::feedback-response.feedback-response').findMany({
              select: ['id'],
              where: { registration: { id: { $in: people.map((person) => person.id) } } },
              populate: { registration: { select: ['id'] } },
            })) as { registration?: { id: number } | null }[]
          ).map((response) => response.registration?.id)
        );
        const attendanceTaken = people.some((person) => person.attended === true);
        const notifications = service(strapi, 'api::registration.notifications');
        let written = 0;
        for (const person of people) {
          if (attendanceTaken && person.attended !== true) continue;
          const token = linkToken(strapi, 'feedback', person.documentId);
          const unanswered = person.feedbackTokenHash === hashToken(token) && !answered.has(person.id);
          const email = notifications.emailAbout('recording-available', person, rows, `recording:${sessionDocumentId}:${person.documentId}`, {
            feedbackUrl: unanswered ? `${publicUrl(strapi)}/feedback/?token=${token}` : undefined,
          });
          if (email !== null && (await service(strapi, 'api::outbox-message.outbox-message').enqueue(email))) written += 1;
        }
        return written;
      });
    },

    /** An editor holds the pending change (nothing is sent until released) or releases it. */
    async hold(sessionDocumentId: string, held: boolean): Promise<boolean> {
      const notice = await noticeOf(sessionDocumentId, { lock: false });
      if (notice === null || notice.pendingSince === null) return false;
      await strapi.db.query(NOTICE).update({ where: { id: notice.id }, data: { held } });
      return true;
    },
  };
};

export type SessionChangesService = ReturnType<typeof changes>;

export default changes;

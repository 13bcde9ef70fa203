/**
 * Registering and cancelling: a person confirmed while seats are left, waitlisted beyond, written in
 * groups per session under the session's row lock (src/utils/group-commit.ts) with their emails;
 * a cancellation that frees a seat promotes the first person waiting, a raised capacity as many as fit. The form is checked in
 * controllers/validation/registration.ts, the messages composed in notifications.ts, the scheduled
 * jobs are jobs.ts, the editors' counts and export editors.ts.
 */
import { createId } from '@paralleldrive/cuid2';
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { invalidateAfterCommit } from '../../../cache/invalidation';
import { t } from '../../../messages';
import { dbNames } from '../../../utils/db-names';
import { isDocumentId, shownId } from '../../../utils/document-id';
import { groupCommit } from '../../../utils/group-commit';
import { ConflictError } from '../../../utils/http-errors';
import { insertRows } from '../../../utils/insert-row';
import type { Language } from '../../../utils/language';
import { service } from '../../../utils/services';
import { hashToken as hash, linkToken, looksLikeToken } from '../../../utils/tokens';
import type { RegistrationInput } from '../controllers/validation/registration';
import { publishedIn, sessionRows, type RegistrationRow, type RegistrationStatus, type SessionRow } from '../rows';

const UID = 'api::registration.registration';

export type RegistrationResult = { status: RegistrationStatus; created: boolean };

type Intake = { input: RegistrationInput; localEntity: number | undefined; now: Date };

/** Why a session takes no registration now, in `language`; undefined when it does. */
const refusal = (session: SessionRow | null, sessionDocumentId: string, language: Language, now: Date): Error | undefined => {
  if (session === null) return new errors.NotFoundError(t(language, 'session.notPublished', { id: shownId(sessionDocumentId) }));
  if (session.eventStatus === 'cancelled') return new ConflictError(t(language, 'session.cancelled'), { code: 'SESSION_CANCELLED' });
  if (new Date(session.startsAt).getTime() <= now.getTime()) return new ConflictError(t(language, 'session.started'), { code: 'SESSION_STARTED' });
  if (session.eventStatus !== 'scheduled' || !session.registrationOpen) {
    return new ConflictError(t(language, 'session.registrationClosed'), { code: 'REGISTRATION_CLOSED' });
  }
  return undefined;
};

const registrations = (strapi: Core.Strapi) => {
  const seats = () => service(strapi, 'api::registration.seats');
  const notifications = () => service(strapi, 'api::registration.notifications');

  /**
   * A registration's private link tokens: HMACs of its id, so they can be recomputed for every
   * email. `registration` is the cancel link's; `feedback` the survey link's.
   */
  const tokenFor = (documentId: string, purpose: 'registration' | 'feedback' = 'registration') => linkToken(strapi, purpose, documentId);

  /** Links new registrations to the session's Catalan draft and published rows (as the Document Service does, so republishing keeps them) and to their entities. */
  const link = async (created: { registration: RegistrationRow; localEntity: number | undefined }[], rows: SessionRow[]) => {
    const names = dbNames(strapi);
    const toSession = names.joinTable(UID, 'session');
    const toEntity = names.joinTable(UID, 'localEntity');
    const sessionIds = rows.filter((row) => row.locale === 'ca').map((row) => row.id);
    await strapi.db.transaction(async ({ trx }) => {
      await strapi.db
        .connection(toSession.name)
        .transacting(trx)
        .insert(
          created.flatMap(({ registration }) =>
            sessionIds.map((sessionId) => ({ [toSession.joinColumn.name]: registration.id, [toSession.inverseJoinColumn.name]: sessionId }))
          )
        );
      const withEntity = created.filter(({ localEntity }) => localEntity !== undefined);
      if (withEntity.length > 0) {
        await strapi.db
          .connection(toEntity.name)
          .transacting(trx)
          .insert(withEntity.map(({ registration, localEntity }) => ({ [toEntity.joinColumn.name]: registration.id, [toEntity.inverseJoinColumn.name]: localEntity })));
      }
    });
  };

  /**
   * Registers a batch of people for one session in one transaction, under the session's row lock:
   * the session's state, the emails already registered and the seat count read once; each person
   * then confirmed while seats are left, waitlisted beyond, in arrival order; the registrations,
   * their session links, the seat count and the emails written in one statement each. An address
   * already registered is answered as a newcomer would be and told by email. One result (or
   * refusal) per person, in order.
   */
  const registerBatch = async (sessionDocumentId: string, items: Intake[]): Promise<(RegistrationResult | Error)[]> =>
    strapi.db.transaction(async (): Promise<(RegistrationResult | Error)[]> => {
      const rows = await sessionRows(strapi, sessionDocumentId, { lock: true });
      const session = publishedIn(rows, 'ca');
      const results: (RegistrationResult | Error | undefined)[] = items.map(({ input, now }) => refusal(session, sessionDocumentId, input.language, now));
      if (session === null || results.every((result) => result !== undefined)) return results as Error[];

      const emails = [...new Set(items.map(({ input }) => input.email))];
      const known = new Map(
        (
          (await strapi.db.query(UID).findMany({
            select: ['id', 'documentId', 'fullName', 'email', 'language', 'registrationStatus'],
            where: { session: { documentId: sessionDocumentId }, email: { $in: emails }, registrationStatus: { $ne: 'cancelled' } },
          })) as RegistrationRow[]
        ).map((row) => [row.email, row])
      );
      const alreadyRegistered = new Set<RegistrationRow>();
      const anyNew = items.some(({ input }, index) => results[index] === undefined && !known.has(input.email));
      const confirmedBefore = anyNew ? await seats().confirmed(sessionDocumentId) : 0;
      let confirmed = confirmedBefore;
      const created: { registration: RegistrationRow & Record<string, unknown>; localEntity: number | undefined }[] = [];
      items.forEach(({ input, localEntity, now }, index) => {
        if (results[index] !== undefined) return;
        const status: RegistrationStatus = session.capacity === null || confirmed < session.capacity ? 'confirmed' : 'waitlisted';
        const previous = known.get(input.email);
        if (previous !== undefined) {
          // Answered as a first registration would be, so that nobody learns whether an address is
          // registered; the person is told by email, with their own state and link.
          alreadyRegistered.add(previous);
          results[index] = { status, created: false };
          return;
        }
        if (status === 'confirmed') confirmed += 1;
        const documentId = createId();
        const registration = {
          id: 0,
          documentId,
          fullName: input.fullName,
          email: input.email,
          localEntityName: input.localEntityName ?? null,
          jobTitle: input.jobTitle ?? null,
          registrationStatus: status,
          attended: false,
          language: input.language,
          consentVersion: input.consentVersion,
          consentedAt: now,
          tokenHash: hash(tokenFor(documentId)),
        };
        created.push({ localEntity, registration });
        known.set(input.email, registration);
        results[index] = { status, created: true };
      });
      const hour = new Date().toISOString().slice(0, 13);
      for (const registration of alreadyRegistered) {
        // At most one such message per registration and hour, however often the form is sent.
        await notifications().notify('already-registered', registration, rows, `already:${registration.documentId}:${hour}`, {
          waitlisted: registration.registrationStatus === 'waitlisted' ? 'yes' : undefined,
        });
      }
      if (created.length === 0) return results as (RegistrationResult | Error)[];

      await insertRows(strapi, UID, created.map(({ registration: { id: _id, ...row } }) => row));
      const ids = new Map(
        (
          (await strapi.db
            .queryBuilder(UID)
            .select(['id', 'documentId'])
            .where({ documentId: { $in: created.map(({ registration }) => registration.documentId) } })
            .execute()) as { id: number; documentId: string }[]
        ).map((row) => [row.documentId, row.id])
      );
      for (const { registration } of created) registration.id = ids.get(registration.documentId) as number;
      await link(created, rows);
      if (confirmed > confirmedBefore) await seats().addConfirmed(sessionDocumentId, confirmed - confirmedBefore);
      await notifications().notifyMany(
        created.map(({ registration }) =>
          notifications().emailAbout(registration.registrationStatus === 'confirmed' ? 'confirmation' : 'waitlisted', registration, rows)
        )
      );
      // Seats left changed: the portal's cached answers go once this commits.
      await invalidateAfterCommit(strapi);
      return results as (RegistrationResult | Error)[];
    });

  const registerInGroups = groupCommit(registerBatch);

  /** Confirms up to `seats` people of the waiting list, first registered first, each emailed; call it holding the session lock. */
  const promote = async (sessionDocumentId: string, rows: SessionRow[], seatsFree: number): Promise<number> => {
    const next = (await strapi.db.query(UID).findMany({
      where: { session: { documentId: sessionDocumentId }, registrationStatus: 'waitlisted' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      limit: Math.min(seatsFree, 10000),
    })) as RegistrationRow[];
    if (next.length === 0) return 0;
    await strapi.db.query(UID).updateMany({ where: { id: { $in: next.map((r) => r.id) } }, data: { registrationStatus: 'confirmed' } });
    for (const registration of next) await notifications().notify('promoted', { ...registration, registrationStatus: 'confirmed' }, rows);
    await invalidateAfterCommit(strapi);
    return next.length;
  };

  return {
    tokenFor,

    /**
     * Registers someone for a published, upcoming, open session: confirmed while confirmed
     * registrations are below capacity, waitlisted beyond. The same email twice creates nothing and
     * answers as a first registration would; that person is emailed. The confirmation or waitlist
     * email is written to the outbox in the same transaction.
     */
    async register(sessionDocumentId: string, input: RegistrationInput, now = new Date()): Promise<RegistrationResult> {
      if (!isDocumentId(sessionDocumentId)) throw refusal(null, sessionDocumentId, input.language, now) as Error;
      const localEntity =
        input.localEntityIne === undefined
          ? undefined
          : (await service(strapi, 'api::local-entity.local-entity').byIneCode(input.localEntityIne, input.language, 'localEntity')).id;
      // Concurrent registrations for the same session are written together (groupCommit).
      return registerInGroups(sessionDocumentId, { input, localEntity, now });
    },

    /**
     * Cancels the registration of a private link. A seat freed by a confirmed registration goes to
     * the first person on the waiting list, who is emailed. Cancelling twice changes nothing.
     */
    async cancel(token: string, language: Language): Promise<{ status: RegistrationStatus; session: string }> {
      const unknown = new errors.NotFoundError(t(language, 'registration.unknownCancelLink'));
      if (!looksLikeToken(token)) throw unknown;
      const found = (await strapi.db.query(UID).findOne({
        where: { tokenHash: hash(token) },
        populate: { session: { select: ['documentId'] } },
      })) as RegistrationRow | null;
      const sessionDocumentId = found?.session?.documentId;
      if (found === null || sessionDocumentId === undefined) throw unknown;

      return strapi.db.transaction(async () => {
        const rows = await sessionRows(strapi, sessionDocumentId, { lock: true });
        const current = (await strapi.db.query(UID).findOne({ where: { id: found.id } })) as RegistrationRow;
        if (current.registrationStatus === 'cancelled') return { status: 'cancelled' as const, session: sessionDocumentId };
        // The survey link goes with the seat: a cancelled registration cannot answer.
        await strapi.db.query(UID).update({ where: { id: current.id }, data: { registrationStatus: 'cancelled', cancelledAt: new Date(), feedbackTokenHash: null } });
        await notifications().notify('cancellation', current, rows);
        if (current.registrationStatus === 'confirmed') await promote(sessionDocumentId, rows, 1);
        return { status: 'cancelled' as const, session: sessionDocumentId };
      });
    },

    /**
     * After an editor raised a published session's capacity (or made it unlimited): the people
     * waiting take the new seats, in the order they registered, each emailed with the link, in one
     * transaction under the session's lock. Lowering it removes nobody. Returns how many moved.
     */
    async fillSeats(sessionDocumentId: string): Promise<number> {
      return strapi.db.transaction(async () => {
        const rows = await sessionRows(strapi, sessionDocumentId, { lock: true });
        const session = publishedIn(rows, 'ca');
        if (session === null || session.eventStatus !== 'scheduled') return 0;
        const counts = (await seats().confirmedCounts([sessionDocumentId])).get(sessionDocumentId);
        const free = session.capacity === null ? Number.MAX_SAFE_INTEGER : session.capacity - (counts?.confirmed ?? 0);
        return free > 0 ? promote(sessionDocumentId, rows, free) : 0;
      });
    },
  };
};

export type RegistrationService = ReturnType<typeof registrations>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => registrations(strapi));

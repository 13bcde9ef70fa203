import { createId } from '@paralleldrive/cuid2';
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EmailKind } from '../../../email/templates';
import { bodyObject, commonFields, emailField, FormErrors, textField, unknownFields } from '../../../utils/form';
import { ConflictError } from '../../../utils/http-errors';
import { isLanguage, type Language } from '../../../utils/language';
import { ineCodeProblem } from '../../../utils/ine';
import { PROGRAMME_TIME_ZONE } from '../../../utils/time';
import { hashToken as hash, linkToken, looksLikeToken } from '../../../utils/tokens';
import type { OutboxInput, OutboxService } from '../../outbox-message/services/outbox-message';
import { invalidateAfterCommit } from '../../../cache/invalidation';
import { renderEmail } from '../../../email/templates';
import { sessionPageUrl } from '../../../site/urls';
import { groupCommit } from '../../../utils/group-commit';
import { insertRows } from '../../../utils/insert-row';
import type { SeatsService } from './seats';

const UID = 'api::registration.registration';
const SESSION = 'api::session.session';

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export type RegistrationInput = {
  fullName: string;
  email: string;
  localEntityIne?: string;
  localEntityName?: string;
  jobTitle?: string;
  consentVersion: string;
  language: Language;
};

export type RegistrationResult = { status: RegistrationStatus; created: boolean };

const FIELDS = ['fullName', 'email', 'localEntity', 'jobTitle', 'consent', 'consentVersion', 'language', 'website'] as const;

type SessionRow = {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: string | Date | null;
  title: string;
  startsAt: string;
  durationMinutes: number | null;
  eventStatus: string;
  registrationOpen: boolean;
  capacity: number | null;
  meetingUrl: string | null;
  coOrganizer: string | null;
  slug: string | null;
  updatedAt: string;
};

type RegistrationRow = {
  id: number;
  documentId: string;
  fullName: string;
  email: string;
  registrationStatus: RegistrationStatus;
  language: Language;
  session?: { documentId: string } | null;
};

/** Checks and normalises a registration form; all problems at once, in `language`. */
export const parseRegistration = (body: unknown, language: Language, defaultConsentVersion: string): RegistrationInput => {
  const input = bodyObject(body, language);
  const form = new FormErrors(language);
  unknownFields(form, input, FIELDS);
  commonFields(form, input, {
    ca: 'Cal acceptar el tractament de les dades personals per inscriure-us.',
    es: 'Hay que aceptar el tratamiento de los datos personales para inscribirse.',
  });
  const fullName = textField(form, input, 'fullName', { ca: 'el nom i cognoms', es: 'el nombre y apellidos' }, { required: true, min: 2, max: 150 });
  const email = emailField(form, input);
  const entity = textField(form, input, 'localEntity', { ca: "l'ens local", es: 'el ente local' }, { required: true, min: 2, max: 200 });
  let localEntityIne: string | undefined;
  let localEntityName: string | undefined;
  if (entity !== undefined && /^\d+$/.test(entity)) {
    if (ineCodeProblem(entity) !== undefined) {
      form.add('localEntity', {
        ca: `El codi INE ${entity} no és vàlid: ha de tenir sis xifres, l'última de control.`,
        es: `El código INE ${entity} no es válido: debe tener seis cifras, la última de control.`,
      });
    } else {
      localEntityIne = entity;
    }
  } else {
    localEntityName = entity;
  }
  const jobTitle = textField(form, input, 'jobTitle', { ca: 'el càrrec', es: 'el cargo' }, { required: false, max: 150 });
  const consentVersion =
    textField(form, input, 'consentVersion', { ca: 'la versió del text de privacitat', es: 'la versión del texto de privacidad' }, { required: false, max: 50 }) ??
    defaultConsentVersion;
  form.throwIfAny();
  return {
    fullName: fullName as string,
    email: email as string,
    localEntityIne,
    localEntityName,
    jobTitle,
    consentVersion,
    language: isLanguage(input.language) ? input.language : language,
  };
};

/** Date and time formats of the emails, made once (an Intl formatter is costly to build). */
const FORMATS = Object.fromEntries(
  (['ca', 'es'] as const).map((language) => {
    const locale = language === 'es' ? 'es-ES' : 'ca-ES';
    return [
      language,
      {
        date: new Intl.DateTimeFormat(locale, { timeZone: PROGRAMME_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
        time: new Intl.DateTimeFormat(locale, { timeZone: PROGRAMME_TIME_ZONE, hour: '2-digit', minute: '2-digit' }),
      },
    ];
  })
) as Record<Language, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>;

const registrations = (strapi: Core.Strapi) => {
  const outbox = () => strapi.service('api::outbox-message.outbox-message') as unknown as OutboxService;
  const seats = () => strapi.service('api::registration.seats') as unknown as SeatsService;
  const publicUrl = () => (strapi.config.get('server.url') as string).replace(/\/+$/, '');

  /**
   * A registration's private link tokens: HMACs of its id, so they can be recomputed for every
   * email. `registration` is the cancel link's; `feedback` the survey link's.
   */
  const tokenFor = (documentId: string, purpose: 'registration' | 'feedback' = 'registration') =>
    linkToken(strapi, purpose, documentId);

  const SESSION_FIELDS = [
    'id',
    'documentId',
    'locale',
    'publishedAt',
    'title',
    'startsAt',
    'durationMinutes',
    'eventStatus',
    'registrationOpen',
    'capacity',
    'meetingUrl',
    'coOrganizer',
    'slug',
    'updatedAt',
  ];

  /**
   * Every row of a session document (draft and published, each locale) in one statement; inside a
   * transaction with `lock`, also a row lock that serialises what changes its registrations (on
   * PostgreSQL and MariaDB; SQLite has one writer).
   */
  const sessionRows = async (documentId: string, { lock }: { lock: boolean }): Promise<SessionRow[]> => {
    const query = strapi.db.queryBuilder(SESSION).select(SESSION_FIELDS).where({ documentId });
    if (lock && strapi.db.dialect.client !== 'sqlite') query.forUpdate();
    return (await query.execute()) as SessionRow[];
  };

  /** The published version of a session in `language`, else in Catalan; null when unpublished. */
  const publishedIn = (rows: SessionRow[], language: Language): SessionRow | null => {
    const published = rows.filter((row) => row.publishedAt !== null);
    return published.find((row) => row.locale === language) ?? published.find((row) => row.locale === 'ca') ?? null;
  };

  const formatWhen = (session: SessionRow, language: Language) => {
    const start = new Date(session.startsAt);
    const end = new Date(start.getTime() + (session.durationMinutes ?? 60) * 60000);
    const { date, time } = FORMATS[language];
    return { date: date.format(start), time: `${time.format(start)}–${time.format(end)}` };
  };

  /** One email about a registration, about the session of `rows` (sessionRows()) in the registrant's language. */
  const emailAbout = (
    kind: EmailKind,
    registration: RegistrationRow,
    rows: SessionRow[],
    dedupeKey?: string,
    extra: Record<string, string | undefined> = {}
  ): OutboxInput | null => {
    const session = publishedIn(rows, registration.language);
    if (session === null) return null;
    const withLink =
      kind === 'confirmation' || kind === 'promoted' || kind === 'reminder' || (kind === 'already-registered' && registration.registrationStatus === 'confirmed');
    const meetingUrl = withLink ? session.meetingUrl ?? undefined : undefined;
    const view = {
      fullName: registration.fullName,
      title: session.title,
      coOrganizer: session.coOrganizer ?? undefined,
      meetingUrl,
      cancelUrl: `${publicUrl()}/register/cancel/?token=${tokenFor(registration.documentId)}`,
      pageUrl: sessionPageUrl(strapi.config.get('portal.sessionPageUrl', '') as string, publicUrl(), session, isLanguage(session.locale) ? session.locale : 'ca'),
      ...formatWhen(session, registration.language),
      ...extra,
    };
    const attachments =
      kind === 'confirmation' || kind === 'promoted'
        ? [
            {
              filename: 'dijous-gomunicipal.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: strapi.service('api::session.calendar').render([session], registration.language, { meetingUrl }),
            },
          ]
        : undefined;
    const email = renderEmail(strapi.dirs.app.root, kind, registration.language, view);
    return { kind, recipient: registration.email, language: registration.language, ...email, attachments, dedupeKey };
  };

  /** Writes one email about a registration to the outbox, in the caller's transaction. */
  const notify = async (...args: Parameters<typeof emailAbout>) => {
    const email = emailAbout(...args);
    if (email !== null) await outbox().enqueue(email);
  };

  /** Why a session takes no registration now, in `language`; undefined when it does. */
  const refusal = (session: SessionRow | null, sessionDocumentId: string, language: Language, now: Date): Error | undefined => {
    if (session === null) {
      return new errors.NotFoundError(
        language === 'es'
          ? `No hay ninguna sesión publicada con el identificador «${sessionDocumentId.slice(0, 64)}».`
          : `No hi ha cap sessió publicada amb l'identificador «${sessionDocumentId.slice(0, 64)}».`
      );
    }
    const conflict = (code: string, message: { ca: string; es: string }) => new ConflictError(message[language], { code });
    if (session.eventStatus === 'cancelled') {
      return conflict('SESSION_CANCELLED', { ca: 'Aquesta sessió està cancel·lada.', es: 'Esta sesión está cancelada.' });
    }
    if (new Date(session.startsAt).getTime() <= now.getTime()) {
      return conflict('SESSION_STARTED', { ca: 'Aquesta sessió ja ha començat.', es: 'Esta sesión ya ha empezado.' });
    }
    if (session.eventStatus !== 'scheduled' || !session.registrationOpen) {
      return conflict('REGISTRATION_CLOSED', {
        ca: 'Les inscripcions a aquesta sessió estan tancades.',
        es: 'Las inscripciones a esta sesión están cerradas.',
      });
    }
    return undefined;
  };

  type Intake = { input: RegistrationInput; localEntity: number | undefined; now: Date };

  /**
   * Registers a batch of people for one session in one transaction, under the session's row lock:
   * the session's state, the emails already registered and the seat count read once; each person
   * then confirmed while seats are left, waitlisted beyond, in arrival order (the same email twice
   * gets the first one's state); the registrations, their session links, the seat count and the
   * emails written in one statement each. One result (or refusal) per person, in order.
   */
  const registerBatch = async (sessionDocumentId: string, items: Intake[]): Promise<(RegistrationResult | Error)[]> =>
    strapi.db.transaction(async (): Promise<(RegistrationResult | Error)[]> => {
      const rows = await sessionRows(sessionDocumentId, { lock: true });
      const session = publishedIn(rows, 'ca');
      const results: (RegistrationResult | Error | undefined)[] = items.map(({ input, now }) =>
        refusal(session, sessionDocumentId, input.language, now)
      );
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
      const alreadyRegistered: RegistrationRow[] = [];
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
          if (!alreadyRegistered.includes(previous)) alreadyRegistered.push(previous);
          results[index] = { status, created: false };
          return;
        }
        if (status === 'confirmed') confirmed += 1;
        const documentId = createId();
        created.push({
          localEntity,
          registration: {
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
          },
        });
        known.set(input.email, created[created.length - 1].registration);
        results[index] = { status, created: true };
      });
      const hour = new Date().toISOString().slice(0, 13);
      for (const registration of alreadyRegistered) {
        // At most one such message per registration and hour, however often the form is sent.
        const email = emailAbout('already-registered', registration, rows, `already:${registration.documentId}:${hour}`, {
          waitlisted: registration.registrationStatus === 'waitlisted' ? 'yes' : undefined,
        });
        if (email !== null) await outbox().enqueue(email);
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
      // Linked as the Document Service links them: to the session's Catalan draft and published
      // rows, so that republishing keeps the link.
      const sessionIds = rows.filter((row) => row.locale === 'ca').map((row) => row.id);
      await strapi.db.transaction(async ({ trx }) => {
        await strapi.db
          .getConnection('registrations_session_lnk')
          .transacting(trx)
          .insert(created.flatMap(({ registration }) => sessionIds.map((sessionId) => ({ registration_id: registration.id, session_id: sessionId }))));
        const entityLinks = created.filter(({ localEntity }) => localEntity !== undefined);
        if (entityLinks.length > 0) {
          await strapi.db
            .getConnection('registrations_local_entity_lnk')
            .transacting(trx)
            .insert(entityLinks.map(({ registration, localEntity }) => ({ registration_id: registration.id, local_entity_id: localEntity })));
        }
      });
      if (confirmed > confirmedBefore) await seats().addConfirmed(sessionDocumentId, confirmed - confirmedBefore);
      await outbox().enqueueMany(
        created
          .map(({ registration }) =>
            emailAbout(registration.registrationStatus === 'confirmed' ? 'confirmation' : 'waitlisted', registration, rows)
          )
          .filter((email): email is OutboxInput => email !== null)
      );
      // Seats left changed: the portal's cached answers go once this commits.
      await invalidateAfterCommit(strapi);
      return results as (RegistrationResult | Error)[];
    });

  const registerInGroups = groupCommit(registerBatch);

  return {
    tokenFor,

    /**
     * Registers someone for a published, upcoming, open session: confirmed while confirmed
     * registrations are below capacity, waitlisted beyond. The same email twice creates nothing
     * and answers the existing registration's state. The confirmation or waitlist email is written
     * to the outbox in the same transaction.
     */
    async register(sessionDocumentId: string, input: RegistrationInput, now = new Date()): Promise<RegistrationResult> {
      const language = input.language;
      if (!/^[a-z0-9]{1,64}$/.test(sessionDocumentId)) throw refusal(null, sessionDocumentId, language, now) as Error;

      let localEntity: number | undefined;
      if (input.localEntityIne !== undefined) {
        const entity = await strapi.db.query('api::local-entity.local-entity').findOne({ select: ['id'], where: { ineCode: input.localEntityIne } });
        if (entity === null) {
          throw new errors.ValidationError(
            language === 'es'
              ? `No conocemos ningún ente local con el código INE ${input.localEntityIne}.`
              : `No coneixem cap ens local amb el codi INE ${input.localEntityIne}.`,
            { errors: [{ path: ['localEntity'], message: 'unknown INE code', name: 'ValidationError' }] }
          );
        }
        localEntity = entity.id;
      }
      // Concurrent registrations for the same session are written together (groupCommit).
      return registerInGroups(sessionDocumentId, { input, localEntity, now });
    },

    /**
     * Cancels the registration of a private link. A seat freed by a confirmed registration goes to
     * the first person on the waiting list, who is emailed. Cancelling twice changes nothing.
     */
    async cancel(token: string, language: Language): Promise<{ status: RegistrationStatus; session: string }> {
      const unknown = new errors.NotFoundError(
        language === 'es'
          ? 'Este enlace de cancelación no es válido o ya no existe.'
          : "Aquest enllaç de cancel·lació no és vàlid o ja no existeix."
      );
      if (!looksLikeToken(token)) throw unknown;
      const found = (await strapi.db.query(UID).findOne({
        where: { tokenHash: hash(token) },
        populate: { session: { select: ['documentId'] } },
      })) as RegistrationRow | null;
      const sessionDocumentId = found?.session?.documentId;
      if (found === null || sessionDocumentId === undefined) throw unknown;

      return strapi.db.transaction(async () => {
        const rows = await sessionRows(sessionDocumentId, { lock: true });
        const current = (await strapi.db.query(UID).findOne({ where: { id: found.id } })) as RegistrationRow;
        if (current.registrationStatus === 'cancelled') return { status: 'cancelled' as const, session: sessionDocumentId };
        // The survey link goes with the seat: a cancelled registration cannot answer.
        await strapi.db.query(UID).update({ where: { id: current.id }, data: { registrationStatus: 'cancelled', cancelledAt: new Date(), feedbackTokenHash: null } });
        await notify('cancellation', current, rows);
        if (current.registrationStatus === 'confirmed') {
          const [next] = (await strapi.db.query(UID).findMany({
            where: { session: { documentId: sessionDocumentId }, registrationStatus: 'waitlisted' },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            limit: 1,
          })) as RegistrationRow[];
          if (next !== undefined) {
            await strapi.db.query(UID).update({ where: { id: next.id }, data: { registrationStatus: 'confirmed' } });
            await notify('promoted', { ...next, registrationStatus: 'confirmed' }, rows);
          }
        }
        return { status: 'cancelled' as const, session: sessionDocumentId };
      });
    },

    /** Counts of one session's registrations for editors: by status, attended, and seats left. */
    async summary(sessionDocumentId: string) {
      const session = (await strapi.db.query(SESSION).findOne({ where: { documentId: sessionDocumentId } })) as SessionRow | null;
      if (session === null) return null;
      // The id is selected so that the join's DISTINCT cannot fold two registrations of the same state into one.
      const rows = (await strapi.db.query(UID).findMany({
        select: ['id', 'registrationStatus', 'attended'],
        where: { session: { documentId: sessionDocumentId } },
      })) as { id: number; registrationStatus: RegistrationStatus; attended: boolean | null }[];
      const count = (status: RegistrationStatus) => rows.filter((r) => r.registrationStatus === status).length;
      const confirmed = count('confirmed');
      return {
        session: sessionDocumentId,
        capacity: session.capacity,
        confirmed,
        waitlisted: count('waitlisted'),
        cancelled: count('cancelled'),
        attended: rows.filter((r) => r.attended === true).length,
        seatsLeft: session.capacity === null ? null : Math.max(0, session.capacity - confirmed),
      };
    },

    /** One session's registrations for an editor's CSV export, oldest first. */
    async exportRows(sessionDocumentId: string) {
      const rows = (await strapi.db.query(UID).findMany({
        where: { session: { documentId: sessionDocumentId } },
        populate: { localEntity: { select: ['name', 'ineCode'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })) as (RegistrationRow & {
        jobTitle: string | null;
        localEntityName: string | null;
        attended: boolean | null;
        createdAt: string;
        localEntity?: { name: string; ineCode: string | null } | null;
      })[];
      return rows.map((r) => ({
        fullName: r.fullName,
        email: r.email,
        localEntity: r.localEntity?.name ?? r.localEntityName ?? '',
        ineCode: r.localEntity?.ineCode ?? '',
        jobTitle: r.jobTitle ?? '',
        status: r.registrationStatus,
        attended: r.attended === true ? 'yes' : 'no',
        language: r.language,
        registeredAt: new Date(r.createdAt).toISOString(),
      }));
    },

    /** Writes the day-before reminder of every confirmed registration whose session starts within `hours`. */
    async queueReminders(hours: number, now = new Date()): Promise<number> {
      const due = (await strapi.db.query(UID).findMany({
        where: {
          registrationStatus: 'confirmed',
          session: {
            publishedAt: { $notNull: true },
            eventStatus: 'scheduled',
            startsAt: { $gt: now, $lte: new Date(now.getTime() + hours * 3600000) },
          },
        },
        populate: { session: { select: ['documentId'] } },
      })) as RegistrationRow[];
      let queued = 0;
      for (const registration of due) {
        const session = registration.session?.documentId;
        if (session === undefined) continue;
        const key = `reminder:${registration.documentId}`;
        if ((await strapi.db.query('api::outbox-message.outbox-message').count({ where: { dedupeKey: key } })) > 0) continue;
        await strapi.db.transaction(async () => notify('reminder', registration, await sessionRows(session, { lock: false }), key));
        queued += 1;
      }
      return queued;
    },

    /**
     * Invites every confirmed registrant of a session that ended `delayMinutes` ago (and less than
     * the survey links' lifetime ago) to the feedback survey, once, with a single-use link whose
     * hash is stored on the registration.
     */
    async queueFeedbackInvitations(now = new Date()): Promise<number> {
      const delayMinutes = strapi.config.get('registrations.feedbackDelayMinutes', 0) as number;
      const days = strapi.config.get('registrations.feedbackTokenDays', 30) as number;
      const due = (await strapi.db.query(UID).findMany({
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
      })) as (RegistrationRow & { attended?: boolean | null; session: { documentId: string; startsAt: string; durationMinutes: number | null } | null })[];
      // Once a session's attendance is taken, only the people who attended are invited.
      const sessionIds = [...new Set(due.map((r) => r.session?.documentId).filter((id): id is string => id !== undefined))];
      const attendanceTaken = new Set(
        sessionIds.length === 0
          ? []
          : (
              (await strapi.db.query(UID).findMany({
                select: ['id'],
                where: { attended: true, session: { documentId: { $in: sessionIds } } },
                populate: { session: { select: ['documentId'] } },
              })) as RegistrationRow[]
            ).map((r) => r.session?.documentId)
      );
      let queued = 0;
      for (const registration of due) {
        const session = registration.session;
        if (session === null) continue;
        if (attendanceTaken.has(session.documentId) && registration.attended !== true) continue;
        const ends = new Date(session.startsAt).getTime() + ((session.durationMinutes ?? 60) + delayMinutes) * 60000;
        if (ends > now.getTime()) continue;
        const token = tokenFor(registration.documentId, 'feedback');
        await strapi.db.transaction(async () => {
          await strapi.db.query(UID).update({ where: { id: registration.id }, data: { feedbackTokenHash: hash(token) } });
          await notify('feedback-invitation', registration, await sessionRows(session.documentId, { lock: false }), `feedback:${registration.documentId}`, {
            feedbackUrl: `${publicUrl()}/feedback/?token=${token}`,
            feedbackDays: String(days),
          });
        });
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
        where: { anonymizedAt: { $null: true }, session: { startsAt: { $lt: cutoff } } },
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
  };
};

export type RegistrationService = ReturnType<typeof registrations>;

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => registrations(strapi));

/**
 * Every message a registrant gets about their registration (confirmation, waiting list, already
 * registered, promotion, cancellation, reminder, survey invitation, a change to the session or its
 * cancellation by the editors), rendered from emails/ in their
 * language with the session's details, their private cancel link and, where it belongs, the meeting
 * link and the calendar invitation; written to the outbox in the caller's transaction.
 */
import type { Core } from '@strapi/strapi';
import { renderEmail, type EmailKind } from '../../../email/templates';
import { unsubscribeHeaders, unsubscribeUrl } from '../../../email/unsubscribe';
import { absolute, SITE_PATHS, sessionPageUrl } from '../../../site/urls';
import { t } from '../../../messages';
import { isLanguage, LOCALE_TAG, type Language } from '../../../utils/language';
import { publicUrl } from '../../../utils/public-url';
import { service } from '../../../utils/services';
import { PROGRAMME_TIME_ZONE, sessionEnd } from '../../../utils/time';
import { linkToken } from '../../../utils/tokens';
import type { OutboxInput } from '../../outbox-message/services/outbox-message';
import type { InvitationOptions } from '../../session/services/calendar';
import { publishedIn, type RegistrationRow, type SessionRow } from '../rows';

/** Date and time formats of the emails, made once (an Intl formatter is costly to build). */
const FORMATS = Object.fromEntries(
  (['ca', 'es'] as const).map((language) => [
    language,
    {
      date: new Intl.DateTimeFormat(LOCALE_TAG[language], {
        timeZone: PROGRAMME_TIME_ZONE,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
      time: new Intl.DateTimeFormat(LOCALE_TAG[language], {
        timeZone: PROGRAMME_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
      }),
      day: new Intl.DateTimeFormat('en-CA', {
        timeZone: PROGRAMME_TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
    },
  ])
) as Record<
  Language,
  {
    date: Intl.DateTimeFormat;
    time: Intl.DateTimeFormat;
    day: Intl.DateTimeFormat;
  }
>;

/**
 * The day and the hours of a session in Madrid time, as the emails write them: "dijous, 28 de
 * gener del 2027", "de 10:00 a 11:00" ("d’11:00 a 12:00"); in Spanish "de 10:00 a 11:00 h".
 */
export const formatWhen = (session: Pick<SessionRow, 'startsAt' | 'durationMinutes'>, language: Language) => {
  const start = new Date(session.startsAt);
  const { date, time } = FORMATS[language];
  const from = time.format(start);
  // Catalan elides "de" before a vowel sound: d’11:00 (onze), d’01:00 (una).
  const key = /^(01|11)\D/.test(from) ? 'email.hoursElided' : 'email.hours';
  return {
    date: date.format(start),
    time: t(language, key, {
      start: from,
      end: time.format(sessionEnd(session)),
    }),
  };
};

/**
 * How the reminder speaks of the time left: "tomorrow" only when the session is tomorrow in
 * Madrid, "today, in N hours" on its day, neither further ahead (a longer REMINDER_HOURS_BEFORE).
 */
export const reminderWhen = (startsAt: string | Date, language: Language, now = new Date()): Record<string, string | undefined> => {
  const { day } = FORMATS[language];
  const start = new Date(startsAt);
  const tomorrow = new Date(`${day.format(now)}T12:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  if (day.format(start) === day.format(now)) {
    const hours = Math.max(1, Math.round((start.getTime() - now.getTime()) / 3600000));
    return {
      today: 'yes',
      hoursLeft: hours === 1 ? t(language, 'email.inOneHour') : t(language, 'email.inHours', { n: hours }),
    };
  }
  if (day.format(start) === tomorrow.toISOString().slice(0, 10)) return { tomorrow: 'yes' };
  return { later: 'yes' };
};

/** Messages that carry the meeting link and the calendar invitation. */
const WITH_LINK: ReadonlySet<EmailKind> = new Set(['confirmation', 'promoted', 'reminder']);
const WITH_INVITATION: ReadonlySet<EmailKind> = new Set(['confirmation', 'promoted']);
/** Messages about a change that carry the link to confirmed registrants only. */
const CHANGES: ReadonlySet<EmailKind> = new Set(['session-changed', 'session-cancelled']);
/**
 * Bulk messages about a session (sent to all its registrants at once, not in answer to something
 * the person did): each carries an unsubscribe link and the List-Unsubscribe headers; unsubscribing
 * stops them for that registration (src/email/unsubscribe.ts).
 */
export const BULK_UPDATES: ReadonlySet<EmailKind> = new Set(['session-changed', 'session-cancelled', 'recording-available']);

const notifications = (strapi: Core.Strapi) => {
  /** What a message without the link promises: with the reminder, or as soon as there is one when the reminder time has passed. */
  const linkPromise = (session: SessionRow, language: Language, now = new Date()) => {
    const hours = Number(strapi.config.get('reminders.hoursBefore', 24));
    const reminderAt = new Date(session.startsAt).getTime() - hours * 3600000;
    return reminderAt > now.getTime() ? t(language, 'email.linkWithReminder', { hours }) : t(language, 'email.linkSoon');
  };

  /** One email about a registration, about the session of `rows` (sessionRows()) in the registrant's language; null when unpublished. */
  const emailAbout = (kind: EmailKind, registration: RegistrationRow, rows: SessionRow[], dedupeKey?: string, extra: Record<string, string | undefined> = {}, invitation?: InvitationOptions): OutboxInput | null => {
    const session = publishedIn(rows, registration.language);
    if (session === null) return null;
    const confirmed = registration.registrationStatus === 'confirmed';
    const withLink = WITH_LINK.has(kind) || ((kind === 'already-registered' || CHANGES.has(kind)) && confirmed);
    const meetingUrl = withLink ? (session.meetingUrl ?? undefined) : undefined;
    const view: Record<string, string | undefined> = {
      fullName: registration.fullName,
      title: session.title,
      coOrganizer: session.coOrganizer ?? undefined,
      meetingUrl,
      cancelUrl: `${publicUrl(strapi)}/register/cancel/?token=${linkToken(strapi, 'registration', registration.documentId)}`,
      programmeUrl: absolute(publicUrl(strapi), SITE_PATHS.home(registration.language)),
      pageUrl: sessionPageUrl(strapi.config.get('portal.sessionPageUrl', '') as string, publicUrl(strapi), session, isLanguage(session.locale) ? session.locale : 'ca'),
      ...formatWhen(session, registration.language),
      linkPromise: linkPromise(session, registration.language),
      ...extra,
    };
    // An update or a cancellation goes only to those who have the event: the confirmed.
    const update = invitation !== undefined && confirmed ? invitation : undefined;
    const attachments =
      WITH_INVITATION.has(kind) || update !== undefined
        ? [
            {
              filename: 'dijous-gomunicipal.ics',
              contentType: `text/calendar; charset=utf-8; method=${update?.method ?? 'PUBLISH'}`,
              content: service(strapi, 'api::session.calendar').render([session], registration.language, { ...update, meetingUrl }),
            },
          ]
        : undefined;
    if (update !== undefined) view.invitation = 'yes';
    if (registration.registrationStatus === 'waitlisted') view.waitlisted = 'yes';
    const unsubscribe = BULK_UPDATES.has(kind) ? unsubscribeUrl(strapi, 'updates', registration.documentId, registration.language) : undefined;
    view.unsubscribeUrl = unsubscribe;
    const email = renderEmail(strapi.dirs.app.root, kind, registration.language, view);
    return {
      kind,
      recipient: registration.email,
      language: registration.language,
      ...email,
      attachments,
      headers: unsubscribe === undefined ? undefined : unsubscribeHeaders(unsubscribe),
      dedupeKey,
    };
  };

  return {
    emailAbout,

    /** Writes one email about a registration to the outbox (at most once per `dedupeKey`), in the caller's transaction. */
    async notify(...args: Parameters<typeof emailAbout>): Promise<void> {
      const email = emailAbout(...args);
      if (email !== null) await service(strapi, 'api::outbox-message.outbox-message').enqueue(email);
    },

    /**
     * The unsubscribe link of a bulk message about a session (checked by the caller): no more of
     * them for this registration, including those already waiting in the outbox. The registration
     * itself stands. Idempotent.
     */
    async stopUpdates(registrationDocumentId: string, now = new Date()): Promise<void> {
      await strapi.db.transaction(async () => {
        await strapi.db
          .query('api::registration.registration')
          .updateMany({ where: { documentId: registrationDocumentId, updatesStoppedAt: { $null: true } }, data: { updatesStoppedAt: now } });
        await strapi.db.query('api::outbox-message.outbox-message').deleteMany({
          where: { kind: { $in: [...BULK_UPDATES] }, deliveryStatus: 'pending', dedupeKey: { $endsWith: `:${registrationDocumentId}` } },
        });
      });
    },

    /** Writes many emails in one statement, without dedupe (the registration batch's confirmations). */
    async notifyMany(emails: (OutboxInput | null)[]): Promise<void> {
      await service(strapi, 'api::outbox-message.outbox-message').enqueueMany(emails.filter((email): email is OutboxInput => email !== null));
    },
  };
};

export type NotificationsService = ReturnType<typeof notifications>;

export default ({ strapi }: { strapi: Core.Strapi }) => notifications(strapi);

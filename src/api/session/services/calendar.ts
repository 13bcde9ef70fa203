/** iCalendar of sessions: one session's and the programme's feed, and a registrant's invitation. */
import type { Core } from '@strapi/strapi';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Language } from '../../../utils/language';
import { sessionPageUrl as pageUrlOf } from '../../../site/urls';
import { publicUrl } from '../../../utils/public-url';
import { PROGRAMME_TIME_ZONE, sessionEnd, wallClockOf } from '../../../utils/time';

const UID = 'api::session.session';

type CalendarSession = {
  documentId: string;
  slug?: string | null;
  title: string;
  summary?: string | null;
  startsAt: string | Date;
  durationMinutes?: number | null;
  eventStatus?: string | null;
  coOrganizer?: string | null;
  updatedAt?: string | Date | null;
};

/** A registrant's invitation: its method (RFC 5546) and revision; the event keeps the confirmation's UID. */
export type InvitationOptions = { meetingUrl?: string; sequence?: number; method?: 'REQUEST' | 'CANCEL' };

const NOTICE = 'api::session.session-notice';

const TEXT = {
  ca: {
    name: 'Dijous GOmunicipal',
    description: "Sessions de suport en línia sobre transparència i govern obert per als ens locals (Diputació de Barcelona).",
    coOrganized: 'Coorganitzada amb',
    early: 'Connecteu-vos uns minuts abans per provar la càmera i el so.',
    location: 'En línia (Microsoft Teams)',
  },
  es: {
    name: 'Dijous GOmunicipal',
    description: 'Sesiones de apoyo en línea sobre transparencia y gobierno abierto para los entes locales (Diputació de Barcelona).',
    coOrganized: 'Coorganizada con',
    early: 'Conectaos unos minutos antes para probar la cámara y el sonido.',
    location: 'En línea (Microsoft Teams)',
  },
} as const;

const STATUS: Record<string, ICalEventStatus> = {
  cancelled: ICalEventStatus.CANCELLED,
  postponed: ICalEventStatus.TENTATIVE,
};

/** iCalendar (RFC 5545) for sessions: times in Europe/Madrid with its VTIMEZONE; never the meeting link. */
const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The sender's address (EMAIL_FROM), the organiser of an invitation that updates or cancels. */
  const organizerEmail = (): string => {
    const from = String(strapi.config.get('plugin::email.settings.defaultFrom', '') || 'no-reply@localhost');
    return /<([^>]+)>/.exec(from)?.[1] ?? from;
  };

  /** The revision of each session's events (0 until a change has been sent). */
  const sequencesOf = async (documentIds: string[]): Promise<Map<string, number>> => {
    if (documentIds.length === 0) return new Map();
    const rows = (await strapi.db.query(NOTICE).findMany({
      select: ['sessionDocumentId', 'sequence'],
      where: { sessionDocumentId: { $in: documentIds } },
    })) as { sessionDocumentId: string; sequence: number }[];
    return new Map(rows.map((row) => [row.sessionDocumentId, row.sequence]));
  };

  const sessionPageUrl = (session: CalendarSession, locale: Language) =>
    pageUrlOf(strapi.config.get('portal.sessionPageUrl', '') as string, publicUrl(strapi), session, locale);

  /**
   * `meetingUrl` is only for a registrant's own invitation (an email attachment): it is put in the
   * event's location and description. Public feeds never pass it. `sequences` are the events'
   * revisions (a session's notice, src/api/session/services/changes.ts), so that a calendar that has
   * the event takes the newer one; `method` makes it an update (REQUEST) or a removal (CANCEL).
   */
  const render = (
    sessions: CalendarSession[],
    locale: Language,
    { meetingUrl, sequence, method }: InvitationOptions = {},
    sequences: ReadonlyMap<string, number> = new Map()
  ): string => {
    const text = TEXT[locale];
    const host = new URL(publicUrl(strapi)).host;
    const calendar = new ICalCalendar({
      name: text.name,
      description: text.description,
      prodId: { company: 'Diputació de Barcelona', product: 'GOmunicipal', language: locale.toUpperCase() },
      ttl: 3600,
    });
    // Events carry the zone; the calendar only asks for its VTIMEZONE, so DTSTAMP stays in UTC.
    calendar.timezone({ name: null, generator: getVtimezoneComponent });
    if (method !== undefined) calendar.method(method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
    const organizer = method === undefined ? undefined : { name: 'Dijous GOmunicipal', email: organizerEmail() };
    for (const session of sessions) {
      const start = new Date(session.startsAt);
      const end = sessionEnd(session);
      const url = sessionPageUrl(session, locale);
      const description = [
        session.summary ?? '',
        session.coOrganizer ? `${text.coOrganized} ${session.coOrganizer}.` : '',
        session.eventStatus === 'cancelled' ? '' : text.early,
        meetingUrl ?? '',
        url,
      ]
        .filter((line) => line !== '')
        .join('\n\n');
      const stamp = session.updatedAt ? new Date(session.updatedAt) : start;
      calendar.createEvent({
        id: `${session.documentId}@${host}`,
        start: wallClockOf(start),
        end: wallClockOf(end),
        timezone: PROGRAMME_TIME_ZONE,
        stamp,
        lastModified: stamp,
        summary: session.title,
        description,
        location: meetingUrl ?? text.location,
        url,
        status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : (STATUS[session.eventStatus ?? ''] ?? ICalEventStatus.CONFIRMED),
        sequence: sequence ?? sequences.get(session.documentId) ?? 0,
        organizer,
      });
    }
    return calendar.toString();
  };

  const FIELDS = ['title', 'slug', 'summary', 'startsAt', 'durationMinutes', 'eventStatus', 'coOrganizer', 'updatedAt'] as const;

  return {
    render,
    sequencesOf,

    /** Upcoming sessions (cancelled ones too, so that calendars drop them) and those of the last 12 months. */
    async feed(locale: Language, now = new Date()): Promise<string> {
      const since = new Date(now);
      since.setUTCMonth(since.getUTCMonth() - 12);
      const sessions = await strapi.documents(UID).findMany({
        locale,
        status: 'published',
        fields: [...FIELDS],
        filters: { startsAt: { $gte: since.toISOString() } },
        sort: ['startsAt:asc'],
        limit: 500,
      });
      const list = sessions as CalendarSession[];
      return render(list, locale, {}, await sequencesOf(list.map((s) => s.documentId)));
    },

    /** One published session's calendar, or undefined when there is none with that id in that locale. */
    async single(documentId: string, locale: Language): Promise<string | undefined> {
      const session = await strapi.documents(UID).findOne({ documentId, locale, status: 'published', fields: [...FIELDS] });
      return session === null ? undefined : render([session as CalendarSession], locale, {}, await sequencesOf([documentId]));
    },
  };
};

export type CalendarService = ReturnType<typeof calendar>;

export default calendar;

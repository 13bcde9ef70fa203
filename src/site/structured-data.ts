/**
 * schema.org `Event` JSON-LD of a session page, typed by schema-dts. The location is a
 * VirtualLocation whose URL is the public page: the meeting link is never read for a page.
 */
import type { Event, WithContext } from 'schema-dts';
import type { Language } from '../utils/language';
import { wallClockOf } from '../utils/time';
import type { ListedSession } from './data';
import { t } from '../messages';

const EVENT_STATUS = {
  scheduled: 'https://schema.org/EventScheduled',
  held: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
} as const;

/** Whether seats can be had: open with seats (or unlimited), full (waiting list), or closed. */
const availability = (session: ListedSession) => {
  if (!session.registrationAvailable) return 'https://schema.org/Discontinued' as const;
  if (session.seatsLeft === 0) return 'https://schema.org/SoldOut' as const;
  return 'https://schema.org/InStock' as const;
};

/** Start and end in Madrid's wall-clock time with its offset, e.g. 2027-01-28T10:00:00+01:00. */
const isoWithOffset = (value: string | Date) => {
  const instant = new Date(value);
  const wall = wallClockOf(instant);
  const minutes = Math.round((wall.getTime() - instant.getTime()) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${wall.toISOString().slice(0, 19)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

export const sessionEvent = (
  session: ListedSession,
  { language, pageUrl, registerUrl, description }: { language: Language; pageUrl: string; registerUrl: string; description?: string }
): WithContext<Event> => ({
  '@context': 'https://schema.org',
  '@type': 'Event',
  name: session.title,
  ...(description ? { description } : {}),
  url: pageUrl,
  startDate: isoWithOffset(session.startsAt),
  endDate: isoWithOffset(session.endsAt),
  eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
  eventStatus: EVENT_STATUS[session.eventStatus],
  location: { '@type': 'VirtualLocation', url: pageUrl },
  organizer: { '@type': 'GovernmentOrganization', name: t(language, 'organizer'), url: 'https://www.diba.cat/' },
  inLanguage: language,
  isAccessibleForFree: true,
  ...(session.capacity !== null && session.capacity !== undefined ? { maximumAttendeeCapacity: session.capacity } : {}),
  ...(session.seatsLeft !== null ? { remainingAttendeeCapacity: session.seatsLeft } : {}),
  ...(session.speakers && session.speakers.length > 0
    ? { performer: session.speakers.map((s) => ({ '@type': 'Person' as const, name: s.name, ...(s.organization ? { affiliation: { '@type': 'Organization' as const, name: s.organization } } : {}) })) }
    : {}),
  offers: {
    '@type': 'Offer',
    price: 0,
    priceCurrency: 'EUR',
    availability: availability(session),
    url: session.registrationAvailable ? registerUrl : pageUrl,
  },
});

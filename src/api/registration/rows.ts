/**
 * The rows the registration services read, declared once next to the queries that return them:
 * a session document's rows (every version, optionally locked) and a registration as the emails
 * and jobs need it.
 */
import type { Core } from '@strapi/strapi';
import type { Language } from '../../utils/language';

const SESSION = 'api::session.session';

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export type SessionRow = {
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

export type RegistrationRow = {
  id: number;
  documentId: string;
  fullName: string;
  email: string;
  registrationStatus: RegistrationStatus;
  language: Language;
  attended?: boolean | null;
  session?: { documentId: string } | null;
};

const SESSION_FIELDS: (keyof SessionRow)[] = [
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
export const sessionRows = async (strapi: Core.Strapi, documentId: string, { lock }: { lock: boolean }): Promise<SessionRow[]> => {
  const query = strapi.db.queryBuilder(SESSION).select(SESSION_FIELDS).where({ documentId });
  if (lock && strapi.db.dialect.client !== 'sqlite') query.forUpdate();
  return (await query.execute()) as SessionRow[];
};

/**
 * The row lock of every session, in documentId order, inside a transaction (PostgreSQL and MariaDB;
 * SQLite has one writer): for a write whose session is not known before it runs.
 */
export const lockEverySession = async (strapi: Core.Strapi): Promise<void> => {
  if (strapi.db.dialect.client === 'sqlite') return;
  await strapi.db.queryBuilder(SESSION).select(['id']).orderBy('documentId').forUpdate().execute();
};

/** The published version of a session in `language`, else in Catalan; null when unpublished. */
export const publishedIn = (rows: SessionRow[], language: Language): SessionRow | null => {
  const published = rows.filter((row) => row.publishedAt !== null);
  return published.find((row) => row.locale === language) ?? published.find((row) => row.locale === 'ca') ?? null;
};

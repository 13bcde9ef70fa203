import type { Core } from '@strapi/strapi';
import { wallClockOf } from '../../src/utils/time';

export const DAY = 24 * 60 * 60 * 1000;

/**
 * `ms` from now, rounded up to the hour, and never midnight in Madrid: a session start at midnight
 * means "no time given" to the admin's rule (default-session-time.ts), which moves it to 10:00.
 */
export const onTheHour = (ms: number): Date => {
  const at = new Date(Math.ceil((Date.now() + ms) / 3600000) * 3600000);
  return wallClockOf(at).getUTCHours() === 0 ? new Date(at.getTime() + 3600000) : at;
};

export type SessionFixture = {
  title: string;
  titleEs?: string;
  startsAt: Date;
  eventStatus?: 'scheduled' | 'held' | 'cancelled' | 'postponed';
  capacity?: number;
  registrationOpen?: boolean;
  meetingUrl?: string;
  publish?: boolean;
};

let counter = 0;

/** A session in Catalan (and Spanish when titleEs is given), published unless publish is false. */
export const createSession = async (strapi: Core.Strapi, fixture: SessionFixture): Promise<string> => {
  counter += 1;
  const sessions = strapi.documents('api::session.session');
  const shared = {
    slug: `fixture-${counter}-${fixture.startsAt.toISOString().slice(0, 10)}`,
    startsAt: fixture.startsAt.toISOString(),
    durationMinutes: 60,
    eventStatus: fixture.eventStatus ?? 'scheduled',
    registrationOpen: fixture.registrationOpen ?? true,
    capacity: fixture.capacity,
    meetingUrl: fixture.meetingUrl,
  };
  const doc = await sessions.create({ locale: 'ca', data: { ...shared, title: fixture.title } });
  if (fixture.titleEs !== undefined) {
    await sessions.update({ documentId: doc.documentId, locale: 'es', data: { ...shared, title: fixture.titleEs } });
  }
  if (fixture.publish !== false) {
    await sessions.publish({ documentId: doc.documentId, locale: fixture.titleEs === undefined ? 'ca' : '*' });
  }
  return doc.documentId;
};

export const createMaterial = async (strapi: Core.Strapi, session: string, title: string, url: string) => {
  const materials = strapi.documents('api::material.material');
  const doc = await materials.create({ locale: 'ca', data: { title, kind: 'slides', url, session } });
  await materials.publish({ documentId: doc.documentId, locale: 'ca' });
  return doc.documentId;
};

export const createRecording = async (strapi: Core.Strapi, session: string, title: string, videoUrl: string) => {
  const recordings = strapi.documents('api::recording.recording');
  const doc = await recordings.create({
    locale: 'ca',
    data: { title, platform: 'youtube', videoUrl, session, durationSeconds: 3600, chapters: [{ startsAtSecond: 0, title: 'Inici' }] },
  });
  await recordings.publish({ documentId: doc.documentId, locale: 'ca' });
  return doc.documentId;
};

export const createRegistration = async (
  strapi: Core.Strapi,
  session: string,
  status: 'confirmed' | 'waitlisted' | 'cancelled',
  email: string
) =>
  strapi.documents('api::registration.registration').create({
    data: { session, registrationStatus: status, email, fullName: 'Persona de prova', language: 'ca' },
  });

/** Counts the SQL statements that `work` sends to the database (the one counter, in tooling/). */
export { countQueries } from '../../tooling';

export type UploadedFile = { id: number; url: string; name: string; mime: string; size: number };

/** A real upload through Strapi's upload plugin (stored by the local provider under public/uploads). */
export const uploadFile = async (strapi: Core.Strapi, name: string, mime: string, content: Buffer | string): Promise<UploadedFile> => {
  const fs = await import('fs');
  const os = await import('os');
  const path = await import('path');
  const filepath = path.join(os.tmpdir(), `gm-upload-${process.pid}-${Date.now()}-${name}`);
  fs.writeFileSync(filepath, content);
  try {
    const [file] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({ data: { fileInfo: { name } }, files: { filepath, originalFilename: name, mimetype: mime, size: fs.statSync(filepath).size } })) as UploadedFile[];
    return file;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};

/** Removes uploads made by a test (the files under public/uploads and their rows). */
export const removeUploads = async (strapi: Core.Strapi, files: UploadedFile[]): Promise<void> => {
  for (const file of files) await strapi.plugin('upload').service('upload').remove(file);
};

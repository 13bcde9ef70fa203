import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { UID } from '@strapi/strapi';
import { createTestDatabase } from '../helpers/database';
import { createMaterial, createRecording, createRegistration, createSession, DAY } from '../helpers/fixtures';
import { APP_DIR, startApp, type TestApp } from '../helpers/strapi';

/**
 * `npm run backup` then `npm run restore` onto an empty database gives back every record of every
 * content type of the app (all api:: types, whatever is added later), field for field, with their
 * relations. Slow (two Strapi boots per script), so it runs on one database: PostgreSQL, what
 * production runs.
 */
const KEY = 'una-clau-de-prova-prou-llarga-2026';
const CANARY = 'canari-copia@example.org';
let app: TestApp;
let restored: TestApp | undefined;
let dir: string;

type Result = { code: number; output: string };
const script = (name: string, args: string[], env: Record<string, string>): Promise<Result> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(APP_DIR, 'scripts', `${name}.js`), ...args],
      { cwd: APP_DIR, env: { ...process.env, ...env }, timeout: 300000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr })
    );
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-backup-'));
  app = await startApp();
  const { strapi } = app;
  // One or more records of every kind.
  const session = await createSession(strapi, { title: 'Sessió per a la còpia', titleEs: 'Sesión para la copia', startsAt: new Date(Date.now() + 12 * DAY), capacity: 30 });
  await createSession(strapi, { title: 'Esborrany', startsAt: new Date(Date.now() + 40 * DAY), publish: false });
  await createMaterial(strapi, session, 'Presentació', 'https://example.org/presentacio.pdf');
  await createRecording(strapi, session, 'Enregistrament', 'https://video.example/1');
  const registration = await createRegistration(strapi, session, 'confirmed', CANARY);
  await createRegistration(strapi, session, 'waitlisted', 'espera@example.org');
  const entity = (await strapi.db.query('api::local-entity.local-entity').findOne({ where: { ineCode: '080193' } })) as { documentId: string };
  const resource = (await strapi.db.query('api::catalog-resource.catalog-resource').findOne({ where: {} })) as { documentId: string };
  await strapi.documents('api::catalog-request.catalog-request').create({
    data: { localEntity: entity.documentId, catalogResource: resource.documentId, requestStatus: 'completed', requestedAt: '2025-01-10', completedAt: '2025-03-01', reference: 'REF-1' },
  });
  await strapi.documents('api::feedback-response.feedback-response').create({
    data: { session, registration: registration.documentId, answers: { useful: 5 }, comment: 'Molt útil', nextTopic: 'Dades obertes', language: 'ca', submittedAt: new Date().toISOString() },
  });
  await strapi.documents('api::proposal.proposal').create({
    data: { title: 'Portal de dades obertes', email: 'proposa@example.org', description: 'Com començar', reviewStatus: 'received', language: 'ca', localEntity: entity.documentId },
  });
  await strapi.documents('api::support-request.support-request').create({
    data: { localEntity: entity.documentId, requesterName: 'Tècnica', email: 'suport@example.org', topic: 'Transparència', requestStatus: 'pending', language: 'es', eligibilitySnapshot: { eligible: true } },
  });
  // A confirmed subscriber to the alerts of new sessions (personal data the backup must keep, encrypted).
  await strapi.documents('api::alert-subscription.alert-subscription').create({
    data: { email: 'avisos@example.org', language: 'es', consentAt: new Date().toISOString(), confirmationSentAt: new Date().toISOString(), confirmedAt: new Date().toISOString() },
  });
  await strapi.documents('api::outbox-message.outbox-message').create({
    data: { kind: 'test', recipient: CANARY, subject: 'Confirmació', text: 'Hola', language: 'ca', deliveryStatus: 'sent' },
  });
}, 180000);

afterAll(async () => {
  if (restored !== undefined) await restored.stop();
  else await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;

/** Every row of every api:: content type: its own fields (not ids or timestamps of this database) and its relations by documentId. */
const snapshot = async (target: TestApp): Promise<Record<string, string[]>> => {
  const { strapi } = target;
  const result: Record<string, string[]> = {};
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    const relations = Object.entries(contentType.attributes as Record<string, { type: string }>)
      .filter(([, attribute]) => attribute.type === 'relation')
      .map(([name]) => name);
    const rows = (await strapi.db.query(uid as UID.ContentType).findMany({ populate: Object.fromEntries(relations.map((r) => [r, { select: ['documentId'] }])) })) as Row[];
    result[uid] = rows
      .map((row) => {
        const own = Object.fromEntries(
          Object.entries(row)
            .filter(([key]) => key !== 'id' && !relations.includes(key))
            .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value])
        );
        const linked = Object.fromEntries(
          relations.map((r) => {
            const value = row[r] as Row | Row[] | null | undefined;
            return [r, Array.isArray(value) ? value.map((v) => v.documentId).sort() : (value?.documentId ?? null)];
          })
        );
        return JSON.stringify({ ...own, ...linked }, Object.keys({ ...own, ...linked }).sort());
      })
      .sort();
  }
  return result;
};

it('refuses to back up without a key from the environment', async () => {
  const result = await script('backup', [path.join(dir, 'sense-clau')], { ...app.env, BACKUP_ENCRYPTION_KEY: '' });
  expect(result.code).toBe(2);
  expect(result.output).toMatch(/BACKUP_ENCRYPTION_KEY is not set/);
  expect(fs.readdirSync(dir)).toEqual([]);
  const restore = await script('restore', [path.join(dir, 'copia.tar.gz.enc')], { ...app.env });
  expect(restore.code).toBe(2);
});

it('restores every record of every kind onto an empty database', async () => {
  const before = await snapshot(app);
  for (const uid of ['session', 'material', 'recording', 'local-entity', 'catalog-request', 'registration', 'feedback-response', 'proposal', 'support-request', 'alert-subscription']) {
    expect({ uid, rows: (before[`api::${uid}.${uid}`] ?? []).length > 0 }).toEqual({ uid, rows: true });
  }

  const backup = await script('backup', [path.join(dir, 'copia')], { ...app.env, BACKUP_ENCRYPTION_KEY: KEY });
  expect(backup).toEqual({ code: 0, output: expect.stringContaining('Export archive is in') });
  const file = path.join(dir, 'copia.tar.gz.enc');
  // Encrypted: no personal data readable in the file.
  expect(fs.readFileSync(file).includes(Buffer.from(CANARY))).toBe(false);

  const target = await createTestDatabase({ empty: true });
  const restore = await script('restore', [file], { ...app.env, ...target.env, BACKUP_ENCRYPTION_KEY: KEY });
  expect(restore).toEqual({ code: 0, output: expect.stringMatching(/Import process has been completed successfully/i) });

  // One Strapi per process: the source goes (its snapshot is taken) before the restored one boots.
  await app.stop();
  restored = await startApp({ ...target.env, SEED_ON_BOOTSTRAP: 'false' }, { existing: target });
  const after = await snapshot(restored);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const uid of Object.keys(before)) {
    expect({ uid, count: after[uid].length }).toEqual({ uid, count: before[uid].length });
    expect({ uid, rows: after[uid] }).toEqual({ uid, rows: before[uid] });
  }
  // And the restored app serves it.
  const upcoming = await restored.http().get('/api/sessions/upcoming?locale=es');
  expect(upcoming.body.data.map((s: { title: string }) => s.title)).toContain('Sesión para la copia');
  // Each script compiles and boots the app (about a minute on a busy machine).
}, 600000);

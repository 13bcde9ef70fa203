import fs from 'fs';
import os from 'os';
import path from 'path';
import S3rver from 's3rver';
import { freePort } from '../helpers/browser';
import { DAY, createSession } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * UPLOAD_PROVIDER=s3 (issue #19): a material's file uploaded through the admin API lands in a real
 * S3-compatible server on loopback (s3rver), and the session's public page links to it there.
 */
let app: TestApp;
let s3: S3rver;
let s3Url: string;
let directory: string;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-s3-'));
  const port = await freePort();
  s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'gomunicipal-media', configs: [] }] });
  await s3.run();
  s3Url = `http://127.0.0.1:${port}`;
  app = await startApp({
    UPLOAD_PROVIDER: 's3',
    S3_ENDPOINT: s3Url,
    S3_BUCKET: 'gomunicipal-media',
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_PUBLIC_URL: `${s3Url}/gomunicipal-media`,
  });
});

afterAll(async () => {
  await app?.stop();
  await s3?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

it('stores an uploaded material file in the S3 store and links to it from the session page', async () => {
  const token = (await app.http().post('/admin/login').send(TEST_ADMIN)).body.data.token as string;
  const content = Buffer.from(`%PDF-1.4\n% GOmunicipal ${Date.now()}\n`);
  const upload = await app.http().post('/upload').set('Authorization', `Bearer ${token}`).attach('files', content, { filename: 'diapositives.pdf', contentType: 'application/pdf' });
  expect(upload.status).toBe(201);
  const file = upload.body[0] as { id: number; url: string };
  expect(file.url.startsWith(`${s3Url}/gomunicipal-media/`)).toBe(true);

  // The object is in the store, byte for byte, and nothing was written to the local disk.
  const stored = await fetch(file.url);
  expect(stored.status).toBe(200);
  expect(Buffer.from(await stored.arrayBuffer()).equals(content)).toBe(true);
  expect(fs.existsSync(path.join(app.strapi.dirs.static.public, 'uploads', path.basename(file.url)))).toBe(false);

  const session = await createSession(app.strapi, { title: 'Sessió amb diapositives', startsAt: new Date(Date.now() - 3 * DAY) });
  const materials = app.strapi.documents('api::material.material');
  const material = await materials.create({ locale: 'ca', data: { title: 'Diapositives', kind: 'slides', file: file.id, session } });
  await materials.publish({ documentId: material.documentId, locale: 'ca' });
  const { slug } = (await app.strapi.db.query('api::session.session').findOne({ where: { documentId: session } })) as { slug: string };
  const page = await app.http().get(`/ca/sessions/${slug}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain(`href="${file.url}"`);
});

/**
 * The portal lists' hand-written SQL (src/api/session/services/portal-rows.ts) returns what the
 * query engine returns for the same list and populate: sessions with speakers, catalogue resources,
 * materials (with a file), recordings (with a file, chapters and captions), drafts and unpublished
 * relations left out, on every database. Keys are compared sorted: the query engine sets relation
 * keys in the order its parallel statements finish, the portal rows in the populate's order.
 * On the same rows, every field an anonymous GraphQL reader can select answers without an internal
 * error.
 */
import type { Core } from '@strapi/strapi';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLNamedType } from 'graphql';
import { startApp, type TestApp } from '../helpers/strapi';
import { DAY, countQueries, createMaterial, createRecording, createSession, removeUploads, uploadFile, type UploadedFile } from '../helpers/fixtures';
import { ALL_PORTAL_PARTS, PORTAL_POPULATE, type PortalParts } from '../../src/api/session/services/session';
import { service } from '../../src/utils/services';

let app: TestApp;
let strapi: Core.Strapi;
const uploads: UploadedFile[] = [];
const PUBLISHED = { publishedAt: { $notNull: true } };

/** JSON with every object's keys sorted. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** The query engine's findMany for a portal list, as the service did it before the portal rows. */
const queryEngine = (kind: 'upcoming' | 'past', now: Date, limit: number, populate: Record<string, unknown>, select?: string[], year?: number) => {
  const startsAt: Record<string, string> = kind === 'upcoming' ? { $gt: now.toISOString() } : { $lte: now.toISOString() };
  if (year !== undefined) {
    startsAt.$gte = new Date(Date.UTC(year - 1, 11, 31, 23)).toISOString();
    startsAt.$lt = new Date(Date.UTC(year, 11, 31, 23)).toISOString();
  }
  return strapi.db.query('api::session.session').findMany({
    ...(select === undefined ? {} : { select }),
    where: { ...PUBLISHED, locale: 'ca', startsAt, eventStatus: { $ne: 'cancelled' } },
    orderBy: [{ startsAt: kind === 'upcoming' ? 'asc' : 'desc' }, { id: 'asc' }],
    limit,
    populate,
  });
};

beforeAll(async () => {
  app = await startApp();
  strapi = app.strapi;
  const now = Math.floor(Date.now() / 60000) * 60000;
  const resources = strapi.documents('api::catalog-resource.catalog-resource');
  const resource = await resources.create({
    locale: 'ca',
    data: { name: 'Portal de transparència', code: 'pt-rows', catalogUrl: 'https://example.org/pt', qualifiesForSupport: true },
  });
  await resources.publish({ documentId: resource.documentId, locale: 'ca' });
  const unpublished = await resources.create({ locale: 'ca', data: { name: 'Recurs en esborrany', code: 'draft-rows', qualifiesForSupport: false } });
  uploads.push(await uploadFile(strapi, 'diapositives.pdf', 'application/pdf', '%PDF-1.4 portal rows'));
  uploads.push(await uploadFile(strapi, 'video.mp4', 'video/mp4', Buffer.alloc(64, 1)));
  for (let i = 0; i < 4; i += 1) {
    const held = i < 3;
    const session = await createSession(strapi, {
      title: `Sessió de files ${i + 1}`,
      startsAt: new Date(held ? Date.UTC(2023, 2 + i, 30, 9) : now + (i + 1) * DAY),
      eventStatus: held ? 'held' : 'scheduled',
      capacity: held ? undefined : 30,
    });
    await strapi.documents('api::session.session').update({
      documentId: session,
      locale: 'ca',
      data: {
        speakers: [
          { name: `Ponent ${i}`, role: 'Tècnica', organization: 'Diputació' },
          { name: `Ponent ${i}b`, role: 'Cap de servei', organization: 'Ajuntament' },
        ],
        catalogResources: i % 2 === 0 ? [resource.documentId, unpublished.documentId] : [],
      },
    });
    await strapi.documents('api::session.session').publish({ documentId: session, locale: 'ca' });
    const material = await createMaterial(strapi, session, `Material ${i}`, `https://example.org/m-${i}.pdf`);
    if (i === 0) {
      await strapi.documents('api::material.material').update({ documentId: material, locale: 'ca', data: { file: uploads[0].id } });
      await strapi.documents('api::material.material').publish({ documentId: material, locale: 'ca' });
    }
    await createMaterial(strapi, session, `Material ${i} (2)`, `https://example.org/m-${i}-2.pdf`);
    // A material never published: its draft row is linked to the session's draft only.
    await strapi
      .documents('api::material.material')
      .create({ locale: 'ca', data: { title: `Esborrany ${i}`, kind: 'link', url: 'https://example.org/d', session } });
    const recording = await createRecording(strapi, session, `Gravació ${i}`, `https://video.example.org/${i}`);
    if (i === 1) {
      await strapi.documents('api::recording.recording').update({
        documentId: recording,
        locale: 'ca',
        data: {
          file: uploads[1].id,
          chapters: [
            { startsAtSecond: 0, title: 'Inici' },
            { startsAtSecond: 60, title: 'Preguntes' },
            { startsAtSecond: 30, title: 'Exemple' },
          ],
        },
      });
      await strapi.documents('api::recording.recording').publish({ documentId: recording, locale: 'ca' });
    }
  }
  await createSession(strapi, { title: 'Sessió cancel·lada de files', startsAt: new Date(Date.UTC(2023, 6, 1, 9)), eventStatus: 'cancelled' });
  await createSession(strapi, { title: 'Sessió en esborrany de files', startsAt: new Date(Date.UTC(2023, 6, 2, 9)), publish: false });
});

afterAll(async () => {
  await removeUploads(strapi, uploads);
  await app?.stop();
});

const populateOf = (parts: PortalParts): Record<string, unknown> => {
  const populate: Record<string, unknown> = {};
  if (parts.speakers === true) populate.speakers = true;
  if (parts.catalogResources === true) populate.catalogResources = PORTAL_POPULATE.catalogResources;
  if (parts.materials !== undefined && parts.materials !== false) {
    populate.materials = { ...PORTAL_POPULATE.materials, populate: typeof parts.materials === 'object' && parts.materials.file === true ? { file: true } : {} };
  }
  if (parts.recordings !== undefined && parts.recordings !== false) {
    const nested = typeof parts.recordings === 'object' ? parts.recordings : {};
    populate.recordings = {
      ...PORTAL_POPULATE.recordings,
      populate: { ...(nested.file === true ? { file: true } : {}), ...(nested.chapters === true ? { chapters: true } : {}) },
    };
  }
  return populate;
};

const PARTS: [string, PortalParts][] = [
  ['everything', ALL_PORTAL_PARTS],
  ['the GraphQL portal query', { materials: { file: false }, recordings: { file: false, chapters: true } }],
  ['no relations', {}],
  ['files only', { materials: { file: true }, recordings: { file: true } }],
];

describe('portal rows equal the query engine', () => {
  it.each(PARTS)('past and upcoming with %s', async (_name, parts) => {
    const now = new Date();
    const sessions = service(strapi, 'api::session.session');
    const past = await sessions.past({ limit: 12, locale: 'ca', now, parts });
    expect(canonical(past)).toBe(canonical(await queryEngine('past', now, 12, populateOf(parts))));
    const upcoming = await sessions.upcoming({ limit: 5, locale: 'ca', now, parts });
    expect(canonical(upcoming)).toBe(canonical(await queryEngine('upcoming', now, 5, populateOf(parts))));
    expect(past.length).toBeGreaterThanOrEqual(3);
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
  });

  it('reads what the fixtures hold: published relations only, files, chapters in their order, no drafts or cancelled sessions', async () => {
    // The template database's seed holds sessions of 2023 too.
    const past = (await service(strapi, 'api::session.session').past({ limit: 50, locale: 'ca', year: 2023 })).filter((s) =>
      String(s.title).includes('de files'),
    );
    const titles = past.map((s) => s.title);
    expect(titles).toEqual(['Sessió de files 3', 'Sessió de files 2', 'Sessió de files 1']);
    const first = past[2] as unknown as Record<string, unknown> & { materials: { title: string; file: { name: string } | null }[]; catalogResources: { code: string }[] };
    expect(first.materials.map((m) => m.title)).toEqual(['Material 0', 'Material 0 (2)']);
    expect(first.materials[0].file?.name).toBe('diapositives.pdf');
    expect(first.materials[1].file).toBeNull();
    expect(first.catalogResources.map((r) => r.code)).toEqual(['pt-rows']);
    const second = past[1] as unknown as Record<string, unknown> & { recordings: { file: { name: string } | null; chapters: { title: string }[] }[] };
    expect(second.recordings[0].file?.name).toBe('video.mp4');
    expect(second.recordings[0].chapters.map((c) => c.title)).toEqual(['Inici', 'Preguntes', 'Exemple']);
  });

  it('GraphQL reads only the columns its query selects, and answers as when it reads them all', async () => {
    const fields = (wide: boolean) => `documentId title startsAt endsAt pageUrl seatsLeft registrationAvailable ${wide ? 'localizations { documentId }' : ''}
      speakers { name } catalogResources { name code }
      materials { title url ${wide ? 'session { documentId }' : ''} file { name url } }
      recordings { title videoUrl ${wide ? 'session { documentId }' : ''} file { url } chapters { title startsAtSecond } }`;
    const ask = async (wide: boolean) => {
      const sql: string[] = [];
      const listener = (query: { sql: string }) => sql.push(query.sql);
      strapi.db.connection.client.on('query', listener);
      try {
        const res = await app.http().post('/graphql').send({ query: `{ pastSessions(limit: 12) { ${fields(wide)} } upcomingSessions(limit: 5) { ${fields(wide)} } }` });
        expect(res.body.errors).toBeUndefined();
        return { data: res.body.data as unknown, sql };
      } finally {
        strapi.db.connection.client.removeListener('query', listener);
      }
    };
    /** The answer without the fields only the wide query asks for. */
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).filter(([key]) => !['localizations', 'session'].includes(key)).map(([key, v]) => [key, strip(v)]))
          : value;
    const narrow = await ask(false);
    const wide = await ask(true);
    expect(JSON.stringify(narrow.data)).toBe(JSON.stringify(strip(wide.data)));
    expect(JSON.stringify(narrow.data)).toContain('Preguntes'); // chapters
    expect(JSON.stringify(narrow.data)).toContain('diapositives.pdf'); // a material's file
    // Every list statement names its columns; the wide query's read whole rows.
    const rowsRead = (sql: string[]) => sql.filter((text) => /\bt\.\*/i.test(text)).length;
    expect(rowsRead(narrow.sql)).toBe(0);
    expect(rowsRead(wide.sql)).toBeGreaterThanOrEqual(3);
    expect(narrow.sql.some((text) => /description/.test(text))).toBe(false);
  });

  it('a year, a selection of columns, and a constant number of statements', async () => {
    const now = new Date();
    const sessions = service(strapi, 'api::session.session');
    const inYear = await sessions.past({ limit: 12, locale: 'ca', now, year: 2023, parts: {} });
    expect(canonical(inYear)).toBe(canonical(await queryEngine('past', now, 12, {}, undefined, 2023)));
    const select = ['documentId', 'title', 'startsAt', 'capacity'];
    const selected = await sessions.past({ limit: 12, locale: 'ca', now, parts: {}, select });
    expect(canonical(selected)).toBe(canonical(await queryEngine('past', now, 12, {}, select)));
    expect(Object.keys(selected[0]).sort()).toEqual([...select].sort());
    // Sessions, speakers, resources, materials, recordings, their files and chapters: 8 whatever the number of sessions.
    expect(await countQueries(strapi, () => sessions.past({ limit: 12, locale: 'ca', now }))).toBe(8);
  });

  it('on PostgreSQL sends the same statements whatever the number of sessions, each prepared once per connection', async () => {
    const sessions = service(strapi, 'api::session.session');
    const sent = async (limit: number) => {
      const texts: string[] = [];
      const named: unknown[] = [];
      const listener = (query: { sql: string; options?: { name?: string } }) => {
        texts.push(query.sql);
        named.push(query.options?.name);
      };
      strapi.db.connection.client.on('query', listener);
      try {
        expect((await sessions.past({ limit, locale: 'ca' })).length).toBe(limit);
      } finally {
        strapi.db.connection.client.removeListener('query', listener);
      }
      return { texts: [...texts].sort(), named };
    };
    const [two, three] = [await sent(2), await sent(3)];
    if (strapi.db.dialect.client === 'postgres') {
      expect(three.texts).toEqual(two.texts);
      expect(three.named.every((name) => typeof name === 'string' && name.startsWith('portal_'))).toBe(true);
    } else {
      expect(three.texts).not.toEqual(two.texts);
    }
  });

  it('reads several lists together, their relations in shared statements, the same rows as each list alone', async () => {
    const now = new Date();
    const sessions = service(strapi, 'api::session.session');
    const parts: PortalParts = { materials: { file: false }, recordings: { file: false, chapters: true } };
    let together: unknown[] = [];
    const sent = await countQueries(strapi, async () => {
      together = await sessions.lists([
        { kind: 'upcoming', args: { limit: 5, locale: 'ca', now, parts } },
        { kind: 'past', args: { limit: 12, locale: 'ca', now, parts } },
      ]);
    });
    expect(canonical(together)).toBe(
      canonical([await sessions.upcoming({ limit: 5, locale: 'ca', now, parts }), await sessions.past({ limit: 12, locale: 'ca', now, parts })]),
    );
    // The two lists' sessions in one statement, then the materials and the recordings of both, then the chapters: 4, not 8.
    expect(sent).toBe(4);
    // Lists that read different columns each have their own sessions statement, and the same rows as alone.
    const narrow = { limit: 5, locale: 'ca' as const, now, parts, select: ['documentId', 'title', 'startsAt'] };
    let apart: unknown[] = [];
    const sentApart = await countQueries(strapi, async () => {
      apart = await sessions.lists([
        { kind: 'upcoming', args: narrow },
        { kind: 'past', args: { limit: 12, locale: 'ca', now, parts } },
      ]);
    });
    expect(canonical(apart)).toBe(canonical([await sessions.upcoming(narrow), await sessions.past({ limit: 12, locale: 'ca', now, parts })]));
    expect(sentApart).toBe(5);
  });
});

describe('every field an anonymous reader can select', () => {
  /** The scalar leaves of `type`, and `__typename` for a union or an interface. */
  const leaves = (type: GraphQLNamedType): string =>
    isObjectType(type)
      ? Object.values(type.getFields())
          .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)) && isLeafType(getNamedType(field.type)))
          .map((field) => field.name)
          .join(' ')
      : '__typename';

  it('answers each, two relations deep, without an internal error (public queries on these rows)', async () => {
    const introspection = await app.http().post('/graphql').send({ query: getIntrospectionQuery() });
    expect(introspection.status).toBe(200);
    const schema = buildClientSchema(introspection.body.data);
    const queries: string[] = [];
    for (const root of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      if (root.args.some((arg) => isNonNullType(arg.type))) continue;
      const type = getNamedType(root.type);
      if (!isObjectType(type)) continue;
      const relations = Object.values(type.getFields()).filter((field) => !isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)));
      queries.push(`{ ${root.name} { ${leaves(type)} } }`);
      for (const relation of relations) {
        const target = getNamedType(relation.type);
        const deeper = isObjectType(target)
          ? Object.values(target.getFields())
              .filter((field) => !isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)))
              .map((field) => `${field.name} { ${leaves(getNamedType(field.type))} }`)
              .join(' ')
          : '';
        queries.push(`{ ${root.name} { ${relation.name} { ${leaves(target)} ${deeper} } } }`);
      }
    }
    const answers = await Promise.all(queries.map(async (query) => ({ query, res: await app.http().post('/graphql').send({ query }) })));
    const internal = answers
      .filter(({ res }) => res.status >= 500 || (res.body.errors ?? []).some((e: { extensions?: { code?: string } }) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
      .map(({ query, res }) => `${res.status} ${query}`);
    expect(internal).toEqual([]);
    // The sweep reached the rows: the sessions' materials' files and the recordings' chapters.
    expect(queries.length).toBeGreaterThan(30);
    const texts = answers.map(({ res }) => res.text).join('\n');
    expect(texts).toContain('diapositives.pdf');
    expect(texts).toContain('Preguntes');
    // A file's `related`, which Strapi cannot resolve, is deprecated and null, not an internal error.
    const related = await app.http().post('/graphql').send({ query: '{ materials { file { name related { __typename } } } }' });
    expect(related.body.errors).toBeUndefined();
    const files = (related.body.data.materials as { file: { name: string; related: unknown } | null }[]).flatMap((m) => (m.file === null ? [] : [m.file]));
    expect(files.map((file) => file.name)).toContain('diapositives.pdf');
    expect(files.every((file) => file.related === null)).toBe(true);
  });
});

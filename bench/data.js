/**
 * The benchmark's data set, generated into a loaded (not listening) GOmunicipal:
 * - sessions, materials and recordings through the Document Service, as editors create them
 *   (drafts and published versions, relations, components), in one transaction;
 * - registrations and feedback responses, by the tens of thousands, as bulk INSERTs into the
 *   tables Strapi created (column and link-table names read from Strapi's metadata).
 */
'use strict';
const crypto = require('crypto');

const FULL = { sessions: 120, upcoming: 5, registrations: 30000, feedback: 250000, capacity: 80 };
const SMOKE = { sessions: 12, upcoming: 3, registrations: 300, feedback: 2000, capacity: 80 };

const DAY = 24 * 60 * 60 * 1000;
const KINDS = ['slides', 'document', 'guide', 'template', 'link'];
const TOPICS = [
  'Portal de transparència', 'Dades obertes', 'Accés a la informació pública', 'Contractació pública',
  'Registre de grups d\'interès', 'Participació ciutadana', 'Agenda pública', 'Publicitat activa',
  'Gestió documental', 'Protecció de dades', 'Pressupostos participatius', 'Indicadors de transparència',
];

/** A deterministic pseudo-random generator, so that two runs measure the same data. */
const random = (seed) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const documentId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

/** Columns of a content type's table, by attribute name, and its link tables, from Strapi's metadata. */
const tableOf = (strapi, uid) => {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute) => meta.attributes[attribute].columnName ?? attribute;
  const row = (values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [column(key), value]));
  const link = (attribute) => {
    const { joinTable } = meta.attributes[attribute];
    return { name: joinTable.name, own: joinTable.joinColumn.name, other: joinTable.inverseJoinColumn.name };
  };
  return { name: meta.tableName, row, link };
};

const insertChunks = async (knex, table, rows, columnsPerRow) => {
  // PostgreSQL takes up to 65,535 parameters per statement; SQLite's multi-row insert is a
  // compound SELECT of at most 500 terms.
  const size = Math.min(knex.client.config.client === 'postgres' ? 5000 : 400, Math.max(1, Math.floor(30000 / columnsPerRow)));
  for (let i = 0; i < rows.length; i += size) await knex(table).insert(rows.slice(i, i + size));
};

/** The session date of month `i` months before (negative: after) now, on a Thursday at 10:00 UTC. */
const thursday = (monthsAgo, now) => {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 20, 8, 0, 0));
  while (date.getUTCDay() !== 4) date.setUTCDate(date.getUTCDate() + 1);
  if (monthsAgo <= 0 && date.getTime() <= now.getTime()) date.setTime(date.getTime() + 7 * DAY);
  return date;
};

const createContent = async (strapi, sizes, rnd, now) => {
  const sessions = [];
  const past = sizes.sessions - sizes.upcoming;
  for (let i = 0; i < sizes.sessions; i += 1) {
    // Past sessions roughly monthly over ten years, then the upcoming ones.
    const monthsAgo = i < past ? Math.round(((past - i) * 120) / past) : -(i - past + 1);
    const startsAt = thursday(monthsAgo, now);
    const upcoming = startsAt.getTime() > now.getTime();
    const topic = TOPICS[i % TOPICS.length];
    const title = `${topic} (${startsAt.getUTCFullYear()}-${String(startsAt.getUTCMonth() + 1).padStart(2, '0')})`;
    const cancelled = !upcoming && i % 23 === 7;
    const session = await strapi.documents('api::session.session').create({
      locale: 'ca',
      status: 'published',
      data: {
        title,
        slug: `bench-${i}-${startsAt.toISOString().slice(0, 10)}`,
        summary: `Sessió de suport sobre ${topic.toLowerCase()}: dubtes habituals, exemples i recursos per a ens locals.`,
        startsAt: startsAt.toISOString(),
        durationMinutes: 60,
        eventStatus: cancelled ? 'cancelled' : upcoming ? 'scheduled' : 'held',
        registrationOpen: upcoming,
        capacity: upcoming ? sizes.capacity : 100 + Math.floor(rnd() * 100),
        coOrganizer: i % 3 === 0 ? 'Consorci AOC' : null,
        meetingUrl: `https://teams.example/l/meetup-join/bench-${i}`,
        speakers: [
          { name: `Ponent ${i}`, role: 'Tècnica de transparència', organization: 'Diputació de Barcelona' },
          { name: `Ponent ${i}b`, role: 'Cap de servei', organization: 'Ajuntament' },
        ],
      },
    });
    const materials = 4 + Math.floor(rnd() * 3);
    for (let m = 0; m < materials; m += 1) {
      await strapi.documents('api::material.material').create({
        locale: 'ca',
        status: 'published',
        data: {
          title: `${topic}: material ${m + 1}`,
          description: 'Document de suport de la sessió.',
          kind: KINDS[m % KINDS.length],
          url: `https://www.diba.cat/documents/bench-${i}-${m}.pdf`,
          session: session.documentId,
        },
      });
    }
    const recordings = 1 + Math.floor(rnd() * 2);
    for (let r = 0; r < recordings; r += 1) {
      await strapi.documents('api::recording.recording').create({
        locale: 'ca',
        status: 'published',
        data: {
          title: `${topic}: enregistrament ${r + 1}`,
          videoUrl: `https://www.youtube.com/watch?v=bench${i}x${r}`,
          platform: 'youtube',
          durationSeconds: 3300 + r * 300,
          chapters: [
            { startsAtSecond: 0, title: 'Presentació' },
            { startsAtSecond: 600, title: 'Preguntes' },
          ],
          session: session.documentId,
        },
      });
    }
    sessions.push({ documentId: session.documentId, slug: session.slug, startsAt, upcoming, cancelled });
  }
  return sessions;
};

/** Ids of the published (and draft) rows of each session document: links point at both versions. */
const sessionRows = async (knex, table, documentIds) => {
  const rows = await knex(table).select('id', 'document_id', 'published_at').whereIn('document_id', documentIds);
  const byDocument = new Map();
  for (const row of rows) {
    const entry = byDocument.get(row.document_id) ?? {};
    if (row.published_at === null) entry.draft = row.id;
    else entry.published = row.id;
    byDocument.set(row.document_id, entry);
  }
  return byDocument;
};

const nextId = async (knex, table) => Number((await knex(table).max('id as max'))[0].max ?? 0) + 1;

const fixSequence = async (knex, client, table) => {
  if (client !== 'postgres') return;
  await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT COALESCE(MAX(id), 1) FROM ??))`, [table, table]);
};

const insertRegistrations = async (strapi, knex, sizes, sessions, rnd, now) => {
  const client = strapi.db.dialect.client;
  const registrations = tableOf(strapi, 'api::registration.registration');
  const link = registrations.link('session');
  const sessionIds = await sessionRows(knex, tableOf(strapi, 'api::session.session').name, sessions.map((s) => s.documentId));
  const held = sessions.filter((s) => !s.upcoming && !s.cancelled);
  const rows = [];
  const links = [];
  const attendedRows = [];
  let id = await nextId(knex, registrations.name);
  const stamp = now.toISOString();
  for (let n = 0; n < sizes.registrations; n += 1) {
    // A few for each upcoming session (well under capacity), the rest over the held ones.
    const upcoming = sessions.filter((s) => s.upcoming);
    const session = n < upcoming.length * 10 ? upcoming[n % upcoming.length] : held[n % held.length];
    const status = session.upcoming ? 'confirmed' : rnd() < 0.9 ? 'confirmed' : rnd() < 0.5 ? 'waitlisted' : 'cancelled';
    const attended = !session.upcoming && status === 'confirmed' && rnd() < 0.8;
    rows.push(
      registrations.row({
        id,
        documentId: documentId(),
        fullName: `Persona ${n}`,
        email: `persona${n}@ens${n % 311}.example`,
        localEntityName: `Ajuntament ${n % 311}`,
        jobTitle: 'Tècnic/a',
        registrationStatus: status,
        attended,
        language: n % 4 === 0 ? 'es' : 'ca',
        consentVersion: '2026-01',
        consentedAt: new Date(session.startsAt.getTime() - 10 * DAY).toISOString(),
        createdAt: stamp,
        updatedAt: stamp,
        publishedAt: stamp,
      })
    );
    // As the Document Service does: a registration links to its session's draft and published rows.
    const target = sessionIds.get(session.documentId);
    links.push({ [link.own]: id, [link.other]: target.published });
    if (target.draft !== undefined) links.push({ [link.own]: id, [link.other]: target.draft });
    if (attended) attendedRows.push({ id, session });
    id += 1;
  }
  await insertChunks(knex, registrations.name, rows, Object.keys(rows[0] ?? { a: 1 }).length);
  await insertChunks(knex, link.name, links, 2);
  await fixSequence(knex, client, registrations.name);
  return { attended: attendedRows, sessionIds };
};

const ANSWERS = (rnd) => [
  { question: 'content', value: 1 + Math.floor(rnd() * 5) },
  { question: 'duration', value: ['too_short', 'right', 'too_long'][Math.floor(rnd() * 3)] },
  { question: 'understood', value: 1 + Math.floor(rnd() * 5) },
  { question: 'applicable', value: 1 + Math.floor(rnd() * 5) },
];

const insertFeedback = async (strapi, knex, sizes, sessions, registrationInfo, rnd, now) => {
  const client = strapi.db.dialect.client;
  const feedback = tableOf(strapi, 'api::feedback-response.feedback-response');
  const sessionLink = feedback.link('session');
  const registrationLink = feedback.link('registration');
  const held = sessions.filter((s) => !s.upcoming && !s.cancelled);
  let id = await nextId(knex, feedback.name);
  const batch = 5000;
  for (let start = 0; start < sizes.feedback; start += batch) {
    const rows = [];
    const toSession = [];
    const toRegistration = [];
    for (let n = start; n < Math.min(sizes.feedback, start + batch); n += 1) {
      // One response per attendee (linked), then anonymous ones from the survey link.
      const attendee = registrationInfo.attended[n];
      const session = attendee?.session ?? held[n % held.length];
      const submittedAt = new Date(session.startsAt.getTime() + (1 + rnd() * 5) * DAY).toISOString();
      rows.push(
        feedback.row({
          id,
          documentId: documentId(),
          answers: JSON.stringify(ANSWERS(rnd)),
          comment: n % 5 === 0 ? 'Molt útil, gràcies.' : null,
          nextTopic: n % 9 === 0 ? 'Dades obertes' : null,
          language: n % 4 === 0 ? 'es' : 'ca',
          submittedAt,
          createdAt: submittedAt,
          updatedAt: submittedAt,
          publishedAt: now.toISOString(),
        })
      );
      const target = registrationInfo.sessionIds.get(session.documentId);
      toSession.push({ [sessionLink.own]: id, [sessionLink.other]: target.published });
      if (target.draft !== undefined) toSession.push({ [sessionLink.own]: id, [sessionLink.other]: target.draft });
      if (attendee !== undefined) toRegistration.push({ [registrationLink.own]: id, [registrationLink.other]: attendee.id });
      id += 1;
    }
    await insertChunks(knex, feedback.name, rows, Object.keys(rows[0]).length);
    await insertChunks(knex, sessionLink.name, toSession, 2);
    if (toRegistration.length > 0) await insertChunks(knex, registrationLink.name, toRegistration, 2);
  }
  await fixSequence(knex, client, feedback.name);
};

/**
 * Steps run after the data set exists, in order: `async (strapi, context) => void`. Add one with
 * `postGeneration.push(...)` (e.g. a rollup the feedback summaries read).
 */
const postGeneration = [];

/** Generates the data set; returns what the scenarios need to know about it. */
const generate = async (strapi, { smoke, log }) => {
  const sizes = smoke ? SMOKE : FULL;
  const rnd = random(20260101);
  const now = new Date();
  let started = Date.now();
  const sessions = await strapi.db.transaction(() => createContent(strapi, sizes, rnd, now));
  log(`  ${sessions.length} sessions with materials and recordings (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  started = Date.now();
  const registrationInfo = await strapi.db.transaction(({ trx }) => insertRegistrations(strapi, trx, sizes, sessions, rnd, now));
  log(`  ${sizes.registrations} registrations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  started = Date.now();
  await strapi.db.transaction(({ trx }) => insertFeedback(strapi, trx, sizes, sessions, registrationInfo, rnd, now));
  log(`  ${sizes.feedback} feedback responses (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // Fresh statistics, as autovacuum would gather them eventually: without them PostgreSQL plans the
  // seat count (registrations joined to sessions) as a nested loop over every registration.
  await strapi.db.connection.raw('ANALYZE');
  const context = {
    sizes,
    today: now.toISOString().slice(0, 10),
    twoYearsAgo: new Date(now.getTime() - 730 * DAY).toISOString().slice(0, 10),
    upcoming: sessions.filter((s) => s.upcoming).map((s) => s.documentId),
    past: sessions.filter((s) => !s.upcoming).map((s) => s.documentId),
    // The site's pages: the latest session held (recordings, materials, results) and the next one.
    slugs: {
      past: sessions.filter((s) => !s.upcoming && !s.cancelled).slice(-1)[0].slug,
      upcoming: sessions.find((s) => s.upcoming).slug,
    },
  };
  // The programme's texts, as the seed gives them (the bench starts without the seed).
  await require('../dist/src/seed/programme').seedProgramme(strapi);
  for (const step of postGeneration) await step(strapi, context);
  return context;
};

module.exports = { generate, postGeneration, FULL, SMOKE };

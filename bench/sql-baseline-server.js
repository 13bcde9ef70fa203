/**
 * The hand-written-SQL baseline (issue 20): a bare Node `http` server, no framework, that answers
 * the portal query (`upcomingSessions(limit: 5)` and `pastSessions(limit: 12)` with materials,
 * recordings and chapters) from the bench database with a few SQL statements through `pg` (or
 * better-sqlite3) and `JSON.stringify`: what the app's uncached answer would cost with nothing but
 * the query and the serialisation. The bench checks that its bytes equal the app's uncached answer
 * before it measures. `GET /api/sessions/past?limit=n` answers the REST archive the same way (its
 * own bytes: the REST answer is about twice the portal query's, with more relations). Reads the
 * database from DATABASE_* like the app; prints "ready <port>".
 */
'use strict';
const http = require('http');

const client = process.env.DATABASE_CLIENT;

/** `query(sql, params)` with `?` placeholders, on PostgreSQL or SQLite. */
const connect = () => {
  if (client === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(process.env.DATABASE_FILENAME, { readonly: true });
    const statements = new Map();
    return async (sql, params) => {
      if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
      return statements.get(sql).all(...params.map((p) => (p instanceof Date ? p.getTime() : p)));
    };
  }
  const { Pool } = require('pg');
  const pool = new Pool({
    host: process.env.DATABASE_HOST,
    port: Number(process.env.DATABASE_PORT),
    user: process.env.DATABASE_USERNAME,
    password: process.env.DATABASE_PASSWORD || undefined,
    database: process.env.DATABASE_NAME,
    max: 10,
  });
  return async (sql, params) => {
    let i = 0;
    const text = sql.replace(/\?/g, () => `$${(i += 1)}`);
    return (await pool.query(text, params)).rows;
  };
};

const query = connect();
const list = (n) => Array.from({ length: n }, () => '?').join(', ');
const iso = (value) => new Date(client === 'sqlite' ? Number(value) : value).toISOString();

const SESSIONS = (direction) => `
  SELECT id, document_id, title, starts_at, event_status FROM sessions
  WHERE published_at IS NOT NULL AND locale = 'ca' AND starts_at ${direction === 'asc' ? '>' : '<='} ? AND event_status <> 'cancelled'
  ORDER BY starts_at ${direction}, id ASC LIMIT ?`;

/** The portal page: both lists and their relations in five statements. */
const portal = async () => {
  const now = new Date();
  const [upcoming, past] = await Promise.all([query(SESSIONS('asc'), [now, 5]), query(SESSIONS('desc'), [now, 12])]);
  const ids = [...upcoming, ...past].map((s) => s.id);
  const [materials, recordings] = ids.length === 0 ? [[], []] : await Promise.all([
    query(
      `SELECT l.session_id, m.title, m.kind, m.url FROM materials m JOIN materials_session_lnk l ON l.material_id = m.id
       WHERE l.session_id IN (${list(ids.length)}) AND m.published_at IS NOT NULL ORDER BY m.id`,
      ids
    ),
    query(
      `SELECT l.session_id, r.id, r.title, r.video_url, r.platform, r.duration_seconds FROM recordings r JOIN recordings_session_lnk l ON l.recording_id = r.id
       WHERE l.session_id IN (${list(ids.length)}) AND r.published_at IS NOT NULL ORDER BY r.id`,
      ids
    ),
  ]);
  const recordingIds = recordings.map((r) => r.id);
  const chapters = recordingIds.length === 0 ? [] : await query(
    `SELECT rc.entity_id, c.starts_at_second, c.title FROM recordings_cmps rc JOIN components_recording_chapters c ON c.id = rc.cmp_id
     WHERE rc.entity_id IN (${list(recordingIds.length)}) AND rc.field = 'chapters' AND rc.component_type = 'recording.chapter'
     ORDER BY rc.entity_id, rc."order", rc.id`,
    recordingIds
  );
  const materialsOf = group(materials, 'session_id');
  const recordingsOf = group(recordings, 'session_id');
  const chaptersOf = group(chapters, 'entity_id');
  const shape = (s) => ({
    documentId: s.document_id,
    title: s.title,
    startsAt: iso(s.starts_at),
    eventStatus: s.event_status,
    materials: (materialsOf.get(Number(s.id)) ?? []).map((m) => ({ title: m.title, kind: m.kind, url: m.url })),
    recordings: (recordingsOf.get(Number(s.id)) ?? []).map((r) => ({
      title: r.title,
      videoUrl: r.video_url,
      platform: r.platform,
      durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
      chapters: (chaptersOf.get(Number(r.id)) ?? []).map((c) => ({ startsAtSecond: Number(c.starts_at_second), title: c.title })),
    })),
  });
  // Apollo ends its JSON with a newline.
  return `${JSON.stringify({ data: { upcomingSessions: upcoming.map(shape), pastSessions: past.map(shape) } })}\n`;
};

const group = (rows, key) => {
  const map = new Map();
  for (const row of rows) {
    const k = Number(row[key]);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(row);
  }
  return map;
};
const isoOrNull = (value) => (value === null ? null : iso(value));
/** A boolean column as the app answers it (SQLite stores 0 and 1). */
const bool = (value) => (client === 'sqlite' && value !== null ? Boolean(value) : value);
const timestamps = (row) => ({ createdAt: isoOrNull(row.created_at), updatedAt: isoOrNull(row.updated_at), publishedAt: isoOrNull(row.published_at), locale: row.locale });
const PUBLIC_URL = (process.env.PUBLIC_URL ?? 'http://localhost:1337').replace(/\/+$/, '');
/** An upload file as the REST API shows it (none in the bench's data set: not compared byte for byte). */
const fileOf = (f) =>
  f === undefined
    ? null
    : {
        id: Number(f.id), documentId: f.document_id, name: f.name, alternativeText: f.alternative_text, caption: f.caption, focalPoint: f.focal_point ?? null,
        width: f.width, height: f.height, formats: f.formats, hash: f.hash, ext: f.ext, mime: f.mime, size: f.size === null ? null : Number(f.size), url: f.url,
        previewUrl: f.preview_url, provider: f.provider, provider_metadata: f.provider_metadata, ...timestamps(f),
      };

/**
 * The REST archive, `GET /api/sessions/past?limit=12`: the REST answer's bytes (every public field
 * of the sessions, their speakers, catalogue resources, materials and recordings with their files
 * and chapters, and the fields a portal derives, seats left among them), in eight statements.
 */
const past = async (limit) => {
  const now = new Date();
  const sessions = await query(
    `SELECT id, document_id, title, slug, summary, description, starts_at, duration_minutes, event_status, co_organizer, capacity, registration_open,
       created_at, updated_at, published_at, locale FROM sessions
     WHERE published_at IS NOT NULL AND locale = 'ca' AND starts_at <= ? AND event_status <> 'cancelled' ORDER BY starts_at DESC, id ASC LIMIT ?`,
    [now, limit]
  );
  const ids = sessions.map((s) => s.id);
  if (ids.length === 0) return JSON.stringify({ data: [], meta: {} });
  const within = list(ids.length);
  const [speakers, resources, materials, recordings, seats] = await Promise.all([
    query(`SELECT c.entity_id, s.id, s.name, s.role, s.organization FROM sessions_cmps c JOIN components_shared_speakers s ON s.id = c.cmp_id
           WHERE c.entity_id IN (${within}) AND c.field = 'speakers' ORDER BY c."order", c.id`, ids),
    query(`SELECT l.session_id, r.id, r.document_id, r.name, r.code, r.catalog_url, r.qualifies_for_support FROM sessions_catalog_resources_lnk l
           JOIN catalog_resources r ON r.id = l.catalog_resource_id WHERE l.session_id IN (${within}) AND r.published_at IS NOT NULL
           ORDER BY l.catalog_resource_ord, l.id`, ids),
    query(`SELECT l.session_id, m.id, m.document_id, m.title, m.description, m.kind, m.url, m.created_at, m.updated_at, m.published_at, m.locale
           FROM materials m JOIN materials_session_lnk l ON l.material_id = m.id WHERE l.session_id IN (${within}) AND m.published_at IS NOT NULL ORDER BY m.id`, ids),
    query(`SELECT l.session_id, r.id, r.document_id, r.title, r.video_url, r.platform, r.duration_seconds, r.created_at, r.updated_at, r.published_at, r.locale
           FROM recordings r JOIN recordings_session_lnk l ON l.recording_id = r.id WHERE l.session_id IN (${within}) AND r.published_at IS NOT NULL ORDER BY r.id`, ids),
    query(`SELECT session_document_id, confirmed FROM registration_seat_counts WHERE session_document_id IN (${within})`, sessions.map((s) => s.document_id)),
  ]);
  const [materialIds, recordingIds] = [materials.map((m) => m.id), recordings.map((r) => r.id)];
  const [files, chapters] = await Promise.all([
    materialIds.length + recordingIds.length === 0
      ? []
      : query(
          `SELECT j.related_type, j.related_id, f.* FROM files_related_mph j JOIN files f ON f.id = j.file_id WHERE j.field = 'file'
           AND ((j.related_type = 'api::material.material' AND j.related_id IN (${list(materialIds.length) || 'NULL'}))
             OR (j.related_type = 'api::recording.recording' AND j.related_id IN (${list(recordingIds.length) || 'NULL'})))`,
          [...materialIds, ...recordingIds]
        ),
    recordingIds.length === 0
      ? []
      : query(`SELECT c.entity_id, ch.id, ch.starts_at_second, ch.title FROM recordings_cmps c JOIN components_recording_chapters ch ON ch.id = c.cmp_id
               WHERE c.entity_id IN (${list(recordingIds.length)}) AND c.field = 'chapters' ORDER BY c."order", c.id`, recordingIds),
  ]);
  const [speakersOf, resourcesOf, materialsOf, recordingsOf, chaptersOf] = [group(speakers, 'entity_id'), group(resources, 'session_id'), group(materials, 'session_id'), group(recordings, 'session_id'), group(chapters, 'entity_id')];
  const fileFor = new Map(files.map((f) => [`${f.related_type} ${Number(f.related_id)}`, f]));
  const confirmed = new Map(seats.map((row) => [row.session_document_id, Number(row.confirmed)]));
  const data = sessions.map((s) => {
    const id = Number(s.id);
    const start = new Date(iso(s.starts_at));
    const isUpcoming = start.getTime() > now.getTime();
    return {
      id,
      documentId: s.document_id, title: s.title, slug: s.slug, summary: s.summary, description: typeof s.description === 'string' ? JSON.parse(s.description) : s.description, startsAt: iso(s.starts_at),
      durationMinutes: s.duration_minutes, eventStatus: s.event_status, coOrganizer: s.co_organizer, capacity: s.capacity,
      registrationOpen: bool(s.registration_open), ...timestamps(s),
      speakers: (speakersOf.get(id) ?? []).map((p) => ({ id: Number(p.id), name: p.name, role: p.role, organization: p.organization })),
      catalogResources: (resourcesOf.get(id) ?? []).map((r) => ({
        id: Number(r.id), documentId: r.document_id, name: r.name, code: r.code, catalogUrl: r.catalog_url, qualifiesForSupport: bool(r.qualifies_for_support),
      })),
      materials: (materialsOf.get(id) ?? []).map((m) => ({
        id: Number(m.id), documentId: m.document_id, title: m.title, description: m.description, kind: m.kind, url: m.url, ...timestamps(m), file: fileOf(fileFor.get(`api::material.material ${Number(m.id)}`)),
      })),
      recordings: (recordingsOf.get(id) ?? []).map((r) => ({
        id: Number(r.id), documentId: r.document_id, title: r.title, videoUrl: r.video_url, platform: r.platform,
        durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds), ...timestamps(r), file: fileOf(fileFor.get(`api::recording.recording ${Number(r.id)}`)),
        chapters: (chaptersOf.get(Number(r.id)) ?? []).map((c) => ({ id: Number(c.id), startsAtSecond: Number(c.starts_at_second), title: c.title })),
      })),
      endsAt: new Date(start.getTime() + (s.duration_minutes ?? 60) * 60000).toISOString(),
      isUpcoming,
      calendarUrl: `${PUBLIC_URL}/api/sessions/${s.document_id}/calendar.ics`,
      seatsLeft: s.capacity === null ? null : Math.max(0, s.capacity - (confirmed.get(s.document_id) ?? 0)),
      registrationAvailable: isUpcoming && s.event_status === 'scheduled' && bool(s.registration_open) === true,
    };
  });
  return JSON.stringify({ data, meta: {} });
};

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const rest = /^\/api\/sessions\/past\?limit=(\d+)$/.exec(req.url ?? '');
    (rest === null ? portal() : past(Number(rest[1]))).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error.message));
      }
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

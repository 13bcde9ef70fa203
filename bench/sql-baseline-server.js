/**
 * The hand-written-SQL baseline (issue 20): a bare Node `http` server, no framework, that answers
 * the portal query (`upcomingSessions(limit: 5)` and `pastSessions(limit: 12)` with materials,
 * recordings and chapters) from the bench database with a few SQL statements through `pg` (or
 * better-sqlite3) and `JSON.stringify`: what the app's uncached answer would cost with nothing but
 * the query and the serialisation. The bench checks that its bytes equal the app's uncached answer
 * before it measures. Reads the database from DATABASE_* like the app; prints "ready <port>".
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
  const group = (rows, key) => {
    const map = new Map();
    for (const row of rows) {
      const k = Number(row[key]);
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(row);
    }
    return map;
  };
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

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    portal().then(
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

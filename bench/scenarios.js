/**
 * What `npm run bench` measures. A scenario is
 *   { name, about, request(context) -> { method, path, headers?, body? },
 *     baseline?: name of the scenario its ratio is computed against,
 *     targets?: { ratio?, p99Ms?, rps?, onlyOn?: ['postgres'] },
 *     baselineServer?: 'bare' | 'sql' (measured against that child server instead of the app),
 *     sameBytesAs?: (of a baseline) the scenario whose app answer it must equal byte for byte,
 *     uniqueQuery?: true (every request misses the response cache: bench/load.js),
 *     server?: 'uncached' (measured on a second app started without the response cache, as an
 *       anonymous portal's miss finds it: for routes that refuse unknown parameters),
 *     warm?: true (fill caches before measuring), check?: async (context, figures) -> { ok, note },
 *     background?: (context) -> { rate, requests: [...] } (sent alongside, not measured; figures.background) }
 * `context` has the data set (`upcoming`, `past` document ids, `sizes`), `db` (a query helper on the
 * bench database: `db.rows(sql, params)`), `client` ('postgres' | 'sqlite') and `now`.
 * To add one: push it onto the list (e.g. from a file required by run.js); nothing else changes.
 */
'use strict';
const { hostileRequests } = require('./hostile');

const SESSION_FIELDS = `
  documentId title startsAt eventStatus
  materials { title kind url }
  recordings { title videoUrl platform durationSeconds chapters { startsAtSecond title } }
`;

/** The portal's page: next sessions and the archive, with materials and recordings. */
const PORTAL_QUERY = `query Portal {
  upcomingSessions(limit: 5) { ...S }
  pastSessions(limit: 12) { ...S }
}
fragment S on Session { ${SESSION_FIELDS} }`;

/** The same fields through Strapi's generated query, as a portal would without our API. */
const stockQuery = (now) => `query Stock {
  upcoming: sessions(filters: { startsAt: { gt: "${now}" }, eventStatus: { ne: "cancelled" } }, sort: "startsAt:asc", pagination: { limit: 5 }) { ...S }
  past: sessions(filters: { startsAt: { lte: "${now}" }, eventStatus: { ne: "cancelled" } }, sort: "startsAt:desc", pagination: { limit: 12 }) { ...S }
}
fragment S on Session { ${SESSION_FIELDS} }`;

const json = { 'content-type': 'application/json' };
const compact = (query) => query.replace(/\s+/g, ' ').trim();

const scenarios = [
  {
    name: 'node-http',
    about: 'bare Node http server sending the bytes of the cached GraphQL GET answer',
    baselineServer: 'bare',
    request: () => ({ method: 'GET', path: '/' }),
  },
  {
    name: 'health',
    about: "the app's /_health (Strapi's lightest route)",
    baseline: 'node-http',
    request: () => ({ method: 'GET', path: '/_health' }),
  },
  {
    name: 'graphql-get-cached',
    about: 'portal list, GraphQL GET, warm server-side cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 0.5, p99Ms: 20 },
    request: () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent(compact(PORTAL_QUERY))}` }),
  },
  {
    name: 'rest-past-cached',
    about: 'portal archive, REST /api/sessions/past?limit=12 (materials, recordings), warm cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 0.5, p99Ms: 20 },
    request: () => ({ method: 'GET', path: '/api/sessions/past?limit=12' }),
  },
  {
    name: 'graphql-stock',
    about: 'the same fields through the generated `sessions` query (stock shadow CRUD), POST',
    baseline: 'health',
    request: (context) => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: compact(stockQuery(context.now)) }) }),
  },
  // Measured right before the two lists compared with it (after the stock query, whose garbage
  // it gives the app a few seconds to clear), so that a drift within a round reaches both alike.
  {
    name: 'sql-baseline',
    about: 'bare Node http server answering the portal query with hand-written SQL (pg or better-sqlite3) and JSON.stringify, the same bytes as the uncached answer',
    baselineServer: 'sql',
    sameBytesAs: 'graphql-post',
    request: () => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: compact(PORTAL_QUERY) }) }),
  },
  {
    name: 'graphql-post',
    about: 'portal list, GraphQL POST (never cached: every request reaches the database)',
    baseline: 'graphql-stock',
    targets: { ratio: 10, against: { name: 'sql-baseline', ratio: 0.3 } },
    request: () => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: compact(PORTAL_QUERY) }) }),
  },
  // The REST archive's own limit: its answer is about twice the portal query's bytes, with twice the
  // relations (docs/decisions.md, "The REST list's baseline writes the REST list's bytes").
  {
    name: 'sql-baseline-rest',
    about: 'the same bare server answering GET /api/sessions/past?limit=12 with hand-written SQL, the same bytes as the REST answer',
    baselineServer: 'sql',
    sameBytesAs: 'rest-past',
    request: () => ({ method: 'GET', path: '/api/sessions/past?limit=12' }),
  },
  {
    name: 'rest-past',
    about: 'portal archive, REST /api/sessions/past?limit=12, anonymous, computed for every request (on the app without its response cache)',
    baseline: 'sql-baseline-rest',
    server: 'uncached',
    targets: { ratio: 0.4, shown: 'sql-baseline' },
    request: () => ({ method: 'GET', path: '/api/sessions/past?limit=12' }),
  },
  {
    name: 'registrations',
    about: 'POST /api/sessions/:id/registrations, a different person each time, one session with capacity',
    targets: { rps: 200, onlyOn: ['postgres'] },
    request: (context) => ({
      method: 'POST',
      path: `/api/sessions/${context.upcoming[context.upcoming.length - 1]}/registrations`,
      headers: json,
      body: JSON.stringify({
        fullName: 'Persona de càrrega',
        email: 'carrega-[<id>]@bench.example',
        localEntity: 'Ajuntament de prova',
        consent: true,
      }),
    }),
    /** The capacity rule: never more confirmed than seats, and full before anyone waits. */
    check: async (context) => {
      const sessionDocument = context.upcoming[context.upcoming.length - 1];
      const [{ capacity }] = await context.db.rows(
        'SELECT capacity FROM sessions WHERE document_id = ? AND published_at IS NOT NULL',
        [sessionDocument]
      );
      const rows = await context.db.rows(
        // A registration links to both versions (draft and published) of its session: count each once.
        `SELECT r.registration_status AS status, COUNT(DISTINCT r.id) AS n FROM registrations r
         JOIN registrations_session_lnk l ON l.registration_id = r.id
         JOIN sessions s ON s.id = l.session_id
         WHERE s.document_id = ? GROUP BY r.registration_status`,
        [sessionDocument]
      );
      const count = (status) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      const confirmed = count('confirmed');
      const waitlisted = count('waitlisted');
      const ok = confirmed <= capacity && (waitlisted === 0 || confirmed === capacity);
      return { ok, note: `${ok ? 'capacity held' : 'CAPACITY BROKEN'}: ${confirmed} confirmed of ${capacity} seats, ${waitlisted} waitlisted` };
    },
  },
  {
    name: 'feedback-session',
    about: 'GET /api/sessions/:id/feedback-summary of a past session, warm server-side cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 1 },
    request: (context) => ({ method: 'GET', path: `/api/sessions/${context.past[0]}/feedback-summary` }),
  },
  {
    name: 'feedback-two-years',
    about: 'GET /api/feedback-summary over the last two years with the trend series, warm server-side cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 1 },
    request: (context) => ({ method: 'GET', path: `/api/feedback-summary?from=${context.twoYearsAgo}&to=${context.today}` }),
  },
  {
    name: 'feedback-session-cold',
    uniqueQuery: true,
    about: 'the same session summary computed for every request from the rollups (a different ignored parameter each time: every request misses the cache)',
    baseline: 'health',
    request: (context) => ({ method: 'GET', path: `/api/sessions/${context.past[0]}/feedback-summary`, }),
  },
  {
    name: 'feedback-two-years-cold',
    about: 'the same two-year summary computed for every request',
    baseline: 'health',
    uniqueQuery: true,
    request: (context) => ({
      method: 'GET',
      path: `/api/feedback-summary?from=${context.twoYearsAgo}&to=${context.today}`,
    }),
  },
  {
    name: 'graphql-get-during-saves',
    about: "the portal list by GraphQL GET while an editor saves a session every second in the admin (each save empties the cache): concurrent misses must render once",
    baseline: 'graphql-get-cached',
    warm: true,
    targets: { p99Ms: 50 },
    countHeader: 'x-cache',
    request: () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent(compact(PORTAL_QUERY))}` }),
    background: (context) => ({
      rate: 1,
      requests: [
        {
          method: 'PUT',
          path: `/content-manager/collection-types/api::session.session/${context.upcoming[0]}?locale=ca`,
          headers: { ...json, authorization: `Bearer ${context.adminToken}` },
          body: JSON.stringify({ summary: 'Desat pel banc de proves' }),
        },
      ],
    }),
    /** Renders (X-Cache: MISS) per second bounded by saves per second × the one distinct query (+1 per round, a save during a render). */
    check: async (_context, figures) => {
      const renders = figures.rounds.reduce((sum, r) => sum + (r.headerCounts?.MISS ?? 0), 0);
      const shared = figures.rounds.reduce((sum, r) => sum + (r.headerCounts?.HIT ?? 0), 0);
      const saves = figures.rounds.reduce((sum, r) => sum + (r.background?.statuses?.['2xx'] ?? 0), 0);
      const seconds = figures.rounds.reduce((sum, r) => sum + r.duration, 0);
      const bound = saves + figures.rounds.length;
      const ok = saves > 0 && renders <= bound;
      return {
        ok,
        note: `${saves} saves, ${renders} renders (${(renders / seconds).toFixed(2)}/s, at most ${bound}) for ${renders + shared} reads`,
      };
    },
  },
  {
    name: 'graphql-get-under-attack',
    about: 'the cached portal list while 20 hostile requests per second (fragment bomb, cycle, 20,000-term filter, huge REST filter) arrive beside it',
    baseline: 'graphql-get-cached',
    warm: true,
    targets: { ratio: 0.7, p99Ms: 20 },
    request: () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent(compact(PORTAL_QUERY))}` }),
    background: () => ({ rate: 20, requests: hostileRequests() }),
    /** Every hostile request was refused with a 400, none answered otherwise. */
    check: async (_context, figures) => {
      const sent = figures.rounds.reduce((sum, r) => sum + (r.background?.requests ?? 0), 0);
      const refused = figures.rounds.reduce((sum, r) => sum + (r.background?.statuses?.['4xx'] ?? 0), 0);
      const ok = sent > 0 && refused === sent;
      return { ok, note: `${refused} of ${sent} hostile requests refused with a 4xx` };
    },
  },
];

/** Bytes of a page without media: its HTML and the styles and scripts it loads from the app. */
const pageWeight = async (base, path) => {
  const page = await fetch(`${base}${path}`);
  const html = await page.text();
  const assets = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="(\/[^"]+)"/g)].map((m) => m[1]);
  let bytes = Buffer.byteLength(html);
  for (const asset of assets) bytes += (await (await fetch(`${base}${asset}`)).arrayBuffer()).byteLength;
  return { bytes, assets: assets.length };
};

const MAX_PAGE_KB = 40;

const pageChecks = (path) => async (context) => {
  const { bytes, assets } = await pageWeight(context.base, path(context));
  const kb = bytes / 1024;
  return { ok: kb < MAX_PAGE_KB, note: `page weight without media ${kb.toFixed(1)} KB (HTML + ${assets} assets, uncompressed) < ${MAX_PAGE_KB} KB` };
};

const sessionPath = (context) => `/ca/sessions/${context.slugs.past}`;

// The public site (src/site): the session and home pages warm (server-side cache) and cold. A cold
// render is forced with an Authorization header, which the response cache neither reads nor fills
// (the site's routes take no authentication): each request renders from the database.
scenarios.push(
  {
    name: 'session-page-cached',
    about: 'GET /ca/sessions/:slug of a held session (recordings, materials, results), warm cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 1, p99Ms: 20 },
    request: (context) => ({ method: 'GET', path: sessionPath(context) }),
    check: pageChecks(sessionPath),
  },
  {
    name: 'home-page-cached',
    about: 'GET /ca/ (upcoming sessions, archive of every year, results headline), warm cache',
    baseline: 'health',
    warm: true,
    targets: { ratio: 1, p99Ms: 20 },
    request: () => ({ method: 'GET', path: '/ca/' }),
    check: pageChecks(() => '/ca/'),
  },
  {
    name: 'session-page-cold',
    about: 'the same session page rendered for every request (no server-side cache), next to the uncached GraphQL list',
    baseline: 'graphql-post',
    request: (context) => ({ method: 'GET', path: sessionPath(context), headers: { authorization: 'Bearer bench-bypasses-the-cache' } }),
  },
  {
    name: 'home-page-cold',
    about: 'the home page rendered for every request (no server-side cache), next to the uncached GraphQL list',
    baseline: 'graphql-post',
    request: () => ({ method: 'GET', path: '/ca/', headers: { authorization: 'Bearer bench-bypasses-the-cache' } }),
  }
);

module.exports = { scenarios, PORTAL_QUERY, stockQuery };

/**
 * The feedback summaries of the bench: after the data set is generated, the rollup counts are
 * rebuilt from the raw answers (as they would have been kept, one submission at a time), checked
 * against a recount, and then the two summaries the feedback issue sets targets for are timed
 * in-process against the bench database, next to a naive baseline that loads every answer into Node:
 *
 * - one session's summary (target: median at most 2 ms);
 * - a two-year summary with its trend series (target: median at most 10 ms).
 *
 * It also counts the SQL statements of each summary, which do not depend on how many responses exist.
 */
'use strict';
const { countQueries } = require('../tooling');

const RESPONSE = 'api::feedback-response.feedback-response';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const time = async (work) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};



/** What a summary would cost without rollups: every answer of the scope loaded and counted in Node. */
const naiveSummary = async (strapi, sessionIds) => {
  const rows = await strapi.db.query(RESPONSE).findMany({
    select: ['answers'],
    where: { session: { documentId: { $in: sessionIds } } },
  });
  const counts = new Map();
  for (const row of rows) {
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    for (const answer of answers ?? []) {
      const key = `${answer.question}\u0000${answer.value}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return { responses: rows.length, values: counts.size };
};

/**
 * Post-generation step: what a live system would have kept, since the generator writes rows in
 * bulk: the feedback rollups, rebuilt, and the sessions' registration counts (kept by the seats
 * service on a session's first read after any change), each verified against a recount.
 */
const rebuildKeptCounts = async (strapi, { past = [], log = () => {} } = {}) => {
  const rollups = strapi.service('api::feedback-response.rollups');
  const started = Date.now();
  const rows = await rollups.rebuild();
  const check = await rollups.verify();
  if (!check.ok) throw new Error(`rollups differ from a recount: ${JSON.stringify(check.differences.slice(0, 5))}`);
  log(`  feedback rollups: ${rows} rows, verified against a recount (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const seats = strapi.service('api::registration.seats');
  const kept = await seats.kept(past);
  const counts = await seats.verify();
  if (!counts.ok) throw new Error(`registration counts differ from a recount: ${JSON.stringify(counts.differences.slice(0, 5))}`);
  log(`  registration counts: ${kept.size} sessions, verified against a recount`);
};

/**
 * Times the summaries. `past` holds the past sessions' documentIds; the two-year range ends today.
 * Returns one row per measurement: { name, medianMs, p99Ms, samples, statements?, target?, pass? }.
 */
const measureSummaries = async (strapi, { past, samples = 50, naiveSamples = 3, log = () => {} }) => {
  const results = strapi.service('api::feedback-response.results');
  const threshold = strapi.config.get('feedback.privacyThreshold', 5);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 730 * 86400000).toISOString().slice(0, 10);
  const options = { language: 'ca', threshold };
  const answersTotal = (await strapi.db.query(RESPONSE).count()) * 4;

  // Sessions that have responses, in rotation, so that no single one is measured warm.
  const sessions = past.slice(0, Math.max(1, Math.min(past.length, 40)));
  const two = await results.summary({ from, to }, options);
  const twoYearIds = two.series.map((p) => p.sessionId);

  const rows = [];
  const run = async (name, samplesCount, work, target) => {
    await work(0); // warm-up
    const times = [];
    for (let i = 0; i < samplesCount; i += 1) times.push(await time(() => work(i)));
    const row = { name, medianMs: median(times), p99Ms: percentile(times, 99), samples: samplesCount };
    if (target !== undefined) Object.assign(row, { target: `≤ ${target} ms`, pass: row.medianMs <= target });
    rows.push(row);
    log(`  ${name}: median ${row.medianMs.toFixed(1)} ms over ${samplesCount}`);
    return row;
  };

  const one = await run('feedback summary, one session', samples, (i) => results.summary({ session: sessions[i % sessions.length] }, options), 2);
  one.statements = await countQueries(strapi, () => results.summary({ session: sessions[0] }, options));
  const range = await run('feedback summary, two years + trend', samples, () => results.summary({ from, to }, options), 10);
  range.statements = await countQueries(strapi, () => results.summary({ from, to }, options));
  const naiveOne = await run('naive baseline, one session (loads its answers)', naiveSamples, (i) => naiveSummary(strapi, [sessions[i % sessions.length]]));
  const naiveRange = await run('naive baseline, two years (loads their answers)', naiveSamples, () => naiveSummary(strapi, twoYearIds));
  one.baseline = naiveOne.name;
  one.speedup = naiveOne.medianMs / one.medianMs;
  range.baseline = naiveRange.name;
  range.speedup = naiveRange.medianMs / range.medianMs;
  return { answers: answersTotal, twoYearSessions: twoYearIds.length, twoYearResponses: two.responses, rows };
};

/** The rows as a Markdown table. */
const markdown = ({ answers, twoYearSessions, twoYearResponses, rows }) =>
  [
    `Feedback summaries at ${answers.toLocaleString('en')} answers (two years: ${twoYearSessions} sessions, ${twoYearResponses.toLocaleString('en')} responses):`,
    '',
    '| measurement | median ms | p99 ms | SQL statements | vs naive | target | |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.medianMs.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.statements ?? ''} | ${r.speedup ? `${r.speedup.toFixed(0)}× faster` : ''} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL'} |`
    ),
  ].join('\n');

module.exports = { rebuildKeptCounts, measureSummaries, markdown, naiveSummary };

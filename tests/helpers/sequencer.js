/**
 * Jest's own sequencer, with shards of about equal time instead of equal file counts: `.ci/run`
 * splits every pass in two (`npm test -- --shard=k/2`), one shard per stream, so that the two
 * streams end together (docs/performance.md, "Where CI's time goes"). A file's weight is the
 * seconds it took in CI-like runs (2026-12-07: the mean of three clean-clone `.ci/run`s on one
 * machine, printed by timing-reporter.js; the runs of the current code alone where a change made a
 * file faster; the PostgreSQL pass's figure for files that run on every database, unless BY_CLIENT
 * has the pass's own); a file not listed counts as DEFAULT_SECONDS. A stale table only makes the
 * shards less even: every file still runs in exactly one shard.
 *
 * Within a shard, Jest's own order, except that the files that wait for the admin panel's bundle
 * (those that call `ensureAdminBuild`) run last: in CI the bundle is built beside the tests for
 * the first minute and a half or so, and a stream that reached one of them early sat idle until it
 * was done.
 */
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const DEFAULT_SECONDS = 3;
const SECONDS = {
  'tests/int/bench-smoke.sqlite.test.ts': 52,
  'tests/int/deploy-nginx.pg.test.ts': 57,
  'tests/e2e/admin.sqlite.test.ts': 48,
  'tests/e2e/site.test.ts': 40,
  'tests/int/faults-outbox-kill.pg.test.ts': 38,
  'tests/int/faults-db-restart.pg.test.ts': 31,
  'tests/int/backup-restore.pg.test.ts': 27,
  'tests/int/command-line.sqlite.test.ts': 24,
  'tests/int/session-changes-two-processes.pg.test.ts': 16,
  'tests/e2e/feedback-results.sqlite.test.ts': 18,
  'tests/int/two-processes.pg.test.ts': 15,
  'tests/int/bad-input.test.ts': 16,
  'tests/e2e/reach-admin.sqlite.test.ts': 15,
  'tests/e2e/registration.test.ts': 15,
  'tests/e2e/developers.test.ts': 13,
  'tests/e2e/embed.test.ts': 13,
  'tests/int/registrations.test.ts': 13,
  'tests/e2e/feedback.test.ts': 11,
  'tests/e2e/propose.test.ts': 11,
  'tests/e2e/support.test.ts': 9,
  'tests/int/api-contract.sqlite.test.ts': 8,
  'tests/int/alerts.test.ts': 7,
  'tests/int/limits.sqlite.test.ts': 7,
  'tests/int/portal-api.test.ts': 7,
  'tests/int/portal-rows.test.ts': 7,
  'tests/int/reach-opendata.test.ts': 7,
  'tests/int/response-cache-redis.pg.test.ts': 7,
  'tests/int/feedback.test.ts': 6,
  'tests/int/proposals.test.ts': 6,
  'tests/int/session-changes.test.ts': 6,
  'tests/int/admin-home.test.ts': 5,
  'tests/int/attendance.test.ts': 5,
  'tests/int/graphql-compiled.test.ts': 5,
  'tests/int/public-api.test.ts': 5,
  'tests/int/security-integrity.test.ts': 5,
  'tests/int/security-privacy.test.ts': 5,
  'tests/int/eligibility.test.ts': 4,
  'tests/int/planner.test.ts': 4,
  'tests/int/public-output.test.ts': 4,
  'tests/int/response-cache-flight.test.ts': 4,
  'tests/int/response-cache.test.ts': 4,
  'tests/int/seat-counts.test.ts': 4,
  'tests/int/seed.test.ts': 4,
  'tests/int/site-links.sqlite.test.ts': 4,
  'tests/int/operations.sqlite.test.ts': 3,
  'tests/int/public-surface.sqlite.test.ts': 3,
  'tests/int/security-availability.sqlite.test.ts': 3,
  'tests/int/site.sqlite.test.ts': 3,
  'tests/int/upload-s3.sqlite.test.ts': 3,
  'tests/int/production-config.sqlite.test.ts': 2,
  // tests/unit/*: about a second each (DEFAULT_SECONDS is close enough).
};
/** Where a pass's figure differs much from the PostgreSQL one (bad input sends three times as many bodies on SQLite). */
const BY_CLIENT = {
  sqlite: { 'tests/int/bad-input.test.ts': 22 },
};

class TimedShards extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const own = BY_CLIENT[(process.env.DATABASE_CLIENT ?? 'sqlite').replace('mariadb', 'mysql')] ?? {};
    const weight = (test) => {
      const file = path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/');
      return own[file] ?? SECONDS[file] ?? DEFAULT_SECONDS;
    };
    // Longest first, each to the shard with the least time so far (ties by path: the same split on every machine).
    const ordered = [...tests].sort((a, b) => weight(b) - weight(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const loads = new Array(shardCount).fill(0);
    const chosen = [];
    for (const test of ordered) {
      const shard = loads.indexOf(Math.min(...loads));
      loads[shard] += weight(test);
      if (shard === shardIndex - 1) chosen.push(test);
    }
    return chosen;
  }

  sort(tests) {
    const waits = (test) => fs.readFileSync(test.path, 'utf8').includes('ensureAdminBuild(');
    const sorted = super.sort(tests);
    return [...sorted.filter((test) => !waits(test)), ...sorted.filter(waits)];
  }
}

module.exports = TimedShards;

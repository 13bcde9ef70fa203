/**
 * Jest's own sequencer, with shards of about equal time instead of equal file counts: `.ci/run`
 * splits every pass in two (`npm test -- --shard=k/2`), one shard per stream, so that the two
 * streams end together (docs/performance.md, "Where CI's time goes"). A file's weight is the
 * seconds it took in a CI-like run (2026-12-06, SQLite beside PostgreSQL, printed by
 * timing-reporter.js; the PostgreSQL pass's figure for files that run on every database); a file
 * not listed counts as DEFAULT_SECONDS. A stale table only makes the shards less even: every file
 * still runs in exactly one shard.
 */
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const DEFAULT_SECONDS = 3;
const SECONDS = {
  'tests/int/deploy-nginx.pg.test.ts': 104,
  'tests/e2e/admin.sqlite.test.ts': 85,
  'tests/e2e/site.test.ts': 73,
  'tests/int/bad-input.test.ts': 58,
  'tests/int/bench-smoke.sqlite.test.ts': 52,
  'tests/int/faults-db-restart.pg.test.ts': 51,
  'tests/int/faults-outbox-kill.pg.test.ts': 45,
  'tests/int/session-changes.test.ts': 44,
  'tests/int/session-changes-two-processes.pg.test.ts': 42,
  'tests/int/two-processes.pg.test.ts': 41,
  'tests/int/backup-restore.pg.test.ts': 35,
  'tests/e2e/feedback-results.sqlite.test.ts': 32,
  'tests/e2e/developers.test.ts': 30,
  'tests/e2e/embed.test.ts': 30,
  'tests/e2e/registration.test.ts': 27,
  'tests/int/alerts.test.ts': 27,
  'tests/e2e/reach-admin.sqlite.test.ts': 27,
  'tests/e2e/feedback.test.ts': 27,
  'tests/int/registrations.test.ts': 23,
  'tests/e2e/propose.test.ts': 21,
  'tests/int/response-cache-redis.pg.test.ts': 21,
  'tests/int/command-line.sqlite.test.ts': 20,
  'tests/e2e/support.test.ts': 18,
  'tests/int/portal-api.test.ts': 18,
  'tests/int/public-surface.sqlite.test.ts': 15,
  'tests/int/public-api.test.ts': 14,
  'tests/int/proposals.test.ts': 14,
  'tests/int/security-integrity.test.ts': 14,
  'tests/int/attendance.test.ts': 14,
  'tests/int/site-links.sqlite.test.ts': 13,
  'tests/int/admin-home.test.ts': 12,
  'tests/int/reach-opendata.test.ts': 10,
  'tests/int/response-cache-flight.test.ts': 10,
  'tests/int/api-contract.sqlite.test.ts': 10,
  'tests/int/portal-rows.test.ts': 10,
  'tests/int/feedback.test.ts': 9,
  'tests/int/security-privacy.test.ts': 9,
  'tests/int/security-availability.sqlite.test.ts': 9,
  'tests/int/seat-counts.test.ts': 8,
  'tests/int/seed.test.ts': 8,
  'tests/int/operations.sqlite.test.ts': 8,
  'tests/int/limits.sqlite.test.ts': 8,
  'tests/int/upload-s3.sqlite.test.ts': 8,
  'tests/int/eligibility.test.ts': 8,
  'tests/int/response-cache.test.ts': 8,
  'tests/int/public-output.test.ts': 7,
  'tests/int/production-config.sqlite.test.ts': 7,
  'tests/int/site.sqlite.test.ts': 5,
  'tests/int/planner.test.ts': 4,
  // tests/unit/*: about a second each (DEFAULT_SECONDS is close enough).
};

class TimedShards extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const weight = (test) => SECONDS[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')] ?? DEFAULT_SECONDS;
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
}

module.exports = TimedShards;

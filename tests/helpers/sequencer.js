/**
 * Jest's own sequencer, with shards of about equal time (or of the shares JEST_SHARD_SHARES gives)
 * instead of equal file counts: `.ci/run` splits the MariaDB pass in three (`npm test --
 * --shard=k/3`) so that its two streams of passes end together (docs/performance.md, "Where CI's
 * time goes"). A file's weight is the seconds it took in a CI MariaDB pass (2026-12-04, printed by
 * timing-reporter.js); a file not listed counts as DEFAULT_SECONDS. A stale table only makes the
 * shards less even: every file still runs in exactly one shard.
 */
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const DEFAULT_SECONDS = 3;
const SECONDS = {
  'tests/int/bad-input.test.ts': 64,
  'tests/int/session-changes.test.ts': 38,
  'tests/int/alerts.test.ts': 31,
  'tests/int/planner.test.ts': 27,
  'tests/int/registrations.test.ts': 26,
  'tests/int/eligibility.test.ts': 19,
  'tests/int/site.test.ts': 11,
  'tests/int/proposals.test.ts': 11,
  'tests/int/limits.test.ts': 11,
  'tests/int/site-links.test.ts': 11,
  'tests/int/feedback.test.ts': 11,
  'tests/int/reach-opendata.test.ts': 10,
  'tests/int/portal-api.test.ts': 9,
  'tests/int/admin-home.test.ts': 9,
  'tests/int/security-integrity.test.ts': 9,
  'tests/int/attendance.test.ts': 9,
  'tests/int/api-contract.test.ts': 9,
  'tests/int/portal-rows.test.ts': 8,
  'tests/int/security-privacy.test.ts': 8,
  'tests/int/public-surface.test.ts': 7,
  'tests/int/response-cache.test.ts': 6,
  'tests/int/production-config.test.ts': 6,
  'tests/int/response-cache-flight.test.ts': 6,
  'tests/int/public-api.test.ts': 5,
  'tests/int/public-output.test.ts': 5,
  'tests/int/upload-s3.test.ts': 5,
  'tests/int/operations.test.ts': 5,
  'tests/int/seat-counts.test.ts': 4,
  'tests/int/seed.test.ts': 4,
  'tests/int/security-availability.test.ts': 3,
  'tests/unit/group-commit.test.ts': 1,
  'tests/unit/faults.test.ts': 1,
  'tests/unit/cron-rules.test.ts': 1,
  'tests/unit/admin-helpers.test.ts': 1,
  'tests/unit/response-cache.test.ts': 1,
  'tests/unit/site-html.test.ts': 1,
  'tests/unit/email-wording.test.ts': 1,
  'tests/unit/time-and-slug.test.ts': 1,
  'tests/unit/secrets-and-public-read.test.ts': 1,
  'tests/unit/season.test.ts': 1,
  'tests/unit/ine.test.ts': 1,
  'tests/unit/code-shape.test.ts': 1,
};

/**
 * JEST_SHARD_SHARES, e.g. `1,1,1.5`: how much of the time each shard should get (equal by default).
 * `.ci/run` gives the shard that follows the PostgreSQL pass a larger share, since the SQLite pass
 * and two shards made the longer stream.
 */
const sharesOf = (count) => {
  const given = (process.env.JEST_SHARD_SHARES ?? '').split(',').filter((part) => part.trim() !== '').map(Number);
  if (given.length === 0) return new Array(count).fill(1);
  if (given.length !== count || given.some((share) => !(share > 0))) {
    throw new Error(`JEST_SHARD_SHARES must give ${count} positive numbers, one per shard; got "${process.env.JEST_SHARD_SHARES}"`);
  }
  return given;
};

class TimedShards extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const weight = (test) => SECONDS[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')] ?? DEFAULT_SECONDS;
    const shares = sharesOf(shardCount);
    // Longest first, each to the shard with the least time so far for its share (ties by path: the same split on every machine).
    const ordered = [...tests].sort((a, b) => weight(b) - weight(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const loads = new Array(shardCount).fill(0);
    const chosen = [];
    for (const test of ordered) {
      const relative = loads.map((load, k) => load / shares[k]);
      const shard = relative.indexOf(Math.min(...relative));
      loads[shard] += weight(test);
      if (shard === shardIndex - 1) chosen.push(test);
    }
    return chosen;
  }
}

module.exports = TimedShards;

/**
 * Jest's own sequencer, with shards of about equal time instead of equal file counts: `.ci/run`
 * splits the MariaDB pass in three (`npm test -- --shard=k/3`) so that its two streams of passes
 * end together (docs/performance.md, "Where CI's time goes"). A file's weight is the seconds it
 * took in a CI MariaDB pass (2026-12-04); a file not listed counts as DEFAULT_SECONDS. A stale
 * table only makes the shards less even: every file still runs in exactly one shard.
 */
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const DEFAULT_SECONDS = 3;
const SECONDS = {
  'tests/int/session-changes.test.ts': 32,
  'tests/int/alerts.test.ts': 25,
  'tests/int/bad-input.test.ts': 20,
  'tests/int/registrations.test.ts': 16,
  'tests/int/eligibility.test.ts': 11,
  'tests/int/planner.test.ts': 8,
  'tests/int/portal-api.test.ts': 7,
  'tests/int/site-links.test.ts': 7,
  'tests/int/proposals.test.ts': 6,
  'tests/int/response-cache-flight.test.ts': 6,
  'tests/int/public-api.test.ts': 6,
  'tests/int/admin-home.test.ts': 5,
  'tests/int/seat-counts.test.ts': 5,
  'tests/unit/code-shape.test.ts': 1,
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

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/tests/helpers/environment.js',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck`'s job; tests are only transpiled.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  // Shards of about equal time (`--shard=k/n`, used by .ci/run); the order within a run is jest's.
  testSequencer: '<rootDir>/tests/helpers/sequencer.js',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  // After jest's summary, the slowest files with their seconds (where a pass's time goes).
  reporters: ['default', '<rootDir>/tests/helpers/timing-reporter.js'],
  testTimeout: 120000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  // Which files run in which pass (docs/decisions.md, "Which tests run on which database"):
  // *.pg.test.ts need PostgreSQL (two app processes on one database): the PostgreSQL pass only.
  // *.sqlite.test.ts assert what does not depend on the database (HTTP headers and limits, the
  // configuration, the site's HTML over services tested on every database, the admin in a
  // browser), and so do the unit tests and the browser tests (tests/e2e): they run once, in the
  // SQLite pass. Everything else runs on all three databases.
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.DATABASE_CLIENT === 'postgres' ? [] : ['\\.pg\\.test\\.ts$']),
    ...(process.env.DATABASE_CLIENT === undefined || process.env.DATABASE_CLIENT === 'sqlite' ? [] : ['\\.sqlite\\.test\\.ts$', '/tests/e2e/', '/tests/unit/']),
  ],
};

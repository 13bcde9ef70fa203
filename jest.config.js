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
  // *.pg.test.ts need PostgreSQL (two app processes on one database): they run in the PostgreSQL pass.
  // *.sqlite.test.ts are slow and not database-sensitive (the admin in a browser): they run in the SQLite pass only.
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.DATABASE_CLIENT === 'postgres' ? [] : ['\\.pg\\.test\\.ts$']),
    // The browser tests (tests/e2e) drive pages over HTTP; the rules behind them are tested on every
    // database by tests/int, so they run once, in the SQLite pass, to keep CI short.
    ...(process.env.DATABASE_CLIENT === undefined || process.env.DATABASE_CLIENT === 'sqlite' ? [] : ['\\.sqlite\\.test\\.ts$', '/tests/e2e/']),
  ],
};

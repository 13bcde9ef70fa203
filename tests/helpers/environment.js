/**
 * The test files' environment: jest's Node environment, with the process's own `process.env` and
 * `Date` instead of per-file copies. The app under test is loaded by Node's own require, once per
 * jest process (tests/helpers/strapi.ts), so it reads the real `process.env` and checks dates with
 * the real `Date`: a test's settings and dates must be the ones it sees.
 */
const { TestEnvironment } = require('jest-environment-node');

class SharedProcessEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.process.env = process.env;
    this.global.Date = Date;
  }

  /**
   * jest-runner has just given Node's realm, where the app runs, source-map-support's stack traces
   * and a 100-frame limit, for its own errors. The app's errors (a 4xx is thrown and caught inside
   * Strapi) then paid for both: about a tenth of the CPU of a file of refusals. The app gets Node's
   * defaults back, as in production; the test files' own realm keeps jest's.
   */
  async setup() {
    await super.setup();
    Error.prepareStackTrace = undefined;
    Error.stackTraceLimit = 10;
  }
}

module.exports = SharedProcessEnvironment;

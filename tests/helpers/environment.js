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
}

module.exports = SharedProcessEnvironment;

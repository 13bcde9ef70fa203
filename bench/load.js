/**
 * The load generator, in its own process: receives autocannon options from the parent
 * (process.send), runs them, answers with the figures. Bodies may contain `[<id>]`, replaced by a
 * unique id per request (autocannon's idReplacement), e.g. to register different people.
 */
'use strict';
const autocannon = require('autocannon');

process.on('message', (options) => {
  const instance = autocannon({ ...options, idReplacement: true }, (error, result) => {
    if (error) {
      process.send({ error: String(error) }, () => process.exit(1));
      return;
    }
    const statuses = {};
    for (const [key, value] of Object.entries(result)) {
      if (/^[1-5]xx$/.test(key)) statuses[key] = value;
    }
    process.send(
      {
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        statuses,
        duration: result.duration,
      },
      () => process.exit(0)
    );
  });
  autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
});

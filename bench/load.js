/**
 * The load generator, in its own process: receives autocannon options from the parent
 * (process.send), runs them, answers with the figures, and waits for the next run (it exits with
 * its parent, or after a failed run). Bodies may contain `[<id>]`, replaced by a
 * unique id per request (autocannon's idReplacement), e.g. to register different people.
 * `countHeader: name` counts the answers by that response header's value (e.g. X-Cache: how many
 * were rendered, MISS, and how many shared, HIT). `uniqueQuery: true` adds a parameter the app
 * ignores with a different value to every request (`_=1`, `_=2`…), so that each one misses the
 * response cache: the uncached cost of a cached route, as a cache-busting caller makes it.
 */
'use strict';
const autocannon = require('autocannon');

process.on('disconnect', () => process.exit(0));

process.on('message', ({ countHeader, uniqueQuery, ...options }) => {
  let sent = 0;
  if (uniqueQuery) {
    const sep = options.url.includes('?') ? '&' : '?';
    const path = new URL(options.url).pathname + new URL(options.url).search;
    options.requests = [{ setupRequest: (request) => ({ ...request, path: `${path}${sep}_=${(sent += 1)}` }) }];
  }
  const headerCounts = {};
  const setupClient =
    countHeader === undefined
      ? undefined
      : (client) =>
          client.on('headers', ({ headers }) => {
            for (let i = 0; i < headers.length; i += 2) {
              if (headers[i].toLowerCase() !== countHeader) continue;
              headerCounts[headers[i + 1]] = (headerCounts[headers[i + 1]] ?? 0) + 1;
            }
          });
  const instance = autocannon({ ...options, idReplacement: true, ...(setupClient ? { setupClient } : {}) }, (error, result) => {
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
        // (what the errors were: connection errors, timeouts, and the answers by status class)
        errorKinds: { socket: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
        statuses,
        headerCounts,
        duration: result.duration,
      },
    );
  });
  autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
});

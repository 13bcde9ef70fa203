/**
 * CHILD_APP_SETUP module for `bench/profile.js`: a CPU profile of the app, taken between two
 * SIGUSR2 signals (the first starts V8's sampling profiler, the second writes the profile to
 * PROFILE_OUT and prints "profiled"), so that the boot and the warm-up are left out.
 */
'use strict';
const fs = require('fs');
const inspector = require('inspector');

module.exports = async () => {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  // 250 µs between samples: enough samples for a few seconds of requests, little overhead.
  await post('Profiler.setSamplingInterval', { interval: 250 });
  let running = false;
  process.on('SIGUSR2', () => {
    const step = running
      ? post('Profiler.stop').then(({ profile }) => {
          fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
          process.stdout.write('profiled\n');
        })
      : post('Profiler.start');
    running = !running;
    step.catch((error) => process.stderr.write(`profiler: ${error.message}\n`));
  });
  return 'profiler';
};

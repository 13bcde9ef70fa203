/** Timing for the tests that drive load at a second app process (faults, deployment). */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits at least `minMs`, then until `enough()` holds or `maxMs` have passed: each phase of a load
 * lasts its time and long enough to have answers to judge, however slow the machine (a CI run whose
 * other stream filled both cores answered 14 requests in the first 3 s of a phase that expected 20).
 */
export const phase = async (minMs: number, enough: () => boolean, maxMs = 30000): Promise<void> => {
  const start = Date.now();
  await sleep(minMs);
  while (!enough() && Date.now() - start < maxMs) await sleep(100);
};

/**
 * The process's shutdown state: requests in flight, the drain that answers new requests 503 while
 * a load balancer moves away, and the grace period that bounds every wait at shutdown.
 */
let shuttingDown = false;
let inFlight = 0;
let idleWaiters: (() => void)[] = [];

export const isShuttingDown = (): boolean => shuttingDown;

/** Marks the process as shutting down: readiness answers 503, new requests are refused with 503. */
export const beginShutdown = (): void => {
  shuttingDown = true;
};

/** For tests that start several apps in one process: the next app starts as not shutting down. */
export const resetLifecycle = (): void => {
  shuttingDown = false;
};

export const requestStarted = (): void => {
  inFlight += 1;
};

export const requestFinished = (): void => {
  inFlight = Math.max(0, inFlight - 1);
  if (inFlight === 0) {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }
};

export const requestsInFlight = (): number => inFlight;

/** Resolves when no request is in flight, or after `timeoutMs`; true when idle. */
export const requestsIdle = (timeoutMs: number): Promise<boolean> =>
  inFlight === 0
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });

/** Resolves with `work`'s outcome, or undefined after `timeoutMs` (work goes on unawaited). */
export const withinMs = async <T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, timeoutMs))))]);
  } finally {
    clearTimeout(timer);
  }
};

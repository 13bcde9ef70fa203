/** A second app process for the tests that need two (the one child app of tooling/), with its URL. */
import { CHILD_APP, startChild } from '../../tooling';

export type ChildApp = {
  url: string;
  pid: number;
  /** Whether the process is still running. */
  alive(): boolean;
  /** What the process printed (stdout and stderr), for diagnostics. */
  output(): string;
  /** Kills the process with `signal` and resolves when it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the child app with `env` on `port`; resolves once it listens. */
export const startChildApp = async (env: Record<string, string>, port: number): Promise<ChildApp> => {
  const child = await startChild(CHILD_APP, { ...env, PORT: String(port) }, { timeoutMs: 60000 });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, alive: child.alive, output: child.output, kill: child.kill, stop: child.stop };
};

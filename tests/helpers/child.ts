import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

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

/** Starts tests/helpers/child-app.js with `env` on `port`; resolves once it listens. */
export const startChildApp = (env: Record<string, string>, port: number): Promise<ChildApp> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'child-app.js')], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let exited = false;
    const exit = new Promise<void>((done) => child.once('exit', () => done()));
    const kill = async (signal: NodeJS.Signals) => {
      if (!exited) child.kill(signal);
      await exit;
    };
    const timer = setTimeout(() => reject(new Error(`second app did not start: ${output}`)), 60000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          alive: () => !exited,
          output: () => output,
          kill,
          stop: () => kill('SIGTERM'),
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`second app exited with ${code}: ${output}`));
    });
  });

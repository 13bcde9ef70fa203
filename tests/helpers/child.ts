import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

export type ChildApp = { url: string; stop(): Promise<void> };

/** Starts tests/helpers/child-app.js with `env` on `port`; resolves once it listens. */
export const startChildApp = (env: Record<string, string>, port: number): Promise<ChildApp> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'child-app.js')], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`second app did not start: ${output}`)), 60000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`second app exited with ${code}: ${output}`));
    });
  });

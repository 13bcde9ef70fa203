import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL binary as the `postgres` OS user when we are root (PostgreSQL refuses root). */
const run = (binary: string, args: string[]): string => {
  const command = path.join(BIN, binary);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
};

/**
 * A PostgreSQL cluster of a test's own (initdb in a temporary directory, its own port), which the
 * test may stop and start at will without touching the machine's server that others use.
 */
export class PrivatePostgres {
  readonly dir: string;

  constructor(readonly port: number) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-pg-'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', this.dir]);
  }

  init(): void {
    run('initdb', ['-D', path.join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-o', options, '-l', path.join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /** `immediate` is a crash as far as clients are concerned: connections drop, no goodbye. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  running(): boolean {
    try {
      run('pg_ctl', ['-D', path.join(this.dir, 'data'), 'status']);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the cluster if it runs and deletes its files. */
  destroy(): void {
    if (this.running()) this.stop('immediate');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The environment that points tests/helpers/database.ts (and so startApp) at this cluster. */
  get env(): Record<string, string> {
    return { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(this.port), DATABASE_NAME: 'postgres', DATABASE_USERNAME: 'postgres', DATABASE_PASSWORD: '' };
  }
}

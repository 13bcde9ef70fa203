/**
 * Debian's nginx with the deploy/ site configuration, for the tests: the upstream ports, the listen
 * address and the app's folder are the only things changed; it runs in a temporary prefix.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR } from './strapi';

export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export class TestNginx {
  private process?: ChildProcess;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomunicipal-nginx-'));
  private stderr = '';

  constructor(
    readonly port: number,
    private readonly upstreams: number[]
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** deploy/nginx/gomunicipal.conf with this test's ports and folder. */
  siteConfig(): string {
    const site = fs.readFileSync(path.join(APP_DIR, 'deploy', 'nginx', 'gomunicipal.conf'), 'utf8');
    const servers = [...site.matchAll(/^\s*server 127\.0\.0\.1:\d+ (.*);$/gm)];
    if (servers.length === 0) throw new Error('deploy/nginx/gomunicipal.conf has no upstream server lines');
    const options = servers[0][1];
    return site
      .replace(/^(\s*server 127\.0\.0\.1:\d+ .*;\n)+/m, this.upstreams.map((port) => `    server 127.0.0.1:${port} ${options};\n`).join(''))
      .replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${this.port};`)
      .replace(/^\s*listen \[::\]:80;$/m, '')
      .split('APP_ROOT')
      .join(APP_DIR);
  }

  async start(): Promise<void> {
    for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(this.dir, name));
    fs.writeFileSync(path.join(this.dir, 'site.conf'), this.siteConfig());
    const main = [
      process.getuid?.() === 0 ? 'user root;' : '',
      'worker_processes 1;',
      `pid ${this.dir}/nginx.pid;`,
      `error_log ${this.dir}/error.log warn;`,
      'events { worker_connections 512; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name === 'body' ? 'client_body' : name}_temp_path ${this.dir}/${name};`),
      `  include ${this.dir}/site.conf;`,
      '}',
    ].join('\n');
    fs.writeFileSync(path.join(this.dir, 'nginx.conf'), main);
    this.process = spawn(NGINX, ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const deadline = Date.now() + 10000;
    for (;;) {
      try {
        await fetch(`${this.url}/_health`);
        return;
      } catch {
        if (Date.now() > deadline || this.process.exitCode !== null) throw new Error(`nginx did not start: ${this.stderr}${this.errorLog()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  errorLog(): string {
    const file = path.join(this.dir, 'error.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Redis server of the test's own (it is stopped and started again), on `port`, keeping nothing on disk. */
export class TestRedis {
  private process?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`redis-server exited: ${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

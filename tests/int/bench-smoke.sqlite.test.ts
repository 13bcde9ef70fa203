import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';

// The harness itself, plain JS: the scenarios it must print.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scenarios } = require('../../bench/scenarios') as { scenarios: { name: string; baseline?: string }[] };

/**
 * `npm run bench -- --smoke` end to end (small SQLite data set, one short round): the benchmark
 * runs, prints every scenario with its baseline and ratio, and writes its report. The figures
 * themselves are judged by full runs (docs/performance.md), never here. SQLite pass only: the
 * harness does not depend on the tests' database.
 */
describe('npm run bench -- --smoke', () => {
  it('prints every scenario with its baseline and ratio, and writes the report', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-')), 'report.json');
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(APP_DIR, 'bench', 'run.js'), '--smoke', '--out', out], {
        cwd: APP_DIR,
        env: { ...process.env, DATABASE_CLIENT: undefined, NODE_ENV: undefined },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect({ code, tail: stderr.slice(-2000) }).toEqual({ code: 0, tail: expect.any(String) });

    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { options: { smoke: boolean; db: string }; rows: { name: string; rps: number; rounds?: unknown[] }[] };
    // A scenario's rounds as the load generator reported them (on a failure: which errors, which statuses).
    const roundsOf = (name: string) => JSON.stringify(report.rows.find((row) => row.name === name)?.rounds);
    const rows = stdout.split('\n').filter((line) => line.startsWith('| '));
    for (const scenario of scenarios) {
      const row = rows.find((line) => line.startsWith(`| ${scenario.name} |`));
      expect({ scenario: scenario.name, row }).toEqual({ scenario: scenario.name, row: expect.any(String) });
      const cells = (row as string).split('|').map((cell) => cell.trim());
      // | name | req/s | p50 | p99 | errors | RSS | baseline | ratio | target | result |
      expect(Number(cells[2])).toBeGreaterThan(0);
      expect({ scenario: scenario.name, errors: cells[5], ...(cells[5] === '0' ? {} : { rounds: roundsOf(scenario.name) }) }).toEqual({ scenario: scenario.name, errors: '0' });
      if (scenario.baseline !== undefined) {
        expect(cells[7]).toBe(scenario.baseline);
        expect(cells[8]).toMatch(/^\d+\.\d\d ×$/);
      }
    }
    expect(stdout).toContain('| app memory (max RSS under load) |');
    expect(stdout).toContain('| feedback summary, one session |');
    expect(stdout).toMatch(/capacity held: \d+ confirmed of \d+ seats/);
    expect(stdout).toMatch(/Cold start \d+\.\d\d s to the first answered portal list/);
    // The stampede scenario saved at least once and counted renders against its bound.
    expect(stdout).toMatch(/[1-9]\d* saves, \d+ renders \([\d.]+\/s, at most \d+\) for \d+ reads/);

    expect(report.options).toMatchObject({ smoke: true, db: 'sqlite' });
    expect(report.rows.map((row) => row.name)).toEqual(scenarios.map((scenario) => scenario.name));
  }, 300000);
});

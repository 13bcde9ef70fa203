/**
 * Prints the slowest test files of a run, with their seconds, after jest's own summary: where a
 * pass's time goes (docs/performance.md, "Where CI's time goes"), and the figures
 * tests/helpers/sequencer.js weighs its shards by. JEST_SLOWEST sets how many (15).
 */
const path = require('path');

class TimingReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((result) => ({ file: path.relative(this.rootDir, result.testFilePath), seconds: (result.perfStats.end - result.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds);
    const total = files.reduce((sum, { seconds }) => sum + seconds, 0);
    const shown = files.slice(0, Number(process.env.JEST_SLOWEST ?? 15));
    process.stderr.write(`\nSlowest test files (${files.length} files, ${total.toFixed(0)} s in all):\n`);
    for (const { file, seconds } of shown) process.stderr.write(`${seconds.toFixed(1).padStart(7)} s  ${file}\n`);
  }
}

module.exports = TimingReporter;

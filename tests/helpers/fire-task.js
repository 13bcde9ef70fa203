// @ts-check
/**
 * A CHILD_APP_SETUP module (tooling/child-app.js) for the tests: when the file FIRE_TASK_FILE
 * appears, runs the scheduled task FIRE_TASK_NAME from the app's cron table with the tick written
 * in it (epoch ms), as the scheduler would at that tick. Two processes polling the same file fire
 * the same tick within a few milliseconds of each other.
 */
/* global setInterval, clearInterval */
'use strict';
const fs = require('fs');

/** @param {{ config: { get(path: string): unknown } }} strapi */
module.exports = async (strapi) => {
  const file = process.env.FIRE_TASK_FILE ?? '';
  const name = process.env.FIRE_TASK_NAME ?? '';
  const tasks = /** @type {Record<string, { task: (args: unknown, fireDate: Date) => Promise<void> }>} */ (strapi.config.get('server.cron.tasks'));
  const timer = setInterval(() => {
    if (!fs.existsSync(file)) return;
    clearInterval(timer);
    const tick = new Date(Number(fs.readFileSync(file, 'utf8')));
    void tasks[name].task({ strapi }, tick).then(() => process.stdout.write(`fired ${name}\n`));
  }, 20);
  timer.unref();
  return `polling ${file}`;
};

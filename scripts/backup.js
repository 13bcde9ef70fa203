#!/usr/bin/env node
/**
 * `npm run backup [-- <file>]`: everything in the configured database (content, relations, media
 * library records, uploaded files, settings), encrypted with BACKUP_ENCRYPTION_KEY, into
 * `<file>.tar.gz.enc` (default `backups/gomunicipal-<UTC date and time>`). Admin users and API
 * tokens are not part of Strapi's transfer.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { APP_DIR, SUFFIX, backupKey, runStrapiCli } = require('./data-transfer');

const key = backupKey();
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
const requested = process.argv[2] ?? path.join(APP_DIR, 'backups', `gomunicipal-${stamp}`);
// Strapi adds .tar.gz.enc itself.
const base = path.resolve(process.cwd(), requested.replace(SUFFIX, ''));
if (fs.existsSync(`${base}.tar.gz.enc`)) {
  console.error(`${base}.tar.gz.enc already exists: choose another name.`);
  process.exit(2);
}
fs.mkdirSync(path.dirname(base), { recursive: true });
runStrapiCli(['export', '--file', base, '--key', key]).catch((error) => {
  console.error(error);
  process.exit(1);
});

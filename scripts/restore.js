#!/usr/bin/env node
/**
 * `npm run restore -- <file.tar.gz.enc>`: replaces everything in the configured database with the
 * backup's content (decrypted with BACKUP_ENCRYPTION_KEY). Non-interactive: it does not ask before
 * deleting what the database holds. Admin users are not in a backup: on a fresh database, start
 * with ADMIN_EMAIL/ADMIN_PASSWORD to create one.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { backupKey, runStrapiCli } = require('./data-transfer');

const key = backupKey();
const file = process.argv[2];
if (file === undefined) {
  console.error('Usage: npm run restore -- <backup file (.tar.gz.enc)>');
  process.exit(2);
}
const absolute = path.resolve(process.cwd(), file);
if (!fs.existsSync(absolute)) {
  console.error(`${absolute} does not exist.`);
  process.exit(2);
}
runStrapiCli(['import', '--file', absolute, '--key', key, '--force']).catch((error) => {
  console.error(error);
  process.exit(1);
});

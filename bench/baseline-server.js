/**
 * The bare baseline: a plain Node `http` server answering every request with the bytes it is
 * given (the app's own answer to the scenario), with the same content type. Prints "ready <port>".
 */
'use strict';
const http = require('http');

const body = Buffer.from(process.env.BASELINE_BODY_BASE64 ?? '', 'base64');
const type = process.env.BASELINE_CONTENT_TYPE ?? 'application/json; charset=utf-8';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

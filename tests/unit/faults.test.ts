import http from 'http';
import type { AddressInfo } from 'net';
import knex, { type Knex } from 'knex';
import Koa from 'koa';
import httpFaults from '../../src/middlewares/http-faults';
import { freePort } from '../../tooling';
import { isDatabaseUnavailable, isPayloadTooLarge, isUnparsableBody, payloadTooLargeMessage } from '../../src/utils/faults';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['cut connection', new Error('Connection terminated unexpectedly')],
    ['pool timeout', Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' })],
    ['wrapped', Object.assign(new Error('select failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['bad input', new Error('fullName is required')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('body parser errors', () => {
  it('recognises "too large" and names the limit in the language asked', () => {
    expect(isPayloadTooLarge(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }))).toBe(true);
    expect(isPayloadTooLarge(new Error('other'))).toBe(false);
    expect(payloadTooLargeMessage('ca', 1048576)).toMatch(/massa gran.*1024 KB/);
    expect(payloadTooLargeMessage('es', undefined)).toMatch(/demasiado grande/);
  });

  it('recognises a body that is not JSON', () => {
    expect(isUnparsableBody(Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 }))).toBe(true);
    expect(isUnparsableBody(new SyntaxError('in a handler'))).toBe(false);
  });
});

describe('the fault middleware while the database cannot be reached', () => {
  // A real koa app and a real knex pool on a port where nothing listens: `select 1` is refused.
  let server: http.Server;
  let pool: Knex;
  const warned: string[] = [];

  beforeAll(async () => {
    pool = knex({ client: 'pg', connection: { host: '127.0.0.1', port: await freePort(), user: 'postgres', database: 'test' }, pool: { min: 0, max: 1 } });
    const strapi = {
      config: { get: (_key: string, fallback: unknown) => fallback },
      db: { connection: pool },
      log: { warn: (line: string) => warned.push(line), error: (line: string) => warned.push(`error: ${line}`) },
    };
    const app = new Koa();
    app.use(httpFaults({}, { strapi } as never) as Koa.Middleware);
    app.use(() => {
      // What knex says of a transaction whose connection broke: not in the list of outage errors.
      throw new Error('Transaction query already complete, run with DEBUG=knex:tx for more info');
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await pool.destroy();
  });

  it('answers an error it does not know with 503 and Retry-After, in the request’s language, not a 500', async () => {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/sessions/x/registrations`, { method: 'POST', headers: { 'accept-language': 'es' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/no está disponible/);
    expect(warned.some((line) => line.startsWith('Database unavailable') && line.includes('Transaction query already complete'))).toBe(true);
    expect(warned.some((line) => line.startsWith('error:'))).toBe(false);
  });
});

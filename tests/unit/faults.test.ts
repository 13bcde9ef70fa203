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

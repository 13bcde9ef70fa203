import { parsePlanRange } from '../../src/api/session/services/planner';
import { arrangeEditLayout } from '../../src/bootstrap/admin-lists';
import { withDefaultTime } from '../../src/document-middlewares/default-session-time';

describe('withDefaultTime', () => {
  it('gives a bare date or Madrid midnight the default hour, in Madrid time across daylight saving', () => {
    expect(withDefaultTime('2027-03-25', '10:00')).toBe('2027-03-25T09:00:00.000Z'); // CET
    expect(withDefaultTime('2027-04-29', '10:00')).toBe('2027-04-29T08:00:00.000Z'); // CEST
    expect(withDefaultTime('2027-04-28T22:00:00.000Z', '10:00')).toBe('2027-04-29T08:00:00.000Z');
    expect(withDefaultTime(new Date('2027-01-27T23:00:00.000Z'), '09:30')).toBe('2027-01-28T08:30:00.000Z');
  });

  it('leaves a time that was given, and what is not a date, as they are', () => {
    expect(withDefaultTime('2027-04-29T08:00:00.000Z', '10:00')).toBe('2027-04-29T08:00:00.000Z');
    expect(withDefaultTime('2027-04-28T22:00:01.000Z', '10:00')).toBe('2027-04-28T22:00:01.000Z');
    // Midnight UTC is 01:00 or 02:00 in Madrid: a time, not "no time".
    expect(withDefaultTime('2027-04-29T00:00:00.000Z', '10:00')).toBe('2027-04-29T00:00:00.000Z');
    expect(withDefaultTime('not a date', '10:00')).toBe('not a date');
    expect(withDefaultTime(42, '10:00')).toBe(42);
  });
});

describe('arrangeEditLayout', () => {
  const current = [
    [{ name: 'title', size: 6 }, { name: 'summary', size: 6 }],
    [{ name: 'description', size: 12 }],
    [{ name: 'materials', size: 6 }, { name: 'capacity', size: 4 }],
    [{ name: 'recordings', size: 6 }],
  ];

  it('puts the wanted rows first, keeps every other field once, and never overfills a row', () => {
    expect(arrangeEditLayout(current, [['title', 'unknown'], ['materials', 'recordings'], ['description', 'capacity']])).toEqual([
      [{ name: 'title', size: 6 }],
      [{ name: 'materials', size: 6 }, { name: 'recordings', size: 6 }],
      [{ name: 'description', size: 12 }],
      [{ name: 'capacity', size: 4 }],
      [{ name: 'summary', size: 6 }],
    ]);
  });
});

describe('parsePlanRange', () => {
  const now = new Date('2027-05-31T22:30:00.000Z'); // already June in Madrid

  it('accepts the current month (Madrid) onwards, up to 36 months', () => {
    expect(parsePlanRange('2027-06', '2030-05', 'ca', now)).toEqual({ from: '2027-06', to: '2030-05' });
  });

  it('names the problem in the language asked for', () => {
    expect(() => parsePlanRange('2027-05', '2027-07', 'ca', now)).toThrow('No es poden planificar mesos passats');
    expect(() => parsePlanRange('2027-06', '2030-06', 'es', now)).toThrow('Planifique como máximo 36 meses a la vez.');
    expect(() => parsePlanRange('2027-6', '2027-07', 'es', now)).toThrow('Indique el primer mes como AAAA-MM');
    expect(() => parsePlanRange('2027-06', undefined, 'ca', now)).toThrow('Indiqueu l’últim mes com a AAAA-MM');
  });
});

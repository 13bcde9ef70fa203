import { slugify } from '../../src/utils/slug';
import { zonedWallTimeToUtc } from '../../src/utils/time';

describe('zonedWallTimeToUtc', () => {
  it('converts Madrid wall time to UTC in summer (CEST, +2) and winter (CET, +1)', () => {
    expect(zonedWallTimeToUtc('2023-09-21', '10:00').toISOString()).toBe('2023-09-21T08:00:00.000Z');
    expect(zonedWallTimeToUtc('2024-02-29', '10:00').toISOString()).toBe('2024-02-29T09:00:00.000Z');
  });

  it('is right on both sides of a daylight-saving change', () => {
    // Summer time ended at 03:00 on 2023-10-29 in Madrid.
    expect(zonedWallTimeToUtc('2023-10-28', '10:00').toISOString()).toBe('2023-10-28T08:00:00.000Z');
    expect(zonedWallTimeToUtc('2023-10-29', '10:00').toISOString()).toBe('2023-10-29T09:00:00.000Z');
    // Summer time began at 02:00 on 2024-03-31.
    expect(zonedWallTimeToUtc('2024-03-31', '10:00').toISOString()).toBe('2024-03-31T08:00:00.000Z');
  });

  it('rejects malformed input', () => {
    expect(() => zonedWallTimeToUtc('2024-2-29', '10:00')).toThrow(RangeError);
    expect(() => zonedWallTimeToUtc('2024-02-29', '10h')).toThrow(RangeError);
  });
});

describe('slugify', () => {
  it('makes ASCII slugs from Catalan titles', () => {
    expect(slugify("Les sol·licituds d'accés a la informació pública")).toBe('les-sollicituds-dacces-a-la-informacio-publica');
    expect(slugify('  El portal: on som?  ')).toBe('el-portal-on-som');
    expect(slugify('a'.repeat(100), 10)).toBe('aaaaaaaaaa');
  });
});

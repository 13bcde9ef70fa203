import { cataloniaHolidays, easterSunday, planSeason } from '../../src/utils/season';

describe('the season rule', () => {
  it('gives the real sessions of 2024: the last Thursday of January, February and April', () => {
    const dates = planSeason('2024-01', '2024-04').map((p) => p.date);
    expect(dates).toEqual(['2024-01-25', '2024-02-29', '2024-03-28', '2024-04-25']);
  });

  it('skips August, avoids the last week of December and moves off holidays', () => {
    const plans = planSeason('2027-07', '2027-12');
    expect(plans).toEqual([
      { month: '2027-07', date: '2027-07-29', reason: null },
      { month: '2027-08', date: null, reason: 'august' },
      { month: '2027-09', date: '2027-09-30', reason: null },
      { month: '2027-10', date: '2027-10-28', reason: null },
      { month: '2027-11', date: '2027-11-25', reason: null },
      // 30 December is in the last week: the Thursday before.
      { month: '2027-12', date: '2027-12-23', reason: null },
    ]);
    // A holiday on the last Thursday (an extra, local one here) moves the session a week earlier.
    expect(planSeason('2027-10', '2027-10', ['2027-10-28'])[0].date).toBe('2027-10-21');
  });

  it('knows Easter and Catalonia’s holidays', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(cataloniaHolidays(2024)).toContain('2024-03-29');
    expect(cataloniaHolidays(2024)).toContain('2024-04-01');
    expect(cataloniaHolidays(2024)).toContain('2024-09-11');
  });

  it('refuses malformed or reversed ranges', () => {
    expect(() => planSeason('2027-13', '2027-12')).toThrow(RangeError);
    expect(() => planSeason('2027-12', '2027-01')).toThrow('before');
    expect(() => planSeason('2027/01', '2027-02')).toThrow('YYYY-MM');
  });
});

import { formatWhen, reminderWhen } from '../../src/api/registration/services/notifications';
import { zonedWallTimeToUtc } from '../../src/utils/time';

/** How emails write a session's hours and the time left before it (issue 17), in Catalan and Spanish. */
describe('email wording', () => {
  const ten = zonedWallTimeToUtc('2027-01-28', '10:00');
  const eleven = zonedWallTimeToUtc('2027-01-28', '11:00');

  it('writes the hours as a range in words: "de 10:00 a 11:00", "d’11:00 a 12:30", "de 10:00 a 11:00 h"', () => {
    expect(formatWhen({ startsAt: ten.toISOString(), durationMinutes: 60 }, 'ca')).toEqual({ date: 'dijous, 28 de gener del 2027', time: 'de 10:00 a 11:00' });
    expect(formatWhen({ startsAt: eleven.toISOString(), durationMinutes: 90 }, 'ca').time).toBe('d’11:00 a 12:30');
    expect(formatWhen({ startsAt: ten.toISOString(), durationMinutes: 60 }, 'es')).toEqual({ date: 'jueves, 28 de enero de 2027', time: 'de 10:00 a 11:00 h' });
  });

  it('says "tomorrow" only when the session is tomorrow in Madrid, "today, in N hours" on its day', () => {
    // 23:30 Madrid the day before: tomorrow.
    expect(reminderWhen(ten, 'ca', zonedWallTimeToUtc('2027-01-27', '23:30'))).toEqual({ tomorrow: 'yes' });
    // 00:30 Madrid on the day (23:30 UTC the day before): today, in 10 hours, though UTC says "tomorrow".
    expect(reminderWhen(ten, 'ca', zonedWallTimeToUtc('2027-01-28', '00:30'))).toEqual({ today: 'yes', hoursLeft: 'd’aquí a 10 hores' });
    expect(reminderWhen(ten, 'es', zonedWallTimeToUtc('2027-01-28', '00:30'))).toEqual({ today: 'yes', hoursLeft: 'dentro de 10 horas' });
    expect(reminderWhen(ten, 'ca', zonedWallTimeToUtc('2027-01-28', '09:00'))).toEqual({ today: 'yes', hoursLeft: 'd’aquí a una hora' });
    expect(reminderWhen(ten, 'es', zonedWallTimeToUtc('2027-01-26', '10:00'))).toEqual({ later: 'yes' });
  });
});

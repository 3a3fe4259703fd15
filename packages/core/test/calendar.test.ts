import { describe, expect, it } from 'vitest';
import { addDays, copenhagenDate, easterSunday, publicHolidays, WorkingCalendar, workingDaysBetweenInstants } from '../src/calendar';

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('publicHolidays', () => {
  it('lists the Danish holidays of 2026, without Store Bededag', () => {
    const dates = publicHolidays(2026).map((h) => `${h.date} ${h.id}`);
    expect(dates).toEqual([
      '2026-01-01 new_years_day',
      '2026-04-02 maundy_thursday',
      '2026-04-03 good_friday',
      '2026-04-05 easter_sunday',
      '2026-04-06 easter_monday',
      '2026-05-14 ascension_day',
      '2026-05-24 whit_sunday',
      '2026-05-25 whit_monday',
      '2026-12-25 christmas_day',
      '2026-12-26 boxing_day',
    ]);
  });

  it('keeps Store Bededag until 2023 and drops it from 2024', () => {
    expect(publicHolidays(2023).find((h) => h.id === 'great_prayer_day')?.date).toBe('2023-05-05');
    expect(publicHolidays(2024).some((h) => h.id === 'great_prayer_day')).toBe(false);
  });
});

describe('WorkingCalendar', () => {
  const cal = new WorkingCalendar();

  it('treats weekends, holidays and the default closed days as non-working', () => {
    expect(cal.isWorkingDay('2026-04-01')).toBe(true); // Wednesday before Easter
    expect(cal.isWorkingDay('2026-04-02')).toBe(false); // Skærtorsdag
    expect(cal.isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-05-14')).toBe(false); // Kristi himmelfart
    expect(cal.isWorkingDay('2026-05-15')).toBe(true); // the Friday after is a normal working day
    expect(cal.isWorkingDay('2026-05-25')).toBe(false); // 2. pinsedag
    expect(cal.isWorkingDay('2026-06-05')).toBe(false); // Grundlovsdag (closed day)
    expect(cal.isWorkingDay('2026-12-24')).toBe(false); // Juleaftensdag (closed day)
    expect(cal.isWorkingDay('2026-12-31')).toBe(false); // Nytårsaftensdag (closed day)
    expect(cal.isWorkingDay('2024-04-26')).toBe(true); // former Store Bededag
  });

  it('makes the closed days configurable', () => {
    const open = new WorkingCalendar({ closedDays: [], extraClosedDates: ['2026-05-15'] });
    expect(open.isWorkingDay('2026-06-05')).toBe(true);
    expect(open.isWorkingDay('2026-12-24')).toBe(true);
    expect(open.isWorkingDay('2026-05-15')).toBe(false);
  });

  it('counts 7 working days over Easter 2026', () => {
    expect(cal.addWorkingDays('2026-04-01', 7)).toBe('2026-04-15');
  });

  it('skips Ascension Day', () => {
    // Wed 13 May + 2: Thu 14 (holiday) is skipped → Fri 15, Mon 18.
    expect(cal.addWorkingDays('2026-05-13', 2)).toBe('2026-05-18');
  });

  it('skips Whit Monday', () => {
    expect(cal.addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
  });

  it('skips Grundlovsdag', () => {
    expect(cal.addWorkingDays('2026-06-04', 1)).toBe('2026-06-08');
  });

  it('skips Christmas and New Year', () => {
    // Wed 23 Dec 2026 + 1: 24, 25, 26, 27 closed/holiday/weekend → Mon 28.
    expect(cal.addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    // Tue 29 Dec + 3: 30, (31 closed), (1 Jan holiday), (2–3 weekend), 4, 5.
    expect(cal.addWorkingDays('2026-12-29', 3)).toBe('2027-01-05');
  });

  it('starts counting on the next working day when received on a weekend', () => {
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
  });

  it('measures working days left, negative when overdue', () => {
    expect(cal.workingDaysBetween('2026-04-01', '2026-04-15')).toBe(7);
    expect(cal.workingDaysBetween('2026-04-15', '2026-04-15')).toBe(0);
    expect(cal.workingDaysBetween('2026-04-20', '2026-04-17')).toBe(-1);
    expect(cal.workingDaysBetween('2026-04-22', '2026-04-17')).toBe(-3);
  });

  it('rejects impossible dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
  });
});

describe('workingDaysBetweenInstants', () => {
  const cal = new WorkingCalendar();
  const at = (iso: string) => Date.parse(iso);

  it('counts only time on working days', () => {
    // Friday 12:00 → Monday 12:00: half of Friday and half of Monday.
    expect(workingDaysBetweenInstants(cal, at('2026-03-06T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBeCloseTo(1, 6);
    // Minutes stay minutes, also across midnight between two working days.
    expect(workingDaysBetweenInstants(cal, at('2026-03-10T23:50:00Z'), at('2026-03-11T00:10:00Z'))).toBeCloseTo(20 / 1440, 6);
    // A holiday in between weighs nothing: Wednesday before Easter → Tuesday after.
    expect(workingDaysBetweenInstants(cal, at('2026-04-01T00:00:00Z'), at('2026-04-08T00:00:00Z'))).toBeCloseTo(2, 6);
    expect(workingDaysBetweenInstants(cal, at('2026-04-08T00:00:00Z'), at('2026-04-01T00:00:00Z'))).toBe(0);
  });
});

describe('date helpers', () => {
  it('adds calendar days across months', () => {
    expect(addDays('2026-01-30', 3)).toBe('2026-02-02');
  });

  it('takes the local Copenhagen date of an instant', () => {
    // 23:30 UTC on 31 March is already 1 April in Copenhagen (summer time, UTC+2).
    expect(copenhagenDate(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(copenhagenDate(new Date('2026-01-15T22:59:00Z'))).toBe('2026-01-15');
  });
});

import {
  describeSchedule,
  isRunDue,
  monthPeriod,
  parseSchedule,
  parseWeekday,
  periodFromRange,
  periodFromStart,
  periodOf,
  previousPeriod,
  recentPeriods,
  weekPeriod,
  weekdayOf,
} from '../../src/domain/payouts';
import type { PayoutSchedule } from '../../src/domain/payouts';
import { FEB_2026 } from './payout-test-fixtures';

describe('parseSchedule', () => {
  it('accepts a monthly schedule, any case, with the hour written 6, 06 or 06:00', () => {
    expect(parseSchedule('Monthly', '1', '6')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 1, hour: 6 } });
    expect(parseSchedule(' monthly ', ' 28 ', '06:00')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 28, hour: 6 } });
    expect(parseSchedule('MONTHLY', '15', '0')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 15, hour: 0 } });
    expect(parseSchedule('Monthly', '15', '23')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 15, hour: 23 } });
  });

  it('accepts a weekly schedule on a weekday name or its three-letter abbreviation, any case', () => {
    expect(parseSchedule('Weekly', 'Monday', '9')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 1, hour: 9 } });
    expect(parseSchedule('weekly', 'fri', '09')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 5, hour: 9 } });
    expect(parseSchedule('Weekly', 'SUNDAY', '23')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 7, hour: 23 } });
    expect(parseWeekday('Wed')).toBe(3);
    expect(parseWeekday('We')).toBeNull();
    expect(parseWeekday('Wednes')).toBeNull();
  });

  it('refuses days 29 to 31 of a month and says why: every month has days 1 to 28', () => {
    for (const day of ['29', '30', '31']) {
      const r = parseSchedule('Monthly', day, '6');
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].field).toBe('day');
      expect(r.problems[0].message).toContain('from 1 to 28');
      expect(r.problems[0].message).toContain('every month has those days');
      expect(r.problems[0].message).toContain(`"${day}"`);
    }
  });

  it('refuses other monthly days that are not whole numbers from 1 to 28', () => {
    for (const day of ['0', '1.5', 'abc', '', '-1', 'Monday', '100']) {
      const r = parseSchedule('Monthly', day, '6');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['day']);
    }
  });

  it('refuses a weekly day that is not a weekday name', () => {
    for (const day of ['Funday', '3', '', 'M']) {
      const r = parseSchedule('Weekly', day, '6');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems.map((p) => p.field)).toEqual(['day']);
        expect(r.problems[0].message).toContain('Monday to Sunday');
      }
    }
  });

  it('refuses an hour outside 0..23 or not whole', () => {
    for (const hour of ['24', '-1', '6.5', '', 'noon', '6:30']) {
      const r = parseSchedule('Monthly', '1', hour);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems.map((p) => p.field)).toEqual(['hour']);
        expect(r.problems[0].message).toContain('whole hour from 0 to 23');
      }
    }
  });

  it('reports every problem at once, and a bad kind without guessing at the day', () => {
    const r = parseSchedule('Daily', '31', '25');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.field)).toEqual(['kind', 'hour']);
      expect(r.problems[0].message).toBe('Payout schedule must be Monthly or Weekly, not "Daily"');
    }
    const blank = parseSchedule('', '', '');
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.problems[0].message).toBe('Payout schedule is required: Monthly or Weekly');
  });

  it('describes a schedule for people', () => {
    expect(describeSchedule({ kind: 'Monthly', day: 1, hour: 6 })).toBe('Monthly on day 1 at 06:00');
    expect(describeSchedule({ kind: 'Weekly', day: 7, hour: 18 })).toBe('Weekly on Sunday at 18:00');
  });
});

describe('periods', () => {
  it('gives the previous calendar month whatever the month lengths', () => {
    // From the 31st of March: February, not "a month before the 31st" (which would land in March).
    expect(previousPeriod('Monthly', '2026-03-31')).toEqual({ start: '2026-02-01', end: '2026-02-28', label: 'February 2026' });
    // From January 31st: December of the year before.
    expect(previousPeriod('Monthly', '2026-01-31')).toEqual({ start: '2025-12-01', end: '2025-12-31', label: 'December 2025' });
    expect(previousPeriod('Monthly', '2026-02-01')).toEqual({ start: '2026-01-01', end: '2026-01-31', label: 'January 2026' });
    expect(previousPeriod('Monthly', '2026-05-31')).toEqual({ start: '2026-04-01', end: '2026-04-30', label: 'April 2026' });
  });

  it('knows leap years: February 2028 has 29 days, 2100 does not, 2000 does', () => {
    expect(previousPeriod('Monthly', '2028-03-01')).toEqual({ start: '2028-02-01', end: '2028-02-29', label: 'February 2028' });
    expect(previousPeriod('Monthly', '2100-03-01').end).toBe('2100-02-28');
    expect(previousPeriod('Monthly', '2000-03-15').end).toBe('2000-02-29');
  });

  it('crosses the year boundary: January → the previous December', () => {
    expect(previousPeriod('Monthly', '2027-01-01')).toEqual({ start: '2026-12-01', end: '2026-12-31', label: 'December 2026' });
  });

  it('gives the previous Monday–Sunday week', () => {
    const week = { start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' };
    expect(previousPeriod('Weekly', '2026-03-04')).toEqual(week); // a Wednesday
    expect(previousPeriod('Weekly', '2026-03-02')).toEqual(week); // the Monday after
    expect(previousPeriod('Weekly', '2026-03-08')).toEqual(week); // the Sunday after
    expect(previousPeriod('Weekly', '2026-03-01')).toEqual({ start: '2026-02-16', end: '2026-02-22', label: 'Week of 2026-02-16' }); // that Sunday itself
  });

  it('crosses year ends with weeks', () => {
    expect(previousPeriod('Weekly', '2026-01-01')).toEqual({ start: '2025-12-22', end: '2025-12-28', label: 'Week of 2025-12-22' });
    expect(previousPeriod('Weekly', '2027-01-04')).toEqual({ start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' });
    expect(periodOf('Weekly', '2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' });
    // A leap day inside a week.
    expect(periodOf('Weekly', '2028-02-29')).toEqual({ start: '2028-02-28', end: '2028-03-05', label: 'Week of 2028-02-28' });
  });

  it('finds the period containing a date, and periods from a picker value', () => {
    expect(periodOf('Monthly', '2026-02-14')).toEqual(FEB_2026);
    expect(monthPeriod('2026-02')).toEqual(FEB_2026);
    expect(() => monthPeriod('2026-13')).toThrow('YYYY-MM');
    expect(periodFromStart('Monthly', '2026-02')).toEqual(FEB_2026);
    expect(periodFromStart('Monthly', '2026-02-01')).toEqual(FEB_2026);
    expect(periodFromStart('Monthly', '2026-02-15')).toBeNull();
    expect(periodFromStart('Monthly', '2026-00')).toBeNull();
    expect(periodFromStart('Monthly', 'February')).toBeNull();
    expect(periodFromStart('Weekly', '2026-02-23')).toEqual({ start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' });
    expect(periodFromStart('Weekly', '2026-02-24')).toBeNull();
    expect(periodFromStart('Weekly', '2026-02-30')).toBeNull();
    expect(() => weekPeriod('2026-02-24')).toThrow('not a Monday');
    expect(() => previousPeriod('Monthly', '2026-02-30')).toThrow('YYYY-MM-DD');
  });

  it('recognises a Payouts row period from its start and end', () => {
    expect(periodFromRange('2026-02-01', '2026-02-28')).toEqual(FEB_2026);
    expect(periodFromRange('2026-02-23', '2026-03-01')?.label).toBe('Week of 2026-02-23');
    expect(periodFromRange('2026-02-03', '2026-02-17')).toEqual({ start: '2026-02-03', end: '2026-02-17', label: '2026-02-03 to 2026-02-17' });
    expect(periodFromRange('2026-02-17', '2026-02-03')).toBeNull();
    expect(periodFromRange('', '2026-02-03')).toBeNull();
  });

  it('lists recent periods for a picker, newest first', () => {
    expect(recentPeriods('Monthly', '2026-02-10', 3).map((p) => p.label)).toEqual(['January 2026', 'December 2025', 'November 2025']);
    expect(recentPeriods('Weekly', '2026-01-07', 2).map((p) => p.start)).toEqual(['2025-12-29', '2025-12-22']);
  });

  it('knows ISO weekdays', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(weekdayOf('2028-02-29')).toBe(2);
  });
});

describe('isRunDue', () => {
  const monthly: PayoutSchedule = { kind: 'Monthly', day: 1, hour: 6 };
  const now = (date: string, hour: number) => ({ date, hour, weekday: weekdayOf(date) });

  it('is due at the scheduled day and hour itself, for the previous month', () => {
    expect(isRunDue(monthly, now('2026-03-01', 6), '2026-01-31')).toEqual({ due: true, period: FEB_2026 });
  });

  it('is not due on the scheduled day before the hour', () => {
    expect(isRunDue(monthly, now('2026-03-01', 5), '2026-01-31')).toEqual({ due: false, period: FEB_2026 });
  });

  it('is not due on an earlier day of the month even late in the day', () => {
    const mid: PayoutSchedule = { kind: 'Monthly', day: 15, hour: 9 };
    expect(isRunDue(mid, now('2026-03-14', 23), null).due).toBe(false);
    expect(isRunDue(mid, now('2026-03-15', 8), null).due).toBe(false);
    expect(isRunDue(mid, now('2026-03-15', 9), null).due).toBe(true);
  });

  it('catches up a missed run later in the same period, even at an earlier hour', () => {
    expect(isRunDue(monthly, now('2026-03-01', 23), '2026-01-31').due).toBe(true);
    expect(isRunDue(monthly, now('2026-03-17', 0), '2026-01-31')).toEqual({ due: true, period: FEB_2026 });
    expect(isRunDue(monthly, now('2026-03-31', 23), null).due).toBe(true);
  });

  it('is not due once the period has been completed', () => {
    expect(isRunDue(monthly, now('2026-03-01', 6), '2026-02-28')).toEqual({ due: false, period: FEB_2026 });
    expect(isRunDue(monthly, now('2026-03-20', 12), '2026-02-28').due).toBe(false);
    // A later completion (say a manual run for a week after) also counts.
    expect(isRunDue(monthly, now('2026-03-20', 12), '2026-03-08').due).toBe(false);
  });

  it('is due on the first run ever (nothing completed)', () => {
    expect(isRunDue(monthly, now('2026-03-02', 0), null).due).toBe(true);
    expect(isRunDue(monthly, now('2026-03-02', 0), '').due).toBe(true);
  });

  it('works across the year end', () => {
    expect(isRunDue(monthly, now('2027-01-01', 6), '2026-11-30')).toEqual({
      due: true,
      period: { start: '2026-12-01', end: '2026-12-31', label: 'December 2026' },
    });
  });

  it('weekly: due on the weekday at the hour, caught up later in the week, not before', () => {
    const weekly: PayoutSchedule = { kind: 'Weekly', day: 1, hour: 6 };
    const week = { start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' };
    expect(isRunDue(weekly, now('2026-03-02', 6), '2026-02-22')).toEqual({ due: true, period: week });
    expect(isRunDue(weekly, now('2026-03-02', 5), '2026-02-22')).toEqual({ due: false, period: week });
    expect(isRunDue(weekly, now('2026-03-04', 0), '2026-02-22')).toEqual({ due: true, period: week });
    expect(isRunDue(weekly, now('2026-03-08', 23), '2026-02-22').due).toBe(true);
    expect(isRunDue(weekly, now('2026-03-04', 12), '2026-03-01').due).toBe(false);

    const friday: PayoutSchedule = { kind: 'Weekly', day: 5, hour: 17 };
    expect(isRunDue(friday, now('2026-03-05', 23), null).due).toBe(false); // Thursday
    expect(isRunDue(friday, now('2026-03-06', 16), null).due).toBe(false);
    expect(isRunDue(friday, now('2026-03-06', 17), null).due).toBe(true);
    expect(isRunDue(friday, now('2026-03-07', 1), null).due).toBe(true); // Saturday: caught up
  });

  it('weekly across the year end', () => {
    const weekly: PayoutSchedule = { kind: 'Weekly', day: 1, hour: 0 };
    expect(isRunDue(weekly, now('2027-01-04', 0), '2026-12-27')).toEqual({
      due: true,
      period: { start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' },
    });
  });
});

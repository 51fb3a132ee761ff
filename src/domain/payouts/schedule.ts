import { addDays, isIsoDate } from '../fields';
import type { PayoutSchedule, Period, ScheduleKind } from './types';

/**
 * When payout runs happen and which period each covers. Everything works on
 * calendar dates (YYYY-MM-DD) in the spreadsheet's time zone: the edge turns
 * "now" into a local date, hour and weekday, so no time zone arithmetic
 * happens here and a run never straddles two periods because of an offset.
 */

export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['Monthly', 'Weekly'];

/** ISO weekdays: index 0 is Monday (1), index 6 is Sunday (7). */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * Monthly runs are limited to days 1..28 because every month has those days:
 * a run "on the 31st" would have no day to happen on in February, April, June,
 * September and November, and a period would be skipped or paid late.
 */
export const MAX_MONTHLY_DAY = 28;

export type ScheduleField = 'kind' | 'day' | 'hour';
export type ScheduleResult = { ok: true; schedule: PayoutSchedule } | { ok: false; problems: Array<{ field: ScheduleField; message: string }> };

/** 'Mon'/'Monday' (any case) → 1 … 'Sun'/'Sunday' → 7; null otherwise. */
export function parseWeekday(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t.length < 3) return null;
  const index = WEEKDAY_NAMES.findIndex((name) => {
    const n = name.toLowerCase();
    return t === n || t === n.slice(0, 3);
  });
  return index < 0 ? null : index + 1;
}

/**
 * The payout schedule as the Settings tab holds it: kind Monthly or Weekly
 * (any case), the day (1..28 for Monthly, a weekday name for Weekly) and the
 * hour (0..23, "6", "06" or "06:00"). Every problem is reported, by field.
 */
export function parseSchedule(kind: string, day: string, hour: string): ScheduleResult {
  const problems: Array<{ field: ScheduleField; message: string }> = [];
  const kindText = String(kind ?? '').trim();
  const dayText = String(day ?? '').trim();
  const hourText = String(hour ?? '').trim();

  const parsedKind = SCHEDULE_KINDS.find((k) => k.toLowerCase() === kindText.toLowerCase()) ?? null;
  if (!parsedKind) {
    problems.push({
      field: 'kind',
      message: kindText === '' ? 'Payout schedule is required: Monthly or Weekly' : `Payout schedule must be Monthly or Weekly, not "${kindText}"`,
    });
  }

  let parsedDay: number | null = null;
  if (parsedKind === 'Monthly') {
    const n = /^\d{1,2}$/.test(dayText) ? Number(dayText) : NaN;
    if (n >= 1 && n <= MAX_MONTHLY_DAY) parsedDay = n;
    else {
      problems.push({
        field: 'day',
        message:
          `Payout day must be a day of the month from 1 to ${MAX_MONTHLY_DAY}${dayText === '' ? '' : `, not "${dayText}"`}: ` +
          `every month has those days, while the 29th, 30th and 31st are missing from some months`,
      });
    }
  } else if (parsedKind === 'Weekly') {
    parsedDay = parseWeekday(dayText);
    if (parsedDay === null) {
      problems.push({
        field: 'day',
        message: `Payout day must be a weekday, Monday to Sunday (or Mon to Sun)${dayText === '' ? '' : `, not "${dayText}"`}`,
      });
    }
  }

  const hourMatch = /^(\d{1,2})(?::00)?$/.exec(hourText);
  const parsedHour = hourMatch ? Number(hourMatch[1]) : NaN;
  if (!(parsedHour >= 0 && parsedHour <= 23)) {
    problems.push({
      field: 'hour',
      message: `Payout hour must be a whole hour from 0 to 23${hourText === '' ? '' : `, not "${hourText}"`}`,
    });
  }

  if (problems.length || !parsedKind || parsedDay === null) return { ok: false, problems };
  return { ok: true, schedule: { kind: parsedKind, day: parsedDay, hour: parsedHour } };
}

/** The schedule for people: "Monthly on day 1 at 06:00", "Weekly on Monday at 09:00". */
export function describeSchedule(schedule: PayoutSchedule): string {
  const at = `${String(schedule.hour).padStart(2, '0')}:00`;
  return schedule.kind === 'Monthly' ? `Monthly on day ${schedule.day} at ${at}` : `Weekly on ${WEEKDAY_NAMES[schedule.day - 1]} at ${at}`;
}

/** The schedule's day as the Settings tab shows it: "15" or "Monday". */
export function scheduleDayText(schedule: PayoutSchedule): string {
  return schedule.kind === 'Monthly' ? String(schedule.day) : WEEKDAY_NAMES[schedule.day - 1];
}

function requireDate(date: string, what: string): void {
  if (!isIsoDate(date)) throw new Error(`${what}: "${date}" is not a date written YYYY-MM-DD`);
}

/** ISO weekday of a calendar date: 1 Monday .. 7 Sunday. */
export function weekdayOf(date: string): number {
  requireDate(date, 'weekdayOf');
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar month, 'YYYY-MM' → its first and last day, labelled "February 2026". */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`monthPeriod: "${month}" is not a month written YYYY-MM`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  return {
    start: `${month}-01`,
    end: `${month}-${String(daysInMonth(year, mon)).padStart(2, '0')}`,
    label: `${MONTH_NAMES[mon - 1]} ${m[1]}`,
  };
}

/** The Monday–Sunday week starting on a Monday, labelled "Week of 2026-02-23". */
export function weekPeriod(monday: string): Period {
  requireDate(monday, 'weekPeriod');
  if (weekdayOf(monday) !== 1) throw new Error(`weekPeriod: ${monday} is not a Monday`);
  return { start: monday, end: addDays(monday, 6), label: `Week of ${monday}` };
}

/** The period of the given kind that contains the date. */
export function periodOf(kind: ScheduleKind, date: string): Period {
  requireDate(date, 'periodOf');
  return kind === 'Monthly' ? monthPeriod(date.slice(0, 7)) : weekPeriod(addDays(date, 1 - weekdayOf(date)));
}

/**
 * The last complete period before the one containing `today`: the previous
 * calendar month, or the previous Monday–Sunday week.
 */
export function previousPeriod(kind: ScheduleKind, today: string): Period {
  requireDate(today, 'previousPeriod');
  return kind === 'Monthly' ? periodOf('Monthly', addDays(`${today.slice(0, 7)}-01`, -1)) : periodOf('Weekly', addDays(today, -weekdayOf(today)));
}

/**
 * The period a picker value stands for: Monthly takes 'YYYY-MM' or the
 * month's first day 'YYYY-MM-01'; Weekly takes the week's Monday. Null when
 * the value does not start a period of that kind.
 */
export function periodFromStart(kind: ScheduleKind, start: string): Period | null {
  const text = String(start ?? '').trim();
  if (kind === 'Monthly') {
    const month = /^\d{4}-\d{2}$/.test(text) ? text : isIsoDate(text) && text.endsWith('-01') ? text.slice(0, 7) : '';
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? monthPeriod(month) : null;
  }
  return isIsoDate(text) && weekdayOf(text) === 1 ? weekPeriod(text) : null;
}

/**
 * A period from the start and end a Payouts row holds: a calendar month or a
 * Monday–Sunday week gets its usual label, any other range "2026-02-03 to
 * 2026-02-17". Null when either is not a date or the range is reversed.
 */
export function periodFromRange(start: string, end: string): Period | null {
  if (!isIsoDate(start) || !isIsoDate(end) || end < start) return null;
  const month = periodFromStart('Monthly', start);
  if (month && month.end === end) return month;
  const week = periodFromStart('Weekly', start);
  if (week && week.end === end) return week;
  return { start, end, label: `${start} to ${end}` };
}

/** The `count` most recent complete periods before `today`, newest first (for a period picker). */
export function recentPeriods(kind: ScheduleKind, today: string, count: number): Period[] {
  const out: Period[] = [];
  let period = previousPeriod(kind, today);
  for (let i = 0; i < count; i++) {
    out.push(period);
    period = previousPeriod(kind, period.start);
  }
  return out;
}

/** "Now" in the spreadsheet's time zone, as the edge computes it. */
export interface LocalNow {
  date: string;
  hour: number;
  /** ISO weekday 1 (Monday) .. 7 (Sunday); must agree with `date`. */
  weekday: number;
}

/**
 * Whether the scheduled run should happen now, and for which period (always
 * the previous period relative to `localNow.date`).
 *
 * Due when that period has not been completed (no completed run ends on or
 * after its end) and we are at or after the scheduled moment of the current
 * period: Monthly, the day of the month is past `schedule.day`, or it is that
 * day and the hour has come; Weekly the same with the weekday. A trigger that
 * missed the hour (Apps Script time triggers fire "within the hour", and may
 * skip) is caught up by any later check in the same period. The weekday is
 * derived from `localNow.date`, which is authoritative.
 */
export function isRunDue(schedule: PayoutSchedule, localNow: LocalNow, lastCompletedPeriodEnd: string | null): { due: boolean; period: Period } {
  const period = previousPeriod(schedule.kind, localNow.date);
  const completed = lastCompletedPeriodEnd !== null && lastCompletedPeriodEnd !== '' && lastCompletedPeriodEnd >= period.end;
  if (completed) return { due: false, period };
  const day = schedule.kind === 'Monthly' ? Number(localNow.date.slice(8, 10)) : weekdayOf(localNow.date);
  const reached = day > schedule.day || (day === schedule.day && localNow.hour >= schedule.hour);
  return { due: reached, period };
}

import { MetricsPeriod, PeriodKind } from './types';

/**
 * Period arithmetic on calendar days (YYYY-MM-DD, the spreadsheet's local days): a month,
 * quarter or year containing a day, a custom inclusive range, and the period before each.
 * Days are handled as UTC midnights so no time zone or daylight-saving shift can move them.
 */

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86400000;

function parts(day: string): { y: number; m: number; d: number } {
  return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) };
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const { y, m, d } = parts(text);
  return iso(y, m, d) === text;
}

export function addDays(day: string, n: number): string {
  const { y, m, d } = parts(day);
  return iso(y, m, d + n);
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

/** The calendar month (YYYY-MM) a day falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The `count` calendar months ending with the one containing `day`, oldest first (YYYY-MM). */
export function monthsEnding(day: string, count: number): string[] {
  const { y, m } = parts(day);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(iso(y, m - i, 1).slice(0, 7));
  return out;
}

/** "Nov 2026" for a YYYY-MM month. */
export function shortMonthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1].slice(0, 3)} ${month.slice(0, 4)}`;
}

/** The month, quarter or year containing `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, day: string): MetricsPeriod {
  const { y, m } = parts(day);
  if (kind === 'month') return { kind, start: iso(y, m, 1), end: iso(y, m + 1, 0), label: `${MONTH_NAMES[m - 1]} ${y}` };
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    return { kind, start: iso(y, q * 3 + 1, 1), end: iso(y, q * 3 + 4, 0), label: `Q${q + 1} ${y}` };
  }
  return { kind, start: iso(y, 1, 1), end: iso(y, 12, 31), label: String(y) };
}

/** A custom inclusive range; throws with the reason when the days are not a range. */
export function customPeriod(start: string, end: string): MetricsPeriod {
  if (!isDay(start)) throw new Error(`"${start}" is not a date: write From as YYYY-MM-DD.`);
  if (!isDay(end)) throw new Error(`"${end}" is not a date: write To as YYYY-MM-DD.`);
  if (end < start) throw new Error(`To (${end}) is before From (${start}).`);
  return { kind: 'custom', start, end, label: `${start} to ${end}` };
}

/**
 * The period just before: the previous month, quarter or year; for a custom range, the range of
 * the same number of days ending the day before it starts.
 */
export function previousPeriod(period: MetricsPeriod): MetricsPeriod {
  if (period.kind === 'custom') {
    const length = daysBetween(period.start, period.end) + 1;
    const end = addDays(period.start, -1);
    return customPeriod(addDays(end, 1 - length), end);
  }
  return periodContaining(period.kind, addDays(period.start, -1));
}

export function inPeriod(day: string, period: MetricsPeriod): boolean {
  return day !== '' && day >= period.start && day <= period.end;
}

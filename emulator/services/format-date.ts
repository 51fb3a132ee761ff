import { AppsScriptException } from '../core/errors';
import { isValidTimeZone, offsetMinutes, zonedParts, ZonedParts } from '../core/timezone';

/**
 * Utilities.formatDate: java.text.SimpleDateFormat patterns
 * (docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html), English
 * names, US week rules (weeks start on Sunday; week 1 contains January 1).
 * Time zones: an IANA id, or a Java custom id "GMT+hh:mm"; an unknown id falls
 * back to GMT, as java.util.TimeZone does.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']; // ISO order, 1 = Monday

export interface ResolvedZone {
  /** IANA id, or null for a fixed offset. */
  iana: string | null;
  /** Fixed offset in minutes (fixed zones only). */
  fixedOffset: number;
  /** Java's display id for a fixed zone: "GMT", "GMT+05:30". */
  fixedName: string;
}

export function resolveZone(timeZone: string): ResolvedZone {
  const tz = String(timeZone ?? '').trim();
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (custom) {
    const minutes = (Number(custom[2]) * 60 + Number(custom[3] ?? 0)) * (custom[1] === '-' ? -1 : 1);
    return { iana: null, fixedOffset: minutes, fixedName: gmtName(minutes) };
  }
  if (tz && tz !== 'GMT' && isValidTimeZone(tz)) return { iana: tz, fixedOffset: 0, fixedName: '' };
  return { iana: null, fixedOffset: 0, fixedName: 'GMT' };
}

function gmtName(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `GMT${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function partsIn(date: Date, zone: ResolvedZone): ZonedParts {
  if (zone.iana) return zonedParts(date, zone.iana);
  const d = new Date(date.getTime() + zone.fixedOffset * 60000);
  const dow = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: dow === 0 ? 7 : dow,
  };
}

export function offsetIn(date: Date, zone: ResolvedZone): number {
  return zone.iana ? offsetMinutes(date, zone.iana) : zone.fixedOffset;
}

function zoneName(date: Date, zone: ResolvedZone, long: boolean): string {
  if (!zone.iana) return zone.fixedName;
  const offset = offsetIn(date, zone);
  const read = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone.iana!, timeZoneName: long ? 'long' : 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const isGmtStyle = (s: string) => !s || /^(GMT|UTC)[+-−]/.test(s);
  let name = read('en-US');
  if (!long && isGmtStyle(name)) name = read('en-GB');
  if (isGmtStyle(name)) return gmtName(offset);
  if (name === 'Coordinated Universal Time' && !long) return 'UTC';
  return name;
}

/** Day of year, 1-based. */
function dayOfYear(p: { year: number; month: number; day: number }): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

/** US week numbering (Sunday first, minimal days 1): [weekYear, weekOfYear]. */
export function usWeek(p: { year: number; month: number; day: number }): [number, number] {
  const t = Date.UTC(p.year, p.month - 1, p.day);
  const sundayBefore = t - new Date(t).getUTCDay() * 86400000; // start of this week
  const saturdayAfter = sundayBefore + 6 * 86400000;
  const endYear = new Date(saturdayAfter).getUTCFullYear();
  if (endYear > p.year) return [endYear, 1]; // the week holds January 1 of next year
  const jan1 = Date.UTC(p.year, 0, 1);
  const firstSunday = jan1 - new Date(jan1).getUTCDay() * 86400000;
  return [p.year, Math.floor((sundayBefore - firstSunday) / (7 * 86400000)) + 1];
}

function rfc822(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
}

function iso8601(offset: number, count: number): string {
  if (count > 3) throw new AppsScriptException('Invalid argument: format');
  if (offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  return count === 1 ? `${sign}${hh}` : count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

function field(letter: string, count: number, date: Date, p: ZonedParts, zone: ResolvedZone): string {
  switch (letter) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'Y': {
      const [wy] = usWeek(p);
      return count === 2 ? pad(wy % 100, 2) : pad(wy, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[p.month - 1];
      if (count === 3) return MONTHS[p.month - 1].slice(0, 3);
      return pad(p.month, count);
    case 'w':
      return pad(usWeek(p)[1], count);
    case 'W': {
      const firstDow = new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay(); // 0 = Sunday
      return pad(Math.floor((p.day - 1 + firstDow) / 7) + 1, count);
    }
    case 'D':
      return pad(dayOfYear(p), count);
    case 'd':
      return pad(p.day, count);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? DAYS[p.weekday - 1] : DAYS[p.weekday - 1].slice(0, 3);
    case 'u':
      return pad(p.weekday, count);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'K':
      return pad(p.hour % 12, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(p.millisecond, count);
    case 'z':
      return zoneName(date, zone, count >= 4);
    case 'Z':
      return rfc822(offsetIn(date, zone));
    case 'X':
      return iso8601(offsetIn(date, zone), count);
    default:
      throw new AppsScriptException(`Illegal pattern character '${letter}'`);
  }
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new AppsScriptException('Invalid argument: date');
  if (typeof pattern !== 'string') throw new AppsScriptException('Invalid argument: format');
  const zone = resolveZone(timeZone);
  const p = partsIn(date, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // Quoted literal: up to the next lone quote; '' inside stands for a quote.
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            out += "'";
            i += 2;
            continue;
          }
          break;
        }
        out += pattern[i++];
      }
      if (i >= pattern.length) throw new AppsScriptException('Unterminated quote');
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      out += field(c, j - i, date, p, zone);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

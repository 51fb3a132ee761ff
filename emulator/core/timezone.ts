/**
 * Wall-clock arithmetic in an IANA time zone, for the parts of Apps Script that
 * work in "the spreadsheet's / the script's time zone": date serials in cells,
 * Utilities.formatDate and time-driven trigger events. Uses Intl, so it follows
 * the same tz database as Node.
 */
export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parts already computed, by zone and instant: Intl's formatToParts is slow, and the same dates
 * are formatted over and over (every read of a date column). Bounded: cleared when full.
 */
const partsCache = new Map<string, ZonedParts>();
const PARTS_CACHE_LIMIT = 50000;

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const key = `${timeZone}|${date.getTime()}`;
  const cached = partsCache.get(key);
  if (cached) return { ...cached };
  const parts = computeZonedParts(date, timeZone);
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  partsCache.set(key, parts);
  return { ...parts };
}

function computeZonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((date.getTime() % 1000) + 1000) % 1000,
    weekday: WEEKDAYS[parts.weekday] ?? 0,
  };
}

/** Offset of the zone from UTC at `date`, in minutes (e.g. +60 for Europe/Paris in winter). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return Math.round((asUtc - date.getTime()) / 60000);
}

/** The instant at which the zone's wall clock reads the given time (the earlier one in a DST overlap). */
export function fromZoned(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60000;
  // One correction step settles DST transitions.
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** Days since 1899-12-30 in the zone's wall clock: how Sheets stores a date-time. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function dateToSerial(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return (wall - SERIAL_EPOCH_UTC) / 86400000;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const wall = new Date(SERIAL_EPOCH_UTC + Math.round(serial * 86400000));
  return fromZoned(timeZone, wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds());
}

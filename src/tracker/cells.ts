import { neutraliseForCell } from '../domain/cell-text';
import { isIsoDate } from '../domain/fields';

/**
 * How the tracker's values become cell values and back.
 *
 * - Text that a person or partner typed is cleaned (control, bidi and zero-width characters
 *   removed), neutralised, so it can never become a formula, kept whole when it starts with an
 *   apostrophe, and cut with a visible marker beyond a cell's 50,000 characters (see
 *   domain/cell-text.ts: the cell reads back as exactly cellText(text, wholeTextIn)).
 * - "(UTC)" date-time columns hold the UTC wall-clock time: the cell is written
 *   as "yyyy-MM-dd HH:mm:ss" text that Sheets reads as a date-time, so the sheet
 *   shows UTC whatever its own time zone. Reading converts back through the
 *   spreadsheet's time zone, in which Sheets interpreted those digits.
 * - Date columns hold calendar dates written "yyyy-MM-dd" and read back in the
 *   spreadsheet's time zone, so a date never shifts by a day.
 */
export type CellValue = string | number | boolean | Date;

/**
 * The value to write for a text. `wholeTextIn` says where the caller keeps the whole text when
 * it may be longer than a cell holds ("the Drive file Form answers 2026-03-01"); the cut
 * marker names it.
 */
export function textCell(text: string, wholeTextIn?: string): string {
  return neutraliseForCell(text, wholeTextIn);
}

export function utcDateTimeCell(instant: Date): string {
  return instant.toISOString().slice(0, 19).replace('T', ' ');
}

export function dateCell(isoDate: string): string {
  return isoDate;
}

export function moneyCell(cents: number | null): number | string {
  return cents === null ? '' : cents / 100;
}

/**
 * A time zone's UTC offset at an instant, via Utilities once per hour of time
 * seen: reading a whole column must not cost a service call per row.
 * (Offsets change on whole hours in every zone that observes DST but Lord Howe.)
 */
const offsetCache = new Map<string, Map<number, number>>();

function offsetMs(instant: Date, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const hour = Math.floor(instant.getTime() / 3600000);
  let offset = zone.get(hour);
  if (offset === undefined) {
    const z = Utilities.formatDate(instant, timeZone, 'Z'); // "+0530", "-0400"
    offset = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000;
    zone.set(hour, offset);
  }
  return offset;
}

/** A date-time column's value as the UTC instant it records; null when empty or unreadable. */
export function readUtcDateTime(value: unknown, timeZone: string): Date | null {
  if (value instanceof Date) {
    // Sheets read the cell's UTC digits as wall-clock time in the spreadsheet's zone; undo that.
    return new Date(value.getTime() + offsetMs(value, timeZone));
  }
  if (typeof value === 'string' && value.trim()) {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?Z?$/.exec(value.trim());
    if (m) {
      const d = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}Z`);
      return Number.isNaN(d.getTime()) ? null : d;
    }
  }
  return null;
}

/** A "(UTC)" date-time column's value as the spreadsheet-local day it fell on (YYYY-MM-DD); '' when empty or unreadable. */
export function readLocalDay(value: unknown, timeZone: string): string {
  const at = readUtcDateTime(value, timeZone);
  return at ? new Date(at.getTime() + offsetMs(at, timeZone)).toISOString().slice(0, 10) : '';
}

/** A date column's value as YYYY-MM-DD; '' when empty or unreadable. */
export function readIsoDate(value: unknown, timeZone: string): string {
  if (value instanceof Date) return new Date(value.getTime() + offsetMs(value, timeZone)).toISOString().slice(0, 10);
  if (typeof value === 'string' && isIsoDate(value.trim())) return value.trim();
  return '';
}

export function readText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

/** A money column's value in whole cents (half away from zero); null when empty or not a number. */
export function readCents(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/,/g, '')) : NaN;
  if (!Number.isFinite(n)) return null;
  return Math.sign(n) * Math.round(Math.abs(n) * 100);
}

/** Today's calendar date in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return Utilities.formatDate(now, timeZone, 'yyyy-MM-dd');
}

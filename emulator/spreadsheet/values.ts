import * as SSF from 'ssf';
import { dateToSerial, serialToDate } from '../core/timezone';

/**
 * How Sheets stores what a script writes, and how it reads it back.
 *
 * A cell holds a number, a string or a boolean (dates are numbers — days since
 * 1899-12-30 in the spreadsheet's time zone — shown through a date format). A
 * script's setValue/setValues behaves like typing into the cell: "=…" becomes a
 * formula, "123" a number, "TRUE" a boolean, "2026-03-01" a date; a leading
 * apostrophe forces text and is not part of the value.
 */
export type StoredValue = number | string | boolean;

/** Google's name for the automatic ("General") number format, as getNumberFormat() reports it. */
export const AUTOMATIC_FORMAT = '0.###############';
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

export interface ParsedInput {
  /** undefined = the cell becomes empty. */
  value: StoredValue | undefined;
  formula?: string;
  /** A number format Sheets applies when the cell has none (dates, percentages, currency). */
  impliedFormat?: string;
}

export interface InputOptions {
  timeZone: string;
  /** The cell's current number format; '@' (plain text) stores strings as typed. */
  numberFormat: string | undefined;
  /** Whether "=…" written to a plain-text cell is still parsed as a formula (unverified in Google; default true). */
  formulasInPlainText: boolean;
}

/** Characters one cell may hold (developers.google.com/apps-script: Sheets limits; the facts file). */
export const MAX_CELL_CHARACTERS = 50000;
/** Google's refusal of a longer write, whether a script's or a person's. */
export const CELL_TOO_LONG_MESSAGE = `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`;

/**
 * Whether writing `input` into one cell would exceed the limit: text (formulas included) is
 * counted as given; numbers, booleans and dates never do.
 */
export function exceedsCellLimit(input: unknown): boolean {
  if (typeof input === 'string') return input.length > MAX_CELL_CHARACTERS;
  if (input === null || input === undefined || typeof input !== 'object' || input instanceof Date) return false;
  return String(input).length > MAX_CELL_CHARACTERS;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function parseInput(input: unknown, options: InputOptions): ParsedInput {
  if (input === null || input === undefined || input === '') return { value: undefined };
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input } : { value: String(input) };
  if (typeof input === 'boolean') return { value: input };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { value: undefined };
    return { value: dateToSerial(input, options.timeZone), impliedFormat: DEFAULT_DATE_TIME_FORMAT };
  }
  const text = typeof input === 'string' ? input : String(input);
  if (text.startsWith('=') && text.length > 1) {
    if (options.numberFormat !== '@' || options.formulasInPlainText) return { value: undefined, formula: text };
  }
  if (text.startsWith("'")) return { value: text.slice(1) === '' ? undefined : text.slice(1) };
  if (options.numberFormat === '@') return { value: text };
  return parseTypedText(text, options.timeZone);
}

function parseTypedText(text: string, timeZone: string): ParsedInput {
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  if (/\d/.test(trimmed) && NUMBER.test(trimmed)) return { value: Number(trimmed.replace(/,/g, '')) };
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(trimmed);
  if (percent) return { value: Number(percent[1]) / 100, impliedFormat: percent[1].includes('.') ? '0.00%' : '0%' };
  const currency = /^([+-]?)\$((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/.exec(trimmed);
  if (currency) return { value: Number(currency[1] + currency[2].replace(/,/g, '')), impliedFormat: '"$"#,##0.00' };
  const iso = ISO_DATE.exec(trimmed);
  if (iso) return dateInput(+iso[1], +iso[2], +iso[3], iso[4], iso[5], iso[6], 'yyyy-mm-dd', timeZone) ?? { value: text };
  const us = US_DATE.exec(trimmed);
  if (us) return dateInput(+us[3], +us[1], +us[2], us[4], us[5], us[6], 'M/d/yyyy', timeZone) ?? { value: text };
  return { value: text };
}

function dateInput(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  dateFormat: string,
  timeZone: string,
): ParsedInput | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  const serialDay = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
  const time = hour === undefined ? 0 : (+hour * 3600 + +(minute ?? 0) * 60 + +(second ?? 0)) / 86400;
  void timeZone; // wall-clock input is already in the spreadsheet's zone
  return {
    value: serialDay + time,
    impliedFormat: hour === undefined ? dateFormat : `${dateFormat} H:mm:ss`,
  };
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === AUTOMATIC_FORMAT || format === '@') return false;
  try {
    return SSF.is_date(format);
  } catch {
    return false;
  }
}

/** What getValues() returns for a stored value: dates come back as Date objects. */
export function toScriptValue(value: StoredValue | undefined, format: string | undefined, timeZone: string): number | string | boolean | Date {
  if (value === undefined) return '';
  if (typeof value === 'number' && isDateFormat(format)) return serialToDate(value, timeZone);
  return value;
}

/** What getDisplayValues() returns: the value as the cell shows it. */
export function toDisplayValue(value: StoredValue | undefined, format: string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!format || format === AUTOMATIC_FORMAT) return formatAutomatic(value);
  if (format === '@') return String(value);
  try {
    return SSF.format(format, value);
  } catch {
    return formatAutomatic(value);
  }
}

function formatAutomatic(value: number): string {
  if (Number.isInteger(value)) return String(value);
  // Sheets shows up to 15 significant digits in automatic format.
  return String(Number(value.toPrecision(15)));
}

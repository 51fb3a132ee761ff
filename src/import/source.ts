import { InputError } from '../domain/input-error';
import { requireRole, whyNot } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { TABS } from '../tracker/schema';

/**
 * A tab to import from: in this spreadsheet, or in another one the person can open (by its
 * address). SpreadsheetApp.openByUrl runs as the person using the sidebar, so Google lets them
 * read only what they could open themselves; its refusal is passed on in its own words. The
 * cells come back as text, as a CSV file's would: dates as YYYY-MM-DD (or an ISO instant when
 * they carry a time), numbers as written by JavaScript.
 */
export interface SourceTabs {
  spreadsheet: string;
  tabs: Array<{ name: string; rows: number }>;
}

export interface SourceRows {
  spreadsheet: string;
  tab: string;
  headers: string[];
  rows: string[][];
}

/** More than this and the person is asked to split the tab (a reply of ~10 MB is slow to ship and to check). */
export const MAX_SOURCE_ROWS = 20000;
const SHEETS_URL = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/[A-Za-z0-9_-]+/;

function mayImport(ctx: TrackerContext): void {
  // Either import role lets a person look at a source.
  if (whyNot(ctx, 'importRecords') && whyNot(ctx, 'importRules')) requireRole(ctx, 'importRecords');
}

function open(ctx: TrackerContext, url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const address = url.trim();
  if (!address) return ctx.ss;
  if (!SHEETS_URL.test(address)) throw InputError.field('url', "Paste the spreadsheet's address as the browser shows it: https://docs.google.com/spreadsheets/d/…");
  try {
    return SpreadsheetApp.openByUrl(address);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/^Exception:\s*/, '');
    throw InputError.field(
      'url',
      `Google would not open that spreadsheet for you (${ctx.actor || 'an unknown account'}): ${message || 'no reason given'}. Ask its owner to share it with you, or download the tab as CSV and import the file.`,
    );
  }
}

/** The tabs one can import from: in this spreadsheet, every tab but the tracker's own. */
export function listSourceTabs(ctx: TrackerContext, url: string): SourceTabs {
  mayImport(ctx);
  const ss = open(ctx, url);
  const own = new Set(url.trim() ? [] : TABS.map((t) => t.name));
  return {
    spreadsheet: ss.getName(),
    tabs: ss
      .getSheets()
      .filter((s) => !own.has(s.getName()))
      .map((s) => ({ name: s.getName(), rows: Math.max(0, s.getLastRow() - 1) })),
  };
}

export function readSourceTab(ctx: TrackerContext, url: string, tabName: string): SourceRows {
  mayImport(ctx);
  const ss = open(ctx, url);
  const sheet = ss.getSheetByName(tabName);
  if (!sheet) throw InputError.field('tab', `There is no tab named "${tabName}" in ${ss.getName()} (it may have been renamed): choose the tab again.`);
  const grid = sheet.getDataRange().getValues();
  const timeZone = ss.getSpreadsheetTimeZone();
  const text = grid.map((row) => row.map((v) => cellText(v, timeZone)));
  // Trailing blank rows (formatting, deleted content) are not rows of data.
  while (text.length > 1 && text[text.length - 1].every((c) => c === '')) text.pop();
  const [headers = [], ...rows] = text;
  if (headers.every((h) => h === '')) throw InputError.field('tab', `The tab "${tabName}" is empty: its first row must hold the column names.`);
  if (rows.length > MAX_SOURCE_ROWS)
    throw InputError.field('tab', `The tab "${tabName}" has ${rows.length} rows; an import reads at most ${MAX_SOURCE_ROWS}. Split it into tabs of ${MAX_SOURCE_ROWS} rows or fewer and import each.`);
  return { spreadsheet: ss.getName(), tab: sheet.getName(), headers, rows };
}

function cellText(value: unknown, timeZone: string): string {
  if (value instanceof Date) {
    const local = Utilities.formatDate(value, timeZone, 'HH:mm:ss');
    return local === '00:00:00' ? Utilities.formatDate(value, timeZone, 'yyyy-MM-dd') : value.toISOString();
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value === null || value === undefined ? '' : String(value);
}

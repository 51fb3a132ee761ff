import { CellUse, GrowthForecast, cellUse, forecastRollover } from '../domain/capacity';
import { TrackerTable } from '../tracker/table';

/**
 * How many cells the spreadsheet's grids hold (what Google's 10-million-cell limit counts):
 * two calls per tab (max rows, max columns), no cell read.
 */
export function spreadsheetCells(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CellUse {
  return cellUse(ss.getSheets().map((s) => ({ name: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() })));
}

/**
 * When the Audit Log will roll over, from its growth: the first and last live timestamps
 * (the tab's header and two one-cell reads) and the row count. Past-year rows are counted from the first rows'
 * timestamps only when the first row is of a past year (one column read then).
 */
export function auditForecast(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, use: CellUse, now: Date): GrowthForecast {
  const table = TrackerTable.tryOpen(ss, 'audit');
  const last = table ? table.lastRow() : 0;
  if (!table || last < 2) return forecastRollover(use.used, null, null, 0, 0, 14, now);
  const { sheet } = table;
  const columns = sheet.getMaxColumns();
  const at = table.column('at');
  const firstAt = parseIso(sheet.getRange(2, at).getValue());
  const lastAt = parseIso(sheet.getRange(last, at).getValue());
  let pastYearRows = 0;
  if (firstAt && firstAt.getUTCFullYear() < now.getUTCFullYear()) {
    const thisYear = String(now.getUTCFullYear());
    const stamps = sheet.getRange(2, at, last - 1, 1).getValues();
    pastYearRows = stamps.findIndex((r) => String(r[0]).slice(0, 4) >= thisYear);
    if (pastYearRows < 0) pastYearRows = stamps.length;
  }
  return forecastRollover(use.used, firstAt, lastAt, last - 1, pastYearRows, columns, now);
}

function parseIso(value: unknown): Date | null {
  if (value instanceof Date) return value;
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

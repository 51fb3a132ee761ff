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
 * (the tab's header and two one-cell reads) and the row count. No column is read, so the
 * cost does not grow with the log.
 */
export function auditForecast(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, use: CellUse, now: Date): GrowthForecast {
  const table = TrackerTable.tryOpen(ss, 'audit');
  const last = table ? table.lastRow() : 0;
  if (!table || last < 2) return forecastRollover(use.used, null, null, 0, 14, now);
  const { sheet } = table;
  const at = table.column('at');
  const firstAt = parseIso(sheet.getRange(2, at).getValue());
  const lastAt = parseIso(sheet.getRange(last, at).getValue());
  return forecastRollover(use.used, firstAt, lastAt, last - 1, sheet.getMaxColumns(), now);
}

function parseIso(value: unknown): Date | null {
  if (value instanceof Date) return value;
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

import { StoredAuditRow } from '../domain/audit-verify';
import { neutraliseForCell } from '../domain/cell-text';
import { tab } from '../tracker/schema';
import { CELL_KEYS, cellText } from '../audit/verify';

/**
 * An archive spreadsheet: one tab, "Audit Log", with the live log's hashed columns, Hash and
 * Previous Hash, rows exactly as they were (their hashes unchanged). Created with
 * SpreadsheetApp.create (the `spreadsheets` scope) in the owner's Drive; the tracker reaches it
 * again by the ID it recorded.
 */
export const ARCHIVE_TAB = 'Audit Log';
// Read when called, not at load: verify.ts (CELL_KEYS) imports this module's callers.
const keys = () => [...CELL_KEYS, 'hash', 'previousHash'];
export const ARCHIVE_WIDTH = 12;

export function archiveHeaders(): string[] {
  const columns = tab('audit').columns;
  return keys().map((k) => columns.find((c) => c.key === k)?.header ?? k);
}

export function createArchive(name: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const file = SpreadsheetApp.create(name);
  const sheet = file.getSheets()[0];
  sheet.setName(ARCHIVE_TAB);
  // Plain text: stored text reads back as it was hashed (no number or date parsing).
  sheet.getRange(1, 1, sheet.getMaxRows(), ARCHIVE_WIDTH).setNumberFormat('@');
  sheet.getRange(1, 1, 1, ARCHIVE_WIDTH).setValues([archiveHeaders()]);
  sheet.setFrozenRows(1);
  return file;
}

function archiveSheet(file: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = file.getSheetByName(ARCHIVE_TAB);
  if (!sheet) throw new Error(`The archive "${file.getName()}" has no ${ARCHIVE_TAB} tab.`);
  return sheet;
}

/**
 * Writes rows at a fixed place (after `offset` rows already archived in this file) and clears
 * anything below them: a retry after a copy that died half way writes the same cells again.
 */
export function writeArchiveRows(file: GoogleAppsScript.Spreadsheet.Spreadsheet, offset: number, rows: readonly StoredAuditRow[]): void {
  const sheet = archiveSheet(file);
  const lastNeeded = offset + rows.length + 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < lastNeeded) sheet.insertRowsAfter(maxRows, lastNeeded - maxRows);
  const range = sheet.getRange(offset + 2, 1, rows.length, ARCHIVE_WIDTH);
  range.setNumberFormat('@');
  range.setValues(rows.map((r) => [...r.cells, r.hash, r.previousHash].map((text) => neutraliseForCell(text))));
  const lastRow = sheet.getLastRow();
  if (lastRow > lastNeeded) sheet.getRange(lastNeeded + 1, 1, lastRow - lastNeeded, sheet.getMaxColumns()).clearContent();
}

/** Every archived row as stored: one read. */
export function readArchiveRows(file: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredAuditRow[] {
  const sheet = archiveSheet(file);
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const grid = sheet.getRange(2, 1, last - 1, ARCHIVE_WIDTH).getValues();
  return grid.map((cells, i) => ({
    row: i + 2,
    cells: cells.slice(0, CELL_KEYS.length).map(cellText),
    hash: cellText(cells[CELL_KEYS.length]),
    previousHash: cellText(cells[CELL_KEYS.length + 1]),
  }));
}

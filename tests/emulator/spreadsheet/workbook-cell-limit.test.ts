import { Emulator } from '../../../emulator';
import { CELL_LIMIT_MESSAGE } from '../../../emulator/spreadsheet/cell-limit';

/**
 * A spreadsheet holds at most 10 million cells, counted by every tab's grid (max rows × max
 * columns, empty or not). What would grow a grid past it fails with Google's message and
 * changes nothing. The grids are sparse: a tab millions of rows tall allocates no cell.
 */
function nearlyFull(): { emu: Emulator; ss: GoogleAppsScript.Spreadsheet.Spreadsheet; big: GoogleAppsScript.Spreadsheet.Sheet } {
  const emu = new Emulator();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const big = ss.insertSheet('Big');
  // Sheet1: 1000 × 26; Big grown to 383,000 × 26: 9,984,000 cells in all.
  big.insertRowsAfter(1000, 382_000);
  return { emu, ss, big };
}

const used = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);

test("the message, word for word (as reported from Sheets; Apps Script's own wording unverified)", () => {
  expect(CELL_LIMIT_MESSAGE).toBe('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
});

test('a huge empty grid is cheap: 9.98 million cells without allocating them', () => {
  const before = process.memoryUsage().heapUsed;
  const { ss } = nearlyFull();
  expect(used(ss)).toBe(9_984_000);
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
});

test('inserting rows, columns or a tab past the limit fails and changes nothing; up to it succeeds', () => {
  const { ss, big } = nearlyFull();
  const sheet1 = ss.getSheetByName('Sheet1') as GoogleAppsScript.Spreadsheet.Sheet;
  expect(() => sheet1.insertRowsAfter(1000, 616)).toThrow(CELL_LIMIT_MESSAGE);
  expect(() => big.insertColumnsAfter(26, 1)).toThrow(CELL_LIMIT_MESSAGE);
  expect(() => ss.insertSheet('More')).toThrow(CELL_LIMIT_MESSAGE);
  expect(used(ss)).toBe(9_984_000);
  expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Big']);
  sheet1.insertRowsAfter(1000, 615);
  expect(used(ss)).toBe(9_999_990);
  // Deleting rows frees their cells.
  big.deleteRows(2, 1000);
  expect(used(ss)).toBe(9_973_990);
  ss.insertSheet('More');
});

test('appendRow on a full grid refuses the row that would grow it', () => {
  const { ss, big } = nearlyFull();
  const sheet1 = ss.getSheetByName('Sheet1') as GoogleAppsScript.Spreadsheet.Sheet;
  sheet1.insertRowsAfter(1000, 615);
  big.getRange(big.getMaxRows(), 1).setValue('last');
  expect(() => big.appendRow(['one more'])).toThrow(CELL_LIMIT_MESSAGE);
  expect(big.getLastRow()).toBe(big.getMaxRows());
  sheet1.appendRow(['fits: Sheet1 is empty']);
});

test('a person inserting rows is refused with that reason', () => {
  const { emu } = nearlyFull();
  const outcome = emu.insertRowsAsUser('Big', 2, 1000);
  expect(outcome).toMatchObject({ accepted: false });
  expect(JSON.stringify(outcome)).toContain(CELL_LIMIT_MESSAGE);
});

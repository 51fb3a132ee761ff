import { Emulator } from '../../emulator';
import { anyIdInUse, candidateRows, findLastRow, findRows } from '../../src/tracker/lookup';
import { setUpTracker } from '../../src/tracker/setup';
import { TrackerTable } from '../../src/tracker/table';

/**
 * src/tracker/lookup.ts on the emulator: the TextFinder search finds the key's
 * cells, and only rows whose key cell, as the tracker reads it, is the key are
 * kept (false positives of the search are dropped).
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let emu: Emulator;
let restore: () => void;
let table: TrackerTable;
let sheet: Sheet;
let idColumn: number;

beforeEach(() => {
  emu = new Emulator();
  restore = emu.installGlobals();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  setUpTracker(ss, (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties());
  table = TrackerTable.open(ss, 'commissions');
  sheet = table.sheet;
  idColumn = table.column('leadId');
});
afterEach(() => restore());

/** Puts these values in the Lead ID column from row 2 (a row per value; '' leaves it blank). */
function keys(values: unknown[], firstRow = 2): void {
  if (sheet.getMaxRows() < firstRow + values.length) sheet.insertRowsAfter(sheet.getMaxRows(), firstRow + values.length - sheet.getMaxRows());
  sheet.getRange(firstRow, idColumn, values.length, 1).setValues(values.map((v) => [v]));
}

const rowsOf = (found: Array<{ row: number }>) => found.map((f) => f.row);

test('finds every row holding the key exactly, with its whole record', () => {
  keys(['L-000001', 'L-000002', 'L-000001']);
  sheet.getRange(2, table.column('id')).setValue('C-000001');
  const found = findRows(table, 'leadId', 'L-000001');
  expect(rowsOf(found)).toEqual([2, 4]);
  expect(found[0].record.id).toBe('C-000001');
  expect(findLastRow(table, 'leadId', 'L-000001')?.row).toBe(4);
  expect(findRows(table, 'leadId', 'L-000009')).toEqual([]);
  expect(findRows(table, 'leadId', '')).toEqual([]);
});

test('no match on case, part of a cell, accents or regular-expression characters', () => {
  keys(['l-000001', 'L-0000012', 'xL-000001', 'Crème', 'L-00000.', 'L-000001']);
  expect(rowsOf(findRows(table, 'leadId', 'L-000001'))).toEqual([7]);
  expect(rowsOf(findRows(table, 'leadId', 'Creme'))).toEqual([]);
  // A key with "." means a dot, not any character.
  expect(rowsOf(findRows(table, 'leadId', 'L-00000.'))).toEqual([6]);
  expect(rowsOf(findRows(table, 'leadId', 'L-0000.*'))).toEqual([]);
});

test('a cell that displays the key but holds something else is dropped (display text ≠ value)', () => {
  keys([1, new Date(Date.UTC(2026, 2, 1, 12)), 'L-000001']);
  sheet.getRange(2, idColumn).setNumberFormat('0.0');
  sheet.getRange(3, idColumn).setNumberFormat('yyyy-mm-dd');
  const displayed = sheet
    .getRange(2, idColumn, 2, 1)
    .getDisplayValues()
    .map((r) => r[0]);
  expect(displayed).toEqual(['1.0', '2026-03-01']);
  // The search finds them (it matches what is shown); the rows read back are not the key.
  expect(candidateRows(table, 'leadId', '1.0')).toEqual([2]);
  expect(candidateRows(table, 'leadId', '2026-03-01')).toEqual([3]);
  expect(findRows(table, 'leadId', '1.0')).toEqual([]);
  expect(findRows(table, 'leadId', '2026-03-01')).toEqual([]);
});

test('a formula cell counts by its result, not its formula text', () => {
  keys(['', '']);
  sheet.getRange(2, idColumn).setFormula('="L-"&"000001"');
  sheet.getRange(3, idColumn).setFormula('=IF(FALSE,"L-000001","other")');
  expect(rowsOf(findRows(table, 'leadId', 'L-000001'))).toEqual([2]);
});

test('matches far apart are read in clusters, or past a few clusters in one span', () => {
  const values: string[] = Array.from({ length: 400 }, (_, i) => `L-${String(1000 + i).padStart(6, '0')}`);
  for (const at of [0, 1, 150, 300]) values[at] = 'L-000001';
  keys(values);
  const reads = () => emu.calls.get('Range.getValues');
  let before = reads();
  expect(rowsOf(findRows(table, 'leadId', 'L-000001'))).toEqual([2, 3, 152, 302]);
  expect(reads() - before).toBe(3);
  values[200] = 'L-000001';
  keys(values);
  before = reads();
  expect(rowsOf(findRows(table, 'leadId', 'L-000001'))).toEqual([2, 3, 152, 202, 302]);
  expect(reads() - before).toBe(1);
});

test('anyIdInUse: an ID with any zero padding is in use; other numbers are not', () => {
  const ids = table.column('id');
  sheet.getRange(2, ids, 3, 1).setValues([['C-000007'], ['C-12'], ['C-0000080']]);
  expect(anyIdInUse(table, 'id', 'C-', [8, 9])).toBe(false);
  expect(anyIdInUse(table, 'id', 'C-', [6, 7])).toBe(true);
  expect(anyIdInUse(table, 'id', 'C-', [12])).toBe(true);
  expect(anyIdInUse(table, 'id', 'C-', [80])).toBe(true);
  expect(anyIdInUse(table, 'id', 'C-', [1])).toBe(false);
  expect(() => anyIdInUse(table, 'id', 'C.*', [1])).toThrow(/bad ID probe/);
});

import { Emulator } from '../../../emulator';

/** TextFinder on a Range, a Sheet and a Spreadsheet (emulator/spreadsheet/text-finder.ts). */
function fresh() {
  const emu = new Emulator();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  sheet.getRange(1, 1, 3, 3).setValues([
    ['Apple', 'banana', 'apple pie'],
    ['Crème brûlée', 'APPLE', 1000],
    ['', 'pineapple', 'Apples'],
  ]);
  return { emu, ss, sheet };
}
const a1 = (ranges: GoogleAppsScript.Spreadsheet.Range[]) => ranges.map((r) => r.getA1Notation());

describe('TextFinder', () => {
  test('findAll: case-insensitive, anywhere in the cell, row by row', () => {
    const { sheet } = fresh();
    expect(a1(sheet.createTextFinder('apple').findAll())).toEqual(['A1', 'C1', 'B2', 'B3', 'C3']);
  });

  test('matchCase and matchEntireCell', () => {
    const { sheet } = fresh();
    expect(a1(sheet.createTextFinder('Apple').matchCase(true).findAll())).toEqual(['A1', 'C3']);
    expect(a1(sheet.createTextFinder('apple').matchEntireCell(true).findAll())).toEqual(['A1', 'B2']);
  });

  test('useRegularExpression, ignoreDiacritics; numbers match as displayed', () => {
    const { sheet } = fresh();
    expect(a1(sheet.createTextFinder('^app.*s$').useRegularExpression(true).findAll())).toEqual(['C3']);
    expect(a1(sheet.createTextFinder('creme brulee').findAll())).toEqual([]);
    expect(a1(sheet.createTextFinder('creme brulee').ignoreDiacritics(true).findAll())).toEqual(['A2']);
    expect(a1(sheet.createTextFinder('100').findAll())).toEqual(['C2']);
  });

  test('a Range finder searches only the range; a Spreadsheet finder every sheet in order', () => {
    const { ss, sheet } = fresh();
    expect(a1(sheet.getRange('B1:C2').createTextFinder('apple').findAll())).toEqual(['C1', 'B2']);
    const other = ss.insertSheet('Other');
    other.getRange('B2').setValue('an apple');
    const found = ss.createTextFinder('apple').findAll();
    expect(found.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['Sheet1!A1', 'Sheet1!C1', 'Sheet1!B2', 'Sheet1!B3', 'Sheet1!C3', 'Other!B2']);
  });

  test('findNext, findPrevious, getCurrentMatch, startFrom', () => {
    const { sheet } = fresh();
    const finder = sheet.createTextFinder('apple');
    expect(finder.getCurrentMatch()).toBeNull();
    expect(finder.findNext()?.getA1Notation()).toBe('A1');
    expect(finder.findNext()?.getA1Notation()).toBe('C1');
    expect(finder.getCurrentMatch()?.getA1Notation()).toBe('C1');
    expect(finder.findPrevious()?.getA1Notation()).toBe('A1');
    expect(finder.findPrevious()).toBeNull();
    const from = sheet.createTextFinder('apple').startFrom(sheet.getRange('B2'));
    expect(from.findNext()?.getA1Notation()).toBe('B3');
    expect(from.findNext()?.getA1Notation()).toBe('C3');
    expect(from.findNext()).toBeNull();
  });

  test('replaceWith replaces in the current match; replaceAllWith in every match, returning the cells changed', () => {
    const { sheet } = fresh();
    const finder = sheet.createTextFinder('apple');
    expect(finder.replaceWith('pear')).toBe(0);
    finder.findNext();
    expect(finder.replaceWith('pear')).toBe(1);
    expect(sheet.getRange('A1').getValue()).toBe('pear');
    expect(sheet.createTextFinder('apple').replaceAllWith('fig')).toBe(4);
    expect(sheet.getRange(1, 1, 3, 3).getValues()).toEqual([
      ['pear', 'banana', 'fig pie'],
      ['Crème brûlée', 'fig', 1000],
      ['', 'pinefig', 'figs'],
    ]);
    // Regular expressions replace with groups; the result is written as typed input.
    expect(sheet.createTextFinder('^(\\d)000$').useRegularExpression(true).replaceAllWith('$1500')).toBe(1);
    expect(sheet.getRange('C2').getValue()).toBe(1500);
  });

  test('formulas: matched by their value unless matchFormulaText(true); replace leaves them alone unless matchFormulaText(true)', () => {
    const { sheet } = fresh();
    sheet.getRange('D1').setFormula('=LEN(A1)');
    expect(a1(sheet.createTextFinder('LEN').findAll())).toEqual([]);
    expect(a1(sheet.createTextFinder('LEN').matchFormulaText(true).findAll())).toEqual(['D1']);
    expect(sheet.createTextFinder('5').replaceAllWith('6')).toBe(0);
    expect(sheet.createTextFinder('A1').matchFormulaText(true).replaceAllWith('B1')).toBe(1);
    expect(sheet.getRange('D1').getFormula()).toBe('=LEN(B1)');
    expect(sheet.getRange('D1').getValue()).toBe(6);
  });

  test('an empty search text is not implemented', () => {
    const { sheet } = fresh();
    expect(() => sheet.createTextFinder('').findAll()).toThrow('not implemented in emulator: TextFinder with an empty search text');
  });

  test('in the latency model: creating and configuring are local, each search one round trip costing a fraction of a read of its cells', () => {
    const emu = new Emulator();
    emu.loadBundle(`
      function search() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sheet.getRange(1, 1, 1000, 10).setValue('x');
        sheet.getRange('J1000').setValue('needle');
        var f = sheet.createTextFinder('needle').matchCase(true).matchEntireCell(true);
        return f.findAll().length;
      }`);
    const before = { ...emu.timing.totals };
    expect(emu.run('search')).toBe(1);
    const t = emu.timing.totals;
    // One write batch (two writes) + findAll.
    expect(t.roundTrips - before.roundTrips).toBe(2);
    expect(t.cellsRead - before.cellsRead).toBe(0);
    // findAll: 25 ms + 0.002 ms for each of the 10,000 cells searched (a getValues of them: 25 + 100).
    expect(emu.timing.costOf('TextFinder.findAll', { _cellsInScope: () => 10000 }, [])).toBe(45);
  });
});

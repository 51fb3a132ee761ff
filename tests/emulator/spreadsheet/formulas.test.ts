import { Emulator } from '../../../emulator';

function sheetOf(emu = new Emulator()) {
  return emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0];
}

describe('formulas are evaluated by a real spreadsheet engine', () => {
  test('ROUND rounds half away from zero, to the cent', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:A3').setValues([[0.125], [-0.125], [2.675]]);
    sheet.getRange('B1:B3').setFormula('=ROUND(A1*100,0)/100');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[0.13], [-0.13], [2.68]]);
  });

  test('setFormula over a range moves relative references; $ anchors stay', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('C1').setValue(10);
    sheet.getRange('B1:B3').setFormula('=A1*$C$1');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([['=A1*$C$1'], ['=A2*$C$1'], ['=A3*$C$1']]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
  });

  test('formulas recompute after their inputs change', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:B1').setValues([[5, '=A1*2']]);
    sheet.getRange('A1').setValue(8);
    expect(sheet.getRange('B1').getValue()).toBe(16);
  });

  test('inserting rows moves references, as in Sheets', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:A2').setValues([[1], [2]]);
    sheet.getRange('B2').setFormula('=SUM(A1:A2)');
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('B4').getFormula()).toBe('=SUM(A3:A4)');
    expect(sheet.getRange('B4').getValue()).toBe(3);
  });

  test('cross-sheet references and whole-column aggregates', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const data = ss.insertSheet('Commission Rules');
    data.getRange('A1:B4').setValues([
      ['Status', 'Amount'],
      ['Paid', 10],
      ['Pending', 5],
      ['Paid', 2.5],
    ]);
    const dash = ss.insertSheet('Dash');
    dash.getRange('A1').setFormula(`=SUMIF('Commission Rules'!A:A,"Paid",'Commission Rules'!B:B)`);
    expect(dash.getRange('A1').getValue()).toBe(12.5);
  });

  test('errors read back as Sheets shows them', () => {
    const sheet = sheetOf();
    sheet.getRange('A1').setFormula('=1/0');
    expect(sheet.getRange('A1').getValue()).toBe('#DIV/0!');
  });

  test('renaming a sheet rewrites formulas that refer to it', () => {
    const emu = new Emulator();
    const ss = emu.spreadsheetApp.getActiveSpreadsheet();
    const other = ss.insertSheet('Data');
    other.getRange('A1').setValue(4);
    const first = ss.getSheets()[0];
    first.getRange('A1').setFormula('=Data!A1*2');
    other.setName('Numbers');
    expect(first.getRange('A1').getFormula()).toBe('=Numbers!A1*2');
    expect(first.getRange('A1').getValue()).toBe(8);
  });

  describe('a loaded or restored spreadsheet builds its engine when first needed, with the same results', () => {
    /** A spreadsheet with a formula on one sheet over another, then loaded from its saved form or restored from a snapshot. */
    function reloaded(how: 'load' | 'restore') {
      const emu = new Emulator();
      const ss = emu.spreadsheetApp.getActiveSpreadsheet();
      const data = ss.insertSheet('Data');
      data.getRange('A1:A2').setValues([[1], [2]]);
      ss.getSheets()[0].getRange('B2').setFormula('=SUM(Data!A1:A2)*10');
      const copy = how === 'load' ? Emulator.fromJSON(emu.toJSON()) : Emulator.restore(emu.snapshot());
      const copied = copy.spreadsheetApp.getActiveSpreadsheet();
      return { first: copied.getSheets()[0], data: copied.getSheetByName('Data') as GoogleAppsScript.Spreadsheet.Sheet };
    }

    test.each(['load', 'restore'] as const)('%s: rows inserted before a referenced cell move the reference', (how) => {
      const { first, data } = reloaded(how);
      data.insertRowsBefore(1, 3);
      expect(first.getRange('B2').getFormula()).toBe('=SUM(Data!A4:A5)*10');
      expect(first.getRange('B2').getValue()).toBe(30);
    });

    test.each(['load', 'restore'] as const)('%s: a renamed sheet is renamed in formulas; a removed one leaves #REF!', (how) => {
      const { first, data } = reloaded(how);
      data.setName('Numbers');
      expect(first.getRange('B2').getFormula()).toBe('=SUM(Numbers!A1:A2)*10');
      const second = reloaded(how);
      second.data.getParent().deleteSheet(second.data);
      expect(second.first.getRange('B2').getValue()).toBe('#REF!');
    });

    test.each(['load', 'restore'] as const)('%s: values written before the first formula read are computed with', (how) => {
      const { first, data } = reloaded(how);
      data.getRange('A2').setValue(5);
      expect(first.getRange('B2').getValue()).toBe(60);
    });
  });
});

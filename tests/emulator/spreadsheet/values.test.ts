import { Emulator } from '../../../emulator';

function fresh(timeZone = 'Etc/UTC') {
  const emu = new Emulator({ timeZone });
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  return { emu, ss, sheet: ss.getSheets()[0] };
}

describe('Range values keep Apps Script types', () => {
  test('numbers, booleans, strings, and "" for empty cells', () => {
    const { sheet } = fresh();
    sheet.getRange(1, 1, 1, 4).setValues([[42, true, 'text', null]]);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([[42, true, 'text', '', '']]);
  });

  test('a Date round-trips as a Date and gets a date-time format', () => {
    const { sheet } = fresh('Europe/Paris');
    const when = new Date('2026-03-01T10:30:00Z');
    sheet.getRange('A1').setValue(when);
    const back = sheet.getRange('A1').getValue();
    expect(back).toBeInstanceOf(Date);
    expect((back as Date).toISOString()).toBe(when.toISOString());
    expect(sheet.getRange('A1').getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    // Shown in the spreadsheet's time zone (Paris is UTC+1 in March before DST).
    expect(sheet.getRange('A1').getDisplayValue()).toBe('3/1/2026 11:30:00');
  });

  test('strings are parsed like typed input: numbers, booleans, percentages, ISO dates', () => {
    const { sheet } = fresh();
    sheet.getRange(1, 1, 1, 5).setValues([['123', 'TRUE', '12%', '2026-03-01', '1,234.5']]);
    const [row] = sheet.getRange(1, 1, 1, 5).getValues();
    expect(row[0]).toBe(123);
    expect(row[1]).toBe(true);
    expect(row[2]).toBeCloseTo(0.12);
    expect(row[3]).toBeInstanceOf(Date);
    expect(row[4]).toBe(1234.5);
    expect(sheet.getRange(1, 4).getDisplayValue()).toBe('2026-03-01');
  });

  test('plain-text format (@) keeps typed strings as text (leading zeros survive)', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A2').setValues([['00123'], ['2026-03-01']]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['00123'], ['2026-03-01']]);
  });

  test('a leading apostrophe forces text and is not part of the value', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A2').setValues([["'=1+1"], ["'0042"]]);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['=1+1'], ['0042']]);
    expect(sheet.getRange('A1:A2').getFormulas()).toEqual([[''], ['']]);
  });

  test('a string starting with = IS STORED AS A FORMULA (formula injection is real)', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:B1').setValues([[2, '=A1*21']]);
    expect(sheet.getRange('B1').getFormula()).toBe('=A1*21');
    expect(sheet.getRange('B1').getValue()).toBe(42);
  });

  test('setValue on a multi-cell range sets every cell', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  test('display values follow the number format', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:C1').setValues([[1234.5, 0.256, 0.1 + 0.2]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    sheet.getRange('B1').setNumberFormat('0.0%');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['1,234.50', '25.6%', '0.3']]);
    expect(sheet.getRange('C1').getNumberFormat()).toBe('0.###############');
  });
});

describe('Google’s errors for grids that do not fit', () => {
  test('column mismatch', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 1, 4).setValues([[1, 2, 3, 4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
  });

  test('row mismatch', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 2, 1).setValues([[1]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
  });

  test('a range of zero rows', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  test('a range outside the sheet', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  test('errors are Exceptions, as Apps Script names them', () => {
    const { sheet } = fresh();
    try {
      sheet.getRange(1, 1, 0, 1);
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });
});

describe('sheet extent', () => {
  test('getLastRow/getLastColumn/getDataRange follow content, not formats', () => {
    const { sheet } = fresh();
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('A1:Z900').setNumberFormat('0.00');
    expect(sheet.getLastRow()).toBe(5);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
  });

  test('appendRow writes after the last row and grows a full sheet', () => {
    const { sheet } = fresh();
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['new', 1]);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([['new', 1]]);
  });

  test('A1 notation: whole columns, whole rows, open ranges, sheet-qualified', () => {
    const { ss, sheet } = fresh();
    sheet.setName('My Leads');
    expect(sheet.getRange('B:C').getNumRows()).toBe(1000);
    expect(sheet.getRange('2:3').getNumColumns()).toBe(26);
    expect(sheet.getRange('A2:C').getA1Notation()).toBe('A2:C1000');
    ss.getRange("'My Leads'!B2").setValue('q');
    expect(sheet.getRange('B2').getValue()).toBe('q');
  });
});

import { Emulator } from '../../../emulator';

/**
 * Range.setBackgrounds / getBackgrounds (and setFontWeights / getFontWeights), as Google documents them
 * (developers.google.com/apps-script/reference/spreadsheet/range#setbackgroundscolor): one CSS
 * colour per cell, null resets a cell to the default (white); the grid must match the range.
 */
describe('cell backgrounds', () => {
  const sheetOf = () => new Emulator().spreadsheetApp.getActiveSpreadsheet().getSheets()[0];

  test('setBackgrounds colours each cell, null resets it, getBackgrounds reads them back', () => {
    const sheet = sheetOf();
    sheet.getRange(1, 1, 2, 2).setBackgrounds([
      ['#fce8e6', null],
      ['#ff0000', '#00ff00'],
    ]);
    expect(sheet.getRange(1, 1, 2, 2).getBackgrounds()).toEqual([
      ['#fce8e6', '#ffffff'],
      ['#ff0000', '#00ff00'],
    ]);
    sheet.getRange(2, 1, 1, 2).setBackgrounds([[null, null]]);
    expect(sheet.getRange(2, 1).getBackground()).toBe('#ffffff');
    expect(sheet.getRange(1, 1).getBackground()).toBe('#fce8e6');
  });

  test('a grid that does not match the range throws, changing nothing', () => {
    const sheet = sheetOf();
    expect(() => sheet.getRange(1, 1, 2, 2).setBackgrounds([['#ff0000', '#ff0000']])).toThrow(/rows/);
    expect(sheet.getRange(1, 1).getBackground()).toBe('#ffffff');
  });

  test('setFontWeights sets bold or normal per cell, null resets; the grid must match the range', () => {
    const sheet = sheetOf();
    sheet.getRange(1, 1, 1, 3).setFontWeights([['bold', 'normal', null]]);
    expect(sheet.getRange(1, 1, 1, 3).getFontWeights()).toEqual([['bold', 'normal', 'normal']]);
    expect(() => sheet.getRange(1, 1, 1, 3).setFontWeights([['bold']])).toThrow(/columns/);
  });
});

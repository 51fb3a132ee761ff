import { AppsScriptException } from '../core/errors';
import { GridRect, columnToLetters, lettersToColumn } from './a1';
import { CellFormat, ProtectionModel } from './model';
import { ProtectionImpl } from './protection';
import { SheetRef, currentUser } from './sheet-ref';
import { AUTOMATIC_FORMAT, CELL_TOO_LONG_MESSAGE, exceedsCellLimit, parseInput, toScriptValue, StoredValue } from './values';
import { RangeImpl } from './range';

/** Cell-level helpers shared by Range, Sheet and the services (range.ts re-exports them): checked rectangles, writes with Google's length check, facades, formula shifting. */

/**
 * Throws Google's message when any cell of the write would hold more than 50,000 characters;
 * checked before anything is written, so a refused write changes nothing.
 */
export function assertCellLengths(numRows: number, numColumns: number, input: (i: number, j: number) => unknown): void {
  for (let i = 0; i < numRows; i++) {
    for (let j = 0; j < numColumns; j++) if (exceedsCellLimit(input(i, j))) throw new AppsScriptException(CELL_TOO_LONG_MESSAGE);
  }
}

/**
 * Writes typed input into a rectangle without a protection check (the caller has done it, or
 * is Google itself). All or nothing: a cell over the length limit refuses the whole write.
 */
export function writeCells(ref: SheetRef, rect: GridRect, input: (i: number, j: number) => unknown): void {
  const { sheet, spreadsheet, store } = ref;
  const { row, column, numRows, numColumns } = rect;
  assertCellLengths(numRows, numColumns, input);
  let sawFormula = false;
  const formatCache = new Map<CellFormat | undefined, Map<string, CellFormat>>();
  for (let i = 0; i < numRows; i++) {
    for (let j = 0; j < numColumns; j++) {
      const r = row + i;
      const c = column + j;
      const format = sheet.formats.get(r, c);
      const parsed = parseInput(input(i, j), {
        timeZone: spreadsheet.timeZone,
        numberFormat: format?.numberFormat,
        formulasInPlainText: store.formulasInPlainText,
      });
      if (parsed.formula !== undefined) {
        sheet.formulas.set(r, c, parsed.formula);
        sheet.values.set(r, c, undefined);
        sawFormula = true;
      } else {
        sheet.formulas.set(r, c, undefined);
        sheet.values.set(r, c, parsed.value);
      }
      if (parsed.impliedFormat && (!format?.numberFormat || format.numberFormat === AUTOMATIC_FORMAT)) {
        let byFormat = formatCache.get(format);
        if (!byFormat) formatCache.set(format, (byFormat = new Map()));
        let next = byFormat.get(parsed.impliedFormat);
        if (!next) byFormat.set(parsed.impliedFormat, (next = { ...format, numberFormat: parsed.impliedFormat }));
        sheet.formats.set(r, c, next);
      }
    }
  }
  if (sawFormula && !spreadsheet.formulas.active) spreadsheet.formulas.activate();
  else spreadsheet.formulas.cellsChanged(sheet, row, column, numRows, numColumns);
}

/** Bounds-checked rectangle, with Google's messages. */
export function checkedRect(ref: SheetRef, row: number, column: number, numRows: number, numColumns: number): GridRect {
  if (!Number.isInteger(row) || !Number.isInteger(column) || !Number.isInteger(numRows) || !Number.isInteger(numColumns)) {
    throw new AppsScriptException('Cannot convert a non-integer to a range coordinate.');
  }
  if (numRows < 1) throw new AppsScriptException('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw new AppsScriptException('The number of columns in the range must be at least 1.');
  if (row < 1 || column < 1 || row + numRows - 1 > ref.sheet.maxRows || column + numColumns - 1 > ref.sheet.maxColumns) {
    throw new AppsScriptException('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { row, column, numRows, numColumns };
}

export function rangeFacade(ref: SheetRef, rect: GridRect): GoogleAppsScript.Spreadsheet.Range {
  return new RangeImpl(ref, rect)._api();
}

export function protectionFacade(ref: SheetRef, model: ProtectionModel): GoogleAppsScript.Spreadsheet.Protection {
  const sheetRange = (m: ProtectionModel): RangeImpl => {
    const sheet = ref.spreadsheet.sheetById(m.sheetId) ?? ref.sheet;
    const target = { ...ref, sheet };
    return new RangeImpl(target, m.rect ? { ...m.rect } : { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns });
  };
  return new ProtectionImpl(ref.ctx, ref.spreadsheet, model, sheetRange, () => currentUser(ref))._api();
}

// Set by sheet.ts; avoids an import cycle at load time.
let makeSheetFacade: (ref: SheetRef) => GoogleAppsScript.Spreadsheet.Sheet = () => {
  throw new Error('sheet facade factory not registered');
};
export function registerSheetFacadeFactory(factory: (ref: SheetRef) => GoogleAppsScript.Spreadsheet.Sheet): void {
  makeSheetFacade = factory;
}
export function sheetFacade(ref: SheetRef): GoogleAppsScript.Spreadsheet.Sheet {
  return makeSheetFacade(ref);
}
/** A Sheet facade, for modules that cannot import sheet.ts (it imports them). */
export const sheetFacadeOf = sheetFacade;

export function asFormula(text: string): string {
  return text.startsWith('=') ? text : `=${text}`;
}

export function signatureError(given: string, method: string): AppsScriptException {
  return new AppsScriptException(`The parameters (${given}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return `${value.length && !Array.isArray(value[0]) ? typeof value[0] : 'Object'}[]`;
  return value === null ? 'null' : typeof value;
}

/**
 * Moves the relative A1 references of a formula by (dRows, dColumns), leaving
 * $-anchored parts, quoted strings and function names alone.
 */
export function shiftReferences(formula: string, dRows: number, dColumns: number): string {
  if (dRows === 0 && dColumns === 0) return formula;
  return formula.replace(/("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/g, (match, quoted, colAbs, letters, rowAbs, digits, offset: number, whole: string) => {
    if (quoted) return match;
    const before = whole[offset - 1];
    if (before && /[A-Za-z0-9_.]/.test(before)) return match;
    const column = colAbs ? letters : columnToLetters(lettersToColumn(letters) + dColumns);
    const row = rowAbs ? digits : String(Number(digits) + dRows);
    return `${colAbs}${column}${rowAbs}${row}`;
  });
}

export function storedAt(ref: SheetRef, r: number, c: number): StoredValue | undefined {
  return ref.sheet.formulas.get(r, c) !== undefined ? ref.spreadsheet.formulas.value(ref.sheet, r, c) : ref.sheet.values.get(r, c);
}

export function isDateCell(ref: SheetRef, r: number, c: number): boolean {
  const v = storedAt(ref, r, c);
  return typeof v === 'number' && toScriptValue(v, ref.sheet.formats.get(r, c)?.numberFormat, ref.spreadsheet.timeZone) instanceof Date;
}

import { ServiceObject } from '../core/facade';
import { AppsScriptException } from '../core/errors';
import { GridRect } from './a1';
import { CellFormat } from './model';
import { SheetRef, currentUser } from './sheet-ref';
import { toDisplayValue, toScriptValue } from './values';
import { checkedRect, describe, rangeFacade, signatureError, writeCells } from './range-cells';

export type Value = number | string | boolean | Date;

/**
 * What every Range method (range.ts) stands on: the sheet and rectangle it covers, its cells'
 * values and display text, checks that the person may edit it and that data fits it, and
 * writing values and formats cell by cell. Members starting with _ are not part of the facade.
 */
export class RangeCore extends ServiceObject {
  constructor(
    readonly _ref: SheetRef,
    readonly _rect: GridRect,
  ) {
    super('Range', _ref.ctx);
  }

  // ---- internals ---------------------------------------------------------------
  _sub(row: number, column: number, numRows: number, numColumns: number): GoogleAppsScript.Spreadsheet.Range {
    return rangeFacade(this._ref, checkedRect(this._ref, row, column, numRows, numColumns));
  }

  _cellValue(r: number, c: number): Value {
    const { sheet, spreadsheet } = this._ref;
    const format = sheet.formats.get(r, c)?.numberFormat;
    const stored = sheet.formulas.get(r, c) !== undefined ? spreadsheet.formulas.value(sheet, r, c) : sheet.values.get(r, c);
    return toScriptValue(stored, format, spreadsheet.timeZone);
  }

  _cellDisplay(r: number, c: number): string {
    const { sheet, spreadsheet } = this._ref;
    const stored = sheet.formulas.get(r, c) !== undefined ? spreadsheet.formulas.value(sheet, r, c) : sheet.values.get(r, c);
    return toDisplayValue(stored, sheet.formats.get(r, c)?.numberFormat);
  }

  _map<T>(cell: (r: number, c: number) => T): T[][] {
    const { row, column, numRows, numColumns } = this._rect;
    const out: T[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const line: T[] = new Array(numColumns);
      for (let j = 0; j < numColumns; j++) line[j] = cell(row + i, column + j);
      out[i] = line;
    }
    return out;
  }

  _each(visit: (r: number, c: number) => void): void {
    const { row, column, numRows, numColumns } = this._rect;
    for (let r = row; r < row + numRows; r++) for (let c = column; c < column + numColumns; c++) visit(r, c);
  }

  _assertEditable(): void {
    this._ref.spreadsheet.assertCanEdit(this._ref.sheet, this._rect, currentUser(this._ref));
  }

  /** Google's messages for a data grid that does not match the range. */
  _assertGrid(values: unknown, method: string): void {
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) throw signatureError(describe(values), method);
    if (values.length !== this._rect.numRows) {
      throw new AppsScriptException(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this._rect.numRows}.`);
    }
    for (const row of values as unknown[][]) {
      if (row.length !== this._rect.numColumns) {
        throw new AppsScriptException(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._rect.numColumns}.`);
      }
    }
  }

  /** Writes typed input cell by cell: values, formulas, implied formats; keeps the formula mirror in step. */
  _write(input: (i: number, j: number) => unknown): void {
    this._assertEditable();
    writeCells(this._ref, this._rect, input);
  }

  /**
   * Sets one format property on every cell of the range, `value(i, j)` for the cell i rows and j
   * columns in. Cells that share a format object before share the new one after (interned by the
   * old object and the value), so a tab of thousands of cells holds a handful of format objects;
   * without any property left, a cell has no format. Setup formats whole columns: no work per cell
   * beyond two map lookups.
   */
  _format<K extends keyof CellFormat>(property: K, value: (i: number, j: number) => CellFormat[K] | undefined): GoogleAppsScript.Spreadsheet.Range {
    this._assertEditable();
    const { row, column, numRows, numColumns } = this._rect;
    const formats = this._ref.sheet.formats;
    const interned = new Map<CellFormat | undefined, Map<CellFormat[K] | undefined, CellFormat | undefined>>();
    for (let i = 0; i < numRows; i++) {
      for (let j = 0; j < numColumns; j++) {
        const current = formats.get(row + i, column + j);
        const v = value(i, j);
        let byValue = interned.get(current);
        if (!byValue) interned.set(current, (byValue = new Map()));
        let next = byValue.get(v);
        if (next === undefined && !byValue.has(v)) {
          const made: CellFormat = { ...current };
          if (v === undefined) delete made[property];
          else made[property] = v;
          next = Object.keys(made).length ? made : undefined;
          byValue.set(v, next);
        }
        formats.set(row + i, column + j, next);
      }
    }
    return this._api();
  }
}

import { ServiceObject } from '../core/facade';
import { enumName } from '../services/enums';
import { PROTECTION_TYPE } from './protection';
import { AppsScriptException } from '../core/errors';
import { parseA1Range, splitSheetPrefix } from './a1';
import { ProtectionModel } from './model';
import { RangeImpl, assertCellLengths, checkedRect, protectionFacade, rangeFacade, registerSheetFacadeFactory, writeCells } from './range';
import { SheetRef, currentUser } from './sheet-ref';
import { addMetadata, finderFacade, metadataAt } from './developer-metadata';
import { textFinderOfSheet } from './text-finder';
import { assertCellRoom } from './cell-limit';
import { chartsOfSheet, insertChart, newChartBuilder, removeChart, updateChart } from './charts';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class SheetImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.Sheet> {
  constructor(readonly _ref: SheetRef) {
    super('Sheet', _ref.ctx);
  }

  getName(): string {
    return this._ref.sheet.name;
  }
  getSheetName(): string {
    return this._ref.sheet.name;
  }
  getSheetId(): number {
    return this._ref.sheet.id;
  }
  /** The form that sends its responses here, or null (services/forms.ts). */
  getFormUrl(): string | null {
    return this._ref.ctx.formUrlOfSheet(this._ref.spreadsheet.id, this._ref.sheet.id);
  }
  getIndex(): number {
    return this._ref.spreadsheet.sheets.indexOf(this._ref.sheet) + 1;
  }
  getMaxRows(): number {
    return this._ref.sheet.maxRows;
  }
  getMaxColumns(): number {
    return this._ref.sheet.maxColumns;
  }
  getLastRow(): number {
    return this._ref.sheet.lastRow();
  }
  getLastColumn(): number {
    return this._ref.sheet.lastColumn();
  }
  getFrozenRows(): number {
    return this._ref.sheet.frozenRows;
  }
  getFrozenColumns(): number {
    return this._ref.sheet.frozenColumns;
  }
  isSheetHidden(): boolean {
    return this._ref.sheet.hidden;
  }
  getTabColor(): string | null {
    return this._ref.sheet.tabColor;
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._ref.ctx.spreadsheets.spreadsheetFacade(this._ref.spreadsheet.id);
  }

  setName(name: string): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._ref.spreadsheet.renameSheet(this._ref.sheet, String(name));
    return this._api();
  }

  activate(): Sheet {
    this._ref.spreadsheet.activeSheetId = this._ref.sheet.id;
    return this._api();
  }

  setTabColor(color: string | null): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._ref.sheet.tabColor = color;
    return this._api();
  }

  hideSheet(): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    const visible = this._ref.spreadsheet.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === this._ref.sheet) throw new AppsScriptException("You can't hide all the sheets in a document.");
    this._ref.sheet.hidden = true;
    return this._api();
  }

  showSheet(): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._ref.sheet.hidden = false;
    return this._api();
  }

  setFrozenRows(rows: number): void {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    if (rows < 0 || rows > this._ref.sheet.maxRows) throw new AppsScriptException('Invalid argument: rows');
    this._ref.sheet.frozenRows = rows;
  }

  setFrozenColumns(columns: number): void {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    if (columns < 0 || columns > this._ref.sheet.maxColumns) throw new AppsScriptException('Invalid argument: columns');
    this._ref.sheet.frozenColumns = columns;
  }

  getColumnWidth(columnPosition: number): number {
    return this._ref.sheet.columnWidths.get(columnPosition) ?? 100;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._assertColumn(columnPosition);
    this._ref.sheet.columnWidths.set(columnPosition, width);
    return this._api();
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return this._api();
  }

  getRowHeight(rowPosition: number): number {
    return this._ref.sheet.rowHeights.get(rowPosition) ?? 21;
  }

  setRowHeight(rowPosition: number, height: number): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._ref.sheet.rowHeights.set(rowPosition, height);
    return this._api();
  }

  // ---- ranges -------------------------------------------------------------------
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') {
      const { sheetName, range } = splitSheetPrefix(a);
      if (sheetName !== null && sheetName !== this._ref.sheet.name) throw new AppsScriptException('Range not found');
      const rect = parseA1Range(range, this._ref.sheet.maxRows, this._ref.sheet.maxColumns);
      return rangeFacade(this._ref, checkedRect(this._ref, rect.row, rect.column, rect.numRows, rect.numColumns));
    }
    if (column === undefined) throw new AppsScriptException("The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    return rangeFacade(this._ref, checkedRect(this._ref, a, column, numRows ?? 1, numColumns ?? 1));
  }

  getDataRange(): Range {
    const rows = Math.max(1, this._ref.sheet.lastRow());
    const columns = Math.max(1, this._ref.sheet.lastColumn());
    return rangeFacade(this._ref, { row: 1, column: 1, numRows: rows, numColumns: columns });
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const rows = numRows === -1 ? this._ref.sheet.lastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this._ref.sheet.lastColumn() - startColumn + 1 : numColumns;
    return new RangeImpl(this._ref, checkedRect(this._ref, startRow, startColumn, rows, columns)).getValues();
  }

  /** Appends after the last row with content, growing the sheet when it is full. */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) throw new AppsScriptException("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = this._ref.sheet.lastRow() + 1;
    const rect = { row, column: 1, numRows: 1, numColumns: Math.max(1, rowContents.length) };
    this._ref.spreadsheet.assertCanEdit(this._ref.sheet, rect, currentUser(this._ref));
    // Refused before the sheet grows: nothing of a refused append is applied.
    assertCellLengths(1, rowContents.length, (_i, j) => rowContents[j]);
    const { maxRows, maxColumns } = this._ref.sheet;
    assertCellRoom(this._ref.spreadsheet, Math.max(row, maxRows) * Math.max(rowContents.length, maxColumns) - maxRows * maxColumns);
    if (row > this._ref.sheet.maxRows) this._ref.sheet.maxRows = row;
    if (rowContents.length > this._ref.sheet.maxColumns) this._ref.sheet.maxColumns = rowContents.length;
    if (rowContents.length > 0) writeCells(this._ref, rect, (_i, j) => rowContents[j]);
    return this._api();
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this._whole().clear(options);
    return this._api();
  }

  clearContents(): Sheet {
    this._whole().clearContent();
    return this._api();
  }

  clearFormats(): Sheet {
    this._whole().clearFormat();
    return this._api();
  }

  _whole(): RangeImpl {
    return new RangeImpl(this._ref, { row: 1, column: 1, numRows: this._ref.sheet.maxRows, numColumns: this._ref.sheet.maxColumns });
  }

  // ---- structure ----------------------------------------------------------------------
  insertRowBefore(beforePosition: number): Sheet {
    return this._insertRows(beforePosition, 1, beforePosition);
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this._insertRows(afterPosition + 1, 1, afterPosition);
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    return this._insertRows(beforePosition, howMany, beforePosition);
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    return this._insertRows(afterPosition + 1, howMany, afterPosition);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this._insertRows(rowIndex, numRows, rowIndex);
  }

  deleteRow(rowPosition: number): Sheet {
    return this._deleteRows(rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._deleteRows(rowPosition, howMany);
  }

  insertColumnBefore(beforePosition: number): Sheet {
    return this._insertColumns(beforePosition, 1);
  }
  insertColumnAfter(afterPosition: number): Sheet {
    return this._insertColumns(afterPosition + 1, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    return this._insertColumns(beforePosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    return this._insertColumns(afterPosition + 1, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insertColumns(columnIndex, numColumns);
  }

  deleteColumn(columnPosition: number): Sheet {
    return this._deleteColumns(columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this._deleteColumns(columnPosition, howMany);
  }

  // ---- protection ------------------------------------------------------------------------
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    const existing = this._ref.spreadsheet.protections.find((p) => p.type === 'SHEET' && p.sheetId === this._ref.sheet.id);
    if (existing) return protectionFacade(this._ref, existing);
    const model: ProtectionModel = {
      id: this._ref.spreadsheet.nextProtectionId++,
      type: 'SHEET',
      sheetId: this._ref.sheet.id,
      rect: null,
      description: '',
      warningOnly: false,
      // Everyone who can edit the file, the person creating it included (they are an editor, shared or not).
      editors: [...new Set([...this._ref.spreadsheet.editors(), currentUser(this._ref)].filter(Boolean))],
      domainEdit: false,
      unprotected: [],
    };
    this._ref.spreadsheet.protections.push(model);
    return protectionFacade(this._ref, model);
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this._ref.spreadsheet.protections.filter((p) => p.sheetId === this._ref.sheet.id && p.type === enumName(type, PROTECTION_TYPE, 'type')).map((p) => protectionFacade(this._ref, p));
  }

  // ---- developer metadata (developer-metadata.ts) ------------------------------------------
  /** (key), (key, visibility), (key, value), (key, value, visibility); visibility defaults to DOCUMENT. Returns this sheet. */
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: string | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): Sheet {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    addMetadata(this._ref.ctx, this._ref.spreadsheet, { type: 'SHEET', sheetId: this._ref.sheet.id }, key, valueOrVisibility, visibility);
    return this._api();
  }

  /** The sheet's own metadata (not its rows' or columns'). */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return metadataAt(this._ref, { type: 'SHEET', sheetId: this._ref.sheet.id });
  }

  /** Searches the sheet's metadata and its rows' and columns'. */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return finderFacade(this._ref, { kind: 'sheet', sheetId: this._ref.sheet.id });
  }

  // ---- embedded charts (charts.ts) ---------------------------------------------------------
  /** A builder for a new chart on this sheet; nothing is on the sheet until insertChart. */
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return newChartBuilder(this._ref);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return chartsOfSheet(this._ref);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    insertChart(this._ref, chart);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    updateChart(this._ref, chart);
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    removeChart(this._ref, chart);
  }

  /** A TextFinder over the sheet's used cells (text-finder.ts). */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return textFinderOfSheet(this._ref, findText);
  }

  // ---- internals ---------------------------------------------------------------------------
  _assertColumn(column: number): void {
    if (!Number.isInteger(column) || column < 1 || column > this._ref.sheet.maxColumns) {
      throw new AppsScriptException('Those columns are out of bounds.');
    }
  }

  /** New rows take the formats and validation of the row they were inserted next to, as in Sheets. */
  _insertRows(at: number, count: number, styleFrom: number): Sheet {
    const { sheet, spreadsheet } = this._ref;
    if (!Number.isInteger(at) || at < 1 || at > sheet.maxRows + 1 || !Number.isInteger(count) || count < 1) {
      throw new AppsScriptException('Those rows are out of bounds.');
    }
    assertCellRoom(spreadsheet, count * sheet.maxColumns);
    spreadsheet.formulas.beforeStructureChange();
    sheet.eachGrid((g) => g.insertRows(at, count));
    sheet.maxRows += count;
    const source = styleFrom >= at ? styleFrom + count : styleFrom;
    if (source >= 1 && source <= sheet.maxRows) {
      for (let c = 1; c <= sheet.maxColumns; c++) {
        const format = sheet.formats.get(source, c);
        const validation = sheet.validations.get(source, c);
        if (!format && !validation) continue;
        for (let r = at; r < at + count; r++) {
          sheet.formats.set(r, c, format);
          sheet.validations.set(r, c, validation);
        }
      }
    }
    spreadsheet.shiftAnchors(sheet, 'row', at, count);
    spreadsheet.formulas.structureChanged(sheet, 'row', at, count);
    return this._api();
  }

  _deleteRows(at: number, count: number): Sheet {
    const { sheet, spreadsheet } = this._ref;
    if (!Number.isInteger(at) || at < 1 || count < 1 || at + count - 1 > sheet.maxRows) throw new AppsScriptException('Those rows are out of bounds.');
    if (count >= sheet.maxRows) throw new AppsScriptException("You can't delete all the rows on the sheet.");
    spreadsheet.assertCanEdit(sheet, { row: at, column: 1, numRows: count, numColumns: sheet.maxColumns }, currentUser(this._ref));
    spreadsheet.formulas.beforeStructureChange();
    sheet.eachGrid((g) => g.deleteRows(at, count));
    sheet.maxRows -= count;
    spreadsheet.shiftAnchors(sheet, 'row', at, -count);
    spreadsheet.formulas.structureChanged(sheet, 'row', at, -count);
    return this._api();
  }

  _insertColumns(at: number, count: number): Sheet {
    const { sheet, spreadsheet } = this._ref;
    if (!Number.isInteger(at) || at < 1 || at > sheet.maxColumns + 1 || !Number.isInteger(count) || count < 1) {
      throw new AppsScriptException('Those columns are out of bounds.');
    }
    assertCellRoom(spreadsheet, count * sheet.maxRows);
    spreadsheet.formulas.beforeStructureChange();
    sheet.eachGrid((g) => g.insertColumns(at, count));
    sheet.maxColumns += count;
    const widths = new Map(sheet.columnWidths);
    sheet.columnWidths.clear();
    for (const [c, w] of widths) sheet.columnWidths.set(c >= at ? c + count : c, w);
    spreadsheet.shiftAnchors(sheet, 'column', at, count);
    spreadsheet.formulas.structureChanged(sheet, 'column', at, count);
    return this._api();
  }

  _deleteColumns(at: number, count: number): Sheet {
    const { sheet, spreadsheet } = this._ref;
    if (!Number.isInteger(at) || at < 1 || count < 1 || at + count - 1 > sheet.maxColumns) throw new AppsScriptException('Those columns are out of bounds.');
    if (count >= sheet.maxColumns) throw new AppsScriptException("You can't delete all the columns on the sheet.");
    spreadsheet.assertCanEdit(sheet, { row: 1, column: at, numRows: sheet.maxRows, numColumns: count }, currentUser(this._ref));
    spreadsheet.formulas.beforeStructureChange();
    sheet.eachGrid((g) => g.deleteColumns(at, count));
    sheet.maxColumns -= count;
    const widths = new Map(sheet.columnWidths);
    sheet.columnWidths.clear();
    for (const [c, w] of widths) {
      if (c < at) sheet.columnWidths.set(c, w);
      else if (c >= at + count) sheet.columnWidths.set(c - count, w);
    }
    spreadsheet.shiftAnchors(sheet, 'column', at, -count);
    spreadsheet.formulas.structureChanged(sheet, 'column', at, -count);
    return this._api();
  }
}

export function sheetFacade(ref: SheetRef): Sheet {
  return new SheetImpl(ref)._api();
}

registerSheetFacadeFactory(sheetFacade);

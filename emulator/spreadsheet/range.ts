import { RangeCore, Value } from './range-core';
import { AppsScriptException } from '../core/errors';
import { rectToA1 } from './a1';
import { DataValidationImpl, validationModelOf } from './data-validation';
import { ProtectionModel } from './model';
import { currentUser } from './sheet-ref';
import { addRangeMetadata, dimensionLocationOf, finderFacade, metadataAt } from './developer-metadata';
import { textFinderOfRange } from './text-finder';
import { AUTOMATIC_FORMAT } from './values';
import { asFormula, protectionFacade, sheetFacade, shiftReferences, signatureError } from './range-cells';

/** A rectangle of one sheet. Reads and writes cost one call however many cells they cover. What its methods stand on: range-core.ts. */
export class RangeImpl extends RangeCore implements Partial<GoogleAppsScript.Spreadsheet.Range> {
  // ---- geometry ----------------------------------------------------------
  getRow(): number {
    return this._rect.row;
  }
  getRowIndex(): number {
    return this._rect.row;
  }
  getColumn(): number {
    return this._rect.column;
  }
  getNumRows(): number {
    return this._rect.numRows;
  }
  getNumColumns(): number {
    return this._rect.numColumns;
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn(): number {
    return this._rect.column + this._rect.numColumns - 1;
  }
  getA1Notation(): string {
    return rectToA1(this._rect);
  }
  getHeight(): number {
    return this._rect.numRows;
  }
  getWidth(): number {
    return this._rect.numColumns;
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return sheetFacade(this._ref);
  }

  getCell(row: number, column: number): GoogleAppsScript.Spreadsheet.Range {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numColumns) {
      throw new AppsScriptException('The coordinates of the cell are outside the dimensions of the range.');
    }
    return this._sub(this._rect.row + row - 1, this._rect.column + column - 1, 1, 1);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GoogleAppsScript.Spreadsheet.Range {
    return this._sub(this._rect.row + rowOffset, this._rect.column + columnOffset, numRows ?? this._rect.numRows, numColumns ?? this._rect.numColumns);
  }

  activate(): GoogleAppsScript.Spreadsheet.Range {
    this._ref.spreadsheet.activeSheetId = this._ref.sheet.id;
    return this._api();
  }

  // ---- values --------------------------------------------------------------
  getValue(): Value {
    return this._cellValue(this._rect.row, this._rect.column);
  }

  getValues(): Value[][] {
    return this._map((r, c) => this._cellValue(r, c));
  }

  getDisplayValue(): string {
    return this._cellDisplay(this._rect.row, this._rect.column);
  }

  getDisplayValues(): string[][] {
    return this._map((r, c) => this._cellDisplay(r, c));
  }

  isBlank(): boolean {
    let blank = true;
    const { row, column, numRows, numColumns } = this._rect;
    this._ref.sheet.values.forEachIn(row, column, numRows, numColumns, () => (blank = false));
    this._ref.sheet.formulas.forEachIn(row, column, numRows, numColumns, () => (blank = false));
    return blank;
  }

  /** Sets every cell of the range to the value (as typed input: "=…" is a formula). */
  setValue(value: unknown): GoogleAppsScript.Spreadsheet.Range {
    if (Array.isArray(value)) throw signatureError('Object[]', 'setValue');
    this._write(() => value);
    return this._api();
  }

  setValues(values: unknown[][]): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(values, 'setValues');
    this._write((i, j) => values[i][j]);
    return this._api();
  }

  getFormula(): string {
    return this._ref.sheet.formulas.get(this._rect.row, this._rect.column) ?? '';
  }

  getFormulas(): string[][] {
    return this._map((r, c) => this._ref.sheet.formulas.get(r, c) ?? '');
  }

  /** Relative references move cell by cell, as when a formula is filled across a range. */
  setFormula(formula: string): GoogleAppsScript.Spreadsheet.Range {
    const text = String(formula);
    this._write((i, j) => (text === '' ? '' : asFormula(shiftReferences(text, i, j))));
    return this._api();
  }

  setFormulas(formulas: string[][]): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(formulas, 'setFormulas');
    this._write((i, j) => (formulas[i][j] === '' ? '' : asFormula(String(formulas[i][j]))));
    return this._api();
  }

  clearContent(): GoogleAppsScript.Spreadsheet.Range {
    this._assertEditable();
    const { row, column, numRows, numColumns } = this._rect;
    this._ref.sheet.values.clearRect(row, column, numRows, numColumns);
    this._ref.sheet.formulas.clearRect(row, column, numRows, numColumns);
    this._ref.spreadsheet.formulas.cellsChanged(this._ref.sheet, row, column, numRows, numColumns);
    return this._api();
  }

  clearFormat(): GoogleAppsScript.Spreadsheet.Range {
    this._assertEditable();
    const { row, column, numRows, numColumns } = this._rect;
    this._ref.sheet.formats.clearRect(row, column, numRows, numColumns);
    return this._api();
  }

  clearDataValidations(): GoogleAppsScript.Spreadsheet.Range {
    this._assertEditable();
    const { row, column, numRows, numColumns } = this._rect;
    this._ref.sheet.validations.clearRect(row, column, numRows, numColumns);
    return this._api();
  }

  clearNote(): GoogleAppsScript.Spreadsheet.Range {
    const { row, column, numRows, numColumns } = this._rect;
    this._ref.sheet.notes.clearRect(row, column, numRows, numColumns);
    return this._api();
  }

  /** With no options: contents and formats, as Google documents. */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): GoogleAppsScript.Spreadsheet.Range {
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    if (!any || o.contentsOnly) this.clearContent();
    if (!any || o.formatOnly) this.clearFormat();
    if (o.validationsOnly) this.clearDataValidations();
    if (o.commentsOnly) this.clearNote();
    return this._api();
  }

  // ---- formats ---------------------------------------------------------------
  getNumberFormat(): string {
    return this._ref.sheet.formats.get(this._rect.row, this._rect.column)?.numberFormat ?? AUTOMATIC_FORMAT;
  }

  getNumberFormats(): string[][] {
    return this._map((r, c) => this._ref.sheet.formats.get(r, c)?.numberFormat ?? AUTOMATIC_FORMAT);
  }

  setNumberFormat(numberFormat: string): GoogleAppsScript.Spreadsheet.Range {
    return this._format('numberFormat', () => String(numberFormat));
  }

  setNumberFormats(numberFormats: string[][]): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(numberFormats, 'setNumberFormats');
    return this._format('numberFormat', (i, j) => String(numberFormats[i][j]));
  }

  setFontWeight(fontWeight: string | null): GoogleAppsScript.Spreadsheet.Range {
    return this._format('fontWeight', () => fontWeight ?? undefined);
  }

  /** Google: a grid of 'bold' or 'normal' matching the range; null resets a cell. */
  setFontWeights(fontWeights: Array<Array<string | null>>): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(fontWeights, 'setFontWeights');
    return this._format('fontWeight', (i, j) => fontWeights[i][j] ?? undefined);
  }

  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._map((r, c) => (this._ref.sheet.formats.get(r, c)?.fontWeight ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight);
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this._ref.sheet.formats.get(this._rect.row, this._rect.column)?.fontWeight ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }

  setFontStyle(fontStyle: string | null): GoogleAppsScript.Spreadsheet.Range {
    return this._format('fontStyle', () => fontStyle ?? undefined);
  }

  setFontColor(color: string | null): GoogleAppsScript.Spreadsheet.Range {
    return this._format('fontColor', () => color ?? undefined);
  }

  getFontColor(): string {
    return this._ref.sheet.formats.get(this._rect.row, this._rect.column)?.fontColor ?? '#000000';
  }

  setBackground(color: string | null): GoogleAppsScript.Spreadsheet.Range {
    return this._format('background', () => color ?? undefined);
  }

  getBackground(): string {
    return this._ref.sheet.formats.get(this._rect.row, this._rect.column)?.background ?? '#ffffff';
  }

  /** Google: one colour per cell (CSS notation); null resets a cell's background. The grid must match the range. */
  setBackgrounds(colors: Array<Array<string | null>>): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(colors, 'setBackgrounds');
    return this._format('background', (i, j) => colors[i][j] ?? undefined);
  }

  getBackgrounds(): string[][] {
    return this._map((r, c) => this._ref.sheet.formats.get(r, c)?.background ?? '#ffffff');
  }

  setHorizontalAlignment(alignment: string | null): GoogleAppsScript.Spreadsheet.Range {
    return this._format('horizontalAlignment', () => alignment ?? undefined);
  }

  setWrap(isWrapEnabled: boolean): GoogleAppsScript.Spreadsheet.Range {
    return this._format('wrap', () => Boolean(isWrapEnabled));
  }

  getNote(): string {
    return this._ref.sheet.notes.get(this._rect.row, this._rect.column) ?? '';
  }

  setNote(note: string | null): GoogleAppsScript.Spreadsheet.Range {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    const text = note === null || note === '' ? undefined : String(note);
    this._each((r, c) => this._ref.sheet.notes.set(r, c, text));
    return this._api();
  }

  getNotes(): string[][] {
    const { row, column, numRows, numColumns } = this._rect;
    return Array.from({ length: numRows }, (_, i) => Array.from({ length: numColumns }, (_, j) => this._ref.sheet.notes.get(row + i, column + j) ?? ''));
  }

  setNotes(notes: Array<Array<string | null>>): GoogleAppsScript.Spreadsheet.Range {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    this._assertGrid(notes, 'setNotes');
    const { row, column } = this._rect;
    this._each((r, c) => {
      const note = notes[r - row][c - column];
      this._ref.sheet.notes.set(r, c, note === null || note === '' ? undefined : String(note));
    });
    return this._api();
  }

  // ---- validation and protection ----------------------------------------------
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const model = this._ref.sheet.validations.get(this._rect.row, this._rect.column);
    return model ? new DataValidationImpl(this._ref.ctx, model)._api() : null;
  }

  getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    return this._map((r, c) => {
      const model = this._ref.sheet.validations.get(r, c);
      return model ? new DataValidationImpl(this._ref.ctx, model)._api<GoogleAppsScript.Spreadsheet.DataValidation>() : null;
    });
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GoogleAppsScript.Spreadsheet.Range {
    this._assertEditable();
    const model = rule === null ? undefined : validationModelOf(rule);
    this._each((r, c) => this._ref.sheet.validations.set(r, c, model));
    return this._api();
  }

  setDataValidations(rules: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>): GoogleAppsScript.Spreadsheet.Range {
    this._assertGrid(rules, 'setDataValidations');
    this._assertEditable();
    const { row, column } = this._rect;
    this._each((r, c) => {
      const rule = rules[r - row][c - column];
      this._ref.sheet.validations.set(r, c, rule === null ? undefined : validationModelOf(rule));
    });
    return this._api();
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    const model: ProtectionModel = {
      id: this._ref.spreadsheet.nextProtectionId++,
      type: 'RANGE',
      sheetId: this._ref.sheet.id,
      rect: { ...this._rect },
      description: '',
      warningOnly: false,
      // A new protection starts with everyone who can edit the spreadsheet (Google's documented default).
      // Everyone who can edit the file, the person creating it included (they are an editor, shared or not).
      editors: [...new Set([...this._ref.spreadsheet.editors(), currentUser(this._ref)].filter(Boolean))],
      domainEdit: false,
      unprotected: [],
    };
    this._ref.spreadsheet.protections.push(model);
    return protectionFacade(this._ref, model);
  }

  // ---- developer metadata (developer-metadata.ts) ----------------------------------
  /**
   * Only on a whole row ("5:5") or a whole column ("C:C"); any other range fails with Google's
   * "Adding developer metadata to arbitrary ranges is not currently supported. …". Returns this range.
   */
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: string | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): GoogleAppsScript.Spreadsheet.Range {
    this._ref.spreadsheet.assertCanWrite(currentUser(this._ref));
    addRangeMetadata(this._ref.ctx, this._ref.spreadsheet, this._ref.sheet, this._rect, key, valueOrVisibility, visibility);
    return this._api();
  }

  /** The metadata of exactly this row or column; none for any other range (a cell of a tagged column included). */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return metadataAt(this._ref, dimensionLocationOf(this._ref.sheet, this._rect));
  }

  /** Searches the rows and columns wholly inside this range (onIntersectingLocations: crossing it). */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return finderFacade(this._ref, { kind: 'range', sheetId: this._ref.sheet.id, rect: { ...this._rect } });
  }

  /** A TextFinder over this range's cells (text-finder.ts). */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return textFinderOfRange(this._ref, { ...this._rect }, findText);
  }
}

export { assertCellLengths, checkedRect, isDateCell, protectionFacade, rangeFacade, registerSheetFacadeFactory, sheetFacadeOf, shiftReferences, storedAt, writeCells } from './range-cells';

import { HyperFormula, RawCellContent, SimpleCellAddress, DetailedCellError } from 'hyperformula';
import type { SheetModel, SpreadsheetModel } from './model';
import type { StoredValue } from './values';

/**
 * Formulas are evaluated by HyperFormula, a real spreadsheet engine, so the
 * tracker's formulas can be tested for the numbers they produce.
 *
 * The emulator's own grids stay the record of what each cell holds; the engine
 * is a mirror built the first time a spreadsheet gets a formula (building it
 * costs ~10 µs a cell, too much to pay for sheets that never compute anything)
 * and kept in step with every write and structural change after that.
 */
export class FormulaMirror {
  private hf: HyperFormula | null = null;

  constructor(private readonly model: SpreadsheetModel) {}

  get active(): boolean {
    return this.hf !== null;
  }

  /** Starts mirroring (idempotent). */
  activate(): void {
    if (this.hf) return;
    const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3', maxRows: 10_000_000, maxColumns: 18_278 });
    this.hf = hf;
    hf.batch(() => {
      for (const sheet of this.model.sheets) {
        hf.addSheet(sheet.name);
        this.pushAll(sheet);
      }
    });
  }

  /**
   * Builds the engine now if any cell holds a formula: called before a structural change (rows or
   * columns inserted or deleted, a sheet renamed or removed), whose references in formulas only the
   * engine rewrites. A spreadsheet loaded or restored with formulas builds its engine here, at its
   * first formula read or at its first formula write, not when it is loaded: building it for a
   * set-up tracker costs more than everything else in a restore.
   */
  beforeStructureChange(): void {
    if (this.hf) return;
    if (this.model.sheets.some((sheet) => sheet.formulas.lastRow() > 0)) this.activate();
  }

  /** The computed value of a formula cell (undefined when the formula yields nothing). */
  value(sheet: SheetModel, row: number, column: number): StoredValue | undefined {
    if (!this.hf) this.activate();
    const hf = this.hf as HyperFormula;
    const v = hf.getCellValue(this.address(sheet, row, column));
    if (v === null || v === undefined) return undefined;
    if (v instanceof DetailedCellError) return v.type === 'CYCLE' ? '#REF!' : v.value;
    return v as StoredValue;
  }

  /** Re-sends a rectangle of the model's cells after a write. */
  cellsChanged(sheet: SheetModel, row: number, column: number, numRows: number, numColumns: number): void {
    if (!this.hf) return;
    const block: RawCellContent[][] = [];
    for (let r = row; r < row + numRows; r++) {
      const line: RawCellContent[] = [];
      for (let c = column; c < column + numColumns; c++) line.push(rawContent(sheet, r, c));
      block.push(line);
    }
    this.hf.setCellContents(this.address(sheet, row, column), block);
  }

  onSheetAdded(sheet: SheetModel): void {
    this.hf?.addSheet(sheet.name);
  }

  onSheetRemoved(sheet: SheetModel): void {
    if (!this.hf) return;
    this.hf.removeSheet(this.sheetId(sheet.name));
    this.pullFormulas();
  }

  onSheetRenamed(oldName: string, newName: string): void {
    if (!this.hf) return;
    this.hf.renameSheet(this.sheetId(oldName), newName);
    this.pullFormulas();
  }

  /** Rows/columns inserted (count > 0) or deleted (count < 0); formulas everywhere are re-read, references moved. */
  structureChanged(sheet: SheetModel, axis: 'row' | 'column', at: number, count: number): void {
    if (!this.hf || count === 0) return;
    const id = this.sheetId(sheet.name);
    if (axis === 'row') {
      if (count > 0) this.hf.addRows(id, [at - 1, count]);
      else this.hf.removeRows(id, [at - 1, -count]);
    } else if (count > 0) this.hf.addColumns(id, [at - 1, count]);
    else this.hf.removeColumns(id, [at - 1, -count]);
    this.pullFormulas();
  }

  private pushAll(sheet: SheetModel): void {
    const hf = this.hf as HyperFormula;
    const id = this.sheetId(sheet.name);
    const rows = sheet.lastRow();
    const columns = sheet.lastColumn();
    if (rows === 0 || columns === 0) return;
    const content: RawCellContent[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: RawCellContent[] = new Array(columns).fill(null);
      content.push(line);
    }
    sheet.values.forEach((r, c, v) => {
      content[r - 1][c - 1] = typeof v === 'string' ? `'${v}` : v;
    });
    sheet.formulas.forEach((r, c, f) => {
      content[r - 1][c - 1] = f;
    });
    hf.setSheetContent(id, content);
  }

  /** References in formulas move with structure changes; the model takes the engine's rewritten text. */
  private pullFormulas(): void {
    const hf = this.hf as HyperFormula;
    for (const sheet of this.model.sheets) {
      const id = this.sheetId(sheet.name);
      sheet.formulas.forEach((r, c) => {
        const text = hf.getCellFormula({ sheet: id, row: r - 1, col: c - 1 });
        if (text !== undefined) sheet.formulas.set(r, c, text);
      });
    }
  }

  private sheetId(name: string): number {
    const id = (this.hf as HyperFormula).getSheetId(name);
    if (id === undefined) throw new Error(`formula mirror lost sheet ${name}`);
    return id;
  }

  private address(sheet: SheetModel, row: number, column: number): SimpleCellAddress {
    return { sheet: this.sheetId(sheet.name), row: row - 1, col: column - 1 };
  }
}

function rawContent(sheet: SheetModel, row: number, column: number): RawCellContent {
  const formula = sheet.formulas.get(row, column);
  if (formula !== undefined) return formula;
  const value = sheet.values.get(row, column);
  if (value === undefined) return null;
  // A leading apostrophe keeps text as text in HyperFormula, as in Sheets.
  return typeof value === 'string' ? `'${value}` : value;
}

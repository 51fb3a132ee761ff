import type { Emulator } from '../index';
import type { CellFormat, SheetModel } from '../spreadsheet/model';
import type { CellStyle, SheetView } from './api-types';
import { chartViewsOf } from './chart-view';

/**
 * The workbook as the page draws it: the emulator's display values and formulas
 * (Emulator.workbookView) plus what a person sees besides text — tab colours,
 * bold/colours/alignment, notes, the sheet's size. Styles are interned: sheets
 * format whole columns, so thousands of cells share a handful of styles.
 */
const MIN_DISPLAY_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;

export function buildWorkbookView(emulator: Emulator, rowLimit: number): { activeSheet: string; spreadsheetName: string; sheets: SheetView[]; styles: CellStyle[] } {
  const view = emulator.workbookView(rowLimit);
  const model = emulator.spreadsheet();
  const styles = new StyleTable();
  const sheets = view.sheets.map((sheetView, index): SheetView => {
    const sheet = model.sheets[index];
    const shownRows = sheetView.rows.length;
    const shownColumns = sheetView.rows[0]?.length ?? 0;
    // Sheets shows at least A..Z; a person may type into any of those empty columns.
    const displayColumns = Math.min(sheet.maxColumns, Math.max(shownColumns, MIN_DISPLAY_COLUMNS));
    return {
      name: sheetView.name,
      hidden: sheetView.hidden,
      tabColor: sheet.tabColor,
      frozenRows: sheetView.frozenRows,
      frozenColumns: sheet.frozenColumns,
      lastRow: sheetView.lastRow,
      lastColumn: sheetView.lastColumn,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      columnWidths: Array.from({ length: displayColumns }, (_, i) => sheetView.columnWidths[i] ?? sheet.columnWidths.get(i + 1) ?? DEFAULT_COLUMN_WIDTH),
      rows: sheetView.rows,
      formulas: sheetView.formulas,
      styledCells: styledCells(sheet, sheetView.rows, sheetView.formulas, styles),
      notes: notesOf(sheet, shownRows, shownColumns),
      warningProtections: model.protections
        .filter((p) => p.sheetId === sheet.id && p.warningOnly)
        .map((p) => ({ description: p.description, rect: p.type === 'RANGE' ? p.rect : null, unprotected: p.type === 'SHEET' ? p.unprotected : [] })),
      charts: chartViewsOf(model, sheet),
    };
  });
  return { activeSheet: view.activeSheet, spreadsheetName: view.spreadsheetName, sheets, styles: styles.list };
}

class StyleTable {
  readonly list: CellStyle[] = [];
  private readonly byKey = new Map<string, number>();

  indexOf(style: CellStyle): number {
    const key = JSON.stringify(style);
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(style);
      this.byKey.set(key, index);
    }
    return index;
  }
}

function styledCells(sheet: SheetModel, display: string[][], formulas: string[][], styles: StyleTable): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let r = 1; r <= display.length; r++) {
    for (let c = 1; c <= display[r - 1].length; c++) {
      // A formula's result is not in the stored values: judge it by what the cell shows.
      const value = formulas[r - 1]?.[c - 1] ? resultKind(display[r - 1][c - 1]) : sheet.values.get(r, c);
      const style = styleOf(sheet.formats.get(r, c), value);
      if (style) out.push([r, c, styles.indexOf(style)]);
    }
  }
  return out;
}

const NUMBER_SHOWN = /^[-+(]?[$€£¥]?\s?(\d[\d,]*)?\.?\d+(e[-+]?\d+)?%?\)?$/i;
const DATE_SHOWN = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}( \d{1,2}:\d{2}(:\d{2})?)?$/;

function resultKind(shown: string): number | boolean | string {
  if (shown === 'TRUE' || shown === 'FALSE') return shown === 'TRUE';
  return NUMBER_SHOWN.test(shown) || DATE_SHOWN.test(shown) ? 0 : shown;
}

/** What Sheets would draw: explicit formatting, else numbers (and dates) right-aligned and booleans centred. */
function styleOf(format: CellFormat | undefined, value: unknown): CellStyle | null {
  const style: CellStyle = {};
  if (format?.fontWeight === 'bold') style.bold = true;
  if (format?.fontStyle === 'italic') style.italic = true;
  if (format?.fontColor) style.color = format.fontColor;
  if (format?.background) style.background = format.background;
  if (format?.wrap) style.wrap = true;
  const align = format?.horizontalAlignment?.toLowerCase();
  if (align === 'left' || align === 'center' || align === 'right') style.align = align;
  else if (typeof value === 'number') style.align = 'right';
  else if (typeof value === 'boolean') style.align = 'center';
  return Object.keys(style).length > 0 ? style : null;
}

function notesOf(sheet: SheetModel, rows: number, columns: number): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  sheet.notes.forEachIn(1, 1, rows, columns, (r, c, note) => {
    if (note) out.push([r, c, note]);
  });
  return out;
}

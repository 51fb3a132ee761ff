import { AppsScriptException } from '../core/errors';
import { SpreadsheetModel } from './model';

/**
 * Google's 10-million-cell limit per spreadsheet (support.google.com/drive/answer/37603):
 * every tab's grid counts, max rows × max columns, whether its cells hold anything or not.
 * Growing a grid past it (inserting rows, columns or a tab, or an append that adds a row)
 * fails and changes nothing. The message is as people report it from Sheets and the
 * Sheets API; not verified against Apps Script's own wording.
 */
export const CELL_LIMIT = 10_000_000;
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`;

/** Cells the spreadsheet's grids hold (sum over tabs of max rows × max columns). */
export function cellsInUse(spreadsheet: SpreadsheetModel): number {
  let total = 0;
  for (const s of spreadsheet.sheets) total += s.maxRows * s.maxColumns;
  return total;
}

/** Throws Google's message when adding `added` cells would take the spreadsheet past the limit. */
export function assertCellRoom(spreadsheet: SpreadsheetModel, added: number): void {
  if (added > 0 && cellsInUse(spreadsheet) + added > CELL_LIMIT) throw new AppsScriptException(CELL_LIMIT_MESSAGE);
}

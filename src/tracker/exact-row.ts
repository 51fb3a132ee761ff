import { cellText } from '../domain/cell-text';
import { TrackerTable } from './table';

/**
 * The first data row whose cell in `column` holds exactly `text`: one TextFinder search of that
 * column (Google searches server-side), however long the tab. null when the tab lacks the column.
 */
export function rowWithExactText(table: TrackerTable, column: string, text: string): number | null {
  if (!table.has(column) || table.lastRow() < 2) return null;
  const found = table.sheet
    .getRange(2, table.column(column), table.lastRow() - 1, 1)
    // What the cell holds: text is written through textCell, whose leading apostrophe Sheets keeps out of the value.
    .createTextFinder(cellText(text))
    .matchCase(true)
    .matchEntireCell(true)
    .findNext();
  return found ? found.getRow() : null;
}

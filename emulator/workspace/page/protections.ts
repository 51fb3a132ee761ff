import type { SheetView, WarningProtection } from '../api-types';
import type { GridRect } from '../../spreadsheet/a1';

/** The warning-only protection covering a cell, if any (Sheets then asks before the edit). */
export function warningProtectionAt(sheet: SheetView, row: number, column: number): WarningProtection | null {
  const inside = (rect: GridRect) => row >= rect.row && row < rect.row + rect.numRows && column >= rect.column && column < rect.column + rect.numColumns;
  for (const protection of sheet.warningProtections) {
    const covered = protection.rect ? inside(protection.rect) : !protection.unprotected.some(inside);
    if (covered) return protection;
  }
  return null;
}

/** The warning-only protection covering any cell of `block`, if any (Sheets asks before a paste, a clear or deleting rows there). */
export function warningProtectionIn(sheet: SheetView, block: GridRect): WarningProtection | null {
  const overlaps = (rect: GridRect) =>
    rect.row < block.row + block.numRows && block.row < rect.row + rect.numRows && rect.column < block.column + block.numColumns && block.column < rect.column + rect.numColumns;
  const contains = (rect: GridRect) =>
    block.row >= rect.row && block.row + block.numRows <= rect.row + rect.numRows && block.column >= rect.column && block.column + block.numColumns <= rect.column + rect.numColumns;
  for (const protection of sheet.warningProtections) {
    const covered = protection.rect ? overlaps(protection.rect) : !protection.unprotected.some(contains);
    if (covered) return protection;
  }
  return null;
}

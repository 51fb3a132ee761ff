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

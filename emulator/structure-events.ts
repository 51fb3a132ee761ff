import { EmulatorContext } from './core/context';
import { AppsScriptException } from './core/errors';
import { PROTECTED_MESSAGE, SheetModel, SpreadsheetModel } from './spreadsheet/model';
import { SheetImpl } from './spreadsheet/sheet';
import { SpreadsheetStore } from './spreadsheet/store';

/** A structural change a person makes in the Sheets UI. */
export type StructuralChange =
  | { kind: 'insertRows'; sheetName: string; beforeRow: number; count: number }
  | { kind: 'insertColumns'; sheetName: string; beforeColumn: number; count: number }
  | { kind: 'deleteRows'; sheetName: string; row: number; count: number }
  | { kind: 'renameSheet'; oldName: string; newName: string };

/** Google's changeType for each (developers.google.com/apps-script/guides/triggers/events#change). */
export const CHANGE_TYPE_OF: Record<StructuralChange['kind'], 'INSERT_ROW' | 'INSERT_COLUMN' | 'REMOVE_ROW' | 'OTHER'> = {
  insertRows: 'INSERT_ROW',
  insertColumns: 'INSERT_COLUMN',
  deleteRows: 'REMOVE_ROW',
  renameSheet: 'OTHER',
};

/**
 * Applies a person's structural change as Sheets does, or refuses it with Google's
 * protection message (or the message of an impossible change, e.g. deleting every row).
 * Who may not: a protection that is not warning-only and does not let them edit —
 * - deleting rows: any such protection on a deleted row (as typing there would be refused);
 * - inserting rows: a range protection the new rows would fall inside (it would grow), or a
 *   sheet protection, unless the rows land inside one of its unprotected ranges that spans
 *   every column (a reading of the UI's behaviour, unverified); inserting columns likewise,
 *   across (an unprotected range must span every row);
 * - renaming a sheet: a sheet protection on it (range protections do not cover the tab).
 * Uncounted: Google's machinery, not a script.
 */
export function applyStructuralChange(
  ctx: EmulatorContext,
  store: SpreadsheetStore,
  spreadsheetId: string,
  change: StructuralChange,
  user: string,
): { accepted: true } | { accepted: false; reason: string } {
  const spreadsheet = store.byId.get(spreadsheetId);
  if (!spreadsheet) throw new Error(`emulator: no spreadsheet ${spreadsheetId}`);
  const sheetName = change.kind === 'renameSheet' ? change.oldName : change.sheetName;
  const sheet = spreadsheet.sheetByName(sheetName);
  if (!sheet) throw new Error(`emulator: no sheet ${sheetName} in ${spreadsheet.name}`);
  try {
    assertMayChangeStructure(spreadsheet, sheet, change, user);
    // The grid operations themselves, as the owner (the person's rights were checked above).
    ctx.executions.run({ authMode: 'FULL', user: spreadsheet.owner, documentId: spreadsheet.id, origin: `person:${change.kind}` }, () => {
      const impl = new SheetImpl({ ctx, store, spreadsheet, sheet });
      if (change.kind === 'insertRows') impl._insertRows(change.beforeRow, change.count, change.beforeRow);
      else if (change.kind === 'insertColumns') impl._insertColumns(change.beforeColumn, change.count);
      else if (change.kind === 'deleteRows') impl._deleteRows(change.row, change.count);
      else spreadsheet.renameSheet(sheet, change.newName);
    });
  } catch (thrown) {
    if (thrown instanceof AppsScriptException) return { accepted: false, reason: thrown.message };
    throw thrown;
  }
  return { accepted: true };
}

function assertMayChangeStructure(spreadsheet: SpreadsheetModel, sheet: SheetModel, change: StructuralChange, user: string): void {
  if (user === spreadsheet.owner) return;
  if (change.kind === 'deleteRows') {
    spreadsheet.assertCanEdit(sheet, { row: change.row, column: 1, numRows: change.count, numColumns: sheet.maxColumns }, user);
    return;
  }
  for (const p of spreadsheet.protections) {
    if (p.sheetId !== sheet.id || p.warningOnly || spreadsheet.canEditProtected(p, user)) continue;
    if (change.kind === 'renameSheet') {
      if (p.type === 'SHEET') throw new AppsScriptException(PROTECTED_MESSAGE);
      continue;
    }
    if (change.kind === 'insertColumns') {
      const at = change.beforeColumn;
      const inside = (r: { column: number; numColumns: number }) => at > r.column && at <= r.column + r.numColumns - 1;
      if (p.type === 'RANGE' && p.rect && inside(p.rect)) throw new AppsScriptException(PROTECTED_MESSAGE);
      if (p.type === 'SHEET' && !p.unprotected.some((u) => u.row === 1 && u.numRows >= sheet.maxRows && inside(u))) {
        throw new AppsScriptException(PROTECTED_MESSAGE);
      }
      continue;
    }
    const at = change.beforeRow;
    const inside = (r: { row: number; numRows: number }) => at > r.row && at <= r.row + r.numRows - 1;
    if (p.type === 'RANGE' && p.rect && inside(p.rect)) throw new AppsScriptException(PROTECTED_MESSAGE);
    if (p.type === 'SHEET' && !p.unprotected.some((u) => u.column === 1 && u.numColumns >= sheet.maxColumns && inside(u))) {
      throw new AppsScriptException(PROTECTED_MESSAGE);
    }
  }
}

import { AppsScriptException, thrownMessage } from './core/errors';
import { EmulatorContext } from './core/context';
import { parseA1Range, splitSheetPrefix } from './spreadsheet/a1';
import { passesValidation } from './spreadsheet/data-validation';
import { RangeImpl, assertCellLengths, isDateCell, storedAt, writeCells } from './spreadsheet/range';
import { SheetRef } from './spreadsheet/sheet-ref';
import { SpreadsheetStore } from './spreadsheet/store';
import { parseInput, toDisplayValue } from './spreadsheet/values';
import { userFacade } from './spreadsheet/user';
import { AuthMode } from './services/enums';

export interface EditOutcome {
  accepted: boolean;
  /** Why Sheets refused the edit (protection, a rejecting validation rule). */
  reason?: string;
  /** The event object handed to the edit triggers (absent when refused). */
  event?: Record<string, unknown>;
  /** What each trigger did; a failing trigger does not undo the edit (Google only logs it). */
  triggerRuns?: Array<{ handler: string; ok: boolean; error?: string }>;
}

export interface TriggerFiring {
  /** Installable edit triggers of the spreadsheet, fired through the registry (FULL, as their owner); each adds `user` as revealed to its owner. */
  edit: Array<(event: Record<string, unknown>) => { handler: string; ok: boolean; error?: string }>;
  change: Array<(event: Record<string, unknown>) => { handler: string; ok: boolean; error?: string }>;
}

/**
 * A person typing or pasting into the sheet, as Sheets handles it: protection, the
 * 50,000-character cell limit and rejecting validation rules refuse the edit (nothing
 * changes, nothing fires); otherwise the cells change and the
 * simple onEdit (AuthMode LIMITED, as the editor) and every installable edit trigger
 * (FULL, as its owner) fire with Google's event object. value/oldValue exist only for
 * a single-cell edit (a paste, fill or clear of several cells carries neither); oldValue
 * is absent when the cell was empty, value when it was cleared. `user` is what
 * Google reveals of the editor (core/people.ts): the simple trigger's here, relative
 * to the spreadsheet's owner; each installable trigger's by `triggers`, relative to
 * its owner. A simple onEdit does not fire for an anonymous editor unless
 * options.identity.simpleTriggersForAnonymous.
 */
export function editAsUser(ctx: EmulatorContext, store: SpreadsheetStore, a1: string, input: unknown, user: string, triggers: TriggerFiring, spreadsheetId = store.activeId): EditOutcome {
  const spreadsheet = store.byId.get(spreadsheetId);
  if (!spreadsheet) throw new Error(`emulator: no spreadsheet ${spreadsheetId}`);
  const { sheetName, range } = splitSheetPrefix(a1);
  const sheet = sheetName === null ? spreadsheet.activeSheet() : spreadsheet.sheetByName(sheetName);
  if (!sheet) throw new AppsScriptException(`Range not found: ${a1}`);
  const rect = parseA1Range(range, sheet.maxRows, sheet.maxColumns);
  const ref: SheetRef = { ctx, store, spreadsheet, sheet };
  const grid: unknown[][] = Array.isArray(input) ? (input as unknown[][]) : Array.from({ length: rect.numRows }, () => Array.from({ length: rect.numColumns }, () => input));
  if (grid.length !== rect.numRows || grid.some((row) => row.length !== rect.numColumns)) {
    throw new Error(`emulator: edit values do not fit ${a1}`);
  }

  try {
    spreadsheet.assertCanEdit(sheet, rect, user);
    // Sheets refuses input over 50,000 characters a cell before anything changes.
    assertCellLengths(rect.numRows, rect.numColumns, (i, j) => grid[i][j]);
  } catch (e) {
    return { accepted: false, reason: (e as Error).message };
  }
  for (let i = 0; i < rect.numRows; i++) {
    for (let j = 0; j < rect.numColumns; j++) {
      const rule = sheet.validations.get(rect.row + i, rect.column + j);
      if (!rule || rule.allowInvalid) continue;
      const parsed = parseInput(grid[i][j], {
        timeZone: spreadsheet.timeZone,
        numberFormat: sheet.formats.get(rect.row + i, rect.column + j)?.numberFormat,
        formulasInPlainText: store.formulasInPlainText,
      });
      if (parsed.formula !== undefined) continue;
      const ok = passesValidation(rule, parsed.value, {
        isDate: parsed.impliedFormat !== undefined && /y/i.test(parsed.impliedFormat),
        listFromRange: ({ $range }) => {
          const source = store.byId.get($range.spreadsheetId);
          const listSheet = source?.sheetById($range.sheetId);
          if (!source || !listSheet) return [];
          return new RangeImpl({ ctx, store, spreadsheet: source, sheet: listSheet }, $range.rect).getDisplayValues().flat();
        },
      });
      if (!ok) {
        return { accepted: false, reason: rule.helpText || `Input must fall within specified range (${rule.criteria}).` };
      }
    }
  }

  const single = rect.numRows === 1 && rect.numColumns === 1;
  const oldStored = single ? storedAt(ref, rect.row, rect.column) : undefined;
  const oldWasDate = single && isDateCell(ref, rect.row, rect.column);
  writeCells(ref, rect, (i, j) => grid[i][j]);

  const rangeApi = new RangeImpl(ref, rect)._api<GoogleAppsScript.Spreadsheet.Range>();
  const base: Record<string, unknown> = {
    range: rangeApi,
    source: ctx.spreadsheets.spreadsheetFacade(spreadsheet.id),
  };
  if (single) {
    // Google passes the edited value as text, as the cell shows it. A cleared cell has no
    // value, only oldValue (long-standing observed behaviour; the events page says value is
    // "the new cell value", and a cleared cell has none).
    const newStored = storedAt(ref, rect.row, rect.column);
    if (newStored !== undefined) base.value = toDisplayValue(newStored, sheet.formats.get(rect.row, rect.column)?.numberFormat);
    if (oldStored !== undefined) base.oldValue = oldWasDate ? toDisplayValue(oldStored, sheet.formats.get(rect.row, rect.column)?.numberFormat) : String(oldStored);
  }

  const runs: NonNullable<EditOutcome['triggerRuns']> = [];
  const script = ctx.script;
  const revealed = ctx.people.revealEditor(user, spreadsheet.owner);
  const simpleEvent: Record<string, unknown> = { ...base, user: userFacade(ctx, revealed), authMode: AuthMode.LIMITED };
  const simpleFires = !ctx.people.isAnonymous(user) || ctx.options.identity.simpleTriggersForAnonymous;
  if (script?.has('onEdit') && simpleFires) {
    try {
      script.invoke('onEdit', [simpleEvent], {
        authMode: 'LIMITED',
        user,
        activeUser: revealed,
        activePerson: user,
        documentId: spreadsheet.id,
        origin: 'trigger:simple onEdit',
        timeLimit: 'simple-trigger',
      });
      runs.push({ handler: 'onEdit', ok: true });
    } catch (e) {
      runs.push({ handler: 'onEdit', ok: false, error: thrownMessage(e) });
    }
  }
  for (const fire of triggers.edit) runs.push(fire({ ...base }));
  for (const fire of triggers.change) runs.push(fire({ changeType: 'EDIT', source: base.source }));
  return { accepted: true, event: simpleEvent, triggerRuns: runs };
}

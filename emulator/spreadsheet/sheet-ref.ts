import { EmulatorContext } from '../core/context';
import { SheetModel, SpreadsheetModel } from './model';
import { SpreadsheetStore } from './store';

/** What every Sheet and Range facade needs to find its data. */
export interface SheetRef {
  readonly ctx: EmulatorContext;
  readonly store: SpreadsheetStore;
  readonly spreadsheet: SpreadsheetModel;
  readonly sheet: SheetModel;
}

export function currentUser(ref: { ctx: EmulatorContext }): string {
  return ref.ctx.executions.current().user;
}

import { SpreadsheetInternals, documentOf } from '../core/context';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';
import { AppsScriptException } from '../core/errors';
import { DATA_VALIDATION_CRITERIA, DataValidationBuilderImpl } from './data-validation';
import { PROTECTION_TYPE } from './protection';
import { DEVELOPER_METADATA_LOCATION_TYPE, DEVELOPER_METADATA_VISIBILITY } from './developer-metadata';
import { RangeImpl, assertCellLengths, rangeFacade, writeCells } from './range';
import { SpreadsheetImpl, ToastRecord } from './spreadsheet';
import { SpreadsheetStore } from './store';
import { SheetRef } from './sheet-ref';
import { SpreadsheetModel } from './model';

export interface SpreadsheetServiceHooks {
  /** SpreadsheetApp.getUi(): provided by the Ui service. */
  ui: () => GoogleAppsScript.Base.Ui;
  toast: (toast: ToastRecord) => void;
}

export class SpreadsheetAppImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.SpreadsheetApp> {
  constructor(
    private readonly store: SpreadsheetStore,
    private readonly hooks: SpreadsheetServiceHooks,
  ) {
    super('SpreadsheetApp', store.ctx);
  }

  override _requiredAuth(member: string): AuthModeName {
    if (member === 'getUi' || member === 'flush' || member === 'newDataValidation') return 'NONE';
    // With the spreadsheets.currentonly scope an add-on reaches only its own document.
    if (member === 'openById' || member === 'openByUrl' || member === 'create') return 'FULL';
    return 'LIMITED';
  }

  // Apps Script enums are objects whose members print as their names; strings behave the same for scripts.
  get ProtectionType(): typeof GoogleAppsScript.Spreadsheet.ProtectionType {
    return PROTECTION_TYPE as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;
  }

  get DeveloperMetadataVisibility(): typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return DEVELOPER_METADATA_VISIBILITY as unknown as typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
  }

  get DeveloperMetadataLocationType(): typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType {
    return DEVELOPER_METADATA_LOCATION_TYPE as unknown as typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType;
  }

  get DataValidationCriteria(): typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return DATA_VALIDATION_CRITERIA as unknown as typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }

  /** The execution's container spreadsheet; null where there is none (an add-on's time-driven run). */
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const id = documentOf(this.store.ctx);
    const model = id === null ? undefined : this.store.byId.get(id);
    if (!model) return null as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    return this._facade(model);
  }

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.getActiveSpreadsheet().getActiveSheet();
  }

  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const model = this.store.byId.get(String(id));
    if (!model) throw new AppsScriptException('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return this._opened(model);
  }

  /** A spreadsheet by its address (…/spreadsheets/d/<id>/…), as openById; an address without an ID is an invalid argument. */
  openByUrl(url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const id = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url))?.[1];
    if (!id) throw new AppsScriptException('Invalid argument: url');
    const model = this.store.byId.get(id);
    if (!model) throw new AppsScriptException('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
    return this._opened(model);
  }

  /**
   * Opening runs as the executing user, who must be allowed to open the file (its owner, an
   * editor or a viewer of a restricted one). The refusal's wording is the one commonly reported
   * for openById/openByUrl; Google's reference does not document it.
   */
  private _opened(model: SpreadsheetModel): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (!model.canOpen(this.store.ctx.executions.current().user)) throw new AppsScriptException('You do not have permission to access the requested document.');
    return this._facade(model);
  }

  /** A new spreadsheet in the executing user's Drive, owned by them. */
  create(name: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const model = this.store.create(String(name), this.store.ctx.executions.current().user);
    model.createdByScript = true;
    // A new file is private: only its owner opens it until it is shared (sharing.ts).
    model.restricted = true;
    model.createdAt = this.store.ctx.clock.now().toISOString();
    return this._facade(model);
  }

  /** Writes are applied at once in the emulator; flush exists so call counts match real scripts. */
  flush(): void {}

  getUi(): GoogleAppsScript.Base.Ui {
    return this.hooks.ui();
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new DataValidationBuilderImpl(this.store.ctx)._api();
  }

  _facade(model: SpreadsheetModel): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return new SpreadsheetImpl(this.store, model, this.hooks.toast)._api();
  }
}

/** The uncounted side door other services use (a form writing its response row is Google, not the script). */
export function spreadsheetInternals(store: SpreadsheetStore, hooks: SpreadsheetServiceHooks): SpreadsheetInternals {
  const refFor = (spreadsheetId: string, sheetName: string): SheetRef => {
    const spreadsheet = store.byId.get(spreadsheetId);
    const sheet = spreadsheet?.sheetByName(sheetName);
    if (!spreadsheet || !sheet) throw new Error(`emulator: no sheet ${sheetName} in ${spreadsheetId}`);
    return { ctx: store.ctx, store, spreadsheet, sheet };
  };
  return {
    exists: (id) => store.byId.has(id),
    driveInfo: (id) => {
      const model = store.byId.get(id);
      return model ? { name: model.name, owner: model.owner, createdByScript: model.createdByScript, createdAt: model.createdAt } : null;
    },
    activeSpreadsheetId: () => store.activeId,
    spreadsheetIds: () => [...store.byId.keys()],
    shareable: (id) => store.byId.get(id) ?? null,
    sharingLog: () => store.sharing,
    addFormResponsesSheet(spreadsheetId, headers) {
      const spreadsheet = store.byId.get(spreadsheetId);
      if (!spreadsheet) throw new Error(`emulator: no spreadsheet ${spreadsheetId}`);
      let n = 1;
      while (spreadsheet.sheets.some((s) => s.name.toLowerCase() === `form responses ${n}`)) n++;
      const sheet = spreadsheet.addSheet(`Form Responses ${n}`, 0);
      sheet.maxColumns = Math.max(sheet.maxColumns, headers.length);
      writeCells({ ctx: store.ctx, store, spreadsheet, sheet }, { row: 1, column: 1, numRows: 1, numColumns: headers.length }, (_i, j) => `'${headers[j]}`);
      sheet.frozenRows = 1;
      return { name: sheet.name, sheetId: sheet.id };
    },
    sheetNameById: (spreadsheetId, sheetId) => store.byId.get(spreadsheetId)?.sheetById(sheetId)?.name ?? null,
    sheetIdByName: (spreadsheetId, sheetName) => store.byId.get(spreadsheetId)?.sheetByName(sheetName)?.id ?? null,
    ensureHeaders(spreadsheetId, sheetName, headers) {
      const ref = refFor(spreadsheetId, sheetName);
      const existing: string[] = [];
      for (let c = 1; c <= ref.sheet.lastColumn(); c++) existing.push(String(ref.sheet.values.get(1, c) ?? ''));
      const missing = headers.filter((h) => !existing.includes(h));
      if (missing.length) {
        const column = existing.length + 1;
        ref.sheet.maxColumns = Math.max(ref.sheet.maxColumns, existing.length + missing.length);
        writeCells(ref, { row: 1, column, numRows: 1, numColumns: missing.length }, (_i, j) => `'${missing[j]}`);
      }
      return [...existing, ...missing];
    },
    appendRow(spreadsheetId, sheetName, values) {
      const ref = refFor(spreadsheetId, sheetName);
      assertCellLengths(1, values.length, (_i, j) => values[j]);
      const row = ref.sheet.lastRow() + 1;
      if (row > ref.sheet.maxRows) ref.sheet.maxRows = row;
      if (values.length > ref.sheet.maxColumns) ref.sheet.maxColumns = values.length;
      const rect = { row, column: 1, numRows: 1, numColumns: Math.max(1, values.length) };
      writeCells(ref, rect, (_i, j) => values[j]);
      const displayValues = new RangeImpl(ref, rect).getDisplayValues()[0];
      return { row, displayValues };
    },
    spreadsheetFacade: (spreadsheetId) => {
      const model = store.byId.get(spreadsheetId);
      if (!model) throw new Error(`emulator: no spreadsheet ${spreadsheetId}`);
      return new SpreadsheetImpl(store, model, hooks.toast)._api();
    },
    rangeFacade: (spreadsheetId, sheetName, row, column, numRows = 1, numColumns = 1) => rangeFacade(refFor(spreadsheetId, sheetName), { row, column, numRows, numColumns }),
    rangeFacadeBySheetId: (spreadsheetId, sheetId, rect) => {
      const sheet = store.byId.get(spreadsheetId)?.sheetById(sheetId);
      if (!sheet) throw new AppsScriptException('Range not found');
      return rangeFacade(refFor(spreadsheetId, sheet.name), { ...rect });
    },
  };
}

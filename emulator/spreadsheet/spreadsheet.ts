import { ServiceObject, unwrap } from '../core/facade';
import { AppsScriptException, notImplemented } from '../core/errors';
import { isValidTimeZone } from '../core/timezone';
import { enumName } from '../services/enums';
import { PROTECTION_TYPE } from './protection';
import { parseA1Range, splitSheetPrefix } from './a1';
import { NamedRangeModel, SheetModel, SpreadsheetModel } from './model';
import { RangeImpl, checkedRect, protectionFacade, rangeFacade } from './range';
import { SheetImpl, sheetFacade } from './sheet';
import { SheetRef } from './sheet-ref';
import { SpreadsheetStore } from './store';
import { userFacade } from './user';
import { Sharing, emailArgument, emailList } from './sharing';
import { VIEW_ONLY_MESSAGE } from './model';
import { addSpreadsheetMetadata, finderFacade, metadataAt } from './developer-metadata';
import { textFinderOfSpreadsheet } from './text-finder';
import { assertCellRoom } from './cell-limit';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ToastRecord {
  spreadsheetId: string;
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class SpreadsheetImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.Spreadsheet> {
  constructor(
    private readonly store: SpreadsheetStore,
    readonly _model: SpreadsheetModel,
    private readonly onToast: (toast: ToastRecord) => void,
  ) {
    super('Spreadsheet', store.ctx);
  }

  getId(): string {
    return this._model.id;
  }
  getName(): string {
    return this._model.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._model.id}/edit`;
  }
  getNumSheets(): number {
    return this._model.sheets.length;
  }
  getSpreadsheetTimeZone(): string {
    return this._model.timeZone;
  }
  getSpreadsheetLocale(): string {
    return this._model.locale;
  }

  rename(newName: string): void {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    this._model.name = String(newName);
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    if (!isValidTimeZone(timezone)) throw new AppsScriptException('Invalid argument: timezone');
    this._model.timeZone = timezone;
  }

  getOwner(): GoogleAppsScript.Base.User {
    return userFacade(this._env, this._model.owner);
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return this._model.editors().map((e) => userFacade(this._env, e));
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().add('editor', [emailArgument(emailAddress, 'Spreadsheet.addEditor')]);
    return this._api();
  }

  /** The spreadsheet's sharing as the executing user acts on it (sharing.ts). */
  private _sharing(reading = false): Sharing {
    const user = this.store.ctx.executions.current().user;
    if (!reading && this._model.restricted && !this._model.canWrite(user)) throw new AppsScriptException(VIEW_ONLY_MESSAGE);
    return new Sharing(this._model, this.store.sharing, user, () => this.store.ctx.clock.now().toISOString());
  }

  addEditors(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().add('editor', emailList(emailAddresses, 'Spreadsheet.addEditors'));
    return this._api();
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().remove('editor', emailArgument(emailAddress, 'Spreadsheet.removeEditor'));
    return this._api();
  }

  addViewer(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().add('viewer', [emailArgument(emailAddress, 'Spreadsheet.addViewer')]);
    return this._api();
  }

  addViewers(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().add('viewer', emailList(emailAddresses, 'Spreadsheet.addViewers'));
    return this._api();
  }

  removeViewer(emailAddress: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._sharing().remove('viewer', emailArgument(emailAddress, 'Spreadsheet.removeViewer'));
    return this._api();
  }

  getViewers(): GoogleAppsScript.Base.User[] {
    return this._sharing(true)
      .list('viewer')
      .map((e) => userFacade(this._env, e));
  }

  getSheets(): Sheet[] {
    return this._model.sheets.map((s) => sheetFacade(this._ref(s)));
  }

  getSheetByName(name: string): Sheet | null {
    const sheet = this._model.sheetByName(String(name));
    return sheet ? sheetFacade(this._ref(sheet)) : null;
  }

  getSheetById(id: number): Sheet | null {
    const sheet = this._model.sheetById(id);
    return sheet ? sheetFacade(this._ref(sheet)) : null;
  }

  getActiveSheet(): Sheet {
    return sheetFacade(this._ref(this._model.activeSheet()));
  }

  setActiveSheet(sheet: Sheet): Sheet {
    const impl = unwrap(sheet, SheetImpl, 'sheet');
    this._model.activeSheetId = impl._ref.sheet.id;
    return sheet;
  }

  /** insertSheet(), (name), (index), (name, index): the new sheet becomes the active one. */
  insertSheet(a?: string | number | object, b?: number | object): Sheet {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    let name: string | undefined;
    let index = this._model.sheets.length;
    if (typeof a === 'string') name = a;
    else if (typeof a === 'number') index = a;
    else if (a !== undefined) notImplemented('Spreadsheet.insertSheet(options)');
    if (typeof b === 'number') index = b;
    if (index < 0 || index > this._model.sheets.length) throw new AppsScriptException('Invalid argument: sheetIndex');
    if (name === undefined) {
      let n = this._model.sheets.length + 1;
      while (this._model.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    // A new tab is a 1000 × 26 grid.
    assertCellRoom(this._model, 1000 * 26);
    const sheet = this._model.addSheet(name, index);
    this._model.activeSheetId = sheet.id;
    return sheetFacade(this._ref(sheet));
  }

  deleteSheet(sheet: Sheet): void {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    const impl = unwrap(sheet, SheetImpl, 'sheet');
    this._model.removeSheet(impl._ref.sheet);
  }

  /** A1 notation, with or without a sheet name ("Leads!A1:C3"); without one, the active sheet. */
  getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
    const { sheetName, range } = splitSheetPrefix(String(a1Notation));
    const sheet = sheetName === null ? this._model.activeSheet() : this._model.sheetByName(sheetName);
    if (!sheet) throw new AppsScriptException('Range not found');
    const ref = this._ref(sheet);
    const rect = parseA1Range(range, sheet.maxRows, sheet.maxColumns);
    return rangeFacade(ref, checkedRect(ref, rect.row, rect.column, rect.numRows, rect.numColumns));
  }

  getRangeByName(name: string): GoogleAppsScript.Spreadsheet.Range | null {
    const nr = this._model.namedRanges.get(String(name));
    if (!nr) return null;
    const sheet = this._model.sheetById(nr.sheetId);
    return sheet ? rangeFacade(this._ref(sheet), { ...nr.rect }) : null;
  }

  setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range): void {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
      throw new AppsScriptException(`Invalid argument: name`);
    }
    const impl = unwrap(range, RangeImpl, 'range');
    this._model.namedRanges.set(name, { name, sheetId: impl._ref.sheet.id, rect: { ...impl._rect } });
  }

  removeNamedRange(name: string): void {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    if (!this._model.namedRanges.delete(String(name))) throw new AppsScriptException('Invalid argument: name');
  }

  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return [...this._model.namedRanges.values()].map((nr) => new NamedRangeImpl(this, nr)._api<GoogleAppsScript.Spreadsheet.NamedRange>());
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this._model.protections.filter((p) => p.type === enumName(type, PROTECTION_TYPE, 'type')).map((p) => protectionFacade(this._ref(this._model.sheetById(p.sheetId) as SheetModel), p));
  }

  // ---- developer metadata (see developer-metadata.ts) -------------------------------------
  /** (key), (key, visibility), (key, value), (key, value, visibility); visibility defaults to DOCUMENT. */
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: string | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._model.assertCanWrite(this.store.ctx.executions.current().user);
    addSpreadsheetMetadata(this.store.ctx, this._model, key, valueOrVisibility, visibility);
    return this._api();
  }

  /** The spreadsheet-level metadata this project may see (DOCUMENT, and its own PROJECT metadata); not its sheets', rows' or columns'. */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return metadataAt(this._home(), { type: 'SPREADSHEET' });
  }

  /** Searches all the spreadsheet's metadata: its own, its sheets', rows' and columns'. */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return finderFacade(this._home(), { kind: 'spreadsheet' });
  }

  /** A TextFinder over every sheet's used cells, sheet by sheet (text-finder.ts). */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    return textFinderOfSpreadsheet(this._home(), () => this._model.sheets.map((s) => this._ref(s)), findText);
  }

  _home() {
    return { ctx: this.store.ctx, store: this.store, spreadsheet: this._model };
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.onToast({ spreadsheetId: this._model.id, message: String(msg), title: title ?? '', timeoutSeconds: timeoutSeconds ?? 5 });
  }

  _ref(sheet: SheetModel): SheetRef {
    return { ctx: this.store.ctx, store: this.store, spreadsheet: this._model, sheet };
  }
}

export class NamedRangeImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.NamedRange> {
  constructor(
    private readonly parent: SpreadsheetImpl,
    private readonly model: NamedRangeModel,
  ) {
    super('NamedRange', parent._env);
  }

  getName(): string {
    return this.model.name;
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const sheet = this.parent._model.sheetById(this.model.sheetId) as SheetModel;
    return rangeFacade(this.parent._ref(sheet), { ...this.model.rect });
  }

  setName(name: string): GoogleAppsScript.Spreadsheet.NamedRange {
    const map = this.parent._model.namedRanges;
    map.delete(this.model.name);
    this.model.name = name;
    map.set(name, this.model);
    return this._api();
  }

  setRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.NamedRange {
    const impl = unwrap(range, RangeImpl, 'range');
    this.model.sheetId = impl._ref.sheet.id;
    this.model.rect = { ...impl._rect };
    return this._api();
  }

  remove(): void {
    this.parent._model.namedRanges.delete(this.model.name);
  }
}

import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { ServiceObject } from '../core/facade';
import { asGas, enumName, enumTypeOf, makeEnum } from '../services/enums';
import { GridRect } from './a1';
import { DeveloperMetadataLocationModel, DeveloperMetadataModel, SheetModel, SpreadsheetModel } from './model';
import { rangeFacade, sheetFacadeOf } from './range';
import { SpreadsheetStore } from './store';

/**
 * Developer metadata on the spreadsheet (Spreadsheet.addDeveloperMetadata…), on a sheet
 * (Sheet.addDeveloperMetadata…) and on one whole row or column (Range.addDeveloperMetadata on
 * "C:C" or "5:5"); DeveloperMetadata.getLocation(); finders on the spreadsheet, a sheet and a
 * range. The move* methods are not implemented.
 *
 * Sources:
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata (getValue() is null without a value)
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata-visibility
 *   (DOCUMENT: any developer project with access to the document; PROJECT: only the
 *   project that created it — scoped here by EmulatorOptions.scriptId)
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata-location
 *   (getSheet/getRow/getColumn/getSpreadsheet: null unless the location is of that type)
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder
 *   (onIntersectingLocations is "only valid for range scoped searches")
 * - developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.developerMetadata
 *   (metadataId: spreadsheet-scoped, positive, randomly generated when not given; keys need not
 *   be unique; metadata on row 5 stays with that row when a row is inserted above it; "If the
 *   associated object is deleted its metadata is deleted too"; a location's DimensionRange "must
 *   represent a single row or column; it cannot be unbounded or span multiple rows or columns")
 * - Range.addDeveloperMetadata on any other range fails with "Adding developer metadata to
 *   arbitrary ranges is not currently supported. …" — the message as gas-fakes' tests expect it of
 *   live Apps Script (github.com/brucemcpherson/gas-fakes, test/testsheetsdeveloper.js), and as a
 *   public project's changelog quotes it. Those tests also show Range.getDeveloperMetadata() on a
 *   cell of a tagged column finding nothing, and Sheet.getDeveloperMetadata() returning only the
 *   sheet's own metadata.
 *
 * Scopes: Spreadsheet.getDeveloperMetadata() is the spreadsheet's own metadata, Sheet's the
 * sheet's, Range's the metadata of exactly that row or column. A spreadsheet finder searches
 * everything; a sheet finder the sheet and its rows and columns; a range finder the rows and
 * columns wholly inside the range, or (onIntersectingLocations) every row and column that
 * crosses it. The sheet and range finders' scopes are the emulator's reading of the reference's
 * descriptions (UNVERIFIED), as is onIntersectingLocations doing nothing outside a range finder.
 *
 * The size limit per location (EmulatorOptions.developerMetadataCharsPerLocation,
 * default 30,000 characters of keys plus values) is UNVERIFIED: the Sheets API's
 * developer-metadata guide could not be read to confirm the figure; so is the
 * wording of its error and of the error for a removed metadata. Each sheet, row and
 * column is a location of its own.
 */
export const DEVELOPER_METADATA_VISIBILITY = makeEnum('DeveloperMetadataVisibility', ['DOCUMENT', 'PROJECT'] as const);
export type DeveloperMetadataVisibilityName = keyof typeof DEVELOPER_METADATA_VISIBILITY;
export const DEVELOPER_METADATA_LOCATION_TYPE = makeEnum('DeveloperMetadataLocationType', ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'] as const);
export type DeveloperMetadataLocationTypeName = keyof typeof DEVELOPER_METADATA_LOCATION_TYPE;

export const DEFAULT_DEVELOPER_METADATA_CHARS_PER_LOCATION = 30000;

export const ARBITRARY_RANGE_MESSAGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

/** What metadata facades need: the emulator, Drive (for Sheet and Range facades) and the spreadsheet. */
export interface MetadataHome {
  readonly ctx: EmulatorContext;
  readonly store: SpreadsheetStore;
  readonly spreadsheet: SpreadsheetModel;
}

/** Whether `m` is visible to the running script project. */
export function visibleTo(m: DeveloperMetadataModel, scriptId: string): boolean {
  return m.visibility === 'DOCUMENT' || m.projectId === scriptId;
}

function sameLocation(a: DeveloperMetadataLocationModel, b: DeveloperMetadataLocationModel): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'SPREADSHEET' || b.type === 'SPREADSHEET') return true;
  if (a.sheetId !== b.sheetId) return false;
  return a.type === 'SHEET' || b.type === 'SHEET' || a.index === b.index;
}

/**
 * The whole-row or whole-column location a range is, or null: one row across every column,
 * or one column down every row (a one-cell sheet's only cell counts as its row).
 */
export function dimensionLocationOf(sheet: SheetModel, rect: GridRect): DeveloperMetadataLocationModel | null {
  if (rect.numRows === 1 && rect.column === 1 && rect.numColumns === sheet.maxColumns) return { type: 'ROW', sheetId: sheet.id, index: rect.row };
  if (rect.numColumns === 1 && rect.row === 1 && rect.numRows === sheet.maxRows) return { type: 'COLUMN', sheetId: sheet.id, index: rect.column };
  return null;
}

/** Throws when the metadata at `location` after a change (`next`) would exceed the limit. Counts every project's metadata there. */
function assertLocationSize(
  ctx: EmulatorContext,
  all: DeveloperMetadataModel[],
  location: DeveloperMetadataLocationModel,
  change: (m: DeveloperMetadataModel) => DeveloperMetadataModel = (m) => m,
  added?: DeveloperMetadataModel,
): void {
  const limit = ctx.options.developerMetadataCharsPerLocation;
  let n = 0;
  for (const m of added ? [...all, added] : all) {
    if (!sameLocation(m.location, location)) continue;
    const x = change(m);
    n += x.key.length + (x.value ?? '').length;
  }
  if (n > limit) {
    throw new AppsScriptException(`The developer metadata at this location would exceed the limit of ${limit} characters (keys and values together).`);
  }
}

function checkedKey(key: unknown): string {
  if (key === undefined || key === null || String(key) === '') throw new AppsScriptException('Invalid argument: key');
  return String(key);
}

/** A random-looking positive 31-bit id, unique in the spreadsheet and stable across runs (derived from the spreadsheet id and a serial). */
function nextId(spreadsheet: SpreadsheetModel): number {
  for (;;) {
    const serial = spreadsheet.nextMetadataSerial++;
    const id = createHash('sha256').update(`${spreadsheet.id}\u0000${serial}`).digest().readUInt32BE(0) & 0x7fffffff;
    if (id > 0 && !spreadsheet.developerMetadata.some((m) => m.id === id)) return id;
  }
}

/**
 * Adds metadata at `location` for the running project, enforcing the size limit. The four
 * forms (key), (key, visibility), (key, value), (key, value, visibility) are told apart as
 * Apps Script does: by the second argument's type. Visibility defaults to DOCUMENT.
 */
export function addMetadata(
  ctx: EmulatorContext,
  spreadsheet: SpreadsheetModel,
  location: DeveloperMetadataLocationModel,
  key: unknown,
  valueOrVisibility?: unknown,
  visibility?: unknown,
): DeveloperMetadataModel {
  const k = checkedKey(key);
  let value: string | null = null;
  let vis: DeveloperMetadataVisibilityName = 'DOCUMENT';
  if (enumTypeOf(valueOrVisibility) === 'DeveloperMetadataVisibility') {
    if (visibility !== undefined) throw new AppsScriptException('Invalid argument: value');
    vis = enumName(valueOrVisibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
  } else {
    if (valueOrVisibility !== undefined && valueOrVisibility !== null) value = String(valueOrVisibility);
    if (visibility !== undefined) vis = enumName(visibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
  }
  const model: DeveloperMetadataModel = { id: 0, key: k, value, visibility: vis, projectId: ctx.options.scriptId, location };
  assertLocationSize(ctx, spreadsheet.developerMetadata, location, undefined, model);
  model.id = nextId(spreadsheet);
  spreadsheet.developerMetadata.push(model);
  return model;
}

/** Spreadsheet-level metadata (Spreadsheet.addDeveloperMetadata). */
export function addSpreadsheetMetadata(ctx: EmulatorContext, spreadsheet: SpreadsheetModel, key: unknown, valueOrVisibility?: unknown, visibility?: unknown): DeveloperMetadataModel {
  return addMetadata(ctx, spreadsheet, { type: 'SPREADSHEET' }, key, valueOrVisibility, visibility);
}

/** Range.addDeveloperMetadata: only a whole row or a whole column, with Google's message otherwise. */
export function addRangeMetadata(ctx: EmulatorContext, spreadsheet: SpreadsheetModel, sheet: SheetModel, rect: GridRect, key: unknown, valueOrVisibility?: unknown, visibility?: unknown): void {
  const location = dimensionLocationOf(sheet, rect);
  if (!location) throw new AppsScriptException(ARBITRARY_RANGE_MESSAGE);
  addMetadata(ctx, spreadsheet, location, key, valueOrVisibility, visibility);
}

/** The metadata at exactly `location` this project may see, as facades. */
export function metadataAt(home: MetadataHome, location: DeveloperMetadataLocationModel | null): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
  if (!location) return [];
  return home.spreadsheet.developerMetadata.filter((m) => visibleTo(m, home.ctx.options.scriptId) && sameLocation(m.location, location)).map((m) => metadataFacade(home, m));
}

export class DeveloperMetadataImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DeveloperMetadata> {
  constructor(
    private readonly _home: MetadataHome,
    readonly _model: DeveloperMetadataModel,
  ) {
    super('DeveloperMetadata', _home.ctx);
  }

  /** The metadata must still exist and be visible to this project (the Sheets API looks it up by id). */
  private _live(): DeveloperMetadataModel {
    if (!this._home.spreadsheet.developerMetadata.includes(this._model) || !visibleTo(this._model, this._home.ctx.options.scriptId)) {
      throw new AppsScriptException(`No developer metadata with ID ${this._model.id} exists.`);
    }
    return this._model;
  }

  getId(): number {
    return this._live().id;
  }
  getKey(): string {
    return this._live().key;
  }
  getValue(): string | null {
    return this._live().value;
  }

  getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return asGas(DEVELOPER_METADATA_VISIBILITY[this._live().visibility]);
  }

  getLocation(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation {
    return new DeveloperMetadataLocationImpl(this._home, this._live())._api();
  }

  setKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const m = this._live();
    const k = checkedKey(key);
    assertLocationSize(this._home.ctx, this._home.spreadsheet.developerMetadata, m.location, (x) => (x === m ? { ...m, key: k } : x));
    m.key = k;
    return this._api();
  }

  setValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const m = this._live();
    const v = value === undefined || value === null ? null : String(value);
    assertLocationSize(this._home.ctx, this._home.spreadsheet.developerMetadata, m.location, (x) => (x === m ? { ...m, value: v } : x));
    m.value = v;
    return this._api();
  }

  /**
   * Making metadata PROJECT-visible gives it to the project that does so (unverified:
   * otherwise it would vanish from the caller's own view).
   */
  setVisibility(visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const m = this._live();
    m.visibility = enumName(visibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
    if (m.visibility === 'PROJECT') m.projectId = this._home.ctx.options.scriptId;
    return this._api();
  }

  remove(): void {
    const m = this._live();
    this._home.spreadsheet.developerMetadata.splice(this._home.spreadsheet.developerMetadata.indexOf(m), 1);
  }
}

/**
 * Where a metadata is, read when asked: a row's metadata that moved since getLocation() was
 * called reports its new row.
 */
export class DeveloperMetadataLocationImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation> {
  constructor(
    private readonly _home: MetadataHome,
    private readonly _model: DeveloperMetadataModel,
  ) {
    super('DeveloperMetadataLocation', _home.ctx);
  }

  private _sheet(): SheetModel | null {
    const location = this._model.location;
    return location.type === 'SPREADSHEET' ? null : (this._home.spreadsheet.sheetById(location.sheetId) ?? null);
  }

  private _ref(sheet: SheetModel) {
    return { ctx: this._home.ctx, store: this._home.store, spreadsheet: this._home.spreadsheet, sheet };
  }

  getLocationType(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType {
    return asGas(DEVELOPER_METADATA_LOCATION_TYPE[this._model.location.type]);
  }

  getSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
    return this._model.location.type === 'SPREADSHEET' ? this._home.ctx.spreadsheets.spreadsheetFacade(this._home.spreadsheet.id) : null;
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    const sheet = this._sheet();
    return this._model.location.type === 'SHEET' && sheet ? sheetFacadeOf(this._ref(sheet)) : null;
  }

  getRow(): GoogleAppsScript.Spreadsheet.Range | null {
    const location = this._model.location;
    const sheet = this._sheet();
    if (location.type !== 'ROW' || !sheet) return null;
    return rangeFacade(this._ref(sheet), { row: location.index, column: 1, numRows: 1, numColumns: sheet.maxColumns });
  }

  getColumn(): GoogleAppsScript.Spreadsheet.Range | null {
    const location = this._model.location;
    const sheet = this._sheet();
    if (location.type !== 'COLUMN' || !sheet) return null;
    return rangeFacade(this._ref(sheet), { row: 1, column: location.index, numRows: sheet.maxRows, numColumns: 1 });
  }
}

/** What a finder searches: the whole spreadsheet, one sheet, or a range of one sheet. */
export type FinderScope = { kind: 'spreadsheet' } | { kind: 'sheet'; sheetId: number } | { kind: 'range'; sheetId: number; rect: GridRect };

/** Whether a row/column location lies wholly inside `rect` (or, intersecting, crosses it). */
function inRange(location: DeveloperMetadataLocationModel, scope: Extract<FinderScope, { kind: 'range' }>, sheet: SheetModel | undefined, intersecting: boolean): boolean {
  if (location.type !== 'ROW' && location.type !== 'COLUMN') return false;
  if (location.sheetId !== scope.sheetId || !sheet) return false;
  const { row, column, numRows, numColumns } = scope.rect;
  const rowInside = location.type === 'ROW' && location.index >= row && location.index < row + numRows;
  const columnInside = location.type === 'COLUMN' && location.index >= column && location.index < column + numColumns;
  if (intersecting) return rowInside || columnInside;
  // Wholly contained: the range spans the row's every column (the column's every row).
  if (rowInside) return column === 1 && numColumns === sheet.maxColumns;
  if (columnInside) return row === 1 && numRows === sheet.maxRows;
  return false;
}

/** Finds the metadata this project may see in its scope; criteria accumulate (the finder returns itself). */
export class DeveloperMetadataFinderImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder> {
  private _id: number | null = null;
  private _key: string | null = null;
  private _value: string | null = null;
  private _visibility: DeveloperMetadataVisibilityName | null = null;
  private _locationType: DeveloperMetadataLocationTypeName | null = null;
  private _intersecting = false;

  constructor(
    private readonly _home: MetadataHome,
    private readonly _scope: FinderScope = { kind: 'spreadsheet' },
  ) {
    super('DeveloperMetadataFinder', _home.ctx);
  }

  withId(id: number): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    const n = Number(id);
    if (!Number.isInteger(n)) throw new AppsScriptException('Invalid argument: id');
    this._id = n;
    return this._api();
  }

  withKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this._key = checkedKey(key);
    return this._api();
  }

  withValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this._value = String(value);
    return this._api();
  }

  withVisibility(visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this._visibility = enumName(visibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
    return this._api();
  }

  withLocationType(locationType: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this._locationType = enumName(locationType, DEVELOPER_METADATA_LOCATION_TYPE, 'locationType');
    return this._api();
  }

  /** Range finders: rows and columns crossing the range count, not only those wholly inside it. Elsewhere no effect. */
  onIntersectingLocations(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this._intersecting = true;
    return this._api();
  }

  private _inScope(m: DeveloperMetadataModel): boolean {
    const scope = this._scope;
    const location = m.location;
    if (scope.kind === 'spreadsheet') return true;
    if (scope.kind === 'sheet') return location.type !== 'SPREADSHEET' && location.sheetId === scope.sheetId;
    return inRange(location, scope, this._home.spreadsheet.sheetById(scope.sheetId), this._intersecting);
  }

  find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this._home.spreadsheet.developerMetadata
      .filter((m) => visibleTo(m, this._home.ctx.options.scriptId) && this._inScope(m))
      .filter(
        (m) =>
          (this._id === null || m.id === this._id) &&
          (this._key === null || m.key === this._key) &&
          (this._value === null || m.value === this._value) &&
          (this._visibility === null || m.visibility === this._visibility) &&
          (this._locationType === null || m.location.type === this._locationType),
      )
      .map((m) => metadataFacade(this._home, m));
  }
}

export function metadataFacade(home: MetadataHome, model: DeveloperMetadataModel): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
  return new DeveloperMetadataImpl(home, model)._api();
}

export function finderFacade(home: MetadataHome, scope: FinderScope): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
  return new DeveloperMetadataFinderImpl(home, scope)._api();
}

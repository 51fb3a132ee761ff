import { createHash } from 'node:crypto';
import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { ServiceObject } from '../core/facade';
import { asGas, enumName, enumTypeOf, makeEnum } from '../services/enums';
import { DeveloperMetadataModel, SpreadsheetModel } from './model';

/**
 * Developer metadata at the spreadsheet level (Spreadsheet.addDeveloperMetadata,
 * getDeveloperMetadata, createDeveloperMetadataFinder). Sheet, Range and row/column
 * metadata, getLocation() and the move* methods are not implemented.
 *
 * Sources:
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata (getValue() is null without a value)
 * - developers.google.com/apps-script/reference/spreadsheet/developer-metadata-visibility
 *   (DOCUMENT: any developer project with access to the document; PROJECT: only the
 *   project that created it — scoped here by EmulatorOptions.scriptId)
 * - developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.developerMetadata
 *   (metadataId: spreadsheet-scoped, positive, randomly generated when not given; keys need not be unique)
 *
 * The size limit per location (EmulatorOptions.developerMetadataCharsPerLocation,
 * default 30,000 characters of keys plus values) is UNVERIFIED: the Sheets API's
 * developer-metadata guide could not be read to confirm the figure; so is the
 * wording of its error and of the error for a removed metadata.
 */
export const DEVELOPER_METADATA_VISIBILITY = makeEnum('DeveloperMetadataVisibility', ['DOCUMENT', 'PROJECT'] as const);
export type DeveloperMetadataVisibilityName = keyof typeof DEVELOPER_METADATA_VISIBILITY;

export const DEFAULT_DEVELOPER_METADATA_CHARS_PER_LOCATION = 30000;

/** Whether `m` is visible to the running script project. */
export function visibleTo(m: DeveloperMetadataModel, scriptId: string): boolean {
  return m.visibility === 'DOCUMENT' || m.projectId === scriptId;
}

function locationSize(list: DeveloperMetadataModel[]): number {
  let n = 0;
  for (const m of list) n += m.key.length + (m.value ?? '').length;
  return n;
}

/** Throws when `next` (the location's metadata after a change) exceeds the limit. Counts every project's metadata there. */
function assertLocationSize(ctx: EmulatorContext, next: DeveloperMetadataModel[]): void {
  const limit = ctx.options.developerMetadataCharsPerLocation;
  if (locationSize(next) > limit) {
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

/** Adds spreadsheet-level metadata for the running project, enforcing the size limit. */
export function addSpreadsheetMetadata(
  ctx: EmulatorContext,
  spreadsheet: SpreadsheetModel,
  key: unknown,
  valueOrVisibility?: unknown,
  visibility?: unknown,
): DeveloperMetadataModel {
  const k = checkedKey(key);
  let value: string | null = null;
  let vis: DeveloperMetadataVisibilityName = 'DOCUMENT';
  // (key, visibility) and (key, value) are told apart as Apps Script does: by the argument's type.
  if (enumTypeOf(valueOrVisibility) === 'DeveloperMetadataVisibility') {
    if (visibility !== undefined) throw new AppsScriptException('Invalid argument: value');
    vis = enumName(valueOrVisibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
  } else {
    if (valueOrVisibility !== undefined && valueOrVisibility !== null) value = String(valueOrVisibility);
    if (visibility !== undefined) vis = enumName(visibility, DEVELOPER_METADATA_VISIBILITY, 'visibility');
  }
  const model: DeveloperMetadataModel = { id: 0, key: k, value, visibility: vis, projectId: ctx.options.scriptId };
  assertLocationSize(ctx, [...spreadsheet.developerMetadata, model]);
  model.id = nextId(spreadsheet);
  spreadsheet.developerMetadata.push(model);
  return model;
}

export class DeveloperMetadataImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DeveloperMetadata> {
  constructor(private readonly _ctx: EmulatorContext, private readonly _spreadsheet: SpreadsheetModel, readonly _model: DeveloperMetadataModel) {
    super('DeveloperMetadata', _ctx);
  }

  /** The metadata must still exist and be visible to this project (the Sheets API looks it up by id). */
  private _live(): DeveloperMetadataModel {
    if (!this._spreadsheet.developerMetadata.includes(this._model) || !visibleTo(this._model, this._ctx.options.scriptId)) {
      throw new AppsScriptException(`No developer metadata with ID ${this._model.id} exists.`);
    }
    return this._model;
  }

  getId(): number { return this._live().id; }
  getKey(): string { return this._live().key; }
  getValue(): string | null { return this._live().value; }

  getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return asGas(DEVELOPER_METADATA_VISIBILITY[this._live().visibility]);
  }

  setKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const m = this._live();
    const k = checkedKey(key);
    assertLocationSize(this._ctx, this._spreadsheet.developerMetadata.map((x) => (x === m ? { ...m, key: k } : x)));
    m.key = k;
    return this._api();
  }

  setValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const m = this._live();
    const v = value === undefined || value === null ? null : String(value);
    assertLocationSize(this._ctx, this._spreadsheet.developerMetadata.map((x) => (x === m ? { ...m, value: v } : x)));
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
    if (m.visibility === 'PROJECT') m.projectId = this._ctx.options.scriptId;
    return this._api();
  }

  remove(): void {
    const m = this._live();
    this._spreadsheet.developerMetadata.splice(this._spreadsheet.developerMetadata.indexOf(m), 1);
  }
}

/** Finds the spreadsheet's metadata visible to this project; criteria accumulate (the finder returns itself). */
export class DeveloperMetadataFinderImpl extends ServiceObject implements Partial<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder> {
  private _id: number | null = null;
  private _key: string | null = null;
  private _value: string | null = null;
  private _visibility: DeveloperMetadataVisibilityName | null = null;

  constructor(private readonly _ctx: EmulatorContext, private readonly _spreadsheet: SpreadsheetModel) {
    super('DeveloperMetadataFinder', _ctx);
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

  find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this._spreadsheet.developerMetadata
      .filter((m) => visibleTo(m, this._ctx.options.scriptId))
      .filter((m) => (this._id === null || m.id === this._id)
        && (this._key === null || m.key === this._key)
        && (this._value === null || m.value === this._value)
        && (this._visibility === null || m.visibility === this._visibility))
      .map((m) => metadataFacade(this._ctx, this._spreadsheet, m));
  }
}

export function metadataFacade(ctx: EmulatorContext, spreadsheet: SpreadsheetModel, model: DeveloperMetadataModel): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
  return new DeveloperMetadataImpl(ctx, spreadsheet, model)._api();
}

import { AppsScriptException } from '../core/errors';
import { GridRect } from './a1';
import { FormulaMirror } from './formula-mirror';
import { Grid } from './grid';
import { StoredValue } from './values';

/** Cell formatting the tracker uses. Shared (interned) objects: many cells point at one. */
export interface CellFormat {
  numberFormat?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontColor?: string;
  background?: string;
  horizontalAlignment?: string;
  wrap?: boolean;
}

export interface ValidationModel {
  /** A SpreadsheetApp.DataValidationCriteria name, e.g. "VALUE_IN_LIST". */
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface ProtectionModel {
  id: number;
  type: 'SHEET' | 'RANGE';
  sheetId: number;
  /** For RANGE protections. */
  rect: GridRect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  /** For SHEET protections: rectangles left editable. */
  unprotected: GridRect[];
}

/**
 * Where developer metadata is attached: the spreadsheet, a sheet, or one whole row or column
 * of a sheet (1-based `index`), which it follows as rows and columns move.
 */
export type DeveloperMetadataLocationModel = { type: 'SPREADSHEET' } | { type: 'SHEET'; sheetId: number } | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };

/** Developer metadata (spreadsheet/developer-metadata.ts). */
export interface DeveloperMetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  /** The script project (EmulatorOptions.scriptId) that created it: PROJECT metadata is visible only to it. */
  projectId: string;
  location: DeveloperMetadataLocationModel;
}

/** A range an embedded chart draws from: any sheet of the chart's own spreadsheet. */
export interface ChartRangeModel {
  sheetId: number;
  rect: GridRect;
}

/**
 * An embedded chart (spreadsheet/charts.ts): where it sits (anchor cell, 1-based, and pixel
 * offsets), what it draws (ranges, a Charts.ChartType name, the Google Charts options set on it)
 * and how the ranges are read. Plain JSON: snapshots and the workspace file copy it as it is.
 */
export interface ChartModel {
  /** EmbeddedChart.getChartId(): positive, spreadsheet-scoped. */
  id: number;
  sheetId: number;
  chartType: string;
  ranges: ChartRangeModel[];
  /** Option name (dotted, as setOption takes it: "hAxis.title") to a JSON value. */
  options: Record<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** Rows or columns treated as headers; negative: detected. */
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

export interface NamedRangeModel {
  name: string;
  sheetId: number;
  rect: GridRect;
}

export class SheetModel {
  readonly values = new Grid<StoredValue>();
  readonly formulas = new Grid<string>();
  readonly formats = new Grid<CellFormat>();
  readonly validations = new Grid<ValidationModel>();
  readonly notes = new Grid<string>();
  hidden = false;
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();

  constructor(
    readonly id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  /** Last row with a value or formula (Sheet.getLastRow). */
  lastRow(): number {
    return Math.max(this.values.lastRow(), this.formulas.lastRow());
  }

  lastColumn(): number {
    return Math.max(this.values.lastColumn(), this.formulas.lastColumn());
  }

  /** Each structural change goes through here so every per-cell grid moves together. */
  eachGrid(visit: (grid: Grid<unknown>) => void): void {
    for (const grid of [this.values, this.formulas, this.formats, this.validations, this.notes]) visit(grid as Grid<unknown>);
  }
}

export class SpreadsheetModel {
  readonly sheets: SheetModel[] = [];
  readonly namedRanges = new Map<string, NamedRangeModel>();
  readonly protections: ProtectionModel[] = [];
  readonly developerMetadata: DeveloperMetadataModel[] = [];
  /** Embedded charts of every sheet, in insertion order (spreadsheet/charts.ts). */
  readonly charts: ChartModel[] = [];
  readonly formulas: FormulaMirror;
  /** People the spreadsheet is shared with as editors (the owner is always one). */
  readonly collaborators: string[] = [];
  activeSheetId: number | null = null;
  /** Made by SpreadsheetApp.create: under `drive.file`, DriveApp reaches it (the add-on created it). */
  createdByScript = false;
  /** When a script created it (ISO, virtual clock; '' for the others): Drive's File.getDateCreated. */
  createdAt = '';
  /**
   * Whether its sharing is modelled: then only the owner, its collaborators and its viewers may
   * open it (SpreadsheetApp.openById/openByUrl), as Google's restricted sharing does. False for
   * spreadsheets whose sharing the emulator does not record (the tracker, whose teammates are
   * given roles, not Drive shares): anyone may open those.
   */
  restricted = false;
  /** People it is shared with to view (a restricted spreadsheet's readers). */
  readonly viewers: string[] = [];
  /**
   * Link sharing (DriveApp.Access / DriveApp.Permission names): who besides the people listed
   * may open it, and what they may do. A new file is PRIVATE (NONE).
   */
  link: { access: string; permission: string } = { access: 'PRIVATE', permission: 'NONE' };
  /**
   * Whether `user` is in the owner's Google Workspace domain (a protection with
   * domainEdit lets them edit). Set by the store from the people registry.
   */
  domainPeer: (user: string) => boolean = () => false;
  nextSheetId = 0;
  nextProtectionId = 1;
  /** Feeds developer metadata ids (random-looking, unique, reproducible). */
  nextMetadataSerial = 1;
  /** Feeds chart ids (random-looking, unique, reproducible). */
  nextChartSerial = 1;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    readonly owner: string,
  ) {
    this.formulas = new FormulaMirror(this);
  }

  /** Whether `user` may open it (see `restricted`). Google compares emails case-insensitively. */
  canOpen(user: string): boolean {
    if (!this.restricted || (this.link.permission !== 'NONE' && this.linkLets(user))) return true;
    const who = user.toLowerCase();
    return [this.owner, ...this.collaborators, ...this.viewers].some((e) => e.toLowerCase() === who);
  }

  /**
   * Whether `user` may change it: anyone where sharing is not modelled; else the owner, an editor,
   * or anyone the link lets in when it grants EDIT. A viewer may open and read, never write.
   */
  canWrite(user: string): boolean {
    if (!this.restricted) return true;
    const who = user.toLowerCase();
    if ([this.owner, ...this.collaborators].some((e) => e.toLowerCase() === who)) return true;
    return this.link.permission === 'EDIT' && this.linkLets(user);
  }

  /** Throws Google's message when `user` may only view it: every change a viewer tries (a tab renamed, a note, metadata…). */
  assertCanWrite(user: string): void {
    if (!this.canWrite(user)) throw new AppsScriptException(VIEW_ONLY_MESSAGE);
  }

  /** Whether the link sharing admits `user` (anyone; or, for DOMAIN*, people in the owner's Workspace domain). */
  private linkLets(user: string): boolean {
    const access = this.link.access;
    if (access === 'ANYONE' || access === 'ANYONE_WITH_LINK') return true;
    return (access === 'DOMAIN' || access === 'DOMAIN_WITH_LINK') && user !== '' && this.domainPeer(user);
  }

  editors(): string[] {
    return [this.owner, ...this.collaborators.filter((e) => e !== this.owner)];
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.activeSheetId ?? -1) ?? this.sheets.find((s) => !s.hidden) ?? this.sheets[0];
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    this.assertNameFree(name);
    const sheet = new SheetModel(this.nextSheetId++, name);
    this.sheets.splice(index, 0, sheet);
    this.formulas.onSheetAdded(sheet);
    return sheet;
  }

  assertNameFree(name: string, except?: SheetModel): void {
    if (!name.trim()) throw new AppsScriptException('Invalid argument: sheetName');
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
      throw new AppsScriptException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  renameSheet(sheet: SheetModel, name: string): void {
    this.assertNameFree(name, sheet);
    this.formulas.beforeStructureChange();
    const old = sheet.name;
    sheet.name = name;
    this.formulas.onSheetRenamed(old, name);
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new AppsScriptException("You can't remove all the sheets in a document.");
    this.formulas.beforeStructureChange();
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.protections.length - 1; i >= 0; i--) if (this.protections[i].sheetId === sheet.id) this.protections.splice(i, 1);
    for (const [name, nr] of this.namedRanges) if (nr.sheetId === sheet.id) this.namedRanges.delete(name);
    // "If the associated object is deleted its metadata is deleted too" (Sheets API, DeveloperMetadata).
    for (let i = this.developerMetadata.length - 1; i >= 0; i--) {
      const location = this.developerMetadata[i].location;
      if (location.type !== 'SPREADSHEET' && location.sheetId === sheet.id) this.developerMetadata.splice(i, 1);
    }
    removeChartsOfSheet(this, sheet.id);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0].id;
    this.formulas.onSheetRemoved(sheet);
  }

  /**
   * Whether `user` may edit what `p` protects: the owner, a listed editor, or anyone in
   * the owner's Workspace domain when domainEdit is on (Sheets API Editors.domainUsersCanEdit).
   * A warning-only protection stops nobody, but that is the caller's to decide.
   */
  canEditProtected(p: ProtectionModel, user: string): boolean {
    return user === this.owner || p.editors.includes(user) || (p.domainEdit && this.domainPeer(user));
  }

  /**
   * Throws Google's message when `user` may not edit any cell of `rect`: a
   * protection that is not warning-only and does not let the user edit. The owner
   * can always edit.
   */
  assertCanEdit(sheet: SheetModel, rect: GridRect, user: string): void {
    if (user === this.owner) return;
    if (!this.canWrite(user)) throw new AppsScriptException(VIEW_ONLY_MESSAGE);
    for (const p of this.protections) {
      if (p.sheetId !== sheet.id || p.warningOnly || this.canEditProtected(p, user)) continue;
      const covered = p.type === 'RANGE' ? p.rect !== null && intersects(p.rect, rect) : !p.unprotected.some((u) => contains(u, rect));
      if (covered) throw new AppsScriptException(PROTECTED_MESSAGE);
    }
  }

  /**
   * Moves named ranges, range protections and row/column developer metadata when rows/columns
   * are inserted or deleted; metadata of a deleted row or column is deleted with it.
   */
  shiftAnchors(sheet: SheetModel, axis: 'row' | 'column', at: number, delta: number): void {
    const dimension = axis === 'row' ? 'ROW' : 'COLUMN';
    for (let i = this.developerMetadata.length - 1; i >= 0; i--) {
      const location = this.developerMetadata[i].location;
      if (location.type !== dimension || location.sheetId !== sheet.id) continue;
      if (delta > 0) {
        if (location.index >= at) location.index += delta;
      } else if (location.index >= at + -delta) location.index += delta;
      else if (location.index >= at) this.developerMetadata.splice(i, 1);
    }
    const rects: GridRect[] = [];
    for (const nr of this.namedRanges.values()) if (nr.sheetId === sheet.id) rects.push(nr.rect);
    for (const p of this.protections) {
      if (p.sheetId !== sheet.id) continue;
      if (p.rect) rects.push(p.rect);
      rects.push(...p.unprotected);
    }
    for (const rect of rects) shiftRect(rect, axis, at, delta);
    shiftCharts(this, sheet.id, axis, at, delta);
  }
}

/** Google's refusal for a protected cell or object (a person's edit, a script's write, a protection change). */
export const PROTECTED_MESSAGE = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/**
 * The refusal of a write by someone who may only view the spreadsheet. Google's reference does not
 * document the wording; this is a guess modelled on its refusal to open a file (change it here).
 */
export const VIEW_ONLY_MESSAGE = 'You do not have permission to edit this document. Ask its owner to make you an editor.';

export function intersects(a: GridRect, b: GridRect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;
}

export function contains(outer: GridRect, inner: GridRect): boolean {
  return inner.row >= outer.row && inner.column >= outer.column && inner.row + inner.numRows <= outer.row + outer.numRows && inner.column + inner.numColumns <= outer.column + outer.numColumns;
}

/**
 * A deleted sheet takes its charts with it; a chart elsewhere loses the ranges it read from that
 * sheet (Sheets then shows it without that data). The second half is the emulator's reading.
 */
function removeChartsOfSheet(spreadsheet: SpreadsheetModel, sheetId: number): void {
  for (let i = spreadsheet.charts.length - 1; i >= 0; i--) {
    const chart = spreadsheet.charts[i];
    if (chart.sheetId === sheetId) spreadsheet.charts.splice(i, 1);
    else chart.ranges = chart.ranges.filter((r) => r.sheetId !== sheetId);
  }
}

/**
 * Rows or columns inserted or deleted: a chart's data ranges grow, shrink and move as named
 * ranges do, and a chart anchored at or after the change moves with its anchor cell (one whose
 * anchor row or column is deleted lands on the first row or column after the deletion), as an
 * over-the-grid object does in Sheets.
 */
function shiftCharts(spreadsheet: SpreadsheetModel, sheetId: number, axis: 'row' | 'column', at: number, delta: number): void {
  const anchorKey = axis === 'row' ? 'anchorRow' : 'anchorColumn';
  for (const chart of spreadsheet.charts) {
    for (const range of chart.ranges) if (range.sheetId === sheetId) shiftRect(range.rect, axis, at, delta);
    if (chart.sheetId !== sheetId) continue;
    const anchor = chart[anchorKey];
    if (delta > 0) {
      if (anchor >= at) chart[anchorKey] = anchor + delta;
    } else if (anchor >= at - delta) chart[anchorKey] = anchor + delta;
    else if (anchor >= at) chart[anchorKey] = Math.max(1, at);
  }
}

/** Adjusts a rectangle for `delta` rows/columns inserted (>0) or deleted (<0) at index `at`. */
function shiftRect(rect: GridRect, axis: 'row' | 'column', at: number, delta: number): void {
  const startKey = axis === 'row' ? 'row' : 'column';
  const sizeKey = axis === 'row' ? 'numRows' : 'numColumns';
  const start = rect[startKey];
  const end = start + rect[sizeKey] - 1;
  if (delta > 0) {
    if (at <= start) rect[startKey] += delta;
    else if (at <= end) rect[sizeKey] += delta;
    return;
  }
  const count = -delta;
  const delEnd = at + count - 1;
  if (delEnd < start) rect[startKey] -= count;
  else if (at <= end) {
    const removed = Math.min(end, delEnd) - Math.max(start, at) + 1;
    rect[sizeKey] = Math.max(1, rect[sizeKey] - removed);
    if (at < start) rect[startKey] = at;
  }
}

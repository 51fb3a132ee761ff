import { Grid } from './grid';
import { CellFormat, ChartModel, DeveloperMetadataModel, NamedRangeModel, ProtectionModel, SheetModel, SpreadsheetModel, ValidationModel } from './model';
import { StoredValue } from './values';

/** JSON form of a spreadsheet, for the local workspace's state file. Shared format objects are stored once. */
export interface SpreadsheetJson {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  collaborators: string[];
  activeSheetId: number | null;
  /** Absent (false) in workspaces saved before DriveApp reached spreadsheets scripts create. */
  createdByScript?: boolean;
  /** Absent (false, no viewers) in workspaces saved before sharing was modelled. */
  restricted?: boolean;
  viewers?: string[];
  /** Link sharing; absent: PRIVATE. */
  link?: { access: string; permission: string };
  createdAt?: string;
  nextSheetId: number;
  nextProtectionId: number;
  namedRanges: NamedRangeModel[];
  protections: ProtectionModel[];
  /** Absent in workspaces saved before developer metadata existed. */
  developerMetadata?: DeveloperMetadataModel[];
  nextMetadataSerial?: number;
  /** Absent in workspaces saved before embedded charts existed. */
  charts?: ChartModel[];
  nextChartSerial?: number;
  formats: CellFormat[];
  validations: ValidationModel[];
  sheets: Array<{
    id: number;
    name: string;
    hidden: boolean;
    frozenRows: number;
    frozenColumns: number;
    maxRows: number;
    maxColumns: number;
    tabColor: string | null;
    columnWidths: Array<[number, number]>;
    rowHeights: Array<[number, number]>;
    values: Array<[number, number, StoredValue]>;
    formulas: Array<[number, number, string]>;
    notes: Array<[number, number, string]>;
    /** Indexes into the shared `formats` / `validations` lists. */
    formatRefs: Array<[number, number, number]>;
    validationRefs: Array<[number, number, number]>;
  }>;
}

/** Gives each shared format (or validation) object its index in the list stored once per spreadsheet. */
class SharedList<T> {
  readonly list: T[] = [];
  private readonly index = new Map<T, number>();

  indexOf(item: T): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.list.push(item) - 1;
      this.index.set(item, i);
    }
    return i;
  }
}

type SheetJson = SpreadsheetJson['sheets'][number];

function spreadsheetHead(model: SpreadsheetModel) {
  return {
    id: model.id,
    name: model.name,
    timeZone: model.timeZone,
    locale: model.locale,
    owner: model.owner,
    collaborators: [...model.collaborators],
    activeSheetId: model.activeSheetId,
    createdByScript: model.createdByScript,
    restricted: model.restricted,
    viewers: [...model.viewers],
    link: { ...model.link },
    createdAt: model.createdAt,
    nextSheetId: model.nextSheetId,
    nextProtectionId: model.nextProtectionId,
    namedRanges: [...model.namedRanges.values()],
    protections: model.protections,
    developerMetadata: model.developerMetadata.map((m) => ({ ...m, location: { ...m.location } })),
    nextMetadataSerial: model.nextMetadataSerial,
    charts: structuredClone(model.charts),
    nextChartSerial: model.nextChartSerial,
  };
}

function sheetWithoutRefs(s: SheetModel): Omit<SheetJson, 'formatRefs' | 'validationRefs'> {
  return { ...sheetHead(s), values: s.values.toEntries(), formulas: s.formulas.toEntries(), notes: s.notes.toEntries() };
}

export function spreadsheetToJson(model: SpreadsheetModel): SpreadsheetJson {
  const formats = new SharedList<CellFormat>();
  const validations = new SharedList<ValidationModel>();
  return {
    ...spreadsheetHead(model),
    formats: formats.list,
    validations: validations.list,
    sheets: model.sheets.map((s) => ({
      ...sheetWithoutRefs(s),
      formatRefs: s.formats.toEntries().map(([r, c, f]) => [r, c, formats.indexOf(f)]),
      validationRefs: s.validations.toEntries().map(([r, c, v]) => [r, c, validations.indexOf(v)]),
    })),
  };
}

/**
 * Exactly JSON.stringify(spreadsheetToJson(model)), written faster: a set-up tracker
 * has a format reference for most of its thousands of cells, and writing those
 * [row, column, index] triples straight to text (rather than as arrays for
 * JSON.stringify to walk) is most of the saving. The local workspace saves after every
 * change, and most changes touch a few cells of one tab: the text of a grid that has not
 * changed since the last save is reused (TextCache), so a save costs the changed grids.
 */
export function spreadsheetToJsonText(model: SpreadsheetModel): string {
  const formats = new SharedList<CellFormat>();
  const validations = new SharedList<ValidationModel>();
  const sheets = model.sheets.map((s) => {
    const head = JSON.stringify(sheetHead(s));
    const cells = `"values":${gridText(s.values)},"formulas":${gridText(s.formulas)},"notes":${gridText(s.notes)}`;
    return `${head.slice(0, -1)},${cells},"formatRefs":${refsText(s.formats, formats)},"validationRefs":${refsText(s.validations, validations)}}`;
  });
  const head = JSON.stringify({ ...spreadsheetHead(model), formats: formats.list, validations: validations.list });
  return `${head.slice(0, -1)},"sheets":[${sheets.join(',')}]}`;
}

/** sheetWithoutRefs up to its cells (which follow it in the same order). */
function sheetHead(s: SheetModel): Omit<SheetJson, 'values' | 'formulas' | 'notes' | 'formatRefs' | 'validationRefs'> {
  return {
    id: s.id,
    name: s.name,
    hidden: s.hidden,
    frozenRows: s.frozenRows,
    frozenColumns: s.frozenColumns,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    tabColor: s.tabColor,
    columnWidths: [...s.columnWidths],
    rowHeights: [...s.rowHeights],
  };
}

/** A grid's saved text and the grid version it was made from. */
const gridTexts = new WeakMap<Grid<unknown>, { version: number; text: string }>();

function gridText(grid: Grid<unknown>): string {
  const cached = gridTexts.get(grid);
  if (cached && cached.version === grid.version) return cached.text;
  const text = JSON.stringify(grid.toEntries());
  gridTexts.set(grid, { version: grid.version, text });
  return text;
}

/**
 * A reference grid's text depends on the shared list as it stood when the grid was reached (the
 * indexes it hands out): the text is reused when the grid is unchanged and the list then held
 * exactly the objects it held last time, and the objects the grid added are added again in order.
 */
const refTexts = new WeakMap<Grid<unknown>, { version: number; before: unknown[]; added: unknown[]; text: string }>();

function refsText<T>(grid: Grid<T>, shared: SharedList<T>): string {
  const cached = refTexts.get(grid as Grid<unknown>);
  if (cached && cached.version === grid.version && sameItems(cached.before, shared.list)) {
    for (const item of cached.added as T[]) shared.indexOf(item);
    return cached.text;
  }
  const before = shared.list.slice();
  const parts: string[] = [];
  grid.forEach((r, c, v) => parts.push(`[${r},${c},${shared.indexOf(v)}]`));
  const text = `[${parts.join(',')}]`;
  refTexts.set(grid as Grid<unknown>, { version: grid.version, before, added: shared.list.slice(before.length), text });
  return text;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function spreadsheetFromJson(json: SpreadsheetJson): SpreadsheetModel {
  const model = new SpreadsheetModel(json.id, json.name, json.timeZone, json.locale, json.owner);
  model.collaborators.push(...json.collaborators);
  model.activeSheetId = json.activeSheetId;
  model.createdByScript = json.createdByScript === true;
  model.restricted = json.restricted === true;
  model.viewers.push(...(json.viewers ?? []));
  model.createdAt = json.createdAt ?? '';
  if (json.link) model.link = { access: String(json.link.access), permission: String(json.link.permission) };
  model.nextSheetId = json.nextSheetId;
  model.nextProtectionId = json.nextProtectionId;
  for (const nr of json.namedRanges) model.namedRanges.set(nr.name, nr);
  model.protections.push(...json.protections);
  // Saved before metadata had locations: all of it was the spreadsheet's.
  model.developerMetadata.push(...(json.developerMetadata ?? []).map((m) => ({ ...m, location: m.location ? { ...m.location } : { type: 'SPREADSHEET' as const } })));
  model.nextMetadataSerial = json.nextMetadataSerial ?? model.developerMetadata.length + 1;
  model.charts.push(...structuredClone(json.charts ?? []));
  model.nextChartSerial = json.nextChartSerial ?? model.charts.length + 1;
  for (const s of json.sheets) {
    const sheet = new SheetModel(s.id, s.name, s.maxRows, s.maxColumns);
    Object.assign(sheet, { hidden: s.hidden, frozenRows: s.frozenRows, frozenColumns: s.frozenColumns, tabColor: s.tabColor });
    for (const [c, w] of s.columnWidths) sheet.columnWidths.set(c, w);
    for (const [r, h] of s.rowHeights) sheet.rowHeights.set(r, h);
    copyInto(sheet.values, s.values);
    copyInto(sheet.formulas, s.formulas);
    copyInto(sheet.notes, s.notes);
    for (const [r, c, i] of s.formatRefs) sheet.formats.set(r, c, json.formats[i]);
    for (const [r, c, i] of s.validationRefs) sheet.validations.set(r, c, json.validations[i]);
    model.sheets.push(sheet);
  }
  // The formula engine is built when first needed (FormulaMirror.beforeStructureChange says when), not here.
  return model;
}

function copyInto<T>(grid: Grid<T>, entries: Array<[number, number, T]>): void {
  for (const [r, c, v] of entries) grid.set(r, c, v);
}

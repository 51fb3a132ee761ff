import { Grid } from './grid';
import { SheetModel, SpreadsheetModel } from './model';

/**
 * A deep copy of a spreadsheet for an emulator snapshot (core/snapshot.ts), made without going
 * through its JSON form: copying the grids row by row is what makes a restore cheap. Cell
 * formats and validation rules are shared, as cells already share them: the emulator replaces
 * them, never changes one in place. The formula engine is not copied; the copy builds its own
 * when first needed (FormulaMirror).
 */
export function cloneSpreadsheet(model: SpreadsheetModel): SpreadsheetModel {
  assertKnownFields(model, SPREADSHEET_FIELDS, 'spreadsheet');
  const copy = new SpreadsheetModel(model.id, model.name, model.timeZone, model.locale, model.owner);
  copy.collaborators.push(...model.collaborators);
  copy.activeSheetId = model.activeSheetId;
  copy.createdByScript = model.createdByScript;
  copy.restricted = model.restricted;
  copy.viewers.push(...model.viewers);
  copy.link = { ...model.link };
  copy.createdAt = model.createdAt;
  copy.nextSheetId = model.nextSheetId;
  copy.nextProtectionId = model.nextProtectionId;
  copy.nextMetadataSerial = model.nextMetadataSerial;
  copy.nextChartSerial = model.nextChartSerial;
  for (const [name, range] of model.namedRanges) copy.namedRanges.set(name, structuredClone(range));
  copy.protections.push(...structuredClone(model.protections));
  copy.developerMetadata.push(...structuredClone(model.developerMetadata));
  copy.charts.push(...structuredClone(model.charts));
  copy.sheets.push(...model.sheets.map(cloneSheet));
  return copy;
}

function cloneSheet(sheet: SheetModel): SheetModel {
  assertKnownFields(sheet, SHEET_FIELDS, 'sheet');
  const copy = new SheetModel(sheet.id, sheet.name, sheet.maxRows, sheet.maxColumns);
  Object.assign(copy, { hidden: sheet.hidden, frozenRows: sheet.frozenRows, frozenColumns: sheet.frozenColumns, tabColor: sheet.tabColor });
  for (const [column, width] of sheet.columnWidths) copy.columnWidths.set(column, width);
  for (const [row, height] of sheet.rowHeights) copy.rowHeights.set(row, height);
  const grids: Record<GridField, Grid<unknown>> = {
    values: sheet.values.clone(),
    formulas: sheet.formulas.clone(),
    formats: sheet.formats.clone(),
    validations: sheet.validations.clone(),
    notes: sheet.notes.clone(),
  };
  return Object.assign(copy, grids);
}

type GridField = 'values' | 'formulas' | 'formats' | 'validations' | 'notes';

// Every field the copies above carry: a field added to a model later fails here until the copy carries it too.
const SPREADSHEET_FIELDS = new Set([
  'id',
  'name',
  'timeZone',
  'locale',
  'owner',
  'sheets',
  'namedRanges',
  'protections',
  'developerMetadata',
  'charts',
  'formulas',
  'collaborators',
  'activeSheetId',
  'createdByScript',
  'restricted',
  'viewers',
  'link',
  'createdAt',
  'domainPeer',
  'nextSheetId',
  'nextProtectionId',
  'nextMetadataSerial',
  'nextChartSerial',
]);
const SHEET_FIELDS = new Set([
  'id',
  'name',
  'maxRows',
  'maxColumns',
  'values',
  'formulas',
  'formats',
  'validations',
  'notes',
  'hidden',
  'frozenRows',
  'frozenColumns',
  'tabColor',
  'columnWidths',
  'rowHeights',
]);

function assertKnownFields(object: object, known: Set<string>, what: string): void {
  const unknown = Object.keys(object).filter((key) => !known.has(key));
  if (unknown.length) throw new Error(`emulator: a ${what} snapshot does not copy ${unknown.join(', ')} (spreadsheet/clone.ts)`);
}

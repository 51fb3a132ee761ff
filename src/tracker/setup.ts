import * as z from 'zod/mini';
import { MAX_MONEY_CENTS, MAX_MONEY_TEXT } from '../domain/fields';
import { SETTING_DEFS } from '../domain/settings';
import { DEFAULT_PRODUCTS, DEFAULT_REGIONS } from '../domain/enums';
import { ColumnPositions, dashboardMetrics } from './dashboard';
import { ColumnDef, SCHEMA_VERSION, TabDef, TabKey, numberFormatFor, tabsAt } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SCHEMA_VERSION_PROPERTY = 'tracker.schemaVersion';
const HEADER_BACKGROUND = '#e8f0fe';

export interface SetupReport {
  fromVersion: number | null;
  toVersion: number;
  /** What this run changed; empty when the tracker was already current. */
  changes: string[];
  /** Things noticed and left alone (e.g. columns the tracker does not know). */
  notices: string[];
}

const storedVersion = z.coerce.number().check(z.int(), z.positive());

export function readSchemaVersion(properties: GoogleAppsScript.Properties.Properties): number | null {
  const raw = properties.getProperty(SCHEMA_VERSION_PROPERTY);
  if (raw === null) return null;
  const parsed = storedVersion.safeParse(raw);
  if (!parsed.success) throw new Error(`The tracker's schema version property holds "${raw}", which is not a version number.`);
  return parsed.data;
}

/**
 * Creates or upgrades every tracker tab in place. Idempotent: a second run
 * changes nothing. Upgrades only add: missing tabs, and missing columns appended
 * after the last used column, so no user row or column ever moves. Tabs that
 * are not the tracker's are never touched. Spreadsheet calls depend on the
 * number of tabs and columns, never on the number of rows.
 */
export function setUpTracker(
  ss: Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  options: { targetVersion?: number } = {},
): SetupReport {
  const target = options.targetVersion ?? SCHEMA_VERSION;
  const fromVersion = readSchemaVersion(properties);
  if (fromVersion !== null && fromVersion > target) {
    throw new Error(
      `This spreadsheet was set up by a newer version of the tracker (schema ${fromVersion}); this add-on knows schema ${target}. Update the add-on, then run setup again.`,
    );
  }
  const changes: string[] = [];
  const notices: string[] = [];
  const sheetsByName = new Map<string, Sheet>();
  for (const sheet of ss.getSheets()) sheetsByName.set(sheet.getName(), sheet);
  let sheetCount = sheetsByName.size;
  const positions = new Map<TabKey, Map<string, number>>();
  const defs = tabsAt(target);
  const rules = new RuleCache();
  let lists: Sheet | null = null;
  const headers = readHeaders(defs, sheetsByName);
  assertNoForeignTabs(defs, headers);

  for (const def of defs) {
    let sheet = sheetsByName.get(def.name);
    const created = !sheet;
    if (!sheet) {
      sheet = ss.insertSheet(def.name, sheetCount++);
      sheetsByName.set(def.name, sheet);
      changes.push(`Created tab ${def.name}.`);
    }
    const size = new SheetSize(sheet);
    const tabChanges = ensureColumns(sheet, size, def, created ? [] : (headers.get(def.name) as string[]), { lists, rules }, positions, notices);
    if (tabChanges.length && !created) changes.push(`${def.name}: added column${tabChanges.length > 1 ? 's' : ''} ${tabChanges.join(', ')}.`);
    if (created || !headers.get(def.name)?.length) {
      sheet.setFrozenRows(1);
      if (def.tabColor) sheet.setTabColor(def.tabColor);
      if (def.key === 'lists') writeDefaultLists(sheet, positions.get('lists') as Map<string, number>);
    }
    if (def.key === 'lists') lists = sheet;
  }

  const settings = sheetsByName.get('Settings') as Sheet;
  const added = ensureSettingsRows(settings, positions.get('settings') as Map<string, number>);
  if (added.length) changes.push(`Settings: added ${added.join(', ')}.`);
  if (ensureDashboard(sheetsByName.get('Dashboard') as Sheet, positions)) changes.push('Dashboard: wrote the metric formulas.');

  if (fromVersion !== target) {
    properties.setProperty(SCHEMA_VERSION_PROPERTY, String(target));
    changes.push(fromVersion === null ? `Set up schema version ${target}.` : `Upgraded schema version ${fromVersion} to ${target}.`);
  }
  return { fromVersion, toVersion: target, changes, notices };
}

/** A sheet's row and column counts, each read at most once per setup run (every read is a round trip). */
class SheetSize {
  private cachedRows: number | null = null;
  private cachedColumns: number | null = null;

  constructor(private readonly sheet: Sheet) {}

  get rows(): number {
    if (this.cachedRows === null) this.cachedRows = this.sheet.getMaxRows();
    return this.cachedRows;
  }

  get columns(): number {
    if (this.cachedColumns === null) this.cachedColumns = this.sheet.getMaxColumns();
    return this.cachedColumns;
  }

  /** Grows the sheet to at least `columns` columns. */
  ensureColumns(columns: number): void {
    if (columns <= this.columns) return;
    this.sheet.insertColumnsAfter(this.columns, columns - this.columns);
    this.cachedColumns = columns;
  }
}

/** Header rows of the tracker's tabs that exist already (an empty tab has an empty header). */
function readHeaders(defs: TabDef[], sheetsByName: Map<string, Sheet>): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const def of defs) {
    const sheet = sheetsByName.get(def.name);
    if (!sheet) continue;
    const lastColumn = sheet.getLastColumn();
    headers.set(def.name, lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0].map((h) => h.trim()) : []);
  }
  return headers;
}

/**
 * A tab with a tracker tab's name but none of its columns is someone else's
 * (their own "Settings" or "Dashboard"): setup stops before changing anything
 * rather than write into it.
 */
function assertNoForeignTabs(defs: TabDef[], headers: Map<string, string[]>): void {
  const foreign = defs.filter((def) => {
    const header = headers.get(def.name);
    return header && header.some(Boolean) && !def.columns.some((col) => header.includes(col.header));
  });
  if (foreign.length) {
    const names = foreign.map((d) => `"${d.name}"`).join(', ');
    throw new Error(
      `This spreadsheet already has ${foreign.length > 1 ? 'tabs' : 'a tab'} named ${names} that ${foreign.length > 1 ? 'are' : 'is'} not part of the tracker ` +
        `(none of the tracker's columns are in ${foreign.length > 1 ? 'their' : 'its'} header). Rename ${foreign.length > 1 ? 'them' : 'it'}, then run setup again. Nothing was changed.`,
    );
  }
}

/** Adds the columns the sheet lacks (by header text) after its last used column; records where every column is. */
function ensureColumns(
  sheet: Sheet, size: SheetSize, def: TabDef, header: string[], validation: ValidationSources,
  positions: Map<TabKey, Map<string, number>>, notices: string[],
): string[] {
  const map = new Map<string, number>();
  const missing: ColumnDef[] = [];
  for (const col of def.columns) {
    const at = header.indexOf(col.header);
    if (at >= 0) map.set(col.key, at + 1);
    else missing.push(col);
  }
  const known = new Set(def.columns.map((col) => col.header));
  for (const h of header) if (h && !known.has(h)) notices.push(`${def.name}: column "${h}" is not part of the tracker; left as it is.`);
  positions.set(def.key, map);
  if (missing.length === 0) return [];

  const start = header.length + 1;
  const end = start + missing.length - 1;
  size.ensureColumns(end);
  missing.forEach((col, i) => map.set(col.key, start + i));

  const headerRange = sheet.getRange(1, start, 1, missing.length);
  headerRange.setValues([missing.map((col) => col.header)]);
  headerRange.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  setWidths(sheet, start, missing);
  missing.forEach((col, i) => col.note && sheet.getRange(1, start + i).setNote(col.note));
  if (def.kind === 'table') formatDataColumns(sheet, size.rows, start, missing, validation, positions.get('lists'));
  return missing.map((col) => col.header);
}

/** Adjacent columns of the same width take one call. */
function setWidths(sheet: Sheet, start: number, columns: ColumnDef[]): void {
  let i = 0;
  while (i < columns.length) {
    const width = columns[i].width;
    let j = i + 1;
    while (j < columns.length && columns[j].width === width) j++;
    if (width) {
      if (j - i === 1) sheet.setColumnWidth(start + i, width);
      else sheet.setColumnWidths(start + i, j - i, width);
    }
    i = j;
  }
}

interface ValidationSources {
  lists: Sheet | null;
  rules: RuleCache;
}

/** One built rule per distinct rule in a setup run: building one costs five calls. */
class RuleCache {
  private readonly built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();

  get(key: string, build: () => GoogleAppsScript.Spreadsheet.DataValidation): GoogleAppsScript.Spreadsheet.DataValidation {
    let rule = this.built.get(key);
    if (!rule) this.built.set(key, (rule = build()));
    return rule;
  }
}

/** Number formats and dropdowns for a contiguous block of new columns: one call each, whatever the row count. */
function formatDataColumns(
  sheet: Sheet, maxRows: number, start: number, columns: ColumnDef[], validation: ValidationSources, listPositions: Map<string, number> | undefined,
): void {
  const rows = maxRows - 1;
  if (rows < 1) return;
  const block = sheet.getRange(2, start, rows, columns.length);
  const formats = columns.map((col) => numberFormatFor(col.type) ?? '0.###############');
  block.setNumberFormats(Array.from({ length: rows }, () => formats));
  const rules = columns.map((col) => validationFor(col, validation, listPositions));
  if (rules.some((r) => r !== null)) block.setDataValidations(Array.from({ length: rows }, () => rules));
}

function validationFor(
  col: ColumnDef, { lists, rules }: ValidationSources, listPositions: Map<string, number> | undefined,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  if (col.choices && 'fixed' in col.choices) {
    const values = [...col.choices.fixed];
    return rules.get(`list:${values.join('|')}`, () =>
      SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false)
        .setHelpText(`Choose one of: ${values.join(', ')}.`).build());
  }
  if (col.choices && 'list' in col.choices) {
    const listKey = col.choices.list;
    const listColumn = listPositions?.get(listKey);
    if (!lists || !listColumn) return null;
    const source = lists;
    return rules.get(`range:${listKey}`, () =>
      SpreadsheetApp.newDataValidation().requireValueInRange(source.getRange(2, listColumn, source.getMaxRows() - 1, 1), true)
        .setAllowInvalid(false).setHelpText(`Choose a value from the ${listKey} list on the Lists tab.`).build());
  }
  if (col.computed) return null;
  const typed = TYPE_RULES[col.type];
  return typed ? rules.get(`type:${col.type}`, typed) : null;
}

/** Checks for typed columns people fill in. Emails only warn: a partner's odd address should not block a save. */
const TYPE_RULES: Partial<Record<ColumnDef['type'], () => GoogleAppsScript.Spreadsheet.DataValidation>> = {
  email: () => SpreadsheetApp.newDataValidation().requireTextIsEmail().setAllowInvalid(true).setHelpText('Enter an email address such as name@company.com.').build(),
  money: () => SpreadsheetApp.newDataValidation().requireNumberBetween(0, MAX_MONEY_CENTS / 100).setAllowInvalid(false).setHelpText(`Enter an amount from 0 to ${MAX_MONEY_TEXT}.`).build(),
  integer: () => SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).setHelpText('Enter a whole number of 0 or more.').build(),
  percent: () => SpreadsheetApp.newDataValidation().requireNumberBetween(0, 1).setAllowInvalid(false).setHelpText('Enter a percentage between 0% and 100%.').build(),
  date: () => SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText('Enter a date, e.g. 2026-03-31.').build(),
};

function writeDefaultLists(sheet: Sheet, map: Map<string, number>): void {
  const lists: Array<[string, readonly string[]]> = [['products', DEFAULT_PRODUCTS], ['regions', DEFAULT_REGIONS]];
  const width = Math.max(...map.values());
  const height = Math.max(...lists.map(([, v]) => v.length));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  for (const [key, values] of lists) values.forEach((v, i) => (grid[i][(map.get(key) as number) - 1] = v));
  sheet.getRange(2, 1, height, width).setValues(grid);
}

/** Adds rows for settings the tab lacks, with their defaults; never changes a value someone set. */
function ensureSettingsRows(sheet: Sheet, map: Map<string, number>): string[] {
  const keyColumn = map.get('key') as number;
  const lastRow = sheet.getLastRow();
  const present = new Set(
    lastRow > 1 ? sheet.getRange(2, keyColumn, lastRow - 1, 1).getDisplayValues().map((r) => r[0].trim()) : [],
  );
  const missing = SETTING_DEFS.filter((d) => !present.has(d.label));
  if (missing.length === 0) return [];
  const width = Math.max(...map.values());
  const rows = missing.map((d) => {
    const row = new Array<string>(width).fill('');
    row[keyColumn - 1] = d.label;
    row[(map.get('value') as number) - 1] = d.defaultValue;
    row[(map.get('description') as number) - 1] = d.description;
    return row;
  });
  sheet.getRange(Math.max(lastRow, 1) + 1, 1, rows.length, width).setValues(rows);
  return missing.map((d) => d.label);
}

/** Writes the Dashboard's labels and formulas unless they are already exactly right. */
function ensureDashboard(sheet: Sheet, positions: ColumnPositions): boolean {
  const metrics = dashboardMetrics(positions);
  const dash = positions.get('dashboard') as Map<string, number>;
  const labelColumn = dash.get('metric') as number;
  const valueColumn = dash.get('value') as number;
  const width = Math.max(labelColumn, valueColumn);
  const range = sheet.getRange(2, 1, metrics.length, width);
  const formulas = range.getFormulas();
  const labels = range.getDisplayValues();
  const current = metrics.every((m, i) => labels[i][labelColumn - 1] === m.label && formulas[i][valueColumn - 1] === m.formula);
  if (current) return false;
  range.setValues(metrics.map((m) => {
    const row = new Array<string>(width).fill('');
    row[labelColumn - 1] = m.label;
    row[valueColumn - 1] = m.formula;
    return row;
  }));
  sheet.getRange(2, valueColumn, metrics.length, 1).setNumberFormats(metrics.map((m) => [m.format]));
  return true;
}

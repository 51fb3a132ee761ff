import { MAX_MONEY_CENTS, MAX_MONEY_TEXT } from '../domain/fields';
import { SETTING_DEFS } from '../domain/settings';
import { DEFAULT_PRODUCTS, DEFAULT_REGIONS } from '../domain/enums';
import { DEFAULT_TIERS } from '../domain/tiers/tiers';
import { ensureDashboardChooser } from './dashboard';
import { looksForeign } from './identity';
import { columnNote } from './column-notes';
import { ColumnDef, SCHEMA_VERSION, TabDef, TabKey, numberFormatFor, tabsAt } from './schema';
import { ColumnTags, TabPlan, markColumn, markTab, planColumns, readColumnTags, resolveTabs } from './setup-identity';

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

export function readSchemaVersion(properties: GoogleAppsScript.Properties.Properties): number | null {
  const raw = properties.getProperty(SCHEMA_VERSION_PROPERTY);
  if (raw === null) return null;
  // A positive whole number, as zod's coerce.number() with int() and positive() read it (not zod's coerce:
  // its namespace would ship zod's bigint, boolean and date schemas in Code.js for this one line).
  const version = Number(raw);
  if (!Number.isSafeInteger(version) || version <= 0) throw new Error(`The tracker's schema version property holds "${raw}", which is not a version number.`);
  return version;
}

/**
 * Creates or upgrades every tracker tab in place. Idempotent: a second run
 * changes nothing. Upgrades only add: missing tabs, and missing columns appended
 * after the last used column, so no user row or column ever moves. Tabs that
 * are not the tracker's are never touched. Spreadsheet calls depend on the
 * number of tabs and columns, never on the number of rows.
 */
export function setUpTracker(ss: Spreadsheet, properties: GoogleAppsScript.Properties.Properties, options: { targetVersion?: number } = {}): SetupReport {
  const target = options.targetVersion ?? SCHEMA_VERSION;
  const fromVersion = readSchemaVersion(properties);
  if (fromVersion !== null && fromVersion > target) {
    throw new Error(`This spreadsheet was set up by a newer version of the tracker (schema ${fromVersion}); this add-on knows schema ${target}. Update the add-on, then run setup again.`);
  }
  const changes: string[] = [];
  const defs = tabsAt(target);
  const existing = ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName() }));
  let sheetCount = existing.length;
  // Which sheet is which tab, decided before anything is written (a renamed tab is found by its identity).
  const { plans, renames, notices } = resolveTabs(ss, defs, existing);
  const headers = readHeaders(plans);
  assertNoForeignTabs(defs, plans, headers);

  for (const r of renames) {
    r.sheet.setName(r.to);
    if (r.final) changes.push(`Renamed tab "${r.was}" back to ${r.to}: it is the tracker's ${r.to} tab.`);
  }
  const sheets = new Map<TabKey, Sheet>();
  const positions = new Map<TabKey, Map<string, number>>();
  const rules = new RuleCache();
  const marked: string[] = [];
  const refreshedTabs: string[] = [];
  const notedTabs: string[] = [];
  const upgrading = fromVersion !== null && fromVersion !== target;
  let lists: Sheet | null = null;
  let tierRulesDue = false;
  for (const def of defs) {
    const plan = plans.get(def.key) as TabPlan;
    let sheet = plan.sheet;
    const created = !sheet;
    if (!sheet) {
      sheet = ss.insertSheet(def.name, sheetCount++);
      changes.push(`Created tab ${def.name}.`);
    }
    sheets.set(def.key, sheet);
    if (created && (def.key === 'tiers' || def.key === 'partners' || def.key === 'rules')) tierRulesDue = true;
    const size = new SheetSize(sheet);
    const header = headers.get(def.key) ?? [];
    const tags = created ? { complete: false, tags: [] } : readColumnTags(sheet, size.rows, size.columns, def, header);
    const cols = ensureColumns(sheet, size, def, header, tags, { lists, rules }, positions, notices);
    // An upgrade may change a column's rule (a new status, a bound on amounts): existing columns get the current one.
    if (upgrading && !created && def.kind === 'table') {
      const refreshed = refreshRules(sheet, size.rows, def, positions, cols.added, { lists, rules });
      if (refreshed) refreshedTabs.push(def.name);
    }
    if (!created && notesOutOfDate(sheet, def, positions.get(def.key) as Map<string, number>)) notedTabs.push(def.name);
    if (cols.added.length && !created) changes.push(`${def.name}: added column${cols.added.length > 1 ? 's' : ''} ${cols.added.join(', ')}.`);
    if (cols.retitled.length) changes.push(`${def.name}: put back the header${cols.retitled.length > 1 ? 's' : ''} ${cols.retitled.join(', ')} (found by the column's identity).`);
    if (created || !header.length) {
      sheet.setFrozenRows(1);
      if (def.tabColor) sheet.setTabColor(def.tabColor);
      if (def.key === 'lists') writeDefaultLists(sheet, positions.get('lists') as Map<string, number>);
      if (def.key === 'tiers') writeDefaultTiers(sheet, positions.get('tiers') as Map<string, number>);
    }
    if (def.key === 'lists') lists = sheet;
    if (!plan.identified) markTab(sheet, def.key);
    for (const copy of plan.copies) {
      copy.metadata.remove();
      changes.push(`${def.name}: the tab "${copy.name}" also said it was the tracker's ${def.name} tab (a copy); it no longer does.`);
    }
    if (!created && (!plan.identified || cols.marked.length)) {
      const parts = plan.identified ? [] : ['the tab'];
      if (cols.marked.length === def.columns.length - cols.added.length) parts.push('its columns');
      else if (cols.marked.length) parts.push(`column${cols.marked.length > 1 ? 's' : ''} ${cols.marked.join(', ')}`);
      marked.push(`${def.name} (${parts.join(' and ')})`);
    }
  }
  // The Tier dropdowns follow the Tiers tab (built after the tabs that use them): set where a tab is new, and on an upgrade.
  if (tierRulesDue || upgrading) setTierDropdowns(sheets, positions);
  if (notedTabs.length) changes.push(`Wrote the notes that explain each column on the header cells: ${notedTabs.join(', ')}.`);
  if (refreshedTabs.length) changes.push(`Brought the dropdowns and checks of existing columns up to date: ${refreshedTabs.join(', ')}.`);
  if (marked.length) changes.push(`Gave the tracker's tabs and columns their identity, so a renamed tab or header is still found: ${marked.join('; ')}.`);

  const added = ensureSettingsRows(sheets.get('settings') as Sheet, positions.get('settings') as Map<string, number>, fromVersion !== null);
  if (added.length) changes.push(`Settings: added ${added.join(', ')}.`);
  if (fromVersion !== null && added.includes('Tier review'))
    changes.push('Tier review is Off on this upgraded tracker: check the Tiers tab, then set Tier review in Settings to Monthly or Quarterly.');
  if (ensureDashboardChooser(sheets.get('dashboard') as Sheet)) changes.push('Dashboard: wrote the period chooser (the figures are computed by "Refresh dashboard" and the hourly run).');

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
function readHeaders(plans: Map<TabKey, TabPlan>): Map<TabKey, string[]> {
  const headers = new Map<TabKey, string[]>();
  for (const [key, plan] of plans) {
    const sheet = plan.sheet;
    if (!sheet) continue;
    const lastColumn = sheet.getLastColumn();
    headers.set(
      key,
      lastColumn > 0
        ? sheet
            .getRange(1, 1, 1, lastColumn)
            .getDisplayValues()[0]
            .map((h) => h.trim())
        : [],
    );
  }
  return headers;
}

/**
 * A tab with a tracker tab's name but none of its columns, and no identity of
 * the tracker's, is someone else's (their own "Settings" or "Dashboard"):
 * setup stops before changing anything rather than write into it.
 */
function assertNoForeignTabs(defs: TabDef[], plans: Map<TabKey, TabPlan>, headers: Map<TabKey, string[]>): void {
  const foreign = defs.filter((def) => {
    const header = headers.get(def.key);
    return !plans.get(def.key)?.identified && header && looksForeign(def, header);
  });
  if (foreign.length) {
    const names = foreign.map((d) => `"${d.name}"`).join(', ');
    throw new Error(
      `This spreadsheet already has ${foreign.length > 1 ? 'tabs' : 'a tab'} named ${names} that ${foreign.length > 1 ? 'are' : 'is'} not part of the tracker ` +
        `(none of the tracker's columns are in ${foreign.length > 1 ? 'their' : 'its'} header). Rename ${foreign.length > 1 ? 'them' : 'it'}, then run setup again. Nothing was changed.`,
    );
  }
}

/**
 * Finds every column (by identity, else by header), puts back headers found
 * only by identity, adds the columns the sheet lacks after its last column,
 * attaches the identity to every column without one, and records where every
 * column is. Returns the headers added, put back and marked.
 */
function ensureColumns(
  sheet: Sheet,
  size: SheetSize,
  def: TabDef,
  header: string[],
  tags: ColumnTags,
  validation: ValidationSources,
  positions: Map<TabKey, Map<string, number>>,
  notices: string[],
): { added: string[]; retitled: string[]; marked: string[] } {
  const plan = planColumns(def, header, tags);
  notices.push(...plan.notices);
  const map = plan.positions;
  positions.set(def.key, map);
  for (const r of plan.retitle) sheet.getRange(1, r.at).setValue(r.col.header);
  for (const m of plan.unmark) m.remove();
  for (const m of plan.mark) markColumn(sheet, size.rows, m.at, m.col.key);
  const out = {
    added: plan.missing.map((col) => col.header),
    retitled: plan.retitle.map((r) => `"${r.col.header}" (it read "${r.was}")`),
    marked: plan.mark.map((m) => m.col.header),
  };
  const missing = plan.missing;
  if (missing.length === 0) return out;

  // After the last column with content, or a column found by its identity past it (its header cleared).
  const start = Math.max(header.length, ...map.values()) + 1;
  const end = start + missing.length - 1;
  size.ensureColumns(end);
  missing.forEach((col, i) => map.set(col.key, start + i));

  const headerRange = sheet.getRange(1, start, 1, missing.length);
  headerRange.setValues([missing.map((col) => col.header)]);
  headerRange.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  setWidths(sheet, start, missing);
  const notes = missing.map((col) => columnNote(def.key, col.key) ?? '');
  if (notes.some((note) => note)) headerRange.setNotes([notes]);
  if (def.kind === 'table') formatDataColumns(sheet, size.rows, start, missing, validation, positions.get('lists'));
  missing.forEach((col, i) => markColumn(sheet, size.rows, start + i, col.key));
  return out;
}

/**
 * Puts the schema's note on each header cell whose note differs (an upgrade that brought new
 * notes, a note someone deleted): one read, and one write when anything differs. Notes on
 * columns the schema does not describe are kept. True when it wrote.
 */
function notesOutOfDate(sheet: Sheet, def: TabDef, at: Map<string, number>): boolean {
  const noted = def.columns.filter((col) => columnNote(def.key, col.key) && at.has(col.key));
  if (!noted.length) return false;
  const width = Math.max(...noted.map((col) => at.get(col.key) as number));
  const range = sheet.getRange(1, 1, 1, width);
  const notes = range.getNotes()[0];
  let stale = false;
  for (const col of noted) {
    const i = (at.get(col.key) as number) - 1;
    const note = columnNote(def.key, col.key) as string;
    if (notes[i] !== note) {
      notes[i] = note;
      stale = true;
    }
  }
  if (stale) range.setNotes([notes]);
  return stale;
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
function formatDataColumns(sheet: Sheet, maxRows: number, start: number, columns: ColumnDef[], validation: ValidationSources, listPositions: Map<string, number> | undefined): void {
  const rows = maxRows - 1;
  if (rows < 1) return;
  const block = sheet.getRange(2, start, rows, columns.length);
  const formats = columns.map((col) => numberFormatFor(col.type) ?? '0.###############');
  block.setNumberFormats(Array.from({ length: rows }, () => formats));
  const rules = columns.map((col) => validationFor(col, validation, listPositions));
  if (rules.some((r) => r !== null)) block.setDataValidations(Array.from({ length: rows }, () => rules));
}

/**
 * Puts the current rule on each existing column that has one: one call per
 * column, whatever the row count. Cells the new rule rejects keep their value
 * (Sheets flags them); columns just added already have theirs.
 */
function refreshRules(sheet: Sheet, maxRows: number, def: TabDef, positions: Map<TabKey, Map<string, number>>, added: string[], validation: ValidationSources): number {
  const rows = maxRows - 1;
  const at = positions.get(def.key) as Map<string, number>;
  if (rows < 1) return 0;
  let count = 0;
  for (const col of def.columns) {
    if (added.includes(col.header)) continue;
    const rule = validationFor(col, validation, positions.get('lists'));
    const column = at.get(col.key);
    if (!rule || !column) continue;
    sheet.getRange(2, column, rows, 1).setDataValidation(rule);
    count++;
  }
  return count;
}

function validationFor(col: ColumnDef, { lists, rules }: ValidationSources, listPositions: Map<string, number> | undefined): GoogleAppsScript.Spreadsheet.DataValidation | null {
  if (col.choices && 'fixed' in col.choices) {
    const values = [...col.choices.fixed];
    return rules.get(`list:${values.join('|')}`, () =>
      SpreadsheetApp.newDataValidation()
        .requireValueInList(values, true)
        .setAllowInvalid(false)
        .setHelpText(`Choose one of: ${values.join(', ')}.`)
        .build(),
    );
  }
  if (col.choices && 'list' in col.choices) {
    const listKey = col.choices.list;
    const listColumn = listPositions?.get(listKey);
    if (!lists || !listColumn) return null;
    const source = lists;
    return rules.get(`range:${listKey}`, () =>
      SpreadsheetApp.newDataValidation()
        .requireValueInRange(source.getRange(2, listColumn, source.getMaxRows() - 1, 1), true)
        .setAllowInvalid(false)
        .setHelpText(`Choose a value from the ${listKey} list on the Lists tab.`)
        .build(),
    );
  }
  if (col.computed) return null;
  const typed = TYPE_RULES[col.type];
  return typed ? rules.get(`type:${col.type}`, typed) : null;
}

/** Checks for typed columns people fill in. Emails only warn: a partner's odd address should not block a save. */
const TYPE_RULES: Partial<Record<ColumnDef['type'], () => GoogleAppsScript.Spreadsheet.DataValidation>> = {
  email: () => SpreadsheetApp.newDataValidation().requireTextIsEmail().setAllowInvalid(true).setHelpText('Enter an email address such as name@company.com.').build(),
  money: () =>
    SpreadsheetApp.newDataValidation()
      .requireNumberBetween(0, MAX_MONEY_CENTS / 100)
      .setAllowInvalid(false)
      .setHelpText(`Enter an amount from 0 to ${MAX_MONEY_TEXT}.`)
      .build(),
  integer: () => SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).setHelpText('Enter a whole number of 0 or more.').build(),
  percent: () => SpreadsheetApp.newDataValidation().requireNumberBetween(0, 1).setAllowInvalid(false).setHelpText('Enter a percentage between 0% and 100%.').build(),
  date: () => SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText('Enter a date, e.g. 2026-03-31.').build(),
};

function writeDefaultLists(sheet: Sheet, map: Map<string, number>): void {
  const lists: Array<[string, readonly string[]]> = [
    ['products', DEFAULT_PRODUCTS],
    ['regions', DEFAULT_REGIONS],
  ];
  const width = Math.max(...map.values());
  const height = Math.max(...lists.map(([, v]) => v.length));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  for (const [key, values] of lists) values.forEach((v, i) => (grid[i][(map.get(key) as number) - 1] = v));
  sheet.getRange(2, 1, height, width).setValues(grid);
}

/** The Partners tab's Tier and the Commission Rules tab's Partner Tier: a dropdown of the Tiers tab's Tier column. One call each. */
function setTierDropdowns(sheets: Map<TabKey, Sheet>, positions: Map<TabKey, Map<string, number>>): void {
  const tiers = sheets.get('tiers');
  const nameColumn = positions.get('tiers')?.get('name');
  if (!tiers || !nameColumn) return;
  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInRange(tiers.getRange(2, nameColumn, Math.max(1, tiers.getMaxRows() - 1), 1), true)
    .setAllowInvalid(false)
    .setHelpText('Choose a tier from the Tiers tab.')
    .build();
  for (const [tab, key] of [
    ['partners', 'tier'],
    ['rules', 'partnerTier'],
  ] as const) {
    const sheet = sheets.get(tab);
    const column = positions.get(tab)?.get(key);
    if (sheet && column && sheet.getMaxRows() > 1) sheet.getRange(2, column, sheet.getMaxRows() - 1, 1).setDataValidation(rule);
  }
}

/** The four default tiers, lowest first (domain/tiers DEFAULT_TIERS): on a new Tiers tab only, never over a team's own. */
function writeDefaultTiers(sheet: Sheet, map: Map<string, number>): void {
  const width = Math.max(...map.values());
  const grid = DEFAULT_TIERS.map((t) => {
    const row = new Array<string | number>(width).fill('');
    const put = (key: string, value: string | number) => (row[(map.get(key) as number) - 1] = value);
    put('name', t.name);
    put('minRevenue', t.minRevenue);
    put('minDeals', t.minDeals);
    put('requires', t.requires);
    put('graceDays', t.graceDays);
    put('notes', t.notes);
    return row;
  });
  sheet.getRange(2, 1, grid.length, width).setValues(grid);
}

/** Adds rows for settings the tab lacks, with their defaults; never changes a value someone set. */
function ensureSettingsRows(sheet: Sheet, map: Map<string, number>, upgrading: boolean): string[] {
  const keyColumn = map.get('key') as number;
  const lastRow = sheet.getLastRow();
  const present = new Set(
    lastRow > 1
      ? sheet
          .getRange(2, keyColumn, lastRow - 1, 1)
          .getDisplayValues()
          .map((r) => r[0].trim())
      : [],
  );
  const missing = SETTING_DEFS.filter((d) => !present.has(d.label));
  if (missing.length === 0) return [];
  const width = Math.max(...map.values());
  const rows = missing.map((d) => {
    const row = new Array<string>(width).fill('');
    row[keyColumn - 1] = d.label;
    row[(map.get('value') as number) - 1] = upgrading ? (d.upgradeValue ?? d.defaultValue) : d.defaultValue;
    row[(map.get('description') as number) - 1] = d.description;
    return row;
  });
  sheet.getRange(Math.max(lastRow, 1) + 1, 1, rows.length, width).setValues(rows);
  return missing.map((d) => d.label);
}

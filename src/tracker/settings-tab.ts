import { SETTING_DEFS, SettingKey, SettingsResult, parseSettings } from '../domain/settings';
import { textCell } from './cells';
import { locateColumns, openTrackerSheet } from './identity';
import { tab } from './schema';
import { TrackerState } from './state';
import { reference } from './reference';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface SettingRows {
  rows: Map<string, string>;
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  grid: string[][];
  /** Column key → 0-based index in the grid. */
  at: Map<string, number>;
}

/** A small tab read whole, its header first (the header decides which column is which). */
function readWhole(sheet: GoogleAppsScript.Spreadsheet.Sheet, minRows: number): { header: string[]; grid: string[][] } {
  const lastRow = sheet.getLastRow();
  if (lastRow < minRows) return { header: [], grid: [] };
  const grid = sheet.getRange(1, 1, lastRow, Math.max(1, sheet.getLastColumn())).getDisplayValues();
  return { header: grid[0].map((h) => h.trim()), grid };
}

function indexes(positions: Map<string, number>): Map<string, number> {
  return new Map([...positions].map(([key, at]) => [key, at - 1]));
}

/** The Settings tab's label → value rows; empty when the tab is missing. Three calls. */
function readSettingRows(ss: Spreadsheet): SettingRows {
  const opened = openTrackerSheet(ss, 'settings', (sheet) => readWhole(sheet, 1));
  const rows = new Map<string, string>();
  if (!opened) return { rows, sheet: null, grid: [], at: new Map() };
  const {
    sheet,
    found: { header, grid },
  } = opened;
  if (grid.length === 0) return { rows, sheet, grid, at: new Map() };
  const at = indexes(locateColumns(sheet, tab('settings'), header));
  const keyAt = at.get('key');
  const valueAt = at.get('value');
  if (keyAt !== undefined && valueAt !== undefined) for (const row of grid.slice(1)) if (row[keyAt]?.trim()) rows.set(row[keyAt].trim(), (row[valueAt] ?? '').trim());
  return { rows, sheet, grid, at };
}

/** Every Settings row's label → value as the tab shows them now. */
export function readSettingValues(ss: Spreadsheet): Map<string, string> {
  return readSettingRows(ss).rows;
}

/**
 * The programme's settings, parsed; bad values are reported and fall back to their defaults.
 * Through the reference data (tracker/reference.ts): read once per execution, cached between them.
 */
export function readSettings(ss: Spreadsheet): SettingsResult {
  return parseSettings(reference(ss).settings());
}

/** Writes settings the tracker owns (e.g. the partner form's links) into their rows, adding missing rows. */
export function writeSettings(ss: Spreadsheet, values: Partial<Record<SettingKey, string>>): void {
  const { sheet, grid, at } = readSettingRows(ss);
  if (!sheet || grid.length === 0) throw new Error('The Settings tab is missing. Run "Set up tracker" from the add-on menu first.');
  const width = grid[0].length;
  const keyAt = at.get('key') ?? -1;
  const valueAt = at.get('value') ?? -1;
  const descriptionAt = at.get('description') ?? -1;
  if (keyAt < 0 || valueAt < 0) throw new Error('The Settings tab has lost its Setting or Value column. Run "Set up tracker" to repair it.');
  const appended: string[][] = [];
  for (const [key, value] of Object.entries(values) as Array<[SettingKey, string]>) {
    const def = SETTING_DEFS.find((d) => d.key === key);
    if (!def) continue;
    const row = grid.findIndex((cells, i) => i > 0 && (cells[keyAt] ?? '').trim() === def.label);
    if (row > 0) {
      sheet.getRange(row + 1, valueAt + 1).setValue(textCell(value));
    } else {
      const cells = new Array<string>(Math.max(width, keyAt + 1, valueAt + 1)).fill('');
      cells[keyAt] = def.label;
      cells[valueAt] = textCell(value);
      if (descriptionAt >= 0 && descriptionAt < cells.length) cells[descriptionAt] = def.description;
      appended.push(cells);
    }
  }
  if (appended.length) sheet.getRange(grid.length + 1, 1, appended.length, appended[0].length).setValues(appended);
  reference(ss).drop('settings');
  // What the tracker writes is confirmed at once: an edit is put back to it, not to an older value.
  const state = TrackerState.read(ss);
  const record = state.record();
  if (record) {
    const confirmed = { ...record.settings };
    for (const [key, value] of Object.entries(values) as Array<[SettingKey, string]>) {
      const def = SETTING_DEFS.find((d) => d.key === key);
      if (def) confirmed[def.label] = value;
    }
    state.writeRecord({ ...record, settings: confirmed });
  }
}

/** A dropdown list the team maintains on the Lists tab (products, regions). Three calls. */
export function readList(ss: Spreadsheet, key: 'products' | 'regions'): string[] {
  const opened = openTrackerSheet(ss, 'lists', (sheet) => readWhole(sheet, 2));
  if (!opened || opened.found.grid.length === 0) return [];
  const {
    sheet,
    found: { header, grid },
  } = opened;
  const at = locateColumns(sheet, tab('lists'), header).get(key);
  if (at === undefined) return [];
  const seen = new Set<string>();
  for (const row of grid.slice(1)) if (row[at - 1]?.trim()) seen.add(row[at - 1].trim());
  return [...seen];
}

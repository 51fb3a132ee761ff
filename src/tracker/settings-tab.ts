import { SETTING_DEFS, SettingKey, SettingsResult, parseSettings } from '../domain/settings';
import { textCell } from './cells';
import { column, tab } from './schema';
import { TrackerState } from './state';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Settings tab's label → value rows; empty when the tab is missing. Three calls. */
function readSettingRows(ss: Spreadsheet): { rows: Map<string, string>; sheet: GoogleAppsScript.Spreadsheet.Sheet | null; grid: string[][] } {
  const sheet = ss.getSheetByName(tab('settings').name);
  const rows = new Map<string, string>();
  if (!sheet) return { rows, sheet, grid: [] };
  const lastRow = sheet.getLastRow();
  if (lastRow < 1) return { rows, sheet, grid: [] };
  // Settings is small; its header decides which column is which.
  const grid = sheet.getRange(1, 1, lastRow, Math.max(1, sheet.getLastColumn())).getDisplayValues();
  const header = grid[0].map((h) => h.trim());
  const keyAt = header.indexOf(column('settings', 'key').header);
  const valueAt = header.indexOf(column('settings', 'value').header);
  if (keyAt >= 0 && valueAt >= 0) for (const row of grid.slice(1)) if (row[keyAt].trim()) rows.set(row[keyAt].trim(), row[valueAt].trim());
  return { rows, sheet, grid };
}

/** Every Settings row's label → value as the tab shows them now. */
export function readSettingValues(ss: Spreadsheet): Map<string, string> {
  return readSettingRows(ss).rows;
}

/** The programme's settings, parsed; bad values are reported and fall back to their defaults. */
export function readSettings(ss: Spreadsheet): SettingsResult {
  return parseSettings(readSettingRows(ss).rows);
}

/** Writes settings the tracker owns (e.g. the partner form's links) into their rows, adding missing rows. */
export function writeSettings(ss: Spreadsheet, values: Partial<Record<SettingKey, string>>): void {
  const { sheet, grid } = readSettingRows(ss);
  if (!sheet || grid.length === 0) throw new Error('The Settings tab is missing. Run "Set up tracker" from the add-on menu first.');
  const header = grid[0].map((h) => h.trim());
  const keyAt = header.indexOf(column('settings', 'key').header);
  const valueAt = header.indexOf(column('settings', 'value').header);
  const descriptionAt = header.indexOf(column('settings', 'description').header);
  if (keyAt < 0 || valueAt < 0) throw new Error('The Settings tab has lost its Setting or Value column. Run "Set up tracker" to repair it.');
  const appended: string[][] = [];
  for (const [key, value] of Object.entries(values) as Array<[SettingKey, string]>) {
    const def = SETTING_DEFS.find((d) => d.key === key);
    if (!def) continue;
    const at = grid.findIndex((row, i) => i > 0 && row[keyAt].trim() === def.label);
    if (at > 0) {
      sheet.getRange(at + 1, valueAt + 1).setValue(textCell(value));
    } else {
      const row = new Array<string>(header.length).fill('');
      row[keyAt] = def.label;
      row[valueAt] = textCell(value);
      if (descriptionAt >= 0) row[descriptionAt] = def.description;
      appended.push(row);
    }
  }
  if (appended.length) sheet.getRange(grid.length + 1, 1, appended.length, header.length).setValues(appended);
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
  const sheet = ss.getSheetByName(tab('lists').name);
  if (!sheet) return [];
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 2 || lastColumn < 1) return [];
  const grid = sheet.getRange(1, 1, lastRow, lastColumn).getDisplayValues();
  const at = grid[0].map((h) => h.trim()).indexOf(column('lists', key).header);
  if (at < 0) return [];
  const seen = new Set<string>();
  for (const row of grid.slice(1)) if (row[at].trim()) seen.add(row[at].trim());
  return [...seen];
}

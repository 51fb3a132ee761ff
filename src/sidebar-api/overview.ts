import { parseSettings } from '../domain/settings';
import { TABS, SCHEMA_VERSION, column, tab } from '../tracker/schema';
import { readSchemaVersion } from '../tracker/setup';
import { TrackerOverview } from './contract';

/**
 * The tracker at a glance: schema version, each tab's row count, and the
 * programme's settings. A fixed number of spreadsheet calls, whatever the data size.
 */
export function trackerOverview(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties): TrackerOverview {
  const sheets = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();
  for (const sheet of ss.getSheets()) sheets.set(sheet.getName(), sheet);
  const tabs = TABS.map((def) => {
    const sheet = sheets.get(def.name);
    if (!sheet) return { name: def.name, rows: null };
    return { name: def.name, rows: def.kind === 'table' ? Math.max(0, sheet.getLastRow() - 1) : 0 };
  });
  const settingsSheet = sheets.get(tab('settings').name);
  const rows = new Map<string, string>();
  if (settingsSheet && settingsSheet.getLastRow() > 1) {
    // Settings is small; its header decides which column is which.
    const grid = settingsSheet.getRange(1, 1, settingsSheet.getLastRow(), Math.max(1, settingsSheet.getLastColumn())).getDisplayValues();
    const header = grid[0].map((h) => h.trim());
    const keyAt = header.indexOf(column('settings', 'key').header);
    const valueAt = header.indexOf(column('settings', 'value').header);
    if (keyAt >= 0 && valueAt >= 0) for (const row of grid.slice(1)) if (row[keyAt].trim()) rows.set(row[keyAt].trim(), row[valueAt].trim());
  }
  const settings = parseSettings(rows);
  return {
    programmeName: settings.settings.programmeName,
    currency: settings.settings.currency,
    schemaVersion: readSchemaVersion(properties),
    latestSchemaVersion: SCHEMA_VERSION,
    tabs,
    settingsProblems: settings.ok ? [] : settings.problems,
  };
}

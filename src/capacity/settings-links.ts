import { ArchiveSegment, archiveSummary } from '../domain/capacity';
import { locateColumns, openTrackerSheet } from '../tracker/identity';
import { tab } from '../tracker/schema';

/**
 * A row per Audit Log archive on the Settings tab ("Audit Log archive 2025" → its URL, and
 * the rows and hashes it holds in the description), for people to find the archives. Not a
 * setting: the settings parser ignores rows it does not know. Settings can be edited, so the
 * tracker's own record (journal.ts) is what Verify trusts.
 */
export const ARCHIVE_LABEL = 'Audit Log archive';

export function archiveLabel(year: number): string {
  return `${ARCHIVE_LABEL} ${year}`;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function openSettings(ss: Spreadsheet) {
  const opened = openTrackerSheet(ss, 'settings', (sheet) => {
    const lastRow = sheet.getLastRow();
    const grid = lastRow >= 1 ? sheet.getRange(1, 1, lastRow, Math.max(1, sheet.getLastColumn())).getDisplayValues() : [];
    return { header: (grid[0] ?? []).map((h) => h.trim()), grid };
  });
  if (!opened || opened.found.grid.length === 0) return null;
  const at = locateColumns(opened.sheet, tab('settings'), opened.found.header);
  return { sheet: opened.sheet, grid: opened.found.grid, key: (at.get('key') ?? 0) - 1, value: (at.get('value') ?? 0) - 1, description: (at.get('description') ?? 0) - 1 };
}

/** Writes (or rewrites) each archive file's row. Four calls, whatever the number of archives. */
export function linkArchivesInSettings(ss: Spreadsheet, segments: readonly ArchiveSegment[]): void {
  const settings = openSettings(ss);
  if (!settings || settings.key < 0 || settings.value < 0) return;
  const { sheet, grid, key, value, description } = settings;
  const width = grid[0].length;
  const rows = grid.map((r) => [...r]);
  let changed = false;
  for (const fileId of [...new Set(segments.map((s) => s.fileId))]) {
    const own = segments.filter((s) => s.fileId === fileId);
    if (!own.some((s) => s.phase === 'done')) continue;
    const label = archiveLabel(own[0].year);
    let at = rows.findIndex((r, i) => i > 0 && r[key].trim() === label);
    if (at < 0) {
      rows.push(new Array<string>(width).fill(''));
      at = rows.length - 1;
      rows[at][key] = label;
    }
    const summary = archiveSummary(own);
    if (rows[at][value] !== own[0].url || (description >= 0 && rows[at][description] !== summary)) changed = true;
    rows[at][value] = own[0].url;
    if (description >= 0) rows[at][description] = summary;
  }
  if (!changed) return;
  sheet.getRange(2, 1, rows.length - 1, width).setValues(rows.slice(1));
}

/** The archive links Settings shows now: label → URL. */
export function archiveLinksInSettings(ss: Spreadsheet): Map<string, string> {
  const out = new Map<string, string>();
  const settings = openSettings(ss);
  if (!settings || settings.key < 0 || settings.value < 0) return out;
  for (const r of settings.grid.slice(1)) if (r[settings.key].trim().startsWith(ARCHIVE_LABEL)) out.set(r[settings.key].trim(), r[settings.value].trim());
  return out;
}

/** Writes (or rewrites) one labelled link row, e.g. "Leads archive 2025" → its URL, unless it already reads so. Four calls at most. */
export function linkInSettings(ss: Spreadsheet, label: string, url: string, summary: string): void {
  const settings = openSettings(ss);
  if (!settings || settings.key < 0 || settings.value < 0) return;
  const { sheet, grid, key, value, description } = settings;
  const at = grid.findIndex((r, i) => i > 0 && r[key].trim() === label);
  const row = at > 0 ? [...grid[at]] : new Array<string>(grid[0].length).fill('');
  if (at > 0 && row[value] === url && (description < 0 || row[description] === summary)) return;
  row[key] = label;
  row[value] = url;
  if (description >= 0) row[description] = summary;
  sheet.getRange(at > 0 ? at + 1 : grid.length + 1, 1, 1, row.length).setValues([row]);
}

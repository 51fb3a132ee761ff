import { TABS, TabDef, TabKey, tab } from './schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/**
 * The tracker's tabs and columns carry a stable identity: developer metadata
 * on the sheet (the tab's key) and on each whole column (the column's key).
 * Metadata stays with its sheet when the tab is renamed and with its column
 * when the header is retyped or columns are inserted before it, and goes when
 * they are deleted; so a renamed tab or header is still found, and setup puts
 * the name back instead of adding a duplicate.
 *
 * Names stay the first way in: finding a tab by its name and a column by its
 * header costs no extra call. The metadata is read only when a name or header
 * is not found (one read).
 *
 * Visibility DOCUMENT, not PROJECT: the identity is a finding aid, never an
 * authority (that rests on protections and seals), and anyone who could forge
 * it could as well rename the tab; PROJECT metadata would be lost to a tracker
 * set up under another Apps Script project, and would swell TrackerState.read,
 * which reads the key of every PROJECT entry in the spreadsheet on each run.
 */
export const TAB_IDENTITY = 'partnershipTracker.tab';
export const COLUMN_IDENTITY = 'partnershipTracker.column';

export function identityVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
  return SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT;
}

/** A header row with none of the tab's columns: a sheet that only shares the tab's name (someone else's). */
export function looksForeign(def: TabDef, header: readonly string[]): boolean {
  return header.some(Boolean) && !def.columns.some((col) => header.includes(col.header));
}

/** A tracker tab's sheet: the one with its name (no extra call), else the one carrying its identity. */
export function trackerSheet(ss: Spreadsheet, key: TabKey): Sheet | null {
  return ss.getSheetByName(tab(key).name) ?? identifiedSheet(ss, key);
}

/**
 * Opens a tab for a caller that reads its header anyway (`read` returns it with
 * whatever else it read). A sheet of the tab's name whose header has none of the
 * tab's columns is someone else's (the tracker's tab was renamed and the name
 * reused): then, as when no sheet has the name, the identity decides.
 */
export function openTrackerSheet<T extends { header: string[] }>(ss: Spreadsheet, key: TabKey, read: (sheet: Sheet) => T): { sheet: Sheet; found: T } | null {
  const def = tab(key);
  const named = ss.getSheetByName(def.name);
  const byName = named ? { sheet: named, found: read(named) } : null;
  if (byName && !looksForeign(def, byName.found.header)) return byName;
  const tagged = identifiedSheet(ss, key);
  if (!tagged || tagged.getName() === def.name) return byName;
  return { sheet: tagged, found: read(tagged) };
}

/** The sheet carrying a tab's identity, or null; two carrying it is reported, not guessed. One read. */
export function identifiedSheet(ss: Spreadsheet, key: TabKey): Sheet | null {
  const found = ss.createDeveloperMetadataFinder().withKey(TAB_IDENTITY).withValue(key).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET).find();
  const sheets = found.map((m) => m.getLocation().getSheet()).filter((s): s is Sheet => s !== null);
  if (sheets.length > 1) {
    const name = tab(key).name;
    const names = sheets.map((s) => s.getName());
    const own = names.indexOf(name);
    if (own >= 0) return sheets[own];
    throw new Error(
      `The tracker's ${name} tab is not found by its name, and the tabs ${names.map((n) => `"${n}"`).join(' and ')} both say they are the tracker's ${name} tab (one is probably a copy). ` +
        `Rename the tracker's own tab back to "${name}", then run "Set up tracker".`,
    );
  }
  return sheets[0] ?? null;
}

export interface TabCarrier {
  sheet: Sheet;
  /** The sheet's name now. */
  name: string;
  metadata: Metadata;
}

/** Every tab identity in the spreadsheet: tab key → the sheets carrying it. One read. */
export function readTabIdentities(ss: Spreadsheet): Map<string, TabCarrier[]> {
  const out = new Map<string, TabCarrier[]>();
  const found = ss.createDeveloperMetadataFinder().withKey(TAB_IDENTITY).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET).find();
  for (const metadata of found) {
    const sheet = metadata.getLocation().getSheet();
    const value = metadata.getValue() ?? '';
    if (sheet) out.set(value, [...(out.get(value) ?? []), { sheet, name: sheet.getName(), metadata }]);
  }
  return out;
}

/** Every tracker tab's sheet: by name (one call for all), and by identity (one read) only for tabs no sheet is named as. */
export function trackerSheets(ss: Spreadsheet, defs: readonly TabDef[] = TABS): Map<TabKey, Sheet> {
  const byName = new Map(ss.getSheets().map((sheet) => [sheet.getName(), sheet] as const));
  const out = new Map<TabKey, Sheet>();
  const missing: TabDef[] = [];
  for (const def of defs) {
    const sheet = byName.get(def.name);
    if (sheet) out.set(def.key, sheet);
    else missing.push(def);
  }
  if (missing.length) {
    const identities = readTabIdentities(ss);
    for (const def of missing) {
      const carriers = identities.get(def.key) ?? [];
      if (carriers.length === 1) out.set(def.key, carriers[0].sheet);
    }
  }
  return out;
}

/**
 * Which of `defs` a sheet is: by its name (no extra call); a sheet whose name is
 * no tracker tab's is asked for its identity (one read), so a renamed tab counts.
 */
export function tabOfSheet<T extends TabDef>(sheet: Sheet, defs: readonly T[]): T | undefined {
  const name = sheet.getName();
  const named = defs.find((d) => d.name === name);
  if (named || TABS.some((d) => d.name === name)) return named;
  const identity = sheet.getDeveloperMetadata().find((m) => m.getKey() === TAB_IDENTITY);
  const key = identity ? identity.getValue() : null;
  return key ? defs.find((d) => d.key === key) : undefined;
}

/** Every whole column of a sheet: the scope in which its column identities are searched (Google: metadata wholly inside a range). */
function wholeSheet(sheet: Sheet): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
}

/** The column carrying a column identity in this sheet, or null. One read. */
function identifiedColumn(sheet: Sheet, key: string): number | null {
  const found = wholeSheet(sheet).createDeveloperMetadataFinder().withKey(COLUMN_IDENTITY).withValue(key).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.COLUMN).find();
  const column = found.length ? found[0].getLocation().getColumn() : null;
  return column ? column.getColumn() : null;
}

/**
 * Column key → 1-based position. A header found once is its column (no call).
 * A column whose header is missing or found twice is where its identity is
 * (one read each, only then); a column the identity claims is taken from a
 * column that only matched it by header text, which is then looked up the same way.
 */
export function locateColumns(sheet: Sheet, def: TabDef, header: readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  let pending: string[] = [];
  for (const col of def.columns) {
    const at = header.indexOf(col.header);
    if (at >= 0 && header.indexOf(col.header, at + 1) < 0) positions.set(col.key, at + 1);
    else pending.push(col.key);
  }
  const looked = new Set<string>();
  while (pending.length) {
    const next: string[] = [];
    for (const key of pending) {
      looked.add(key);
      const at = identifiedColumn(sheet, key);
      if (at === null) continue;
      for (const [other, p] of positions) {
        if (p === at && other !== key) {
          positions.delete(other);
          if (!looked.has(other)) next.push(other);
        }
      }
      positions.set(key, at);
    }
    pending = next;
  }
  // No identity (a tracker set up before identities): a header found twice is read as before, its first column.
  const taken = new Set(positions.values());
  for (const col of def.columns) {
    if (positions.has(col.key)) continue;
    const at = header.findIndex((h, i) => h === col.header && !taken.has(i + 1));
    if (at >= 0) {
      positions.set(col.key, at + 1);
      taken.add(at + 1);
    }
  }
  return positions;
}

import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The Audit Log's rollover into archive spreadsheets: the owner's daily run moves rows of
 * past years (then the older half of this year's) out of a nearly full tracker; the chain
 * runs on across files and Verify checks every file.
 */
let t: Tracker;

/** Grows a spare tab's grid (sparse in the emulator: no cell is allocated) until the spreadsheet holds `cells`. */
function fillTo(cells: number): void {
  const filler = t.ss.getSheetByName('Filler') ?? t.ss.insertSheet('Filler');
  const used = t.ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
  const rows = Math.ceil((cells - used) / filler.getMaxColumns());
  if (rows > 0) filler.insertRowsAfter(filler.getMaxRows(), rows);
}

const archives = () => t.rows('Settings').filter((r) => r.Setting.startsWith('Audit Log archive'));
const idOf = (url: string) => /\/d\/([^/]+)/.exec(url)?.[1] ?? '';
const openArchive = (url: string) => t.emu.spreadsheetApp.openById(idOf(url));
const archiveRows = (url: string) => {
  const sheet = (openArchive(url) as GoogleAppsScript.Spreadsheet.Spreadsheet).getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
  return sheet.getRange(1, 1, sheet.getLastRow(), 12).getDisplayValues();
};
const liveRows = () => t.rows('Audit Log');

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2025-06-01T15:00:00Z' });
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
  t.emu.clock.set('2026-02-01T15:00:00Z');
  for (const company of ['Hooli', 'Umbrella']) t.ok('apiRegisterLead', { partnerId: 'P-000001', company, contactEmail: `a@${company.toLowerCase()}.example` });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

test('below the threshold nothing rolls over', () => {
  const before = liveRows().length;
  fillTo(7_900_000);
  t.hourly();
  expect(liveRows().length).toBeGreaterThanOrEqual(before);
  expect(archives()).toEqual([]);
  expect(t.verify()).toBe(`Intact, ${liveRows().length} rows.`);
});

test('past the threshold, last year\'s rows go to a "2025" archive and the older half of this year\'s to a "2026" one; the chain runs on', () => {
  const all = liveRows();
  const of2025 = all.filter((r) => r['Timestamp (UTC)'].startsWith('2025'));
  fillTo(8_100_000);
  t.hourly();

  const links = archives();
  expect(links.map((r) => r.Setting)).toEqual(['Audit Log archive 2025', 'Audit Log archive 2026']);
  const first = archiveRows(links[0].Value);
  expect(first.slice(1).map((r) => r[10])).toEqual(of2025.map((r) => r.Hash));
  expect(first[0][0]).toBe('Timestamp (UTC)');
  const second = archiveRows(links[1].Value);
  const live = liveRows();
  // Every row once, in chain order, across the two archives and the live log.
  const chain = [...first.slice(1).map((r) => r[10]), ...second.slice(1).map((r) => r[10]), ...live.map((r) => r.Hash)];
  expect(chain.slice(0, all.length)).toEqual(all.map((r) => r.Hash));
  expect(new Set(chain).size).toBe(chain.length);
  // The second archive holds this year's older half (of this year's rows when it ran, the first rollover's entry included).
  const half = second.length - 1;
  expect(second.slice(1).every((r) => r[0].startsWith('2026'))).toBe(true);
  expect(half).toBe(Math.floor((half + live.length - 1) / 2));
  expect(live[0]['Previous Hash']).toBe(second[second.length - 1][10]);
  expect(live.filter((r) => r.Field === 'Archived to').map((r) => r['Record ID'])).toEqual([`archive 1-${of2025.length}`, `archive ${of2025.length + 1}-${of2025.length + half}`]);
  expect(links[0].Description).toMatch(new RegExp(`^rows 1–${of2025.length} of the log`));
  // Both archives are filed in one folder in the owner's Drive.
  const drive = t.emu.services.drive;
  // (The partner sheets have a folder of their own: partner-sheets.test.ts.)
  const archiveFolders = drive.listFolders().filter((f) => !f.name.endsWith('Partner sheets'));
  expect(archiveFolders.map((f) => [f.name, f.owner])).toEqual([['Partner Programme — Audit Log archives', 'owner@example.com']]);
  expect(links.map((l) => drive.parentOf(idOf(l.Value)))).toEqual([archiveFolders[0].id, archiveFolders[0].id]);

  const report = t.verify();
  expect(report).toBe(`Archives: 2 files, ${(of2025.length + half).toLocaleString('en-US')} rows, intact.\nLive log: Intact, ${live.length} rows.`);
  // New rows chain on, and the head counts live rows only.
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Globex', contactEmail: 'a@globex.example' });
  expect(t.verify()).toBe(`Archives: 2 files, ${(of2025.length + half).toLocaleString('en-US')} rows, intact.\nLive log: Intact, ${liveRows().length} rows.`);
  // Once a day: the next hour moves nothing more.
  const count = liveRows().length;
  t.hourly();
  expect(liveRows().length).toBe(count);
});

test('a receipt taken before the rollover still checks, its rows now in an archive', () => {
  const all = liveRows();
  const receipt = `Audit receipt: ${all.length} rows · ${all[all.length - 1].Hash.slice(0, 16)}`;
  fillTo(8_100_000);
  t.hourly();
  expect(archives()).toHaveLength(2);
  expect(verifyWith(receipt)).toContain(`Receipt: The log still holds the receipt's ${all.length} rows, unchanged.`);
});

function verifyWith(receipt: string): string {
  t.emu.services.ui.queuePromptAnswer(receipt);
  t.emu.run('menuVerifyAuditLog');
  return String(t.emu.services.ui.alerts.pop()?.prompt);
}

describe('Verify finds a tampered archive', () => {
  beforeEach(() => {
    fillTo(8_100_000);
    t.hourly();
  });

  test('an altered row', () => {
    const sheet = (openArchive(archives()[0].Value) as GoogleAppsScript.Spreadsheet.Spreadsheet).getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.getRange(3, 10).setValue('tampered');
    expect(t.verify()).toMatch(/The archive ".* — Audit Log 2025": Row 3 was altered/);
  });

  test('a deleted last row', () => {
    const sheet = (openArchive(archives()[0].Value) as GoogleAppsScript.Spreadsheet.Spreadsheet).getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.deleteRow(sheet.getLastRow());
    expect(t.verify()).toMatch(/Audit Log 2025" has \d+ rows; \d+ were moved into it: rows were deleted/);
  });

  test('a missing archive', () => {
    // Deleted for good from the owner's Drive.
    t.emu.store.byId.delete(idOf(archives()[1].Value));
    expect(t.verify()).toMatch(/Audit Log 2026" \(.*\) is missing or cannot be opened/);
  });

  test('an extra archive listed in Settings', () => {
    const other = t.emu.spreadsheetApp.create('Not an archive');
    const settings = t.sheet('Settings');
    settings.getRange(settings.getLastRow() + 1, 1, 1, 2).setValues([['Audit Log archive 2024', other.getUrl()]]);
    expect(t.verify()).toMatch(/Settings lists "Audit Log archive 2024" .* which is not an archive the tracker made/);
  });

  test('a link changed in Settings does not fool Verify, and is reported', () => {
    const settings = t.sheet('Settings');
    const at = t.rows('Settings').findIndex((r) => r.Setting === 'Audit Log archive 2025');
    const other = t.emu.spreadsheetApp.create('Look-alike');
    settings.getRange(at + 2, 2).setValue(other.getUrl());
    const report = t.verify();
    expect(report).toMatch(/Archives: 2 files/);
    expect(report).toMatch(/not an archive the tracker made/);
  });
});

test("the spreadsheet refuses to grow past 10 million cells, with Google's message", () => {
  fillTo(9_999_000);
  expect(() => t.sheet('Filler').insertRowsAfter(1, 100)).toThrow('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
});

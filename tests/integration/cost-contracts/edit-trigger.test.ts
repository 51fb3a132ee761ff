import type { Emulator } from '../../../emulator';
import { classify } from '../../../emulator/core/latency';
import { ANA, BOSS, OWNER } from '../../../bench/fixtures';
import { columnLetter } from '../../../src/tracker/a1';
import { CONTRACT_SIZES, Cost, costOf, trackersAtContractSizes } from '../../support/cost';

/**
 * The edit trigger's cost contract (issue 11, bench row `edit-single-cell`): a single typed
 * cell costs the same calls, round trips and cells read at 200 and 2,000 leads, and its round
 * trips stay within what the lock protocol needs (tracker/lock.ts): the edited row's ID and the
 * Audit Log's cached header checked (before the lock), the flag raised and the state read, one
 * batch of writes, the flush; the cache, the lock twice and the document properties. (Issue
 * 11's target is 2 spreadsheet round trips: not met, see the README's Performance section.) The reference data it reads (header positions, the time zone)
 * come from the document cache; an evicted cache or a change to them is read afresh.
 */
const SPREADSHEET_ROUND_TRIPS = 6;
const OTHER_ROUND_TRIPS = 4;

let trackers: Emulator[];
beforeAll(() => {
  trackers = trackersAtContractSizes();
});

/** The round trips of `body`, spreadsheet and other (Properties, Cache, Lock…), besides its cost. */
function measured(emu: Emulator, body: () => unknown): Cost & { spreadsheetTrips: number; otherTrips: number } {
  let on = false;
  let spreadsheetTrips = 0;
  let otherTrips = 0;
  let pendingWrites = false;
  emu.calls.onRecord((name) => {
    if (!on) return;
    const [type, member] = name.split('.');
    const kind = classify(type, member);
    if (kind === 'service') otherTrips++;
    else if (kind === 'read' || kind === 'sync') {
      spreadsheetTrips++;
      pendingWrites = false;
    } else if (kind === 'write') {
      if (!pendingWrites) spreadsheetTrips++;
      pendingWrites = true;
    }
  });
  on = true;
  const { cost } = costOf(emu, body);
  on = false;
  return { ...cost, spreadsheetTrips, otherTrips };
}

/** The Notes cell of a row, where the Notes column is now. */
function notesCell(emu: Emulator, row: number): string {
  const leads = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
  const at = leads.getRange(1, 1, 1, leads.getLastColumn()).getDisplayValues()[0].indexOf('Notes') + 1;
  return `Leads!${columnLetter(at)}${row}`;
}
const notesEdit = (emu: Emulator, row: number, text: string) => {
  const outcome = emu.editAsUser(notesCell(emu, row), text, ANA);
  expect(outcome.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
  return outcome;
};
const auditRows = (emu: Emulator) => {
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getDisplayValues();
  return grid.slice(1).map((r) => Object.fromEntries(grid[0].map((h, i) => [h, r[i]])));
};

test('a single-cell edit costs the same at both sizes, within the round trips the lock protocol needs', () => {
  const costs = trackers.map((emu, i) => {
    notesEdit(emu, 4, 'warm the cache'); // the first run after setup fills the document cache
    const at = notesCell(emu, 5);
    const cost = measured(emu, () => emu.editAsUser(at, `called them (${CONTRACT_SIZES[i]})`, ANA));
    expect(auditRows(emu).pop()).toMatchObject({ Field: 'Notes', 'Record ID': 'L-000004', 'New Value': `called them (${CONTRACT_SIZES[i]})` });
    return cost;
  });
  const [small, large] = costs;
  expect({ calls: large.calls, roundTrips: large.roundTrips, cellsRead: large.cellsRead }).toEqual({ calls: small.calls, roundTrips: small.roundTrips, cellsRead: small.cellsRead });
  expect(small.spreadsheetTrips).toBeLessThanOrEqual(SPREADSHEET_ROUND_TRIPS);
  expect(small.otherTrips).toBeLessThanOrEqual(OTHER_ROUND_TRIPS);
  expect(small.roundTrips).toBe(small.spreadsheetTrips + small.otherTrips);
});

test('an evicted cache gives the same result, at the cost of reading the headers again', () => {
  const emu = trackers[0];
  notesEdit(emu, 6, 'first');
  const warm = measured(emu, () => notesEdit(emu, 6, 'second'));
  emu.services.cache.clear();
  const cold = measured(emu, () => notesEdit(emu, 6, 'third'));
  const [second, third] = auditRows(emu).slice(-2);
  expect([second.Field, second['Record ID'], second['Old Value'], second['New Value']]).toEqual(['Notes', 'L-000005', 'first', 'second']);
  expect([third.Field, third['Record ID'], third['Old Value'], third['New Value']]).toEqual(['Notes', 'L-000005', 'second', 'third']);
  expect(cold.roundTrips).toBeGreaterThan(warm.roundTrips);
  // Refilled: the next run is warm again.
  expect(measured(emu, () => notesEdit(emu, 6, 'fourth')).roundTrips).toBe(warm.roundTrips);
});

test('columns inserted by a person (the change trigger drops the headers) are seen by the next edit', () => {
  const emu = trackers[0];
  notesEdit(emu, 7, 'before');
  expect(emu.insertColumnsAsUser('Leads', 1, 2, OWNER).accepted).toBe(true);
  notesEdit(emu, 7, 'after');
  const row = auditRows(emu).pop() as Record<string, string>;
  // The IDs are now in column C, the notes two columns further right.
  expect([row.Field, row['Record ID'], row['New Value']]).toEqual(['Notes', 'L-000006', 'after']);
});

test('a column inserted into the Audit Log that Google never reported cannot put audit rows in the wrong column', () => {
  const emu = trackers[0];
  notesEdit(emu, 8, 'warm');
  const log = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
  // Straight through the API: no trigger fires, the cached positions are stale.
  log.insertColumnsBefore(1, 1);
  log.getRange(1, 1).setValue('Inserted');
  notesEdit(emu, 8, 'after the insert');
  const row = auditRows(emu).pop() as Record<string, string>;
  expect([row.Inserted, row.Field, row['Record ID'], row['New Value']]).toEqual(['', 'Notes', 'L-000007', 'after the insert']);
});

test('a setting changed in the Settings tab is used by the next execution', () => {
  const emu = trackers[0];
  // Three registrations of one company: the second and third are conflicts, which a person may accept in the sheet.
  const fresh = { partnerId: 'P-000001', company: 'Zeta Prospect Ltd', website: 'https://zeta-prospect.example', contactEmail: 'cfo@zeta-prospect.example' };
  for (let i = 0; i < 3; i++) expect(emu.run('apiRegisterLead', [fresh], { user: ANA })).toMatchObject({ ok: true });
  const leads = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
  const header = leads.getRange(1, 1, 1, leads.getLastColumn()).getDisplayValues()[0];
  const column = (name: string) => header.indexOf(name) + 1;
  const statuses = leads
    .getRange(1, column('Status'), leads.getLastRow(), 1)
    .getDisplayValues()
    .map((r) => r[0]);
  const conflicts = statuses
    .map((s, i) => (s === 'Conflict' ? i + 1 : 0))
    .filter((r) => r > 1)
    .slice(-2);
  expect(conflicts).toHaveLength(2);
  const protectedUntil = (row: number) => leads.getRange(row, column('Protected Until')).getDisplayValue();
  const accept = (row: number) => emu.editAsUser(`Leads!${columnLetter(column('Status'))}${row}`, 'Accepted', ANA);

  accept(conflicts[0]);
  const settings = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
  const labels = settings
    .getRange(1, 1, settings.getLastRow(), 1)
    .getDisplayValues()
    .map((r) => r[0]);
  const at = labels.indexOf('Deal protection window (days)') + 1;
  expect(emu.editAsUser(`Settings!B${at}`, '30', BOSS).accepted).toBe(true);
  accept(conflicts[1]);
  expect(conflicts.map((r) => leads.getRange(r, column('Status')).getDisplayValue())).toEqual(['Accepted', 'Accepted']);
  // Both accepted the same day: 90 days' protection (the default, cached by the first run), then 30.
  const gap = (Date.parse(protectedUntil(conflicts[0])) - Date.parse(protectedUntil(conflicts[1]))) / 86400000;
  expect(gap).toBe(60);
});

import { COLUMN_IDENTITY, TAB_IDENTITY, tabOfSheet, trackerSheet } from '../../src/tracker/identity';
import { SCHEMA_VERSION, TABS, tabsAt } from '../../src/tracker/schema';
import { readList, readSettingValues, readSettings } from '../../src/tracker/settings-tab';
import { setUpTracker } from '../../src/tracker/setup';
import { TrackerTable } from '../../src/tracker/table';
import { emulated, headerOf } from '../support/emulated';

/**
 * Finding tabs and columns (tracker/identity.ts) in-process: the name and the
 * header first at no extra call, the identity only when they fail.
 */
let env: ReturnType<typeof emulated>;
beforeEach(() => {
  env = emulated();
  setUpTracker(env.ss, env.properties);
});
afterEach(() => env.restore());

const sheet = (name: string) => env.ss.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
const measure = <T>(fn: () => T) => env.emu.calls.measure(fn);

describe('the common path makes the calls it made before identities', () => {
  test('TrackerTable.open: the sheet by name, its last column, the header row (kept as reference data); opened again, no read', () => {
    const { result, calls } = measure(() => TrackerTable.open(env.ss, 'leads'));
    const reads = (c: Record<string, number>) => Object.keys(c).filter((k) => /^(Sheet|Range)\.get(LastColumn|DisplayValues|Values)$/.test(k));
    expect(calls).toMatchObject({ 'Spreadsheet.getSheetByName': 1, 'Sheet.getLastColumn': 1, 'Sheet.getRange': 1, 'Range.getDisplayValues': 1 });
    expect(result.column('dealAmount')).toBe(headerOf(sheet('Leads')).indexOf('Deal Amount') + 1);
    const again = measure(() => TrackerTable.open(env.ss, 'leads'));
    expect(reads(again.calls)).toEqual([]);
    expect(again.result.column('dealAmount')).toBe(result.column('dealAmount'));
  });

  test('the Settings and Lists tabs, read whole', () => {
    const expected = { 'Spreadsheet.getSheetByName': 1, 'Sheet.getLastRow': 1, 'Sheet.getLastColumn': 1, 'Sheet.getRange': 1, 'Range.getDisplayValues': 1 };
    expect(measure(() => readSettingValues(env.ss)).calls).toEqual(expected);
    expect(measure(() => readList(env.ss, 'products')).calls).toEqual(expected);
  });

  test('trackerSheet and tabOfSheet: one call by name', () => {
    expect(measure(() => trackerSheet(env.ss, 'payouts')).calls).toEqual({ 'Spreadsheet.getSheetByName': 1 });
    const leads = sheet('Leads');
    expect(measure(() => tabOfSheet(leads, TABS)?.key)).toEqual({ result: 'leads', calls: { 'Sheet.getName': 1 }, spreadsheetCalls: 1 });
    // A tracker tab's name that is not among those asked for: no read either.
    const audit = sheet('Audit Log');
    expect(
      measure(() =>
        tabOfSheet(
          audit,
          TABS.filter((t) => t.key !== 'audit'),
        ),
      ).calls,
    ).toEqual({ 'Sheet.getName': 1 });
  });
});

describe('when a name or header fails, one read of the identity', () => {
  test('a renamed tab', () => {
    sheet('Leads').setName('Deals');
    const { result, calls } = measure(() => TrackerTable.open(env.ss, 'leads'));
    expect(result.sheet.getName()).toBe('Deals');
    expect(calls['DeveloperMetadataFinder.find']).toBe(1);
    expect(measure(() => trackerSheet(env.ss, 'leads')?.getName()).result).toBe('Deals');
    const deals = sheet('Deals');
    expect(measure(() => tabOfSheet(deals, TABS)?.key)).toMatchObject({ result: 'leads', calls: { 'Sheet.getDeveloperMetadata': 1 } });
  });

  test('a renamed header: one read per column not found', () => {
    const at = headerOf(sheet('Leads')).indexOf('Deal Amount') + 1;
    sheet('Leads').getRange(1, at).setValue('Deal value');
    const { result, calls } = measure(() => TrackerTable.open(env.ss, 'leads'));
    expect(result.column('dealAmount')).toBe(at);
    expect(calls['DeveloperMetadataFinder.find']).toBe(1);
  });

  test("a header found twice: its identity decides, and a column found only by header where another's identity is gives way", () => {
    const leads = sheet('Leads');
    const header = headerOf(leads);
    const status = header.indexOf('Status') + 1;
    const amount = header.indexOf('Deal Amount') + 1;
    // "Status" typed over the Deal Amount header: two columns read "Status".
    leads.getRange(1, amount).setValue('Status');
    const table = TrackerTable.open(env.ss, 'leads');
    expect([table.column('status'), table.column('dealAmount')]).toEqual([status, amount]);
  });

  test('a tracker without identities finds what it did before, by header, the first of two', () => {
    for (const key of [TAB_IDENTITY, COLUMN_IDENTITY]) for (const m of env.ss.createDeveloperMetadataFinder().withKey(key).find()) m.remove();
    const leads = sheet('Leads');
    const status = headerOf(leads).indexOf('Status') + 1;
    leads.insertColumnsAfter(leads.getLastColumn(), 1);
    leads.getRange(1, leads.getLastColumn() + 1).setValue('Status');
    expect(TrackerTable.open(env.ss, 'leads').column('status')).toBe(status);
    leads.setName('Deals');
    expect(TrackerTable.tryOpen(env.ss, 'leads')).toBeNull();
  });

  test("a sheet with the tab's name but none of its columns is passed over for the one carrying the identity", () => {
    sheet('Settings').setName('Config');
    env.ss
      .insertSheet('Settings')
      .getRange('A1:B2')
      .setValues([
        ['Theme', 'Colour'],
        ['dark', 'blue'],
      ]);
    expect(readSettings(env.ss).settings.currency).toBe('USD');
    expect(TrackerTable.open(env.ss, 'settings').sheet.getName()).toBe('Config');
  });
});

describe('setup on an older tracker', () => {
  test('an upgrade from schema 1 set up before identities: the new columns and tabs get theirs as they are added, the old ones theirs by header', () => {
    env.restore();
    env = emulated();
    setUpTracker(env.ss, env.properties, { targetVersion: 1 });
    for (const key of [TAB_IDENTITY, COLUMN_IDENTITY]) for (const m of env.ss.createDeveloperMetadataFinder().withKey(key).find()) m.remove();
    const report = setUpTracker(env.ss, env.properties);
    const v1 = tabsAt(1);
    expect(report.changes).toContain(
      `Gave the tracker's tabs and columns their identity, so a renamed tab or header is still found: ${v1.map((def) => `${def.name} (the tab and its columns)`).join('; ')}.`,
    );
    expect(report.changes).toContain('Leads: added columns Protected Until, Form Response, Registered By, Tracker Check, Problems.');
    expect(report.changes).toContain(`Upgraded schema version 1 to ${SCHEMA_VERSION}.`);
    const all = env.emu.spreadsheet().developerMetadata;
    expect(all.filter((m) => m.key === TAB_IDENTITY)).toHaveLength(TABS.length);
    expect(all.filter((m) => m.key === COLUMN_IDENTITY)).toHaveLength(TABS.reduce((n, def) => n + def.columns.length, 0));
    expect(setUpTracker(env.ss, env.properties).changes).toEqual([]);
  });
});

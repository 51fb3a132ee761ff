import { LEAD_STATUSES } from '../../src/domain/enums';
import { SETTING_DEFS } from '../../src/domain/settings';
import { SCHEMA_VERSION, TABS, tab, tabsAt } from '../../src/tracker/schema';
import { SCHEMA_VERSION_PROPERTY, setUpTracker } from '../../src/tracker/setup';
import { emulated, headerOf } from '../support/emulated';

let env: ReturnType<typeof emulated>;
beforeEach(() => {
  env = emulated();
});
afterEach(() => env.restore());

function setUp(targetVersion?: number) {
  return setUpTracker(env.ss, env.properties, { targetVersion });
}

describe('setup on an empty spreadsheet', () => {
  test('creates every tab with its header, frozen header row and widths, and records the schema version', () => {
    const report = setUp();
    const names = env.ss.getSheets().map((s) => s.getName());
    expect(names).toEqual(['Sheet1', ...TABS.map((t) => t.name)]);
    for (const def of TABS) {
      const sheet = env.ss.getSheetByName(def.name) as GoogleAppsScript.Spreadsheet.Sheet;
      // The Dashboard's chooser has a hint column past its two headed columns (tracker/dashboard.ts).
      expect(headerOf(sheet).slice(0, def.kind === 'dashboard' ? def.columns.length : undefined)).toEqual(def.columns.map((c) => c.header));
      expect(sheet.getFrozenRows()).toBe(1);
      def.columns.forEach((c, i) => c.width && expect(sheet.getColumnWidth(i + 1)).toBe(c.width));
      expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    }
    expect(env.properties.getProperty(SCHEMA_VERSION_PROPERTY)).toBe(String(SCHEMA_VERSION));
    expect(report).toMatchObject({ fromVersion: null, toVersion: SCHEMA_VERSION, notices: [] });
    expect(report.changes).toContain('Created tab Leads.');
    expect(report.changes).toContain(`Set up schema version ${SCHEMA_VERSION}.`);
    // A new tracker reviews tiers monthly.
    const settings = (env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet).getDataRange().getValues();
    expect(settings.find((r) => r[0] === 'Tier review')?.[1]).toBe('Monthly');
  });

  test('number formats cover every data row of typed columns', () => {
    setUp();
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const col = (header: string) => headerOf(leads).indexOf(header) + 1;
    expect(leads.getRange(2, col('Estimated Value')).getNumberFormat()).toBe('#,##0.00');
    expect(leads.getRange(1000, col('Estimated Value')).getNumberFormat()).toBe('#,##0.00');
    expect(leads.getRange(2, col('Expected Close')).getNumberFormat()).toBe('yyyy-mm-dd');
    expect(leads.getRange(2, col('Lead ID')).getNumberFormat()).toBe('@');
  });

  test('every enumerated column has a rejecting dropdown; lists come from the Lists tab', () => {
    setUp();
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const col = (header: string) => headerOf(leads).indexOf(header) + 1;
    const status = leads.getRange(500, col('Status')).getDataValidation();
    expect(String(status?.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(status?.getCriteriaValues()[0]).toEqual([...LEAD_STATUSES]);
    expect(status?.getAllowInvalid()).toBe(false);
    const product = leads.getRange(2, col('Product')).getDataValidation();
    expect(String(product?.getCriteriaType())).toBe('VALUE_IN_RANGE');

    for (const def of TABS) {
      const sheet = env.ss.getSheetByName(def.name) as GoogleAppsScript.Spreadsheet.Sheet;
      def.columns.forEach((c, i) => {
        if (c.choices) expect([def.name, c.header, sheet.getRange(2, i + 1).getDataValidation() !== null]).toEqual([def.name, c.header, true]);
      });
    }
    // A person picking a product that is not on the list is refused; one that is, accepted.
    expect(env.emu.editAsUser(`Leads!${String.fromCharCode(64 + col('Product'))}2`, 'Widgets').accepted).toBe(false);
    expect(env.emu.editAsUser(`Leads!${String.fromCharCode(64 + col('Product'))}2`, 'Core Platform').accepted).toBe(true);
    expect(env.emu.editAsUser(`Leads!${String.fromCharCode(64 + col('Status'))}2`, 'Maybe').accepted).toBe(false);
  });

  test('Settings and Lists get their defaults', () => {
    setUp();
    const settings = env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
    const rows = settings.getRange(2, 1, SETTING_DEFS.length, 2).getDisplayValues();
    expect(rows).toEqual(SETTING_DEFS.map((d) => [d.label, d.defaultValue]));
    const lists = env.ss.getSheetByName('Lists') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(lists.getRange('A2:B2').getValues()).toEqual([['Core Platform', 'North America']]);
  });
});

describe('setup is idempotent', () => {
  test('a second run changes nothing and writes nothing', () => {
    setUp();
    const { result, calls } = env.emu.calls.measure(() => setUp());
    expect(result.changes).toEqual([]);
    const writes = Object.keys(calls).filter((name) => /\.(set|insert|protect|append|delete|clear|remove|add)/.test(name) && name !== 'Sheet.getRange');
    expect(writes).toEqual([]);
    expect(env.ss.getSheets()).toHaveLength(TABS.length + 1);
  });

  test('unrelated tabs keep their data, formats and place', () => {
    const budget = env.ss.insertSheet('Budget', 0);
    budget.getRange('A1:B2').setValues([
      ['Item', 'Cost'],
      ['Booth', '=1200*1.2'],
    ]);
    budget.getRange('B2').setNumberFormat('#,##0.00');
    setUp();
    setUp();
    const after = env.ss.getSheetByName('Budget') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(after.getIndex()).toBe(1);
    expect(after.getRange('A1:B2').getDisplayValues()).toEqual([
      ['Item', 'Cost'],
      ['Booth', '1,440.00'],
    ]);
    expect(after.getRange('B2').getFormula()).toBe('=1200*1.2');
  });

  test('a tab the user deleted is recreated, nothing else changes', () => {
    setUp();
    env.ss.deleteSheet(env.ss.getSheetByName('Form Inbox') as GoogleAppsScript.Spreadsheet.Sheet);
    const report = setUp();
    expect(report.changes).toEqual(['Created tab Form Inbox.']);
  });
});

describe('upgrading a tracker of an older schema version', () => {
  function fillV1Data() {
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const v1Columns = tabsAt(1).find((t) => t.key === 'leads')?.columns.length as number;
    // A person's own column to the right of the tracker's, and 3 leads.
    leads.getRange(1, v1Columns + 1).setValue('My notes');
    const rows = [1, 2, 3].map((n) => {
      const row: unknown[] = new Array(v1Columns + 1).fill('');
      row[0] = `L-00000${n}`;
      row[3] = `Company ${n}`;
      row[11] = n === 1 ? 'Closed Won' : 'New';
      row[14] = n * 1000;
      row[v1Columns] = `note ${n}`;
      return row;
    });
    leads.getRange(2, 1, 3, v1Columns + 1).setValues(rows);
    return { leads, before: leads.getRange(1, 1, 4, v1Columns + 1).getValues(), v1Columns };
  }

  test('adds the new tabs and columns after the last used column; no user row or column moves', () => {
    setUp(1);
    expect(env.ss.getSheetByName('Form Inbox')).toBeNull();
    const { leads, before, v1Columns } = fillV1Data();
    // Setup writes every setting it knows; a tracker of schema 1 never had the Tier review row.
    const settingsTab = env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
    settingsTab.deleteRow(
      settingsTab
        .getDataRange()
        .getValues()
        .findIndex((r) => r[0] === 'Tier review') + 1,
    );

    const report = setUp();
    expect(report.fromVersion).toBe(1);
    expect(report.toVersion).toBe(SCHEMA_VERSION);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        'Created tab Form Inbox.',
        'Created tab Mail Queue.',
        'Created tab Payout Runs.',
        'Created tab Team.',
        'Created tab Applications.',
        'Created tab Partner Updates.',
        'Created tab Tiers.',
        'Created tab Tier History.',
        'Created tab Inbound.',
        'Created tab Webhooks.',
        'Created tab Deliveries.',
        'Created tab HubSpot Sync.',
        'Partners: added columns Product Focus, Tracker Check, Problems, More Contact Emails, Status Updates, Partner Sheet, Terms Accepted, Tier Pinned, Payout Method, Payout Account.',
        'Leads: added columns Protected Until, Form Response, Registered By, Tracker Check, Problems.',
        'Audit Log: added column Previous Hash.',
        'Tier review is Off on this upgraded tracker: check the Tiers tab, then set Tier review in Settings to Monthly or Quarterly.',
        `Upgraded schema version 1 to ${SCHEMA_VERSION}.`,
      ]),
    );
    // The four default tiers, and the review off until a manager has checked them (a new tracker: Monthly).
    const tiers = env.ss.getSheetByName('Tiers') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(tiers.getRange(2, 1, 4, 1).getValues().flat()).toEqual(['Registered', 'Silver', 'Gold', 'Platinum']);
    const settings = (env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet).getDataRange().getValues();
    expect(settings.find((r) => r[0] === 'Tier review')?.[1]).toBe('Off');
    expect(report.notices).toEqual(['Leads: column "My notes" is not part of the tracker; left as it is.']);
    expect(leads.getRange(1, 1, 4, v1Columns + 1).getValues()).toEqual(before);
    expect(leads.getRange(1, v1Columns + 2).getValue()).toBe('Protected Until');
    expect(leads.getRange(3, v1Columns + 2).getNumberFormat()).toBe('yyyy-mm-dd');
    expect(leads.getRange(1, v1Columns + 3).getValue()).toBe('Form Response');
    expect(env.properties.getProperty(SCHEMA_VERSION_PROPERTY)).toBe(String(SCHEMA_VERSION));
    // The upgraded tracker is current: another run is a no-op.
    expect(setUp().changes).toEqual([]);
  });

  test('an upgrade puts the current dropdowns and checks on existing columns; values the new rule would reject stay', () => {
    setUp(6);
    const mail = env.ss.getSheetByName('Mail Queue') as GoogleAppsScript.Spreadsheet.Sheet;
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const status = mail.getRange(2, headerOf(mail).indexOf('Status') + 1, mail.getMaxRows() - 1, 1);
    const amount = leads.getRange(2, headerOf(leads).indexOf('Deal Amount') + 1, leads.getMaxRows() - 1, 1);
    // What a schema-6 tracker was given: no Failed status, amounts unbounded.
    status.setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Queued', 'Sent'], true).build());
    amount.setDataValidation(SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build());
    leads.getRange(2, headerOf(leads).indexOf('Deal Amount') + 1).setValue(5e12);

    const report = setUp();
    expect(report.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^Brought the dropdowns and checks of existing columns up to date: .*Leads.*Mail Queue/)]));
    const lastRule = (range: GoogleAppsScript.Spreadsheet.Range) => range.getCell(range.getNumRows(), 1).getDataValidation();
    expect(lastRule(status)?.getCriteriaValues()[0]).toContain('Failed');
    expect(lastRule(amount)?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN);
    expect(leads.getRange(2, headerOf(leads).indexOf('Deal Amount') + 1).getValue()).toBe(5e12);
    // Only an upgrade does it: the next run changes nothing.
    expect(setUp().changes).toEqual([]);
  });

  test("an older tracker's formula Dashboard is rebuilt in place as the period chooser; a person's choice survives setup", () => {
    setUp(1);
    const dash = env.ss.getSheetByName('Dashboard') as GoogleAppsScript.Spreadsheet.Sheet;
    // What setup wrote before the Dashboard was computed by the add-on: labels and whole-column formulas.
    dash.getRange(2, 1, 13, 2).setValues(Array.from({ length: 13 }, (_, i) => [`Metric ${i}`, `=COUNTA(Leads!A:A)+${i}`]));
    const report = setUp();
    expect(report.changes).toContain('Dashboard: wrote the period chooser (the figures are computed by "Refresh dashboard" and the hourly run).');
    expect(dash.getRange(1, 1, 14, 2).getFormulas().flat().filter(Boolean)).toEqual([]);
    expect(dash.getRange(1, 1, 5, 2).getValues()).toEqual([
      ['Metric', 'Value'],
      ['Period', ''],
      ['From', ''],
      ['To', ''],
      ['Showing', 'Not computed yet: "Refresh dashboard" in the add-on menu, or the owner\'s hourly run, fills in the figures.'],
    ]);
    expect(dash.getRange(6, 1, 9, 2).getValues().flat().filter(Boolean)).toEqual([]);
    const rule = dash.getRange('B2').getDataValidation();
    expect([rule?.getCriteriaValues()[0], rule?.getAllowInvalid()]).toEqual([['Month', 'Quarter', 'Year', 'Custom'], true]);
    dash.getRange('B2').setValue('Quarter');
    expect(setUp().changes).toEqual([]);
    expect(dash.getRange('B2').getValue()).toBe('Quarter');
  });

  test('a tracker set up by a newer add-on is refused with a clear message', () => {
    env.properties.setProperty(SCHEMA_VERSION_PROPERTY, String(SCHEMA_VERSION + 1));
    expect(() => setUp()).toThrow(`set up by a newer version of the tracker (schema ${SCHEMA_VERSION + 1})`);
    expect(env.ss.getSheets()).toHaveLength(1);
  });

  test('a garbled version property is reported, not guessed', () => {
    env.properties.setProperty(SCHEMA_VERSION_PROPERTY, 'two');
    expect(() => setUp()).toThrow('holds "two", which is not a version number');
  });
});

describe('cost does not grow with the data', () => {
  function upgradeCallsWith(rows: number): number {
    const local = emulated();
    try {
      setUpTracker(local.ss, local.properties, { targetVersion: 1 });
      const leads = local.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
      if (rows > 999) leads.insertRowsAfter(1000, rows - 999);
      const width = tab('leads').columns.filter((c) => c.since === 1).length;
      leads.getRange(2, 1, rows, width).setValues(
        Array.from({ length: rows }, (_, i) => {
          const row: unknown[] = new Array(width).fill('');
          row[0] = `L-${i}`;
          row[11] = 'New';
          return row;
        }),
      );
      return local.emu.calls.measure(() => setUpTracker(local.ss, local.properties)).spreadsheetCalls;
    } finally {
      local.restore();
    }
  }

  test('upgrading a tracker with 100 or 5,000 leads makes the same number of spreadsheet calls', () => {
    env.restore();
    expect(upgradeCallsWith(5000)).toBe(upgradeCallsWith(100));
    env = emulated();
  });
});

describe('tabs that only share a name with the tracker’s', () => {
  test('a user’s own "Settings" tab stops setup before anything changes', () => {
    const mine = env.ss.insertSheet('Settings');
    mine.getRange('A1:B2').setValues([
      ['Theme', 'Colour'],
      ['dark', 'blue'],
    ]);
    expect(() => setUp()).toThrow(
      'This spreadsheet already has a tab named "Settings" that is not part of the tracker (none of the tracker\'s columns are in its header). Rename it, then run setup again. Nothing was changed.',
    );
    expect(env.ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Settings']);
    expect(mine.getRange('A1:C2').getValues()).toEqual([
      ['Theme', 'Colour', ''],
      ['dark', 'blue', ''],
    ]);
    expect(env.properties.getProperty(SCHEMA_VERSION_PROPERTY)).toBeNull();
  });

  test('an empty tab with a tracker name is adopted and set up', () => {
    env.ss.insertSheet('Leads');
    setUp();
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    expect(headerOf(leads)[0]).toBe('Lead ID');
    expect(leads.getFrozenRows()).toBe(1);
  });
});

import { LeadList, LeadView, RegisterLeadResult, SetupResult, TrackerOverview } from '../../src/sidebar-api/contract';
import { TABS } from '../../src/tracker/schema';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Tabs and columns are found by a stable identity (developer metadata on the
 * sheet and on each whole column), so a renamed tab or header keeps working,
 * and setup puts the name back instead of adding a duplicate. Through the
 * built bundle.
 */
let t: Tracker;
const ANA = 'ana@example.com'; // partner team
const TAB = 'partnershipTracker.tab';
const COLUMN = 'partnershipTracker.column';

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  register('Initech');
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function register(company: string, user = OWNER): LeadView {
  return t.okAs<RegisterLeadResult>(user, 'apiRegisterLead', { partnerId: 'P-000001', company, contactEmail: `ceo@${company.toLowerCase()}.example` }).lead;
}

const setUp = () => t.ok<SetupResult>('apiRunSetup');
const names = () => t.ss.getSheets().map((s) => s.getName());
const header = (name: string) => t.sheet(name).getRange(1, 1, 1, t.sheet(name).getLastColumn()).getDisplayValues()[0];
const letter = (n: number) => String.fromCharCode(64 + n);
/** The column letter of a header on a tab, as it reads now. */
const col = (name: string, text: string) => {
  const at = header(name).indexOf(text);
  if (at < 0) throw new Error(`no "${text}" on ${name}`);
  return letter(at + 1);
};
const identities = (key: string) => t.emu.spreadsheet().developerMetadata.filter((m) => m.key === key);
const overview = () => t.ok<TrackerOverview>('apiGetOverview');
const changeEntries = () =>
  t
    .rows('Audit Log')
    .filter((r) => r.Source === 'change')
    .map((r) => r['New Value']);

describe('setup gives every tab and column its identity', () => {
  test('once: document-visible metadata on each tracker sheet and each whole column; setup again adds none', () => {
    const sheetIds = new Map(t.emu.spreadsheet().sheets.map((s) => [s.name, s.id]));
    expect(identities(TAB).map((m) => [m.value, m.location.type === 'SHEET' && m.location.sheetId, m.visibility])).toEqual(TABS.map((def) => [def.key, sheetIds.get(def.name), 'DOCUMENT']));
    expect(identities(COLUMN)).toHaveLength(TABS.reduce((n, def) => n + def.columns.length, 0));
    const leads = t.emu.spreadsheet().sheetByName('Leads');
    const onLeads = identities(COLUMN).filter((m) => m.location.type === 'COLUMN' && m.location.sheetId === leads?.id);
    expect(onLeads.map((m) => [m.value, m.location.type === 'COLUMN' && header('Leads')[m.location.index - 1]])).toEqual(TABS.find((d) => d.key === 'leads')?.columns.map((c) => [c.key, c.header]));
    const before = t.emu.spreadsheet().developerMetadata.length;
    expect(setUp().changes).toEqual([]);
    expect(t.emu.spreadsheet().developerMetadata).toHaveLength(before);
  });
});

describe('a renamed tab', () => {
  beforeEach(() => {
    expect(t.emu.renameSheetAsUser('Leads', 'Leads 2026')).toMatchObject({ accepted: true, changeType: 'OTHER' });
  });

  test('the change trigger records the rename and that setup puts the name back', () => {
    expect(changeEntries().pop()).toBe(
      'a change to the tabs (a rename, a move, or something Google does not name); tracker tab Leads renamed to "Leads 2026": still tracked, Set up tracker puts the name back',
    );
  });

  test('a deleted tab is reported as gone, for setup to recreate', () => {
    t.ss.deleteSheet(t.sheet('Form Inbox'));
    t.emu.fireChange('REMOVE_GRID');
    expect(changeEntries().pop()).toBe(
      'a tab removed; tracker tab Leads renamed to "Leads 2026": still tracked, Set up tracker puts the name back; tracker tab Form Inbox gone: Set up tracker recreates it',
    );
  });

  test('the sidebar keeps working on it: register, move, list, overview', () => {
    const lead = register('Hooli', ANA);
    expect(lead).toMatchObject({ id: 'L-000002', status: 'New' });
    t.okAs(ANA, 'apiMoveLead', 'L-000002', { to: 'Accepted' });
    expect(t.rows('Leads 2026').map((r) => [r['Lead ID'], r.Status])).toEqual([
      ['L-000001', 'New'],
      ['L-000002', 'Accepted'],
    ]);
    expect(
      t
        .ok<LeadList>('apiListLeads', {})
        .leads.map((l) => l.id)
        .sort(),
    ).toEqual(['L-000001', 'L-000002']);
    expect(overview().tabs.find((tab) => tab.name === 'Leads')).toEqual({ name: 'Leads', rows: 2 });
    expect(names()).not.toContain('Leads');
  });

  test('edits on it are audited and enforced: an illegal status jump is put back', () => {
    const outcome = t.emu.editAsUser(`'Leads 2026'!${col('Leads 2026', 'Status')}2`, 'Closed Won', ANA);
    expect(outcome.triggerRuns?.every((r) => r.ok)).toBe(true);
    expect(t.rows('Leads 2026')[0].Status).toBe('New');
    expect(
      t
        .rows('Audit Log')
        .slice(-2)
        .map((r) => [r.Source, r.User, r.Tab, r['Record ID'], r.Field, r['New Value']]),
    ).toEqual([
      ['edit', ANA, 'Leads', 'L-000001', 'Status', 'Closed Won'],
      ['edit', ANA, 'Leads', 'L-000001', '(put back)', expect.stringContaining('New: L-000001 is New; it cannot move to Closed Won')],
    ]);
  });

  test('the hourly run works on it: a lead past its window expires', () => {
    t.emu.clock.set('2026-06-02T15:00:00Z');
    t.hourly();
    expect(overview().automation).toMatchObject({ lastRunOk: true, note: expect.any(String) });
    expect(t.rows('Leads 2026')[0]).toMatchObject({ 'Lead ID': 'L-000001', Status: 'Expired' });
  });

  test('setup renames it back and says so; no second Leads tab, no row lost, the Dashboard reads it', () => {
    const report = setUp();
    expect(report.changes).toEqual(['Renamed tab "Leads 2026" back to Leads: it is the tracker\'s Leads tab.']);
    expect(names().filter((n) => n.startsWith('Leads'))).toEqual(['Leads']);
    expect(t.rows('Leads').map((r) => r['Lead ID'])).toEqual(['L-000001']);
    t.emu.run('menuRefreshDashboard');
    expect(t.rows('Dashboard').find((r) => r.Metric === 'Leads registered')?.Value).toBe('1');
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Source === 'setup')
        .pop()?.['New Value'],
    ).toBe(report.changes[0]);
    expect(setUp().changes).toEqual([]);
  });
});

describe('a renamed header', () => {
  const DEAL = () => col('Leads', 'Deal Amount');
  let deal: string;
  beforeEach(() => {
    deal = DEAL();
    // The owner types over the header cell (the partner team may not: the header row is the managers').
    expect(t.emu.editAsUser(`Leads!${deal}1`, 'Deal value', ANA).accepted).toBe(false);
    expect(t.emu.editAsUser(`Leads!${deal}1`, 'Deal value').accepted).toBe(true);
  });

  test('reads and writes still land in its column', () => {
    t.ok('apiMoveLead', 'L-000001', { to: 'Accepted' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Qualified' });
    const won = t.ok<LeadView>('apiMoveLead', 'L-000001', { to: 'Closed Won', dealAmount: 12000, closedOn: '2026-03-01' });
    expect(won).toMatchObject({ status: 'Closed Won', dealAmount: 12000 });
    expect(t.sheet('Leads').getRange(`${deal}2`).getValue()).toBe(12000);
    expect(t.rows('Leads')[0]['Deal value']).toBe('12,000.00');
    expect(header('Leads').filter((h) => h === 'Deal Amount')).toEqual([]);
    expect(t.ok<LeadList>('apiListLeads', { status: 'all' }).leads[0].dealAmount).toBe(12000);
    t.emu.run('menuRefreshDashboard');
    expect(t.rows('Dashboard').find((r) => r.Metric === 'Won revenue')?.Value).toBe('12,000.00');
  });

  test("an edit in its column is audited under the column's name", () => {
    t.emu.editAsUser(`Leads!${deal}2`, 500, ANA);
    expect(t.rows('Audit Log').pop()).toMatchObject({ Tab: 'Leads', Range: `${deal}2`, Field: 'Deal Amount', 'New Value': '500.00' });
  });

  test('setup writes the header back and says so; no second Deal Amount column', () => {
    const width = t.sheet('Leads').getLastColumn();
    const report = setUp();
    expect(report.changes).toEqual(['Leads: put back the header "Deal Amount" (it read "Deal value") (found by the column\'s identity).']);
    expect(report.notices.filter((n) => n.startsWith('Leads'))).toEqual([]);
    expect(t.sheet('Leads').getLastColumn()).toBe(width);
    expect(col('Leads', 'Deal Amount')).toBe(deal);
    expect(header('Leads').filter((h) => h === 'Deal Amount')).toHaveLength(1);
    expect(setUp().changes).toEqual([]);
  });

  test('a cleared header is found and written back the same way', () => {
    t.emu.editAsUser(`Leads!${deal}1`, '');
    t.ok('apiMoveLead', 'L-000001', { to: 'Rejected', reason: 'No budget' });
    expect(setUp().changes).toEqual(['Leads: put back the header "Deal Amount" (it read "") (found by the column\'s identity).']);
  });
});

describe('columns inserted by a person', () => {
  test("before a tracker column: the mapping follows, even when that column's header is renamed too", () => {
    const company = col('Leads', 'Company');
    expect(t.emu.insertColumnsAsUser('Leads', company.charCodeAt(0) - 64, 2)).toMatchObject({ accepted: true, changeType: 'INSERT_COLUMN' });
    t.emu.editAsUser(`Leads!${company}1:${letter(company.charCodeAt(0) - 64 + 1)}1`, [['My notes', 'Owner']]);
    const moved = col('Leads', 'Company');
    expect(moved).toBe(letter(company.charCodeAt(0) - 64 + 2));
    t.emu.editAsUser(`Leads!${moved}1`, 'Account');
    register('Hooli');
    expect(t.sheet('Leads').getRange(`${moved}3`).getValue()).toBe('Hooli');
    expect(t.rows('Leads').map((r) => [r['Lead ID'], r.Account, r['My notes']])).toEqual([
      ['L-000001', 'Initech', ''],
      ['L-000002', 'Hooli', ''],
    ]);

    const report = setUp();
    expect(report.changes).toEqual(['Leads: put back the header "Company" (it read "Account") (found by the column\'s identity).']);
    expect(report.notices).toEqual(expect.arrayContaining(['Leads: column "My notes" is not part of the tracker; left as it is.', 'Leads: column "Owner" is not part of the tracker; left as it is.']));
    expect(header('Leads').filter((h) => h === 'Company')).toHaveLength(1);
    expect(
      t
        .ok<LeadList>('apiListLeads', {})
        .leads.map((l) => l.company)
        .sort(),
    ).toEqual(['Hooli', 'Initech']);
  });

  test("a person's column headed like a tracker column does not take its place", () => {
    const status = col('Leads', 'Status');
    t.emu.insertColumnsAsUser('Leads', 1, 1);
    t.emu.editAsUser('Leads!A1:A2', [['Status'], ['my own']]);
    expect(t.ok<LeadList>('apiListLeads', {}).leads[0]).toMatchObject({ id: 'L-000001', status: 'New' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Accepted' });
    expect(t.sheet('Leads').getRange('A2').getValue()).toBe('my own');
    expect(
      t
        .sheet('Leads')
        .getRange(`${letter(status.charCodeAt(0) - 64 + 1)}2`)
        .getValue(),
    ).toBe('Accepted');
    expect(setUp().notices).toContain(`Leads: column A is also headed "Status", but the tracker's Status column is ${letter(status.charCodeAt(0) - 64 + 1)}; rename the other one.`);
  });
});

describe('a tracker set up before tabs and columns had an identity', () => {
  function strip() {
    for (const key of [TAB, COLUMN]) for (const m of t.ss.createDeveloperMetadataFinder().withKey(key).find()) m.remove();
  }

  test('setup gives them their identity, says so once, and a renamed tab then still works', () => {
    strip();
    const report = setUp();
    expect(report.changes).toHaveLength(1);
    const all = TABS.map((def) => `${def.name} (the tab and its columns)`).join('; ');
    expect(report.changes[0]).toBe(`Gave the tracker's tabs and columns their identity, so a renamed tab or header is still found: ${all}.`);
    expect(identities(TAB)).toHaveLength(TABS.length);
    expect(identities(COLUMN)).toHaveLength(TABS.reduce((n, def) => n + def.columns.length, 0));
    expect(setUp().changes).toEqual([]);
    t.emu.renameSheetAsUser('Partners', 'Our partners');
    expect(t.ok<{ id: string }>('apiSavePartner', { name: 'Globex', code: 'GLOBEX', contactEmail: 'g@globex.example', type: 'Referral' }).id).toBe('P-000002');
  });

  test('a column that lost its identity gets it back; the others are left alone', () => {
    const leads = t.emu.spreadsheet().sheetByName('Leads');
    const notes = header('Leads').indexOf('Notes') + 1;
    const model = t.emu.spreadsheet().developerMetadata;
    model.splice(
      model.findIndex((m) => m.key === COLUMN && m.location.type === 'COLUMN' && m.location.sheetId === leads?.id && m.location.index === notes),
      1,
    );
    const before = model.length;
    expect(setUp().changes).toEqual(["Gave the tracker's tabs and columns their identity, so a renamed tab or header is still found: Leads (column Notes)."]);
    expect(model).toHaveLength(before + 1);
  });
});

describe("another tab with the tracker tab's name", () => {
  beforeEach(() => {
    t.emu.renameSheetAsUser('Leads', 'Leads 2026');
    const mine = t.ss.insertSheet('Leads');
    mine.getRange('A1:B2').setValues([
      ['Name', 'Phone'],
      ['Bob', '555'],
    ]);
  });

  test("the tracker keeps to its own tab, and setup leaves both, saying which is the tracker's and what to do", () => {
    register('Hooli');
    expect(t.rows('Leads 2026').map((r) => r.Company)).toEqual(['Initech', 'Hooli']);
    const report = setUp();
    expect(report.changes).toEqual([]);
    expect(report.notices).toContain(
      'The tracker\'s Leads tab is the one now named "Leads 2026"; another tab is named "Leads", so its name was not put back. Rename or delete that other "Leads" tab, then run Set up tracker again: until then the tracker may not find its Leads tab.',
    );
    expect(t.sheet('Leads').getRange('A1:C2').getDisplayValues()).toEqual([
      ['Name', 'Phone', ''],
      ['Bob', '555', ''],
    ]);
    expect(identities(TAB).filter((m) => m.value === 'leads')).toHaveLength(1);
    // The person renames their own tab: the next setup puts the tracker's name back.
    t.emu.renameSheetAsUser('Leads', 'Phone list');
    expect(setUp().changes).toEqual(['Renamed tab "Leads 2026" back to Leads: it is the tracker\'s Leads tab.']);
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech', 'Hooli']);
  });

  test("a tab of that name with none of the tracker's columns and no identity still stops setup, as before", () => {
    t.ss.deleteSheet(t.sheet('Leads 2026'));
    expect(t.api('apiRunSetup')).toMatchObject({ ok: false, error: { message: expect.stringContaining('already has a tab named "Leads" that is not part of the tracker') } });
  });
});

describe('copies and swaps', () => {
  test('a copy that also says it is the Leads tab loses that claim at setup; two claims and no tab of the name are refused, nothing changed', () => {
    const copy = t.ss.insertSheet('Copy of Leads');
    copy.addDeveloperMetadata(TAB, 'leads');
    expect(setUp().changes).toEqual(['Leads: the tab "Copy of Leads" also said it was the tracker\'s Leads tab (a copy); it no longer does.']);
    copy.addDeveloperMetadata(TAB, 'leads');
    t.emu.renameSheetAsUser('Leads', 'Leads (mine)');
    const refused = t.api('apiRunSetup');
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('More than one tab says it is the tracker\'s Leads ("Leads (mine)" and "Copy of Leads")') } });
    expect(names()).toContain('Leads (mine)');
    expect(t.api('apiListLeads', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining("both say they are the tracker's Leads tab") } });
  });

  test('two tabs that swapped names get their own back', () => {
    t.emu.renameSheetAsUser('Leads', 'tmp');
    t.emu.renameSheetAsUser('Partners', 'Leads');
    t.emu.renameSheetAsUser('tmp', 'Partners');
    const report = setUp();
    expect([...report.changes].sort()).toEqual(['Renamed tab "Leads" back to Partners: it is the tracker\'s Partners tab.', 'Renamed tab "Partners" back to Leads: it is the tracker\'s Leads tab.']);
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech']);
    expect(t.rows('Partners').map((r) => r.Name)).toEqual(['Acme Partners']);
    expect(names().filter((n) => / \(tracker/.test(n))).toEqual([]);
  });
});

describe('the common path costs nothing more', () => {
  const IDENTITY_CALLS = ['DeveloperMetadataFinder.withValue', 'DeveloperMetadataFinder.withLocationType', 'Sheet.getDeveloperMetadata', 'Range.createDeveloperMetadataFinder'];
  const identityCalls = () => Object.fromEntries(IDENTITY_CALLS.map((name) => [name, t.emu.calls.get(name)]).filter(([, n]) => n));

  test('sidebar calls, edits on tracker tabs and the hourly run on an untouched tracker read no identity', () => {
    t.emu.calls.reset();
    register('Hooli', ANA);
    t.okAs(ANA, 'apiMoveLead', 'L-000002', { to: 'Accepted' });
    t.ok('apiListLeads', {});
    t.ok('apiGetOverview');
    t.emu.editAsUser(`Leads!${col('Leads', 'Notes')}2`, 'a note', ANA);
    t.hourly();
    expect(identityCalls()).toEqual({});
  });

  test("a renamed tab costs one read more to open; an edit on a tab that is not the tracker's, one read", () => {
    t.emu.renameSheetAsUser('Leads', 'Leads 2026');
    t.emu.calls.reset();
    t.ok('apiListLeads', {});
    expect(t.emu.calls.get('DeveloperMetadataFinder.find')).toBeGreaterThan(0);
    expect(identityCalls()).toEqual({ 'DeveloperMetadataFinder.withValue': 1, 'DeveloperMetadataFinder.withLocationType': 1 });
    const other = t.ss.insertSheet('Budget');
    other.getRange('A1').setValue('x');
    t.emu.calls.reset();
    t.emu.editAsUser('Budget!A1', 'y');
    expect(identityCalls()).toEqual({ 'Sheet.getDeveloperMetadata': 1 });
  });
});

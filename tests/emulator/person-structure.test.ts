import { Emulator } from '../../emulator';

const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** A script whose change and edit triggers record what they receive. */
const SCRIPT = `
var seen = [];
function install() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.newTrigger('onStructure').forSpreadsheet(ss).onChange().create();
  ScriptApp.newTrigger('onTrackedEdit').forSpreadsheet(ss).onEdit().create();
}
function onStructure(e) {
  seen.push({
    kind: 'change', changeType: String(e.changeType), authMode: String(e.authMode), source: e.source.getId(),
    user: e.user.getEmail(), triggerUid: typeof e.triggerUid, effective: Session.getEffectiveUser().getEmail(),
    sheets: SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { return s.getName(); })
  });
}
function onTrackedEdit(e) {
  seen.push({ kind: 'edit', a1: e.range.getA1Notation(), hasValue: 'value' in e, value: e.value, hasOldValue: 'oldValue' in e, oldValue: e.oldValue });
}
function onEdit(e) { seen.push({ kind: 'simple edit', a1: e.range.getA1Notation() }); }
function events() { var out = seen; seen = []; return out; }
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator({ ownerEmail: 'owner@acme.com', ...options });
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const leads = ss.getSheets()[0].setName('Leads');
  ss.insertSheet('Settings');
  ss.addEditor('rep@acme.com');
  leads.getRange('A1:A6').setValues([['h'], ['r2'], ['r3'], ['r4'], ['r5'], ['r6']]);
  ss.getRange('Settings!A1').setValue('=COUNTA(Leads!A:A)');
  emu.loadBundle(SCRIPT);
  emu.run('install');
  return { emu, ss, leads };
}

/** Protects Leads!A3:A4 (range) and the Settings sheet, for the owner alone. */
function protect(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, warningOnly = false) {
  const range = ss.getRange('Leads!A3:A4').protect();
  range.removeEditors(range.getEditors());
  const sheet = ss.getSheetByName('Settings')!.protect();
  sheet.removeEditors(sheet.getEditors());
  if (warningOnly) {
    range.setWarningOnly(true);
    sheet.setWarningOnly(true);
  }
}

const column = (sheet: GoogleAppsScript.Spreadsheet.Sheet) =>
  sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getValues()
    .map((r) => r[0]);

describe('a person’s structural changes fire change triggers, not edit triggers', () => {
  test('insert and delete rows, rename a sheet: Google’s change event (INSERT_ROW, REMOVE_ROW, OTHER), run as the trigger’s creator, uncounted', () => {
    const { emu, ss, leads } = setUp({ accountType: 'workspace' });
    emu.calls.reset();
    expect(emu.insertRowsAsUser('Leads', 3, 2, 'rep@acme.com')).toMatchObject({ accepted: true, changeType: 'INSERT_ROW', triggerRuns: [expect.objectContaining({ ok: true })] });
    expect(emu.deleteRowsAsUser('Leads', 2, 1, 'rep@acme.com')).toMatchObject({ accepted: true, changeType: 'REMOVE_ROW' });
    expect(emu.renameSheetAsUser('Settings', 'Config', 'rep@acme.com')).toMatchObject({ accepted: true, changeType: 'OTHER' });
    // The emulator's own work is not counted; only the trigger's calls are.
    expect(Object.keys(emu.calls.snapshot()).filter((name) => /insertRows|deleteRows|setName/.test(name))).toEqual([]);
    const common = { kind: 'change', authMode: 'FULL', source: ss.getId(), user: 'rep@acme.com', triggerUid: 'string', effective: 'owner@acme.com' };
    expect(emu.run('events')).toEqual([
      { ...common, changeType: 'INSERT_ROW', sheets: ['Leads', 'Settings'] },
      { ...common, changeType: 'REMOVE_ROW', sheets: ['Leads', 'Settings'] },
      { ...common, changeType: 'OTHER', sheets: ['Leads', 'Config'] },
    ]);
    expect(column(leads)).toEqual(['h', '', '', 'r3', 'r4', 'r5', 'r6']);
    // Formulas follow the rows and the renamed tab.
    expect(ss.getRange('Config!A1').getValue()).toBe(5);
  });

  test('the change event reveals the person as Google would: blank for a consumer account, the owner for an anonymous editor', () => {
    const { emu } = setUp();
    const anon = emu.people.add({ kind: 'anonymous' });
    emu.insertRowsAsUser('Leads', 7, 1, 'someone@gmail.com');
    emu.insertRowsAsUser('Leads', 7, 1, anon.email);
    expect((emu.run('events') as Array<{ user: string }>).map((e) => e.user)).toEqual(['', 'owner@acme.com']);
  });
});

describe('refused where a protection forbids the person', () => {
  test('rows inside or across a protected range, a protected sheet’s rows and name: Google’s message, nothing changes, no trigger', () => {
    const { emu, ss, leads } = setUp();
    protect(ss);
    const refused = { accepted: false, reason: PROTECTED };
    expect(emu.insertRowsAsUser('Leads', 4, 1, 'rep@acme.com')).toEqual(refused); // between A3 and A4
    expect(emu.deleteRowsAsUser('Leads', 2, 2, 'rep@acme.com')).toEqual(refused); // takes A3
    expect(emu.insertRowsAsUser('Settings', 2, 1, 'rep@acme.com')).toEqual(refused);
    expect(emu.deleteRowsAsUser('Settings', 5, 1, 'rep@acme.com')).toEqual(refused);
    expect(emu.renameSheetAsUser('Settings', 'Mine', 'rep@acme.com')).toEqual(refused);
    expect(emu.run('events')).toEqual([]);
    expect(column(leads)).toEqual(['h', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(ss.getSheetByName('Settings')).not.toBeNull();
  });

  test('what the protection does not cover stays allowed: rows above it (it moves), rows below it, renaming a tab with only range protections', () => {
    const { emu, ss, leads } = setUp();
    protect(ss);
    expect(emu.insertRowsAsUser('Leads', 3, 1, 'rep@acme.com').accepted).toBe(true);
    expect(emu.spreadsheet().protections[0].rect).toEqual({ row: 4, column: 1, numRows: 2, numColumns: 1 });
    expect(emu.deleteRowsAsUser('Leads', 6, 2, 'rep@acme.com').accepted).toBe(true);
    expect(emu.renameSheetAsUser('Leads', 'Deals', 'rep@acme.com').accepted).toBe(true);
    expect(column(ss.getSheetByName('Deals')!)).toEqual(['h', 'r2', '', 'r3', 'r4']);
    expect(leads.getName()).toBe('Deals');
  });

  test('the owner, and anyone on a warning-only protection, may', () => {
    const owner = setUp();
    protect(owner.ss);
    expect(owner.emu.deleteRowsAsUser('Leads', 3, 1).accepted).toBe(true);
    expect(owner.emu.renameSheetAsUser('Settings', 'Mine').accepted).toBe(true);
    const warned = setUp();
    protect(warned.ss, true);
    expect(warned.emu.insertRowsAsUser('Leads', 4, 1, 'rep@acme.com').accepted).toBe(true);
    expect(warned.emu.renameSheetAsUser('Settings', 'Mine', 'rep@acme.com').accepted).toBe(true);
  });

  test('an impossible change is refused with Google’s message', () => {
    const { emu } = setUp();
    expect(emu.renameSheetAsUser('Settings', 'leads', 'rep@acme.com')).toEqual({ accepted: false, reason: 'A sheet with the name "leads" already exists. Please enter another name.' });
    expect(() => emu.deleteRowsAsUser('Nope', 1, 1)).toThrow(/no sheet Nope/);
  });
});

describe('a person inserts columns', () => {
  test('INSERT_COLUMN fires the change triggers; the cells, formulas and column metadata to the right move with their column', () => {
    const { emu, ss, leads } = setUp({ accountType: 'workspace' });
    leads.getRange('B1:C1').setValues([['Company', 'Amount']]);
    leads.getRange(1, 3, leads.getMaxRows(), 1).addDeveloperMetadata('tracker.column', 'amount');
    ss.getRange('Settings!B1').setValue('=COUNTA(Leads!C:C)');
    emu.run('events');
    expect(emu.insertColumnsAsUser('Leads', 2, 2, 'rep@acme.com')).toMatchObject({ accepted: true, changeType: 'INSERT_COLUMN', triggerRuns: [expect.objectContaining({ ok: true })] });
    expect(emu.run('events')).toEqual([expect.objectContaining({ kind: 'change', changeType: 'INSERT_COLUMN', user: 'rep@acme.com' })]);
    expect(leads.getRange('A1:E1').getValues()).toEqual([['h', '', '', 'Company', 'Amount']]);
    const tagged = leads.createDeveloperMetadataFinder().withKey('tracker.column').find();
    expect(tagged.map((m) => m.getLocation().getColumn()?.getColumn())).toEqual([5]);
    expect(ss.getRange('Settings!B1').getFormula()).toBe('=COUNTA(Leads!E:E)');
  });

  test('refused inside a protected range or a protected sheet, as rows are; the owner may', () => {
    const { emu, ss, leads } = setUp();
    const header = ss.getRange('Leads!A1:C1').protect();
    header.removeEditors(header.getEditors());
    const settings = ss.getSheetByName('Settings')!.protect();
    settings.removeEditors(settings.getEditors());
    const refused = { accepted: false, reason: PROTECTED };
    expect(emu.insertColumnsAsUser('Leads', 2, 1, 'rep@acme.com')).toEqual(refused); // between A1 and C1
    expect(emu.insertColumnsAsUser('Settings', 1, 1, 'rep@acme.com')).toEqual(refused);
    expect(emu.insertColumnsAsUser('Leads', 4, 1, 'rep@acme.com').accepted).toBe(true); // right of it
    expect(emu.insertColumnsAsUser('Leads', 2, 1).accepted).toBe(true);
    expect(emu.spreadsheet().protections[0].rect).toEqual({ row: 1, column: 1, numRows: 1, numColumns: 4 });
    expect(leads.getMaxColumns()).toBe(28);
  });
});

describe('pastes, fills and clears', () => {
  test('a paste or fill of several cells carries neither value nor oldValue; clearing one cell carries oldValue only; clearing several, neither', () => {
    const { emu } = setUp();
    emu.editAsUser('Leads!B2:C3', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    emu.editAsUser('Leads!D2:D4', 'same');
    emu.editAsUser('Leads!A2', '');
    emu.editAsUser('Leads!B2:C3', '');
    const edits = (emu.run('events') as Array<Record<string, unknown>>).filter((e) => e.kind === 'edit');
    expect(edits).toEqual([
      { kind: 'edit', a1: 'B2:C3', hasValue: false, hasOldValue: false },
      { kind: 'edit', a1: 'D2:D4', hasValue: false, hasOldValue: false },
      { kind: 'edit', a1: 'A2', hasValue: false, hasOldValue: true, oldValue: 'r2' },
      { kind: 'edit', a1: 'B2:C3', hasValue: false, hasOldValue: false },
    ]);
  });
});

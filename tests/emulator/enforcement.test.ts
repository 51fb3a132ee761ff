import { Emulator } from '../../emulator';

const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** A script that protects ranges and tries every way of changing a protection, reporting what Google said. */
const SCRIPT = `
function sheet_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads'); }
function protectAuditColumn(warningOnly) {
  var p = sheet_().getRange('A1:A10').protect().setDescription('audit');
  p.removeEditors(p.getEditors());
  if (warningOnly) p.setWarningOnly(true);
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings').protect();
  s.removeEditors(s.getEditors());
  return p.getEditors().map(function (u) { return u.getEmail(); });
}
function attempt_(fn) {
  try { fn(); return 'ok'; } catch (e) { return e.message; }
}
function tryChanges() {
  var me = Session.getEffectiveUser().getEmail();
  var p = sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings').getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  return {
    canEdit: p.canEdit(),
    write: attempt_(function () { sheet_().getRange('A2').setValue('x'); }),
    addEditor: attempt_(function () { p.addEditor(me); }),
    addEditors: attempt_(function () { p.addEditors([me]); }),
    removeEditor: attempt_(function () { p.removeEditor('someone@acme.com'); }),
    removeEditors: attempt_(function () { p.removeEditors(['someone@acme.com']); }),
    setDomainEdit: attempt_(function () { p.setDomainEdit(false); }),
    setDescription: attempt_(function () { p.setDescription('mine'); }),
    setRange: attempt_(function () { p.setRange(sheet_().getRange('A1:A12')); }),
    setUnprotectedRanges: attempt_(function () { s.setUnprotectedRanges([s.getRange().getSheet().getRange('B2')]); }),
    setWarningOnly: attempt_(function () { p.setWarningOnly(true); }),
    remove: attempt_(function () { p.remove(); })
  };
}
function removeOwnerAndMe() {
  var p = sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
  p.addEditor(Session.getEffectiveUser());
  p.removeEditors([SpreadsheetApp.getActiveSpreadsheet().getOwner().getEmail(), Session.getEffectiveUser().getEmail()]);
  return p.getEditors().map(function (u) { return u.getEmail(); });
}
function protectAsMe() {
  var p = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings').getRange('C1:C5').protect();
  var mine = p.getEditors().map(function (u) { return u.getEmail(); });
  p.setDescription('mine');
  return { editors: mine, canEdit: p.canEdit() };
}
function addEditorAsOwner(email) {
  sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].addEditor(email);
}
function setDomainEditAsOwner() {
  sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].setDomainEdit(true);
}
function installEdit() {
  ScriptApp.newTrigger('onTrackedEdit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
var seen = [];
function onTrackedEdit(e) { seen.push(tryChanges().setDescription); }
function events() { var out = seen; seen = []; return out; }
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}, warningOnly = false) {
  const emu = new Emulator({ ownerEmail: 'owner@acme.com', ...options });
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  ss.getSheets()[0].setName('Leads');
  ss.insertSheet('Settings');
  ss.addEditor('rep@acme.com');
  ss.addEditor('lead@acme.com');
  emu.loadBundle(SCRIPT);
  expect(emu.run('protectAuditColumn', [warningOnly])).toEqual(['owner@acme.com']);
  return emu;
}

const ALL_REFUSED = {
  canEdit: false,
  write: PROTECTED,
  addEditor: PROTECTED,
  addEditors: PROTECTED,
  removeEditor: PROTECTED,
  removeEditors: PROTECTED,
  setDomainEdit: PROTECTED,
  setDescription: PROTECTED,
  setRange: PROTECTED,
  setUnprotectedRanges: PROTECTED,
  setWarningOnly: PROTECTED,
  remove: PROTECTED,
};

describe('changing a protection needs the right to edit what it protects', () => {
  test('a collaborator who is not one of its editors is refused every change with Google’s message, and cannot write', () => {
    const emu = setUp();
    expect(emu.run('tryChanges', [], { user: 'rep@acme.com' })).toEqual(ALL_REFUSED);
    expect(emu.spreadsheet().protections[0]).toMatchObject({ description: 'audit', editors: ['owner@acme.com'], warningOnly: false });
  });

  test('the owner and the protection’s editors may change it', () => {
    const emu = setUp();
    emu.run('addEditorAsOwner', ['lead@acme.com']);
    const byEditor = emu.run('tryChanges', [], { user: 'lead@acme.com' }) as Record<string, unknown>;
    expect(byEditor).toMatchObject({ canEdit: true, write: 'ok', addEditor: 'ok', setDescription: 'ok', setRange: 'ok', remove: 'ok' });
    // Not an editor of the Settings sheet protection.
    expect(byEditor.setUnprotectedRanges).toBe(PROTECTED);
    const byOwner = setUp().run('tryChanges') as Record<string, unknown>;
    expect(Object.values(byOwner).filter((v) => v !== 'ok' && v !== true)).toEqual([]);
  });

  test('a warning-only protection may be changed by any editor', () => {
    const emu = setUp({}, true);
    const result = emu.run('tryChanges', [], { user: 'rep@acme.com' }) as Record<string, unknown>;
    expect(result).toMatchObject({ write: 'ok', addEditor: 'ok', setDescription: 'ok', setWarningOnly: 'ok', remove: 'ok' });
  });

  test('option protectionChangesNeedEditRights: false lets anyone change protections (writes stay refused)', () => {
    const emu = setUp({ protectionChangesNeedEditRights: false });
    expect(emu.run('tryChanges', [], { user: 'rep@acme.com' })).toMatchObject({ canEdit: false, write: PROTECTED, setDescription: 'ok', addEditor: 'ok' });
  });

  test('whoever creates a protection is one of its editors (they are an editor of the file) and may change it', () => {
    const emu = setUp();
    expect(emu.run('protectAsMe', [], { user: 'rep@acme.com' })).toEqual({ editors: ['owner@acme.com', 'rep@acme.com', 'lead@acme.com'], canEdit: true });
  });

  test('removeEditor still ignores the owner and the current user', () => {
    const emu = setUp();
    emu.run('addEditorAsOwner', ['lead@acme.com']);
    expect(emu.run('removeOwnerAndMe', [], { user: 'lead@acme.com' })).toEqual(['owner@acme.com', 'lead@acme.com']);
  });

  test('domain edit: a Workspace colleague of the owner may edit and change it; an outsider may not', () => {
    const emu = setUp({ accountType: 'workspace' });
    emu.run('setDomainEditAsOwner');
    expect(emu.run('tryChanges', [], { user: 'someone@gmail.com' })).toMatchObject({ canEdit: false, write: PROTECTED, setDescription: PROTECTED });
    expect(emu.run('tryChanges', [], { user: 'rep@acme.com' })).toMatchObject({ canEdit: true, write: 'ok', setDescription: 'ok', remove: 'ok' });
  });

  test('an installable trigger runs as its creator: the owner’s trigger may change the protection whoever edited', () => {
    const emu = setUp();
    emu.run('installEdit');
    emu.editAsUser('Leads!C2', 'x', 'rep@acme.com');
    expect(emu.run('events')).toEqual(['ok']);
  });
});

/** Setup as an add-on does it: one edit and one daily trigger for this user in this document. */
const TRIGGERS = `
function setUpTriggers() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.newTrigger('onTrackedEdit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
  return 'ok';
}
function tryCreate(kind) {
  try {
    var b = ScriptApp.newTrigger('x');
    if (kind === 'edit') b.forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
    if (kind === 'minutes') b.timeBased().everyMinutes(5).create();
    if (kind === 'hourly') b.timeBased().everyHours(1).create();
    return 'ok';
  } catch (e) { return e.message; }
}
function mine() {
  return {
    project: ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }),
    here: ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map(function (t) { return t.getHandlerFunction(); })
  };
}
var seen = [];
function onTrackedEdit(e) { seen.push(mine()); }
function daily() {}
function events() { var out = seen; seen = []; return out; }
`;

describe('add-on trigger limits, on by default', () => {
  test('one trigger of each event type per user per document; time-driven at most hourly', () => {
    const emu = new Emulator({ ownerEmail: 'owner@acme.com' });
    emu.loadBundle(TRIGGERS);
    const other = emu.createSpreadsheet('Customer B');
    expect(emu.run('setUpTriggers')).toBe('ok');
    expect(emu.run('tryCreate', ['edit'])).toBe('This add-on has created too many edit triggers in this document for this Google user account.');
    expect(emu.run('tryCreate', ['hourly'])).toBe('This add-on has created too many time-based triggers in this document for this Google user account.');
    expect(emu.run('tryCreate', ['minutes'], { documentId: other })).toBe('Add-ons may not create time-based triggers that run more often than once an hour.');
    // Another user in this document, and this user in another document, have their own allowance.
    expect(emu.run('setUpTriggers', [], { user: 'rep@acme.com' })).toBe('ok');
    expect(emu.run('setUpTriggers', [], { documentId: other })).toBe('ok');
  });

  test('a bound script has no such limits', () => {
    const emu = new Emulator({ projectKind: 'bound-script' });
    emu.loadBundle(TRIGGERS);
    emu.run('setUpTriggers');
    expect(emu.run('tryCreate', ['edit'])).toBe('ok');
    expect(emu.run('tryCreate', ['minutes'])).toBe('ok');
  });
});

describe('a user sees only their own triggers', () => {
  test('getProjectTriggers and getUserTriggers list the effective user’s triggers, in a trigger its creator’s', () => {
    const emu = new Emulator({ ownerEmail: 'owner@acme.com' });
    emu.loadBundle(TRIGGERS);
    emu.run('setUpTriggers');
    emu.run('tryCreate', ['edit'], { user: 'rep@acme.com' });
    expect(emu.run('mine')).toEqual({ project: ['onTrackedEdit', 'daily'], here: ['onTrackedEdit'] });
    expect(emu.run('mine', [], { user: 'rep@acme.com' })).toEqual({ project: ['x'], here: ['x'] });
    expect(emu.run('mine', [], { user: 'nobody@acme.com' })).toEqual({ project: [], here: [] });
    // rep's edit fires the owner's onTrackedEdit (as the owner) and rep's own 'x' (missing: fails).
    emu.editAsUser('Sheet1!A1', 'x', 'rep@acme.com');
    expect(emu.run('events')).toEqual([{ project: ['onTrackedEdit', 'daily'], here: ['onTrackedEdit'] }]);
  });
});

import { Emulator } from '../../emulator';

/** A tiny script: records the events its simple and installable edit triggers receive. */
const SCRIPT = `
var seen = [];
function install() {
  ScriptApp.newTrigger('onTrackedEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}
function describe(kind, e) {
  return {
    kind: kind,
    authModeIsEnum: e.authMode === ScriptApp.AuthMode[String(e.authMode)],
    authMode: String(e.authMode),
    a1: e.range.getA1Notation(),
    hasValue: 'value' in e, value: e.value,
    hasOldValue: 'oldValue' in e, oldValue: e.oldValue,
    user: e.user.getEmail(),
    triggerUid: e.triggerUid || null
  };
}
function onEdit(e) { seen.push(describe('simple', e)); }
function onTrackedEdit(e) {
  seen.push(describe('installable', e));
  if (e.value === 'boom') throw new Error('handler failed');
}
function events() { var out = seen; seen = []; return out; }
`;

function setUp() {
  // A Workspace domain, so Google reveals a same-domain editor to the triggers (core/people.ts).
  const emu = new Emulator({ ownerEmail: 'owner@example.com', accountType: 'workspace' });
  emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].setName('Leads');
  emu.loadBundle(SCRIPT);
  emu.run('install');
  return emu;
}

describe('edit triggers receive Google’s event objects', () => {
  test('single-cell edit: value, no oldValue for an empty cell, then oldValue; simple trigger LIMITED, installable FULL', () => {
    const emu = setUp();
    emu.editAsUser('Leads!B2', 'Acme', 'teammate@example.com');
    emu.editAsUser('Leads!B2', 'Acme Ltd', 'teammate@example.com');
    const events = emu.run('events') as Array<Record<string, unknown>>;
    expect(events).toEqual([
      { kind: 'simple', authModeIsEnum: true, authMode: 'LIMITED', a1: 'B2', hasValue: true, value: 'Acme', hasOldValue: false, oldValue: undefined, user: 'teammate@example.com', triggerUid: null },
      {
        kind: 'installable',
        authModeIsEnum: true,
        authMode: 'FULL',
        a1: 'B2',
        hasValue: true,
        value: 'Acme',
        hasOldValue: false,
        oldValue: undefined,
        user: 'teammate@example.com',
        triggerUid: expect.any(String),
      },
      expect.objectContaining({ kind: 'simple', value: 'Acme Ltd', hasOldValue: true, oldValue: 'Acme' }),
      expect.objectContaining({ kind: 'installable', value: 'Acme Ltd', oldValue: 'Acme' }),
    ]);
  });

  test('a paste (multi-cell edit) carries neither value nor oldValue', () => {
    const emu = setUp();
    emu.editAsUser('Leads!A2:B3', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const events = emu.run('events') as Array<Record<string, unknown>>;
    expect(events.map((e) => [e.kind, e.a1, e.hasValue, e.hasOldValue])).toEqual([
      ['simple', 'A2:B3', false, false],
      ['installable', 'A2:B3', false, false],
    ]);
  });

  test('a failing trigger is recorded, and the edit stands (Google only logs it)', () => {
    const emu = setUp();
    const outcome = emu.editAsUser('Leads!C2', 'boom');
    expect(outcome.accepted).toBe(true);
    expect(outcome.triggerRuns).toEqual([
      { handler: 'onEdit', ok: true },
      { handler: 'onTrackedEdit', ok: false, error: 'handler failed' },
    ]);
    expect(emu.spreadsheetApp.getActiveSpreadsheet().getRange('Leads!C2').getValue()).toBe('boom');
  });

  test('edits a script makes do not fire edit triggers', () => {
    const emu = setUp();
    emu.spreadsheetApp.getActiveSpreadsheet().getRange('Leads!D2').setValue('by script');
    expect(emu.run('events')).toEqual([]);
  });
});

describe('a script in its own V8 context sees errors as its own', () => {
  test('a service error is an Error named Exception, with Google’s message', () => {
    const emu = new Emulator();
    emu.loadBundle(`
      function tryBadWrite() {
        try {
          SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 1, 2).setValues([[1]]);
          return null;
        } catch (e) {
          return [e instanceof Error, e.name, e.message];
        }
      }`);
    expect(emu.run('tryBadWrite')).toEqual([true, 'Exception', 'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.']);
  });
});

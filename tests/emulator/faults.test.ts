import { Emulator } from '../../emulator';
import { SERVER_ERROR } from '../../emulator/core/faults';

/**
 * Fault injection (emu.faults): a chosen service call fails as if Google's side gave
 * out there, for crash-recovery tests. Scripts are loaded with loadBundle, so they run
 * in their own V8 context and reach the faults through the same facades.
 */
const SCRIPT = `
function payouts_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Payouts'); }

/** Three writes to Payouts, with one to Other between the first two. */
function writeRows() {
  var sheet = payouts_();
  sheet.getRange(1, 1, 1, 2).setValues([['first', 1]]);
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Other').getRange(1, 1, 1, 1).setValues([['other']]);
  sheet.getRange(2, 1, 1, 2).setValues([['second', 2]]);
  sheet.getRange(3, 1, 1, 2).setValues([['third', 3]]);
  return 'done';
}

/** The same writes, each failure caught and reported. */
function writeRowsCatching() {
  var sheet = payouts_();
  var outcome = [];
  for (var i = 1; i <= 4; i++) {
    try {
      sheet.getRange(i, 1, 1, 2).setValues([['row ' + i, i]]);
      outcome.push('ok');
    } catch (e) {
      outcome.push({ name: e.name, message: e.message, isError: e instanceof Error, text: String(e) });
    }
  }
  return outcome;
}

/** Catches the failure and tries to record it in the sheet (what a dead execution cannot do). */
function writeThenRecordFailure() {
  var sheet = payouts_();
  try {
    sheet.getRange(1, 1, 1, 2).setValues([['first', 1]]);
    sheet.getRange(2, 1, 1, 2).setValues([['second', 2]]);
  } catch (e) {
    try {
      sheet.getRange(5, 1, 1, 1).setValues([['recovered: ' + e.message]]);
    } catch (again) {
      return 'the recovery write failed too: ' + again.message;
    }
    return 'recovered';
  }
  return 'no failure';
}

function saveProperty(v) { PropertiesService.getScriptProperties().setProperty('k', v); return 'saved'; }
function exportCsv() { return DriveApp.createFile('x.csv', 'a,b', MimeType.CSV).getId(); }
`;

function setup(): { emu: Emulator; rows: (sheet: string) => unknown[][] } {
  const emu = new Emulator();
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  ss.insertSheet('Payouts');
  ss.insertSheet('Other');
  emu.loadBundle(SCRIPT);
  emu.calls.reset();
  const rows = (sheet: string) => {
    const s = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet) as GoogleAppsScript.Spreadsheet.Sheet;
    return s.getLastRow() === 0 ? [] : s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getValues();
  };
  return { emu, rows };
}

describe('emu.faults', () => {
  test('the second Range.setValues on Payouts fails the run; the first write stays, later ones never happen', () => {
    const { emu, rows } = setup();
    const id = emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1 });
    expect(emu.faults.pending()).toEqual([{ id, call: 'Range.setValues', sheetName: 'Payouts', after: 1, times: 1, fatal: false, direct: false, seen: 0, failed: 0, remaining: 1 }]);
    let thrown: unknown;
    try {
      emu.run('writeRows');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ name: 'Exception', message: `Service Spreadsheets timed out while accessing document with id ${emu.store.activeId}.` });
    expect(rows('Payouts')).toEqual([['first', 1]]);
    // A write to another sheet in between neither matched nor failed.
    expect(rows('Other')).toEqual([['other']]);
    // The failing call was made (counted); the third was never reached.
    expect(emu.calls.get('Range.setValues')).toBe(3);
    expect(emu.faults.pending()).toEqual([]);
    expect(emu.faults.armed).toBe(false);
    expect(emu.faults.fired()).toEqual([expect.objectContaining({ faultId: id, call: 'Range.setValues', sheetName: 'Payouts', fatal: false, origin: 'run:writeRows' })]);
    // Spent: the next run goes through.
    expect(emu.run('writeRows')).toBe('done');
    expect(rows('Payouts')).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
  });

  test('the error reaches the script as its own Error named Exception, and can be caught; the message is the one given', () => {
    const { emu, rows } = setup();
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1, message: 'Exception: Service Spreadsheets timed out while accessing document with id …' });
    const outcome = emu.run('writeRowsCatching') as unknown[];
    expect(outcome).toEqual([
      'ok',
      {
        name: 'Exception',
        message: 'Service Spreadsheets timed out while accessing document with id …',
        isError: true,
        text: 'Exception: Service Spreadsheets timed out while accessing document with id …',
      },
      'ok',
      'ok',
    ]);
    expect(rows('Payouts').map((r) => r[0])).toEqual(['row 1', '', 'row 3', 'row 4']);
  });

  test('times: consecutive matching calls fail from the after-th one; Infinity fails every one', () => {
    const { emu } = setup();
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1, times: 2, message: 'boom' });
    const results = (emu.run('writeRowsCatching') as Array<string | { message: string }>).map((r) => (typeof r === 'string' ? r : r.message));
    expect(results).toEqual(['ok', 'boom', 'boom', 'ok']);

    emu.faults.failOn({ call: 'Range.setValues', times: Infinity, message: 'down' });
    expect((emu.run('writeRowsCatching') as unknown[]).every((r) => typeof r === 'object')).toBe(true);
    expect(emu.faults.pending()).toHaveLength(1);
    expect(emu.faults.pending()[0]).toMatchObject({ seen: 4, failed: 4, remaining: Infinity });
  });

  test('clear() disarms every fault; pending() lists what is still to come', () => {
    const { emu } = setup();
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts' });
    emu.faults.failOn({ call: 'Properties.setProperty', after: 3 });
    expect(emu.faults.pending().map((p) => p.call)).toEqual(['Range.setValues', 'Properties.setProperty']);
    expect(emu.faults.armed).toBe(true);
    emu.faults.clear();
    expect(emu.faults.pending()).toEqual([]);
    expect(emu.faults.armed).toBe(false);
    expect(emu.run('writeRows')).toBe('done');
    expect(emu.faults.fired()).toEqual([]);
  });

  test("any counted call can be targeted: Properties, DriveApp (Google's generic server error by default)", () => {
    const { emu } = setup();
    emu.faults.failOn({ call: 'Properties.setProperty' });
    expect(() => emu.run('saveProperty', ['v'])).toThrow(SERVER_ERROR);
    expect(emu.run('saveProperty', ['v'])).toBe('saved');
    emu.faults.failOn({ call: 'DriveApp.createFile' });
    expect(() => emu.run('exportCsv')).toThrow(SERVER_ERROR);
    expect(emu.services.drive.list()).toEqual([]);
    expect(typeof emu.run('exportCsv')).toBe('string');
    expect(emu.services.drive.list()).toHaveLength(1);
  });

  test('a RegExp matches several calls', () => {
    const { emu } = setup();
    emu.faults.failOn({ call: /^Range\.set/, sheetName: 'Other', message: 'nope' });
    expect(() => emu.run('writeRows')).toThrow('nope');
  });

  test('fatal: the execution dies there — catching does not help, later calls fail too, the run fails; the next run is fine', () => {
    const { emu, rows } = setup();
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1, fatal: true, message: 'Exceeded maximum execution time' });
    expect(() => emu.run('writeThenRecordFailure')).toThrow('Exceeded maximum execution time');
    expect(rows('Payouts')).toEqual([['first', 1]]);
    expect(emu.faults.fired()).toEqual([expect.objectContaining({ fatal: true, message: 'Exceeded maximum execution time' })]);
    // Dead executions are forgotten when they end.
    expect(emu.faults.armed).toBe(false);
    expect(emu.run('writeThenRecordFailure')).toBe('no failure');
  });

  test('a fault in a trigger handler makes that trigger run fail', () => {
    // A bound script: its time-driven runs have the spreadsheet (an editor add-on's would open it by id).
    const emu = new Emulator({ projectKind: 'bound-script' });
    emu.spreadsheetApp.getActiveSpreadsheet().insertSheet('Payouts');
    emu.loadBundle(
      `${SCRIPT}\nfunction install() { ScriptApp.newTrigger('writeRowsNoOther').timeBased().everyHours(1).create(); }\nfunction writeRowsNoOther() { payouts_().getRange(1, 1, 1, 1).setValues([['x']]); }`,
    );
    emu.run('install');
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', message: 'timed out' });
    const [run] = emu.fireTimeTrigger('writeRowsNoOther');
    expect(run).toMatchObject({ ok: false, error: expect.stringContaining('timed out') });
  });

  test('code attached in-process (attachFunctions) is targeted the same way', () => {
    const emu = new Emulator();
    const sheet = emu.spreadsheetApp.getActiveSpreadsheet().insertSheet('Payouts');
    emu.attachFunctions(() => ({
      write: () => {
        sheet.getRange(1, 1).setValue('a');
        sheet.getRange(2, 1).setValue('b');
      },
    }));
    emu.faults.failOn({ call: 'Range.setValue', after: 1, sheetName: 'Payouts' });
    expect(() => emu.run('write')).toThrow(/Service Spreadsheets timed out/);
    expect(sheet.getRange(1, 1, 2, 1).getValues()).toEqual([['a'], ['']]);
  });

  test('calls a test makes outside any execution neither fail nor count, unless direct: true', () => {
    const { emu, rows } = setup();
    emu.run('writeRows');
    emu.faults.failOn({ call: 'Range.getValues', after: 1, message: 'read failed' });
    // The test reads the sheet (directly) as often as it likes…
    rows('Payouts');
    rows('Payouts');
    expect(emu.faults.pending()[0]).toMatchObject({ seen: 0 });
    // …and the script's own reads are what counts.
    emu.attachFunctions(() => ({ read: () => rows('Payouts') }));
    expect(() => emu.run('read')).not.toThrow();
    expect(() => emu.run('read')).toThrow('read failed');

    emu.faults.failOn({ call: 'Range.getValues', message: 'direct read failed', direct: true });
    expect(() => rows('Payouts')).toThrow('direct read failed');
  });

  test('invalid specs are refused', () => {
    const { emu } = setup();
    expect(() => emu.faults.failOn({ call: 'setValues' })).toThrow('"call" must be a counted name');
    expect(() => emu.faults.failOn({ call: 'Range.setValues', after: -1 })).toThrow('"after"');
    expect(() => emu.faults.failOn({ call: 'Range.setValues', times: 0 })).toThrow('"times"');
    expect(emu.faults.pending()).toEqual([]);
  });

  test("runConcurrently: the workers' calls go through the same facades", async () => {
    const { emu, rows } = setup();
    emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', after: 1, message: 'timed out' });
    const [result] = await emu.runConcurrently([{ name: 'writeRows' }]);
    expect(result).toMatchObject({ ok: false, error: { name: 'Exception', message: 'timed out' } });
    expect(rows('Payouts')).toEqual([['first', 1]]);
  });
});

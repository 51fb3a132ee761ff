import { Emulator } from '../../../emulator';
import { ConcurrentEvent, runConcurrently } from '../../../emulator/concurrency';

/**
 * What a script in a worker sees through the bridge: the same facades, counts,
 * errors, AuthMode and users as a script run in one thread.
 */

const SCRIPT = `
function sheetNames() {
  var sheets = SpreadsheetApp.getActiveSpreadsheet().getSheets();
  var names = [];
  for (var i = 0; i < sheets.length; i++) names.push(sheets[i].getName());
  return names;
}

function facadesAndEnums() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName('Data');
  var range = sheet.getRange('A1:B2');
  range.setValues([[1, 'x'], [new Date(Date.UTC(2024, 0, 2)), true]]);
  var values = range.getValues();
  var modes = ScriptApp.AuthMode;
  return {
    values: values,
    dateIsDate: values[1][0] instanceof Date,
    a1: range.getA1Notation(),
    sheetOfRange: range.getSheet().getName(),
    rangeType: String(range),
    enumIdentity: ScriptApp.AuthMode.FULL === ScriptApp.AuthMode.FULL,
    containerIdentity: ScriptApp.AuthMode === modes,
    enumDiffers: modes.FULL !== modes.LIMITED,
    enumName: modes.FULL.name(),
    enumLoose: modes.LIMITED == 'LIMITED',
    enumJson: JSON.stringify({ mode: modes.NONE }),
    enumKeys: Object.keys(modes).join(','),
    hasGetValues: 'getValues' in range,
    unknownMember: (function () { try { range.noSuchMethod(); return 'no error'; } catch (e) { return e.message; } })(),
    sheetAsArgument: ss.setActiveSheet(sheet).getName(),
    isFrozen: Object.isFrozen(modes)
  };
}

function mismatch() {
  var range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1:D1');
  try {
    range.setValues([[1, 2, 3, 4, 5]]);
    return 'no error';
  } catch (e) {
    return { name: e.name, message: e.message, isError: e instanceof Error };
  }
}

function mismatchUncaught() {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1:D1').setValues([[1, 2, 3, 4, 5]]);
}

function whoAmI() {
  return [Session.getEffectiveUser().getEmail(), Session.getActiveUser().getEmail()];
}

function needsFull() {
  return ScriptApp.getProjectTriggers().length;
}

function logSomething(label) {
  Logger.log('hello from %s', label);
  console.log('console from ' + label);
  PropertiesService.getScriptProperties().setProperty(label, 'v');
  return PropertiesService.getScriptProperties().getProperty(label);
}

function bareRuntime() {
  return [typeof require, typeof process, typeof setTimeout, typeof TextEncoder, typeof Buffer, typeof SpreadsheetApp, typeof Logger];
}

function echo(value) {
  return value;
}

function rangeA1(range) {
  return range.getA1Notation() + '@' + range.getSheet().getName();
}

function returnsRange() {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('B2');
}

function spin() {
  for (;;) {}
}

function holdForever() {
  LockService.getScriptLock().waitLock(1);
  for (;;) {}
}

function waitLong() {
  LockService.getScriptLock().waitLock(300000);
  return 'got it';
}

function exhaustMemory() {
  var hoard = [];
  for (;;) hoard.push(new Array(100000).fill(hoard.length));
}

function counter(n) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data');
  for (var i = 0; i < n; i++) sheet.getLastRow();
  return n;
}
`;

function world(): Emulator {
  const emu = new Emulator();
  emu.spreadsheetApp.getActiveSpreadsheet().insertSheet('Data');
  emu.calls.reset();
  return emu;
}

describe('runConcurrently: the bridge between worker and emulator', () => {
  test('arrays of facades, ranges, Dates, enum values and their identity work in the worker', async () => {
    const emu = world();
    const [names, facades] = await runConcurrently(emu, SCRIPT, [{ name: 'sheetNames' }, { name: 'facadesAndEnums' }]);
    expect(names).toMatchObject({
      ok: true,
      value: emu.spreadsheetApp
        .getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName()),
    });
    expect(facades.ok).toBe(true);
    expect(facades.value).toEqual({
      values: [
        [1, 'x'],
        [new Date(Date.UTC(2024, 0, 2)), true],
      ],
      dateIsDate: true,
      a1: 'A1:B2',
      sheetOfRange: 'Data',
      rangeType: 'Range',
      enumIdentity: true,
      containerIdentity: true,
      enumDiffers: true,
      enumName: 'FULL',
      enumLoose: true,
      enumJson: '{"mode":"NONE"}',
      enumKeys: 'NONE,CUSTOM_FUNCTION,LIMITED,FULL',
      hasGetValues: true,
      unknownMember: 'not implemented in emulator: Range.noSuchMethod',
      sheetAsArgument: 'Data',
      isFrozen: true,
    });
    expect((facades.value as { values: unknown[][] }).values[1][0]).toBeInstanceOf(Date);
  });

  test('every service call is counted on the shared CallCounter', async () => {
    const emu = world();
    await runConcurrently(emu, SCRIPT, [{ name: 'counter', args: [5] }, { name: 'counter', args: [7] }, { name: 'sheetNames' }]);
    expect(emu.calls.get('Sheet.getLastRow')).toBe(12);
    expect(emu.calls.get('SpreadsheetApp.getActiveSpreadsheet')).toBe(3);
    expect(emu.calls.get('Spreadsheet.getSheetByName')).toBe(2);
    expect(emu.calls.get('Spreadsheet.getSheets')).toBe(1);
    expect(emu.calls.get('Sheet.getName')).toBe(emu.spreadsheetApp.getActiveSpreadsheet().getSheets().length);
  });

  test("a service error reaches the script with Google's message and name, and can be caught there", async () => {
    const emu = world();
    const [caught, uncaught] = await runConcurrently(emu, SCRIPT, [{ name: 'mismatch' }, { name: 'mismatchUncaught' }]);
    const message = 'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.';
    expect(caught).toMatchObject({ ok: true, value: { name: 'Exception', message, isError: false } });
    expect(uncaught).toMatchObject({ ok: false, error: { name: 'Exception', message } });
  });

  test('each execution runs as its call says: user and AuthMode', async () => {
    const emu = world();
    const results = await runConcurrently(emu, SCRIPT, [{ name: 'whoAmI' }, { name: 'whoAmI', user: 'alice@example.com' }, { name: 'needsFull', authMode: 'LIMITED' }, { name: 'needsFull' }]);
    expect(results[0].value).toEqual(['owner@example.com', 'owner@example.com']);
    expect(results[1].value).toEqual(['alice@example.com', 'alice@example.com']);
    expect(results[2]).toMatchObject({ ok: false, error: { name: 'Exception' } });
    expect(results[2].error?.message).toMatch(/You do not have permission to call ScriptApp.getProjectTriggers/);
    expect(results[3]).toMatchObject({ ok: true, value: 0 });
    expect(new Set(results.map((r) => r.executionId)).size).toBe(4);
  });

  test('logs and properties land in the shared services, by execution', async () => {
    const emu = world();
    const results = await runConcurrently(emu, SCRIPT, [
      { name: 'logSomething', args: ['a'] },
      { name: 'logSomething', args: ['b'] },
    ]);
    expect(results.map((r) => r.value)).toEqual(['v', 'v']);
    expect(emu.services.log.list(results[0].executionId).map((e) => e.message)).toEqual(['hello from a', 'console from a']);
    expect(emu.services.log.list(results[1].executionId).map((e) => e.message)).toEqual(['hello from b', 'console from b']);
  });

  test('the worker runtime is bare: no require, process, setTimeout, TextEncoder or Buffer', async () => {
    const emu = world();
    const [result] = await runConcurrently(emu, SCRIPT, [{ name: 'bareRuntime' }]);
    expect(result.value).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'object', 'object']);
  });

  test('arguments and return values: plain data copied, facades passed both ways', async () => {
    const emu = world();
    const range = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!.getRange('C3:D4');
    const date = new Date('2024-05-06T07:08:09Z');
    const [echoed, a1, returned] = await runConcurrently(emu, SCRIPT, [
      { name: 'echo', args: [{ n: 1, list: [1, 'two', null, true], when: date, nested: { deep: [range] } }] },
      { name: 'rangeA1', args: [range] },
      { name: 'returnsRange' },
    ]);
    const value = echoed.value as { n: number; list: unknown[]; when: Date; nested: { deep: unknown[] } };
    expect(value.n).toBe(1);
    expect(value.list).toEqual([1, 'two', null, true]);
    expect(value.when).toEqual(date);
    expect(value.nested.deep[0]).toBe(range); // the very same facade came back
    expect(a1.value).toBe('C3:D4@Data');
    expect((returned.value as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('B2');
  });

  test('a missing function, a private name and a syntax error give error results', async () => {
    const emu = world();
    const [missing] = await runConcurrently(emu, SCRIPT, [{ name: 'nope' }]);
    expect(missing).toMatchObject({ ok: false, error: { message: 'Script function not found: nope' } });
    await expect(runConcurrently(emu, SCRIPT, [{ name: 'helper_' }])).rejects.toThrow('names ending in _ are private');
    const [broken] = await runConcurrently(emu, 'function f( {', [{ name: 'f' }]);
    expect(broken).toMatchObject({ ok: false, error: { name: 'SyntaxError' } });
  });

  test('round-robin is deterministic: the same scripts give the same interleaving every time', async () => {
    const orders: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const emu = world();
      const events: ConcurrentEvent[] = [];
      await runConcurrently(emu, SCRIPT, [{ name: 'counter', args: [3] }, { name: 'counter', args: [1] }, { name: 'sheetNames' }], {
        onEvent: (e) => events.push(e),
      });
      orders.push(events.map((e) => `${e.index}:${e.kind}:${e.detail}`).join(' '));
    }
    expect(new Set(orders).size).toBe(1);
    // Strict alternation while all three run: 0, 1, 2, 0, 1, 2, …
    expect(
      orders[0]
        .split(' ')
        .slice(0, 6)
        .map((s) => s.split(':')[0]),
    ).toEqual(['0', '1', '2', '0', '1', '2']);
  });

  test('a worker that crashes yields an error result, not a hang', async () => {
    const emu = world();
    const [crashed, fine] = await runConcurrently(emu, SCRIPT, [{ name: 'exhaustMemory' }, { name: 'counter', args: [2] }], {
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    expect(crashed.ok).toBe(false);
    expect(crashed.error?.message).toMatch(/worker/);
    expect(fine).toMatchObject({ ok: true, value: 2 });
  });

  test('the safety timeout rejects with a clear message, stops the workers and releases their locks', async () => {
    const emu = world();
    await expect(runConcurrently(emu, SCRIPT, [{ name: 'spin' }], { timeoutMs: 300 })).rejects.toThrow(/runConcurrently: gave up after 300 ms; still running: #0 spin/);
    // Long enough for both workers to start and reach their states on a loaded 2-core machine.
    await expect(runConcurrently(emu, SCRIPT, [{ name: 'holdForever' }, { name: 'waitLong' }], { timeoutMs: 2000 })).rejects.toThrow(
      /still running: #0 holdForever \(execution \d+, running\), #1 waitLong \(execution \d+, lock-wait\)/,
    );
    expect(emu.services.locks.held()).toEqual([]);
  });
});

import { Emulator } from '../../../emulator';
import { ConcurrentEvent, runConcurrently } from '../../../emulator/concurrency';

/**
 * Executions of one script running at the same time against one spreadsheet,
 * each in its own worker thread, interleaving at service calls (round-robin by
 * default, so a race shows every time).
 */

const SCRIPT = `
function idSheet_() {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Ids');
}

/** Allocates the next ID with no lock: read the last row, write the next. */
function allocateNoLock(label) {
  var sheet = idSheet_();
  var last = sheet.getLastRow();
  sheet.getRange(last + 1, 1, 1, 2).setValues([[last, label]]);
  return last;
}

/** The same, under the script lock (Google's recommended pattern). */
function allocateWithLock(label) {
  var lock = LockService.getScriptLock();
  lock.waitLock(10000);
  try {
    var sheet = idSheet_();
    var last = sheet.getLastRow();
    sheet.getRange(last + 1, 1, 1, 2).setValues([[last, label]]);
    SpreadsheetApp.flush();
    return last;
  } finally {
    lock.releaseLock();
  }
}

/** Holds the script lock for a long (emulated) time. */
function holdLock(ms) {
  var lock = LockService.getScriptLock();
  lock.waitLock(10000);
  Utilities.sleep(ms);
  lock.releaseLock();
  return 'held';
}

function waitBriefly(ms) {
  var lock = LockService.getScriptLock();
  try {
    lock.waitLock(ms);
    return 'acquired';
  } catch (e) {
    return [e.name, e.message, lock.hasLock()];
  }
}

function tryBriefly(ms) {
  var lock = LockService.getScriptLock();
  var got = lock.tryLock(ms);
  return [got, lock.hasLock()];
}

function lockAndThrow() {
  LockService.getScriptLock().waitLock(10000);
  idSheet_().getLastRow();
  throw new Error('boom while holding the lock');
}

function lockAndReturn() {
  LockService.getScriptLock().waitLock(10000);
  return LockService.getScriptLock().hasLock();
}
`;

function world(): Emulator {
  const emu = new Emulator();
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().insertSheet('Ids');
  sheet.getRange(1, 1, 1, 2).setValues([['ID', 'Label']]);
  emu.calls.reset();
  return emu;
}

function rows(emu: Emulator): unknown[][] {
  return emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Ids')!.getDataRange().getValues().slice(1);
}

function recorder() {
  const events: ConcurrentEvent[] = [];
  const at = (index: number, kind: ConcurrentEvent['kind'], detail?: string) => events.findIndex((e) => e.index === index && e.kind === kind && (detail === undefined || e.detail === detail));
  return { events, onEvent: (e: ConcurrentEvent) => events.push(e), at };
}

// Waits end when the holder releases; timeScale only shortens the waits that time out.
describe('runConcurrently: the race and the lock', () => {
  test('without a lock, two executions read the same last row: duplicate IDs and a lost row, every time', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const emu = world();
      const results = await runConcurrently(emu, SCRIPT, [
        { name: 'allocateNoLock', args: ['A'] },
        { name: 'allocateNoLock', args: ['B'] },
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(results.map((r) => r.value)).toEqual([1, 1]); // the same "next ID" twice
      // Both wrote row 2: the second write replaced the first, so one row is lost.
      expect(rows(emu)).toEqual([[1, 'B']]);
      expect(new Set(results.map((r) => r.executionId)).size).toBe(2);
    }
  });

  test('with waitLock/flush/releaseLock: distinct IDs, both rows, and the second execution genuinely waited', async () => {
    const emu = world();
    const log = recorder();
    const results = await runConcurrently(
      emu,
      SCRIPT,
      [
        { name: 'allocateWithLock', args: ['A'] },
        { name: 'allocateWithLock', args: ['B'] },
      ],
      { onEvent: log.onEvent },
    );
    expect(results.map((r) => [r.ok, r.value])).toEqual([
      [true, 1],
      [true, 2],
    ]);
    expect(rows(emu)).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    // B asked for the lock while A held it, and got it only after A released it.
    const bWaits = log.at(1, 'lock-wait');
    const aReleases = log.at(0, 'call', 'Lock.releaseLock');
    const bAcquires = log.at(1, 'lock-acquired');
    expect(bWaits).toBeGreaterThanOrEqual(0);
    expect(log.at(0, 'call', 'Lock.waitLock')).toBeLessThan(bWaits);
    expect(bWaits).toBeLessThan(aReleases);
    expect(aReleases).toBeLessThan(bAcquires);
    // B made no spreadsheet call between asking and getting the lock.
    const bCallsWhileWaiting = log.events.slice(bWaits + 1, bAcquires).filter((e) => e.index === 1);
    expect(bCallsWhileWaiting).toEqual([]);
    expect(emu.services.locks.held()).toEqual([]);
  });

  test('ten concurrent executions under the lock: ten distinct IDs, ten rows', async () => {
    const emu = world();
    const calls = Array.from({ length: 10 }, (_, i) => ({ name: 'allocateWithLock', args: [`L${i}`] }));
    const results = await runConcurrently(emu, SCRIPT, calls);
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = results.map((r) => r.value as number);
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const written = rows(emu);
    expect(written).toHaveLength(10);
    expect(written.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(written.map((r) => r[1])).size).toBe(10);
    expect(emu.calls.get('Lock.waitLock')).toBe(10);
    expect(emu.calls.get('Lock.releaseLock')).toBe(10);
  });

  test('six executions under free interleaving also get distinct IDs', async () => {
    const emu = world();
    const calls = Array.from({ length: 6 }, (_, i) => ({ name: 'allocateWithLock', args: [`F${i}`] }));
    const results = await runConcurrently(emu, SCRIPT, calls, { interleave: 'free' });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.value)).size).toBe(6);
    expect(rows(emu)).toHaveLength(6);
  });

  test("waitLock gives up with Google's message when the holder keeps the lock longer than the timeout", async () => {
    const emu = world();
    const log = recorder();
    emu.clock.set('2025-03-03T09:00:00Z'); // pinned: only the emulated waits move it
    const before = emu.clock.nowMs();
    const results = await runConcurrently(
      emu,
      SCRIPT,
      [
        { name: 'holdLock', args: [20000] },
        { name: 'waitBriefly', args: [1000] },
      ],
      { timeScale: 0.01, onEvent: log.onEvent },
    );
    expect(results[0]).toMatchObject({ ok: true, value: 'held' });
    expect(results[1]).toMatchObject({ ok: true, value: ['Exception', 'Lock timeout: another process was holding the lock for too long.', false] });
    expect(log.at(1, 'lock-wait')).toBeLessThan(log.at(1, 'lock-timeout'));
    expect(log.at(1, 'lock-timeout')).toBeLessThan(log.at(0, 'call', 'Lock.releaseLock'));
    // The emulated clock moved by the sleep and by the timed-out wait.
    expect(emu.clock.nowMs() - before).toBe(21000);
  });

  test('tryLock returns false when the wait runs out, and the waiter does not hold the lock', async () => {
    const emu = world();
    const results = await runConcurrently(
      emu,
      SCRIPT,
      [
        { name: 'holdLock', args: [20000] },
        { name: 'tryBriefly', args: [1000] },
      ],
      { timeScale: 0.01 },
    );
    expect(results[1]).toMatchObject({ ok: true, value: [false, false] });
    expect(emu.calls.get('Lock.tryLock')).toBe(1);
  });

  test('tryLock that waits long enough gets the lock when the holder releases it', async () => {
    const emu = world();
    const results = await runConcurrently(
      emu,
      SCRIPT,
      [
        { name: 'holdLock', args: [1000] },
        { name: 'tryBriefly', args: [100000] },
      ],
      { timeScale: 0.01 },
    );
    expect(results[1]).toMatchObject({ ok: true, value: [true, true] });
  });

  test('a lock held by an execution that throws is released when it ends; the waiter proceeds', async () => {
    const emu = world();
    const log = recorder();
    const results = await runConcurrently(emu, SCRIPT, [{ name: 'lockAndThrow' }, { name: 'allocateWithLock', args: ['after'] }], { onEvent: log.onEvent });
    expect(results[0]).toMatchObject({ ok: false, error: { name: 'Error', message: 'boom while holding the lock' } });
    expect(results[1]).toMatchObject({ ok: true, value: 1 });
    expect(log.at(1, 'lock-wait')).toBeGreaterThanOrEqual(0);
    expect(log.at(0, 'end')).toBeLessThan(log.at(1, 'lock-acquired'));
    expect(rows(emu)).toEqual([[1, 'after']]);
  });

  test('a lock still held when the function returns is released at the end of its execution', async () => {
    const emu = world();
    const results = await runConcurrently(emu, SCRIPT, [{ name: 'lockAndReturn' }, { name: 'lockAndReturn' }]);
    expect(results.map((r) => [r.ok, r.value])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(emu.services.locks.held()).toEqual([]);
  });

  test('a lock held by an execution outside the run (the test itself) is waited for until released', async () => {
    const emu = world();
    const outside = emu.executions.begin({ origin: 'test' });
    expect(emu.services.locks.tryAcquire('script', emu.ctx.options.scriptId, outside.id)).toBe(true);
    const running = runConcurrently(emu, SCRIPT, [{ name: 'allocateWithLock', args: ['X'] }], {
      onEvent: (e) => {
        if (e.kind === 'lock-wait') setTimeout(() => emu.executions.end(outside), 20);
      },
    });
    const [result] = await running;
    expect(result).toMatchObject({ ok: true, value: 1 });
  });
});

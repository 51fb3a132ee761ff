import { Emulator } from '../../emulator';
import { EXCEEDED_MAXIMUM_EXECUTION_TIME } from '../../emulator/core/latency';

/**
 * Executions end at 6 minutes of virtual time (30 s for simple triggers and custom functions),
 * and with the latency model on every counted call costs virtual time (core/latency.ts).
 */
const SCRIPT = `
var written = 0;
var caught = 0;
function cell() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1'); }
function oneRead() {
  var range = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 1000, 10);
  var t0 = Date.now();
  range.getValue();
  var t1 = Date.now();
  range.getValues();
  var t2 = new Date().getTime();
  return [t1 - t0, t2 - t1];
}
// Cell by cell, as Google's best practices say not to: catching the error does not let it go on.
function cellByCell(n) {
  written = 0; caught = 0;
  var range = cell();
  for (var i = 1; i <= n; i++) {
    try { range.setValue(i); written++; } catch (e) { caught++; if (caught === 1) firstError = e.name + ': ' + e.message; }
  }
  return 'finished';
}
var firstError = null;
function tally() { return { written: written, caught: caught, firstError: firstError }; }
// A script that watches its own clock and stops with time to spare.
function withBudget(budgetMs) {
  var start = Date.now();
  var range = cell();
  var n = 0;
  while (Date.now() - start < budgetMs) { range.setValue(n); n++; }
  return { n: n, elapsed: Date.now() - start };
}
function tagColumn() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var t0 = Date.now();
  sheet.getRange(1, 2, sheet.getMaxRows(), 1).addDeveloperMetadata('k', 'v');
  return Date.now() - t0;
}
function sleepy() {
  Utilities.sleep(300000);
  Utilities.sleep(300000);
  return cell().getValue();
}
function onEdit(e) {
  var range = cell();
  for (var i = 0; i < 100000; i++) { range.setValue(i); written++; }
}
`;

function setUp(options: ConstructorParameters<typeof Emulator>[0] = {}) {
  const emu = new Emulator(options);
  emu.clock.set('2026-03-02T10:00:00Z');
  emu.loadBundle(SCRIPT);
  return emu;
}

/** Each write a round trip of its own (no write cache), so a write loop costs 40 ms a write; the cache is tested in latency-model.test.ts. */
const on = { latency: { enabled: true, batchWrites: false } };

describe('virtual time: latency and the 6-minute limit', () => {
  test('off by default: calls cost nothing, a pinned clock stays put', () => {
    const emu = setUp();
    expect(emu.ctx.options.latency).toEqual({ enabled: false, scale: 1, costs: {}, batchWrites: true, batchedWriteMs: 5, metadataFromFinder: true });
    expect(emu.run('oneRead')).toEqual([0, 0]);
    emu.run('cellByCell', [500]);
    expect(emu.clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  test('on: each call advances the clock by its cost, which Date.now() and new Date() in the script see; handles are free, big ranges cost more', () => {
    const emu = setUp(on);
    // A read is a round trip of 25 ms plus 0.01 ms a cell: getValue reads one cell, getValues all 10,000.
    expect(emu.run('oneRead')).toEqual([25, 125]);
    expect(emu.clock.now().toISOString()).toBe('2026-03-02T10:00:00.150Z');
  });

  test('developer metadata on a whole column is one write, not one per cell of the column', () => {
    const emu = setUp(on);
    expect(emu.run('tagColumn')).toBe(40);
  });

  test('a cell-by-cell loop is ended at 6 minutes mid-loop; catching the error does not let it continue', () => {
    const emu = setUp(on);
    const started = emu.clock.nowMs();
    expect(() => emu.run('cellByCell', [12000])).toThrow(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    // 40 ms a write: the write that starts at 6:00.000 still runs; the next call throws.
    expect(emu.run('tally')).toEqual({ written: 9001, caught: 12000 - 9001, firstError: `Exception: ${EXCEEDED_MAXIMUM_EXECUTION_TIME}` });
    expect(emu.clock.nowMs() - started).toBe(9001 * 40);
    expect(emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue()).toBe(9001);
    // The next execution starts afresh.
    expect(emu.run('cellByCell', [10])).toBe('finished');
  });

  test('a script that checks Date.now() against a budget stops in time', () => {
    const emu = setUp(on);
    const result = emu.run('withBudget', [5 * 60 * 1000]) as { n: number; elapsed: number };
    expect(result).toEqual({ n: 7500, elapsed: 300000 });
  });

  test('scale and per-call costs are options', () => {
    const slow = setUp({ latency: { ...on.latency, scale: 2 } });
    expect(() => slow.run('cellByCell', [5000])).toThrow(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    expect((slow.run('tally') as { written: number }).written).toBe(4501);
    const custom = setUp({ latency: { ...on.latency, costs: { 'Range.setValue': 1000 } } });
    expect(() => custom.run('cellByCell', [400])).toThrow(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    expect((custom.run('tally') as { written: number }).written).toBe(361);
    const byType = setUp({ latency: { ...on.latency, costs: { Range: { baseMs: 100, perCellMs: 1 } } } });
    expect(byType.run('oneRead')).toEqual([101, 10100]);
  });

  test('the limit holds on virtual time even with latency off: sleeping 10 minutes ends the run', () => {
    const emu = setUp();
    expect(() => emu.run('sleepy')).toThrow(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    const relaxed = setUp({ executionTimeLimits: { standardMs: 30 * 60 * 1000 } });
    expect(relaxed.run('sleepy')).toBe('');
  });

  test('a simple trigger gets 30 seconds', () => {
    const emu = setUp(on);
    const outcome = emu.editAsUser('B2', 'x');
    expect(outcome.accepted).toBe(true);
    expect(outcome.triggerRuns).toEqual([{ handler: 'onEdit', ok: false, error: EXCEEDED_MAXIMUM_EXECUTION_TIME }]);
    expect((emu.run('tally') as { written: number }).written).toBe(30000 / 40 + 1);
  });

  test('calls made outside any execution (a test looking at the sheet) cost nothing', () => {
    const emu = setUp(on);
    emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:Z1000').getValues();
    expect(emu.clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  test('saved with the workspace options', () => {
    const emu = setUp({ latency: { enabled: true, scale: 0.5 }, executionTimeLimits: { simpleTriggerMs: 10000 } });
    const loaded = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(loaded.ctx.options.latency).toEqual({ enabled: true, scale: 0.5, costs: {}, batchWrites: true, batchedWriteMs: 5, metadataFromFinder: true });
    expect(loaded.ctx.options.executionTimeLimits).toEqual({ standardMs: 360000, customFunctionMs: 30000, simpleTriggerMs: 10000 });
    const off = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())), { latency: { enabled: false } });
    expect(off.ctx.options.latency).toEqual({ enabled: false, scale: 0.5, costs: {}, batchWrites: true, batchedWriteMs: 5, metadataFromFinder: true });
  });
});

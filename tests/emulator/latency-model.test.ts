import { Emulator } from '../../emulator';
import { classify } from '../../emulator/core/latency';

/**
 * The latency model's classification (core/latency.ts): which calls are round trips to Google,
 * how consecutive writes share one (the write cache a read or flush empties), and the cells read
 * and written. Counted per execution whether or not the clock is advanced.
 */
const SCRIPT = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; }
function writesThenRead() {
  var s = sheet();
  s.getRange('A1').setValue(1);            // opens a batch: 1 round trip, 1 cell
  s.getRange('A2:B3').setValues([[1, 2], [3, 4]]); // joins it: 4 cells
  s.getRange('C1').setNote('n');           // joins it: 1 cell
  var v = s.getRange('A1:B3').getValues(); // a read: commits the batch, its own round trip, 6 cells
  s.getRange('D1').setValue(v.length);     // a new batch
  s.getRange('D2').setValue(2);            // joins it
  SpreadsheetApp.flush();                  // a round trip of its own
  s.getRange('D3').setValue(3);            // a new batch again
  return v.length;
}
function handlesOnly() {
  var s = sheet();
  var r = s.getRange(1, 1, 100, 10);
  return [r.getNumRows(), r.getA1Notation(), s.getName(), r.offset(1, 1).getRow()];
}
function otherServices() {
  var s = sheet();
  s.getRange('A1').setValue(1);                       // opens a batch
  PropertiesService.getScriptProperties().setProperty('k', 'v'); // a round trip of its own (getScriptProperties is local)
  s.getRange('A2').setValue(2);                       // still the same batch: other services do not empty the write cache
  Logger.log('free');
  CacheService.getScriptCache().put('k', 'v');        // a round trip
  return s.getRange('A1').getValue();                 // a read: 1 cell
}
function lastRowRead() { return sheet().getLastRow(); }
`;

function setUp(latency: Record<string, unknown> = {}) {
  const emu = new Emulator({ latency });
  emu.clock.set('2026-03-02T10:00:00Z');
  emu.loadBundle(SCRIPT);
  return emu;
}

function measured(emu: Emulator, fn: string) {
  const before = { ...emu.timing.totals };
  emu.run(fn);
  const after = emu.timing.totals;
  return {
    roundTrips: after.roundTrips - before.roundTrips,
    cellsRead: after.cellsRead - before.cellsRead,
    cellsWritten: after.cellsWritten - before.cellsWritten,
    modelledMs: Math.round((after.modelledMs - before.modelledMs) * 1000) / 1000,
  };
}

describe('the latency model: round trips, cells read and written', () => {
  test('calls are classified: handles local, reads and writes spreadsheet round trips, flush and answer-needing writes sync, other services round trips', () => {
    expect(classify('Range', 'getA1Notation')).toBe('local');
    expect(classify('Sheet', 'getRange')).toBe('local');
    expect(classify('SpreadsheetApp', 'getActiveSpreadsheet')).toBe('local');
    expect(classify('DataValidationBuilder', 'requireValueInList')).toBe('local');
    expect(classify('TextFinder', 'matchCase')).toBe('local');
    expect(classify('Range', 'getValues')).toBe('read');
    expect(classify('Sheet', 'getLastRow')).toBe('read');
    expect(classify('TextFinder', 'findAll')).toBe('read');
    expect(classify('Range', 'setValues')).toBe('write');
    expect(classify('Sheet', 'appendRow')).toBe('write');
    expect(classify('SpreadsheetApp', 'flush')).toBe('sync');
    expect(classify('Spreadsheet', 'insertSheet')).toBe('sync');
    expect(classify('Range', 'protect')).toBe('sync');
    expect(classify('TextFinder', 'replaceAllWith')).toBe('sync');
    expect(classify('Properties', 'getProperty')).toBe('service');
    expect(classify('Lock', 'waitLock')).toBe('service');
    expect(classify('MailApp', 'sendEmail')).toBe('service');
    expect(classify('PropertiesService', 'getScriptProperties')).toBe('local');
    expect(classify('Logger', 'log')).toBe('local');
    // A metadata entry's getters answer from what find() returned, unless the option says otherwise.
    expect(classify('DeveloperMetadataFinder', 'find')).toBe('read');
    expect(classify('DeveloperMetadata', 'getValue')).toBe('local');
    expect(classify('DeveloperMetadata', 'getValue', false)).toBe('read');
    expect(classify('DeveloperMetadata', 'setValue')).toBe('write');
  });

  test('consecutive writes are one round trip; a read commits them and is a round trip of its own; flush too', () => {
    const emu = setUp();
    // Batch (3 writes) + read + batch (2 writes) + flush + batch (1 write) = 5 round trips.
    expect(measured(emu, 'writesThenRead')).toEqual({
      roundTrips: 5,
      cellsRead: 6,
      cellsWritten: 1 + 4 + 1 + 1 + 1 + 1,
      // A write opening a batch 40 ms, joining one 5 ms, plus 0.05 ms a cell; a read 25 + 0.01 a cell; flush 50.
      modelledMs: 40.05 + 5.2 + 5.05 + 25.06 + 40.05 + 5.05 + 50 + 40.05,
    });
    expect(emu.timing.hasPendingWrites(emu.executions.current().id)).toBe(false);
  });

  test('without the write cache (batchWrites: false) every write is a round trip', () => {
    const emu = setUp({ batchWrites: false });
    const m = measured(emu, 'writesThenRead');
    expect(m.roundTrips).toBe(8);
    expect([m.cellsRead, m.cellsWritten]).toEqual([6, 9]);
  });

  test('handles, geometry and names are no round trips and read no cells', () => {
    expect(measured(setUp(), 'handlesOnly')).toEqual({ roundTrips: 0, cellsRead: 0, cellsWritten: 0, modelledMs: 0 });
  });

  test('other services are round trips of their own and leave pending writes pending', () => {
    const m = measured(setUp(), 'otherServices');
    // batch (2 writes) + Properties + Cache + the read.
    expect([m.roundTrips, m.cellsRead, m.cellsWritten]).toEqual([4, 1, 2]);
    expect(m.modelledMs).toBe(40.05 + 30 + 5.05 + 15 + 25.01);
  });

  test('a sheet-level read (getLastRow) is a round trip that reads no cells', () => {
    expect(measured(setUp(), 'lastRowRead')).toMatchObject({ roundTrips: 1, cellsRead: 0 });
  });

  test('tallied per execution, with the clock off; the clock moves by the same cost when latency is on', () => {
    const off = setUp();
    off.run('writesThenRead');
    expect(off.clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    const on = setUp({ enabled: true });
    const start = on.clock.nowMs();
    on.run('writesThenRead');
    // Rounded call by call: 40 + 5 + 5 + 25 + 40 + 5 + 50 + 40.
    expect(on.clock.nowMs() - start).toBe(210);
  });

  test('calls outside any execution are not tallied', () => {
    const emu = setUp();
    emu.spreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:J10').getValues();
    expect(emu.timing.totals).toEqual({ calls: 0, roundTrips: 0, cellsRead: 0, cellsWritten: 0, modelledMs: 0 });
  });
});

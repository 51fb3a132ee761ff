import { Emulator } from '../../emulator';

/** What a script's runtime gives it: the emulator's clock as "now", and no document in an add-on's time-driven run. */
const SCRIPT = `
var seen = [];
function now() { return [new Date().toISOString(), Date.now(), typeof Date(), new Date(0).toISOString(), new Date() instanceof Date]; }
function install() { ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(6).create(); }
function tick(e) {
  seen.push({
    active: SpreadsheetApp.getActiveSpreadsheet() === null ? 'null' : 'spreadsheet',
    documentProperties: PropertiesService.getDocumentProperties() === null ? 'null' : 'properties',
    byId: SpreadsheetApp.openById(e.ssId || SPREADSHEET_ID).getName(),
    userProperties: PropertiesService.getUserProperties() === null ? 'null' : 'properties',
  });
}
var SPREADSHEET_ID = '';
function remember() { SPREADSHEET_ID = SpreadsheetApp.getActiveSpreadsheet().getId(); }
function events() { return seen; }
`;

test("a script's new Date() and Date.now() are the emulator's clock, and Dates stay Dates", () => {
  const emu = new Emulator();
  emu.loadBundle(SCRIPT);
  emu.clock.set('2026-03-01T12:34:56Z');
  const [iso, ms, called, epoch, isDate] = emu.run('now') as [string, number, string, string, boolean];
  expect(iso).toBe('2026-03-01T12:34:56.000Z');
  expect(ms).toBe(Date.parse('2026-03-01T12:34:56Z'));
  expect(called).toBe('string');
  expect(epoch).toBe('1970-01-01T00:00:00.000Z');
  expect(isDate).toBe(true);
  emu.clock.advance(1000);
  expect((emu.run('now') as string[])[0]).toBe('2026-03-01T12:34:57.000Z');
});

/** Installs a daily trigger in a fresh emulator and returns what its first run saw. */
function firstDailyRun(options: ConstructorParameters<typeof Emulator>[0] = {}): unknown {
  const emu = new Emulator(options);
  emu.clock.set('2026-03-01T00:00:00Z');
  emu.loadBundle(SCRIPT);
  emu.run('remember');
  emu.run('install');
  emu.runTimeTriggersUntil(new Date('2026-03-01T12:00:00Z'));
  return emu.run('events');
}

test("an editor add-on's time-driven run has no active spreadsheet or document properties; it opens the file by ID", () => {
  expect(firstDailyRun()).toEqual([{ active: 'null', documentProperties: 'null', byId: 'Partner Programme', userProperties: 'properties' }]);
});

test('a bound script keeps its container in time-driven runs', () => {
  expect(firstDailyRun({ projectKind: 'bound-script' })).toEqual([{ active: 'spreadsheet', documentProperties: 'properties', byId: 'Partner Programme', userProperties: 'properties' }]);
});

import { Emulator } from '../../emulator';
import { trackerOnBundle } from '../support/tracker';

/**
 * Emulator#snapshot and Emulator.restore: a restored emulator holds everything the original held
 * (sheets, properties, triggers, cache, forms, Drive, the mail outbox and quota, held locks, the
 * clock, call counts, execution ids, latency totals, every UI recording), and neither copy nor the
 * snapshot sees what is done to the others afterwards.
 */
function busyTracker() {
  const t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addPartner({ name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.unverifiedForm();
  const formId = t.emu.services.forms.list()[0].id;
  t.emu.submitForm(formId, { 'Partner code': 'ACME', Company: 'Initech', 'Contact email': 'bill@initech.example' });
  const g = t.emu.services.globals;
  // State a script leaves outside the tracker's own: Drive, mail (and its quota), caches, properties, a lock still held.
  g.DriveApp.createFile('notes.txt', 'some text').moveTo(g.DriveApp.createFolder('Archive'));
  g.MailApp.sendEmail('someone@example.com', 'Hello', 'Body');
  g.CacheService.getScriptCache().put('cached', 'yes', 600);
  g.PropertiesService.getUserProperties().setProperty('user-key', 'user-value');
  expect(g.LockService.getScriptLock().tryLock(0)).toBe(true);
  t.emu.services.ui.queueAlertAnswer('NO');
  t.emu.clock.advance(90_000);
  return { t, formId };
}

/** Everything a restore must bring back, as JSON text per part (a deep comparison of a set-up tracker's cells is slow). */
function stateOf(emu: Emulator): Record<string, string> {
  const parts = {
    workspace: JSON.parse(emu.toJSONText()) as unknown,
    ui: emu.services.ui.saveAll(),
    now: emu.clock.now().toISOString(),
    calls: emu.calls.snapshot(),
    nextExecutionId: emu.executions.nextExecutionId,
    latency: { ...emu.timing.totals },
    locks: emu.locks.held(),
    outbox: emu.services.mail.outbox,
    drive: [emu.services.drive.list(), emu.services.drive.listFolders()],
    triggers: emu.services.triggers.list(),
    forms: emu.services.forms.list(),
  };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)]));
}

describe('Emulator snapshot and restore', () => {
  test('a restore is complete: the restored emulator holds the same state, UI history and counters included', () => {
    const { t } = busyTracker();
    const before = stateOf(t.emu);
    // The state is not trivially empty: the checks below would otherwise prove nothing.
    expect(t.emu.services.mail.outbox.length).toBeGreaterThan(1);
    expect(t.emu.services.drive.list().length).toBeGreaterThan(0);
    expect(t.emu.services.triggers.list().length).toBeGreaterThan(1);
    expect(t.emu.locks.held()).toHaveLength(1);
    expect(t.emu.services.ui.saveAll().alertAnswers).toEqual(['NO']);
    expect(t.emu.calls.get('Range.setValues')).toBeGreaterThan(0);
    expect(t.emu.clock.now().toISOString()).toBe('2026-03-02T15:01:30.000Z');

    const restored = Emulator.restore(t.emu.snapshot());
    expect(stateOf(restored)).toEqual(before);
    // Formulas compute in the restored copy (the formula engine is rebuilt from the cells).
    const sheet = restored.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
    expect(sheet?.getRange(2, 1).getValue()).toBe(t.ss.getSheetByName('Leads')?.getRange(2, 1).getValue());
  });

  test('the restored emulator runs the bundle, and what it does touches neither the original nor the snapshot', () => {
    const { t, formId } = busyTracker();
    const snapshot = t.emu.snapshot();
    const original = stateOf(t.emu);

    const first = Emulator.restore(snapshot);
    first.locks.clear();
    first.submitForm(formId, { 'Partner code': 'ACME', Company: 'Hooli', 'Contact email': 'gavin@hooli.example' });
    first.services.globals.PropertiesService.getUserProperties().setProperty('user-key', 'changed');
    first.services.globals.DriveApp.createFolder('Another');
    first.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads')?.getRange('A2').setValue('scribbled');
    first.services.ui.alerts.push({ ...first.services.ui.alerts[0] });
    first.clock.advance(3_600_000);
    expect(first.services.forms.list()[0]).toBeDefined();
    expect(stateOf(first)).not.toEqual(original);

    expect(stateOf(t.emu)).toEqual(original);
    expect(stateOf(Emulator.restore(snapshot))).toEqual(original);
  });

  test('changes to the original after the snapshot do not reach it', () => {
    const { t } = busyTracker();
    const snapshot = t.emu.snapshot();
    const expected = stateOf(Emulator.restore(snapshot));
    t.addPartner({ name: 'Globex', code: 'GLOBEX', contactEmail: 'hank@globex.example' });
    const protections = t.ss.getProtections(t.emu.spreadsheetApp.ProtectionType.SHEET);
    protections[0].addEditor('late@example.com');
    expect(stateOf(Emulator.restore(snapshot))).toEqual(expected);
  });

  test('a snapshot is taken between executions', () => {
    const { t } = busyTracker();
    const emu = t.emu;
    expect(() => emu.executions.run({ origin: 'test' }, () => emu.snapshot())).toThrow('a snapshot is taken between executions');
  });
});

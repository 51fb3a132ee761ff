import { runSetup } from '../../src/setup/run-setup';
import { trackerContext } from '../../src/tracker/context';
import { SCHEMA_VERSION, tab } from '../../src/tracker/schema';
import { setUpTracker } from '../../src/tracker/setup';
import { TrackerState } from '../../src/tracker/state';
import { TrackerTable } from '../../src/tracker/table';
import { emulated } from '../support/emulated';

/**
 * A tracker of schema 5 (one trusted owner, managers in Settings) upgraded by its
 * owner: the people move to the Team tab, the owner is recorded, existing rows are
 * sealed as they stand, and a second setup changes nothing.
 */
test('upgrading from schema 5 moves Settings people to the Team tab and seals the rows as they stand', () => {
  const env = emulated({ accountType: 'workspace' });
  try {
    env.emu.clock.set('2026-03-02T12:00:00Z');
    setUpTracker(env.ss, env.properties, { targetVersion: 5 });
    const settings = env.ss.getSheetByName('Settings') as GoogleAppsScript.Spreadsheet.Sheet;
    // Schema 5's Settings rows for people (written as that version's setup did).
    const last = settings.getLastRow();
    settings.getRange(last + 1, 1, 2, 2).setValues([
      ['Manager emails', 'boss@example.com, not-an-email'],
      ['Partner team emails', 'ana@example.com'],
    ]);
    const leads = env.ss.getSheetByName('Leads') as GoogleAppsScript.Spreadsheet.Sheet;
    const keys = tab('leads')
      .columns.filter((c) => c.since <= 5)
      .map((c) => c.key);
    leads
      .getRange(2, 1, 2, keys.length)
      .setValues([
        keys.map((k) => (({ id: 'L-000001', partnerId: 'P-000001', company: 'Initech', status: 'New', registeredBy: 'ana@example.com' }) as Record<string, string>)[k] ?? ''),
        keys.map((k) => (({ id: 'L-000002', partnerId: 'P-000001', company: 'Hooli', status: 'Closed Won', registeredBy: '' }) as Record<string, string>)[k] ?? ''),
      ]);

    const report = runSetup(trackerContext('setup'));
    expect(report).toMatchObject({ fromVersion: 5, toVersion: SCHEMA_VERSION, ranAsOwner: true, owner: 'owner@example.com' });
    expect(report.changes).toEqual(
      expect.arrayContaining([
        'Leads: sealed 2 existing rows as they stood.',
        'Moved Manager emails and Partner team emails from Settings to the Team tab (boss@example.com as Manager, ana@example.com as Partner team).',
        "Recorded owner@example.com as the tracker's owner: its automation runs as this account.",
      ]),
    );
    expect(report.notices).toContain('Settings › Manager emails: "not-an-email" is not an email address; it was not added to the Team tab.');
    expect(TrackerState.read(env.ss).roster()).toEqual({
      owner: 'owner@example.com',
      members: [
        { email: 'boss@example.com', role: 'Manager', name: '' },
        { email: 'ana@example.com', role: 'Partner team', name: '' },
      ],
    });
    const labels = settings
      .getRange(1, 1, settings.getLastRow(), 1)
      .getDisplayValues()
      .map((r) => r[0]);
    expect(labels).not.toContain('Manager emails');
    expect(labels).not.toContain('Partner team emails');
    const table = TrackerTable.open(env.ss, 'leads');
    const rows = table.readRows(2, 3);
    expect(rows.map((r) => table.heldReason(r))).toEqual([null, null]);
    expect(table.verify(rows[0]).confirmed).toEqual({ id: 'L-000001', partnerId: 'P-000001', status: 'New', registeredBy: 'ana@example.com' });

    const again = runSetup(trackerContext('setup'));
    expect(again.changes).toEqual([]);
  } finally {
    env.restore();
  }
});

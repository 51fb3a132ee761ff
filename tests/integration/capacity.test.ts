import { FaultSpec, boundSheetName } from '../../emulator';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * The rollover killed at each of its writes, then retried by the next hourly run: every Audit
 * Log row is still held exactly once, in chain order, across the archives and the live log, and
 * Verify finds the whole chain intact, before the retry as after it.
 */
const WRITE = /^(Range|Sheet|Spreadsheet)\.(set|clear|insert|delete|append|add|remove)|^DeveloperMetadata\.(set|remove)|^SpreadsheetApp\.create|^DriveApp\.createFolder|^File\.moveTo/;

interface Step {
  call: string;
  sheetName: string | null;
  index: number;
}

const nearlyFullTracker = restoredFixture((): { t: Tracker; hashes: string[] } => {
  const t = trackerOnBundle({ now: '2025-06-01T15:00:00Z' });
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
  t.emu.clock.set('2026-02-01T15:00:00Z');
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Hooli', contactEmail: 'a@hooli.example' });
  const filler = t.ss.insertSheet('Filler');
  const used = t.ss.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
  filler.insertRowsAfter(filler.getMaxRows(), Math.ceil((8_100_000 - used) / filler.getMaxColumns()));
  return { t, hashes: t.rows('Audit Log').map((r) => r.Hash) };
});

/** Every row's hash along the chain: the archives Settings links (in order), then the live log. */
function chainHashes(t: Tracker): string[] {
  const out: string[] = [];
  for (const link of t.rows('Settings').filter((r) => r.Setting.startsWith('Audit Log archive'))) {
    const sheet = t.emu.spreadsheetApp.openById(/\/d\/([^/]+)/.exec(link.Value)?.[1] ?? '').getSheetByName('Audit Log') as GoogleAppsScript.Spreadsheet.Sheet;
    out.push(
      ...sheet
        .getRange(2, 11, sheet.getLastRow() - 1, 1)
        .getDisplayValues()
        .map((r) => r[0]),
    );
  }
  return [...out, ...t.rows('Audit Log').map((r) => r.Hash)];
}

function probe(): Step[] {
  const { t } = nearlyFullTracker();
  const steps: Step[] = [];
  const seen = new Map<string, number>();
  let rolling = false;
  t.emu.calls.onRecord((name, target) => {
    if (t.emu.executions.current().id === 0) return;
    if (name === 'SpreadsheetApp.create') rolling = true;
    const sheetName = boundSheetName(target);
    const key = `${name}@${sheetName}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    if (rolling && WRITE.test(name)) steps.push({ call: name, sheetName, index });
  });
  t.hourly();
  return steps;
}

const steps = probe();

test('the probe saw the rollover write', () => {
  expect(steps.map((s) => s.call)).toEqual(
    expect.arrayContaining(['SpreadsheetApp.create', 'DriveApp.createFolder', 'File.moveTo', 'Range.setValues', 'Sheet.deleteRows', 'DeveloperMetadata.setValue']),
  );
});

test.each(steps.map((step, k) => ({ step, title: `step ${k + 1}/${steps.length}: dies at ${step.call} #${step.index + 1}${step.sheetName ? ` on ${step.sheetName}` : ''}` })))(
  'rollover $title, then the next hour retries: nothing lost or doubled',
  ({ step }) => {
    const { t, hashes } = nearlyFullTracker();
    const spec: FaultSpec = { call: step.call, after: step.index, fatal: true };
    if (step.sheetName !== null) spec.sheetName = step.sheetName;
    t.emu.faults.failOn(spec);
    t.hourly();
    expect(t.emu.faults.fired()).toHaveLength(1);
    // Before the retry too, Verify finds every row: in the live log, a recorded archive, or a copy read back before its rows were deleted.
    expect(t.verify()).toMatch(/^(Archives: \d files?, [\d,]+ rows, intact\.\nLive log: )?Intact, \d+ rows?\.$/);
    t.emu.clock.advance(60 * 60 * 1000);
    t.hourly();

    const chain = chainHashes(t);
    expect(chain.slice(0, hashes.length)).toEqual(hashes);
    expect(new Set(chain).size).toBe(chain.length);
    expect(t.verify()).toMatch(/^Archives: 2 files, [\d,]+ rows, intact\.\nLive log: Intact, \d+ rows\.$/);
  },
);

import { FaultSpec, boundSheetName } from '../../emulator';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Closed leads archiving killed at each of its writes, then retried by the next hourly run:
 * every lead is held exactly once, on the Leads tab or in the archive, the archive holds each
 * archived lead once, and the Audit Log stays intact.
 */
const WRITE = /^(Range|Sheet|Spreadsheet)\.(set|clear|insert|delete|append|add|remove)|^DeveloperMetadata\.(set|remove)|^SpreadsheetApp\.create|^DriveApp\.createFolder|^File\.moveTo/;

interface Step {
  call: string;
  sheetName: string | null;
  index: number;
}

/** Six leads at the start of 2025; three close (lost or rejected), in rows apart; the rest stay open. Months later. */
const trackerWithClosedLeads = restoredFixture((): { t: Tracker; all: string[]; closed: string[] } => {
  const t = trackerOnBundle({ now: '2025-01-10T15:00:00Z' });
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  const all = ['Initech', 'Hooli', 'Umbrella', 'Globex', 'Soylent', 'Stark'].map((company) => {
    const slug = company.toLowerCase();
    return t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId: 'P-000001', company, website: `${slug}.example`, contactEmail: `ceo@${slug}.example` }).lead.id;
  });
  const closed = [all[0], all[1], all[4]];
  t.ok('apiMoveLead', all[0], { to: 'Rejected', reason: 'Not a fit' });
  for (const id of [all[1], all[4]]) {
    t.ok('apiMoveLead', id, { to: 'Accepted' });
    t.ok('apiMoveLead', id, { to: 'Closed Lost', reason: 'No budget' });
  }
  t.emu.clock.set('2025-03-01T15:00:00Z');
  t.hourly();
  t.setSetting('Archive closed leads after (days)', '30');
  return { t, all, closed };
});

/** Lead IDs in every "… — Leads 2025" spreadsheet in the owner's Drive (a file a run made before it died included), then on the Leads tab. */
function heldIds(t: Tracker): { archived: string[]; live: string[] } {
  const files = [...t.emu.store.byId.values()].filter((m) => m.name.endsWith(' — Leads 2025'));
  const archived = files.flatMap((m) => {
    const sheet = t.emu.spreadsheetApp.openById(m.id).getSheetByName('Leads');
    return !sheet || sheet.getLastRow() < 2
      ? []
      : sheet
          .getRange(2, 1, sheet.getLastRow() - 1, 1)
          .getDisplayValues()
          .map((r) => r[0]);
  });
  return { archived, live: t.rows('Leads').map((r) => r['Lead ID']) };
}

function probe(): Step[] {
  const { t } = trackerWithClosedLeads();
  const steps: Step[] = [];
  const seen = new Map<string, number>();
  t.emu.calls.onRecord((name, target) => {
    if (t.emu.executions.current().id === 0) return;
    const sheetName = boundSheetName(target);
    const key = `${name}@${sheetName}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    if (WRITE.test(name)) steps.push({ call: name, sheetName, index });
  });
  t.hourly();
  return steps;
}

const steps = probe();

test('the probe saw the archiving write', () => {
  expect(steps.map((s) => s.call)).toEqual(
    expect.arrayContaining(['SpreadsheetApp.create', 'DriveApp.createFolder', 'File.moveTo', 'Range.setValues', 'Sheet.deleteRows', 'DeveloperMetadata.setValue']),
  );
  expect(steps.filter((s) => s.call === 'Sheet.deleteRows' && s.sheetName === 'Leads')).toHaveLength(2);
});

test.each(steps.map((step, k) => ({ step, title: `step ${k + 1}/${steps.length}: dies at ${step.call} #${step.index + 1}${step.sheetName ? ` on ${step.sheetName}` : ''}` })))(
  'archiving $title, then the next hour retries: nothing lost or doubled',
  ({ step }) => {
    const { t, all, closed } = trackerWithClosedLeads();
    const spec: FaultSpec = { call: step.call, after: step.index, fatal: true };
    if (step.sheetName !== null) spec.sheetName = step.sheetName;
    t.emu.faults.failOn(spec);
    t.hourly();
    expect(t.emu.faults.fired()).toHaveLength(1);
    // Before the retry, no lead is lost: each is on the tab or in the archive.
    const before = heldIds(t);
    expect(all.every((id) => before.live.includes(id) || before.archived.includes(id))).toBe(true);
    t.emu.clock.advance(60 * 60 * 1000);
    t.hourly();

    const after = heldIds(t);
    expect(after.live).toEqual(all.filter((id) => !closed.includes(id)));
    expect([...after.archived].sort()).toEqual([...closed].sort());
    expect(t.rows('Settings').filter((r) => r.Setting === 'Leads archive 2025')).toHaveLength(1);
    const audited = t.rows('Audit Log').filter((r) => r.Field === 'Archived to');
    expect(audited.map((r) => r['Record ID']).sort()).toEqual([...closed].sort());
    expect(t.verify()).toMatch(/^Intact, \d+ rows\.$/);
  },
);

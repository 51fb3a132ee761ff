import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/** The Audit Log: one edit trigger, every edit logged, and a hash chain that "Verify audit log" checks. */
let t: Tracker;
const ANA = 'ana@example.com';

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle();
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  for (const company of ['Initech', 'Hooli', 'Umbrella']) {
    t.ok('apiRegisterLead', { partnerId: 'P-000001', company, contactEmail: `a@${company.toLowerCase()}.example` });
  }
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function verify(): string {
  t.emu.run('menuVerifyAuditLog');
  return String(t.emu.services.ui.alerts.pop()?.prompt);
}

const audit = () => t.sheet('Audit Log');

test('setup installs exactly one edit trigger, and running it again adds none', () => {
  t.emu.run('menuSetUpTracker');
  expect(t.emu.services.triggers.list({ eventType: 'ON_EDIT' }).map((tr) => tr.handler)).toEqual(['onTrackerEdit']);
});

test('setup records what it did in the log, as the first rows of the chain', () => {
  const setup = t.rows('Audit Log').filter((r) => r.Source === 'setup');
  expect(setup.map((r) => r['New Value'])).toContain('Created tab Leads.');
  expect(t.rows('Audit Log')[0].Source).toBe('setup');
});

test('a single-cell edit is logged with who, where, the record, the field, old and new value, and both times', () => {
  t.emu.clock.set('2026-03-05T10:00:00Z');
  t.emu.editAsUser('Leads!D3', 'Hooli XYZ', ANA);
  const row = t.rows('Audit Log').pop() as Record<string, string>;
  expect(row).toMatchObject({
    'Timestamp (UTC)': '2026-03-05T10:00:00.000Z',
    'Local Time': '2026-03-05 05:00:00',
    User: ANA,
    Source: 'edit',
    Tab: 'Leads',
    Range: 'D3',
    'Record ID': 'L-000002',
    Field: 'Company',
    'Old Value': 'Hooli',
    'New Value': 'Hooli XYZ',
  });
  expect(row['Previous Hash']).toBe(t.rows('Audit Log').slice(-2)[0].Hash);
});

test('clearing a cell logs the old value and an empty new value', () => {
  t.emu.editAsUser('Leads!R2', 'a note', ANA);
  t.emu.editAsUser('Leads!R2', '', ANA);
  const row = t.rows('Audit Log').pop() as Record<string, string>;
  expect([row.Field, row['Old Value'], row['New Value']]).toEqual(['Notes', 'a note', '']);
});

test('the log is protected: a teammate cannot edit it by hand', () => {
  const outcome = t.emu.editAsUser("'Audit Log'!J2", 'tampered', ANA);
  expect(outcome.accepted).toBe(false);
});

describe('Verify audit log', () => {
  test('reports an intact chain with its row count', () => {
    t.emu.editAsUser('Leads!R2', 'a note', ANA);
    const rows = t.rows('Audit Log').length;
    expect(verify()).toBe(`Intact, ${rows} rows.`);
  });

  test('finds an altered row', () => {
    audit().getRange('J3').setValue('something else');
    expect(verify()).toBe('Row 3 was altered: its content no longer matches its hash.');
  });

  test('finds an inserted row', () => {
    audit().insertRowsBefore(3, 1);
    const fake = t.rows('Audit Log')[0];
    audit()
      .getRange(3, 1, 1, 12)
      .setValues([[...Object.values(fake).slice(0, 10), 'f'.repeat(64), fake.Hash]]);
    expect(verify()).toBe('Row 3 was inserted: the row below it is chained directly to row 2.');
  });

  test('finds a deleted row', () => {
    audit().deleteRow(3);
    expect(verify()).toBe('Rows were deleted between rows 2 and 3: row 3 is chained to a row that is no longer there.');
  });

  test('finds deleted last rows', () => {
    const rows = t.rows('Audit Log').length;
    audit().deleteRows(rows, 2);
    expect(verify()).toBe(`The last 2 row(s) were deleted: the log had ${rows} rows, it has ${rows - 2}.`);
  });
});

test('rows deleted and tabs renamed are recorded from the change trigger, with who did it as Google says', () => {
  expect(t.emu.services.triggers.list({ eventType: 'ON_CHANGE' }).map((tr) => [tr.handler, tr.owner])).toEqual([['onTrackerChange', 'owner@example.com']]);
  t.emu.people.add({ email: 'gail@gmail.com', kind: 'consumer' });
  t.addTeam('gail@gmail.com', 'Partner team');
  expect(t.emu.deleteRowsAsUser('Leads', 3, 1, ANA)).toMatchObject({ accepted: true, changeType: 'REMOVE_ROW' });
  expect(t.emu.insertRowsAsUser('Leads', 2, 2, 'gail@gmail.com')).toMatchObject({ accepted: true });
  expect(t.emu.renameSheetAsUser('Lists', 'Lists (old)', 'owner@example.com')).toMatchObject({ accepted: true });
  const changes = t
    .rows('Audit Log')
    .filter((r) => r.Source === 'change')
    .map((r) => [r.User, r.Field, r['New Value']]);
  expect(changes).toEqual([
    [ANA, '(REMOVE_ROW)', 'rows deleted'],
    ['unknown (Google did not say who)', '(INSERT_ROW)', 'rows inserted'],
    [
      'owner@example.com or an anonymous link editor (Google does not tell them apart)',
      '(OTHER)',
      expect.stringContaining('tracker tab Lists renamed to "Lists (old)": still tracked, Set up tracker puts the name back'),
    ],
  ]);
  expect(verify()).toMatch(/^Intact/);
});

describe("entries teammates' actions leave for the owner", () => {
  const store = () => t.emu.services.properties.store('document', t.ss.getId());
  const overview = () => t.ok<{ auditWarnings: string[] }>('apiGetOverview');

  test('a malformed waiting entry is set aside, reported, and never blocks a write', () => {
    store().set('tracker.auditPending.000000000000001.000000001.0000.broken', '{"at": "not json');
    // Put there by something other than a teammate's run (which says so in the tracker's state): Home sees it and says so.
    overview();
    t.addPartner({ name: 'Beta', code: 'BETA' });
    expect(t.rows('Partners')).toHaveLength(2);
    expect(store().has('tracker.auditPending.000000000000001.000000001.0000.broken')).toBe(false);
    expect(store().get('tracker.auditPendingSetAside.000000000000001.000000001.0000.broken')).toBe('{"at": "not json');
    expect(overview().auditWarnings).toEqual([expect.stringMatching(/^1 waiting audit entry was unreadable and set aside \(kept in the document's properties as tracker\.auditPendingSetAside\.\*\)/)]);
    expect(verify()).toMatch(/^Intact/);
  });

  test("at 80% of their store the sidebar warns, and the owner's next action writes them all, in order", () => {
    const big = 'x'.repeat(7000);
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.UTC(2026, 2, 1, 12, 0, i));
      store().set(
        `tracker.auditPending.${String(at.getTime()).padStart(15, '0')}.000000001.${String(i).padStart(4, '0')}.x${i}`,
        JSON.stringify({
          at: at.toISOString(),
          user: ANA,
          source: 'sidebar',
          tab: 'Leads',
          range: '',
          recordId: `L-${i}`,
          field: 'notes',
          oldValue: '',
          newValue: big,
        }),
      );
    }
    expect(overview().auditWarnings).toEqual([expect.stringMatching(/^60 audit entries from teammates' actions wait for owner@example\.com \(their store is 8\d% full\)/)]);
    t.addPartner({ name: 'Beta', code: 'BETA' });
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.User === ANA)
        .map((r) => r['Record ID']),
    ).toEqual(Array.from({ length: 60 }, (_, i) => `L-${i}`));
    expect(overview().auditWarnings).toEqual([]);
    expect(verify()).toMatch(/^Intact/);
  });
});

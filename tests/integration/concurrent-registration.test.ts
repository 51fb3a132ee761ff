import { restoredTracker } from '../support/tracker';

/**
 * Registrations that interleave (two sidebar users, a form response at the same
 * moment) run in worker threads with real lock contention: the document lock
 * around ID allocation and the append keeps every row and every ID distinct.
 */
test('interleaved registrations by two teammates get distinct IDs, every row survives, and their audit entries reach the log', async () => {
  const t = restoredTracker();
  t.addTeam('ana@example.com', 'Partner team');
  t.addTeam('bo@example.com', 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.addPartner({ name: 'Globex Resellers', code: 'GLOBEX', contactEmail: 'gina@globex.example' });
  const lead = (partnerId: string, company: string) => ({ partnerId, company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` });
  const results = await t.emu.runConcurrently([
    { name: 'apiRegisterLead', args: [lead('P-000001', 'Initech')], user: 'ana@example.com' },
    { name: 'apiRegisterLead', args: [lead('P-000002', 'Hooli')], user: 'bo@example.com' },
    { name: 'apiRegisterLead', args: [lead('P-000001', 'Umbrella')], user: 'ana@example.com' },
    { name: 'apiRegisterLead', args: [lead('P-000002', 'Globex')], user: 'bo@example.com' },
  ]);
  expect(results.map((r) => r.ok && (r.value as { ok: boolean }).ok)).toEqual([true, true, true, true]);
  const rows = t.rows('Leads');
  expect(rows.map((r) => r['Lead ID']).sort()).toEqual(['L-000001', 'L-000002', 'L-000003', 'L-000004']);
  expect(rows.map((r) => r.Company).sort()).toEqual(['Globex', 'Hooli', 'Initech', 'Umbrella']);
  // Teammates may not write the owner-only Audit Log: their entries wait, and the owner's next change chains them in.
  expect(t.rows('Audit Log').filter((r) => r.Field === '(new lead)')).toHaveLength(0);
  t.addPartner({ name: 'Umbrella Partners', code: 'UMB', contactEmail: 'u@umbrella.example' });
  const audit = t.rows('Audit Log');
  expect(
    audit
      .filter((r) => r.Field === '(new lead)')
      .map((r) => r.User)
      .sort(),
  ).toEqual(['ana@example.com', 'ana@example.com', 'bo@example.com', 'bo@example.com']);
  expect(audit[audit.length - 1].Field).toBe('(new partner)');
  // One lock per document, never the script lock every customer of the add-on shares.
  expect(t.emu.calls.get('LockService.getDocumentLock')).toBeGreaterThanOrEqual(4);
  expect(t.emu.calls.get('LockService.getScriptLock')).toBe(0);
}, 120000);

test('a tab that fills up grows, and the new rows keep the column formats, dropdowns and protections', () => {
  const t = restoredTracker();
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  const leads = t.sheet('Leads');
  const maxRows = leads.getMaxRows();
  // Fill the tab to just below its last row with existing leads.
  const width = leads.getLastColumn();
  const filler = Array.from({ length: maxRows - 2 }, (_, i) => {
    const row = new Array<string | number>(width).fill('');
    row[0] = `L-${String(i + 1).padStart(6, '0')}`;
    row[3] = `Company ${i}`;
    row[11] = 'Rejected';
    return row;
  });
  leads.getRange(2, 1, filler.length, width).setValues(filler);
  const first = t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' });
  const second = t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId: 'P-000001', company: 'Hooli', contactEmail: 'a@hooli.example' });
  expect([first.lead.id, second.lead.id]).toEqual([`L-${String(maxRows - 1).padStart(6, '0')}`, `L-${String(maxRows).padStart(6, '0')}`]);
  expect(leads.getMaxRows()).toBeGreaterThan(maxRows + 1);
  const row = maxRows + 1; // the second new lead, below the old last row
  expect(leads.getRange(row, 4).getValue()).toBe('Hooli');
  const header = leads.getRange(1, 1, 1, width).getDisplayValues()[0];
  const col = (h: string) => header.indexOf(h) + 1;
  expect(leads.getRange(row, col('Estimated Value')).getNumberFormat()).toBe('#,##0.00');
  expect(leads.getRange(row, col('Status')).getDataValidation()?.getAllowInvalid()).toBe(false);
  const computed = leads.getProtections(t.emu.globals().SpreadsheetApp ? (t.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).ProtectionType.RANGE : (undefined as never));
  const idProtection = computed.find((p) => p.getDescription().includes('computed: Lead ID'));
  expect(idProtection?.getRange().getLastRow()).toBe(leads.getMaxRows());
});

test("registrations in two spreadsheets run in parallel: each holds only its own document's lock; in one spreadsheet they wait for each other", async () => {
  const t = restoredTracker();
  const first = t.ss.getId();
  const second = t.emu.createSpreadsheet('Another customer');
  t.emu.run('menuSetUpTracker', [], { documentId: second });
  const lead = (company: string) => ({ partnerId: 'P-000001', company, contactEmail: `ceo@${company.toLowerCase()}.example` });
  for (const documentId of [first, second]) {
    expect(t.emu.run('apiSavePartner', [{ name: 'Acme', code: 'ACME', type: 'Reseller', contactEmail: 'pat@acme.example' }], { documentId })).toMatchObject({ ok: true });
  }
  const waits = async (calls: Array<{ company: string; documentId: string }>) => {
    const events: string[] = [];
    const results = await t.emu.runConcurrently(
      calls.map((c) => ({ name: 'apiRegisterLead', args: [lead(c.company)], documentId: c.documentId })),
      { onEvent: (e) => events.push(e.kind) },
    );
    expect(results.map((r) => r.ok && (r.value as { ok: boolean }).ok)).toEqual(calls.map(() => true));
    return events.filter((k) => k === 'lock-wait').length;
  };
  expect(
    await waits([
      { company: 'Initech', documentId: first },
      { company: 'Hooli', documentId: second },
    ]),
  ).toBe(0);
  expect(
    await waits([
      { company: 'Umbrella', documentId: first },
      { company: 'Globex', documentId: first },
    ]),
  ).toBeGreaterThan(0);
  // Each spreadsheet numbers its own leads.
  const ids = (documentId: string) => (t.emu.run('apiListLeads', [{ status: 'all' }], { documentId }) as { data: { leads: Array<{ id: string }> } }).data.leads.map((l) => l.id).sort();
  expect(ids(first)).toEqual(['L-000001', 'L-000002', 'L-000003']);
  expect(ids(second)).toEqual(['L-000001']);
  expect(t.emu.calls.get('LockService.getScriptLock')).toBe(0);
}, 120000);

test("the hourly run (no document lock) and a sidebar registration exclude each other through the tracker's lock flags", async () => {
  const t = restoredTracker();
  t.addPartner({ name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', contactEmail: 'ceo@initech.example' });
  const [hourly] = t.emu.services.triggers.list({ eventType: 'CLOCK' });
  t.emu.clock.set('2026-06-15T15:00:00Z'); // Initech's protection has ended: the hourly run expires it
  const events: Array<{ index: number; kind: string; detail: string }> = [];
  const results = await t.emu.runConcurrently(
    [
      { name: 'onTrackerMaintenance', args: [{ triggerUid: hourly.uid }], documentId: null, origin: 'trigger:timeDriven' },
      { name: 'apiRegisterLead', args: [{ partnerId: 'P-000001', company: 'Hooli', contactEmail: 'ceo@hooli.example' }] },
    ],
    { onEvent: (e) => events.push({ index: e.index, kind: e.kind, detail: e.detail }), timeScale: 0.01 },
  );
  expect(results.map((r) => r.ok)).toEqual([true, true]);
  expect((results[1].value as { ok: boolean }).ok).toBe(true);
  expect(t.rows('Leads').map((r) => [r['Lead ID'], r.Status])).toEqual([
    ['L-000001', 'Expired'],
    ['L-000002', 'New'],
  ]);
  // One side found the other's flag up and waited for it to come down.
  expect(events.some((e) => e.kind === 'sleep')).toBe(true);
  expect(t.emu.calls.get('LockService.getScriptLock')).toBe(0);
}, 120000);

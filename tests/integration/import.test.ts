import type { ImportOutcome, SourceRows, SourceTabs } from '../../src/sidebar-api/contract';
import { OWNER, restoredTracker, Tracker } from '../support/tracker';
import { costOf } from '../support/cost';

/**
 * Import through the built bundle: rows as the sidebar sends them (a CSV file's or a tab's,
 * mapped to the tracker's fields), previewed without a write, then written in batches.
 */
type Values = Record<string, string>;
const lines = (rows: Values[], first = 2) => rows.map((values, i) => ({ line: first + i, values }));
const request = (kind: 'partners' | 'leads' | 'rules', rows: Values[], commissions: 'none' | 'Paid' | 'Approved' | 'Pending' = 'none') => ({
  kind,
  source: `file ${kind}.csv`,
  lines: lines(rows),
  commissions,
});
let nextRequest = 1;
const tag = () => ({ requestId: `import-test-${nextRequest++}` });

const PARTNERS: Values[] = [
  { name: 'Acme Resellers', code: 'ACME', contactEmail: 'ann@acme.example', type: 'Reseller', tier: 'Gold', region: 'EMEA' },
  { name: 'Beta Referrals', code: 'BETA', contactEmail: 'bo@beta.example', type: 'referral' },
  { name: 'No Code', code: '', contactEmail: 'x@nocode.example', type: 'Reseller' },
];
const LEADS: Values[] = [
  { partner: 'ACME', company: 'Won Co', website: 'won.example', contactEmail: 'w@won.example', status: 'Closed Won', dealAmount: '10,000', closedOn: '2026-01-15', registeredAt: '2025-12-01' },
  { partner: 'BETA', company: 'Lost Co', contactEmail: 'l@lost.example', status: 'Closed Lost', registeredAt: '2025-11-01', closedOn: '2026-01-02' },
  { partner: 'ACME', company: 'Open Co', website: 'open.example', contactEmail: 'o@open.example', status: 'Qualified', registeredAt: '2026-02-20' },
  { partner: 'GHOST', company: 'Orphan Co', contactEmail: 'o@orphan.example' },
];
const RULES: Values[] = [{ name: 'Base 10%', ruleType: 'Base', kind: 'Percentage', rate: '10%', holdingDays: '0' }];

const imported = (t: Tracker, name: string, req: ReturnType<typeof request>) => t.ok<ImportOutcome>(name, req, tag());
function withPartners(): Tracker {
  const t = restoredTracker();
  imported(t, 'apiImportBatch', request('partners', PARTNERS));
  return t;
}

describe('partners from a CSV file', () => {
  test('the preview writes nothing; the import creates, skips with reasons, audits; a second import changes nothing', () => {
    const t = restoredTracker();
    const before = t.rows('Partners').length;
    const preview = t.ok<ImportOutcome>('apiPreviewImport', request('partners', PARTNERS));
    expect(preview.summary).toEqual({ create: 2, update: 0, unchanged: 0, skip: 1 });
    expect(preview.rows[2]).toMatchObject({ line: 4, action: 'skip', problems: ['Partner code is required.'] });
    expect(t.rows('Partners')).toHaveLength(before);

    const first = imported(t, 'apiImportBatch', request('partners', PARTNERS));
    expect(first.summary).toEqual(preview.summary);
    const partners = t.rows('Partners');
    expect(partners.map((p) => [p['Partner ID'], p.Name, p['Partner Code'], p.Type, p.Tier, p.Status])).toEqual([
      ['P-000001', 'Acme Resellers', 'ACME', 'Reseller', 'Gold', 'Active'],
      ['P-000002', 'Beta Referrals', 'BETA', 'Referral', 'Registered', 'Active'],
    ]);
    const audit = t.rows('Audit Log');
    expect(audit.filter((a) => a.Field === '(new partner)' && a['New Value'].startsWith('imported: ')).map((a) => a['Record ID'])).toEqual(['P-000001', 'P-000002']);
    expect(audit.find((a) => a.Field === '(import)')?.['New Value']).toBe('partners from file partners.csv, lines 2–4: 2 created, 0 updated, 0 unchanged, 1 skipped (lines 4)');

    const again = imported(t, 'apiImportBatch', request('partners', PARTNERS));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 2, skip: 1 });
    expect(t.rows('Partners')).toEqual(partners);
    // An update changes only the fields that differ, and says so in the log.
    const changed = imported(t, 'apiImportBatch', request('partners', [{ ...PARTNERS[1], tier: 'Silver' }]));
    expect(changed.rows[0]).toMatchObject({ action: 'update', recordId: 'P-000002', changes: [{ field: 'Tier', from: 'Registered', to: 'Silver' }] });
    expect(t.rows('Partners')[1].Tier).toBe('Silver');
    expect(
      t
        .rows('Audit Log')
        .filter((a) => a.Field === '(imported changes)')
        .map((a) => [a.Range, a['Old Value'], a['New Value']]),
    ).toEqual([['row 3', 'Tier: Registered', 'Tier: Silver']]);
    expect(t.verify()).toMatch(/^Intact/);
  });
});

describe('leads with their history', () => {
  test('statuses, dates and amounts kept; Source import; sealed; a partner that does not exist is a reason; a second import changes nothing', () => {
    const t = withPartners();
    const first = imported(t, 'apiImportLeadBatch', request('leads', LEADS));
    expect(first.rows.map((r) => r.action)).toEqual(['create', 'create', 'create', 'skip']);
    expect(first.rows[3].problems).toEqual(['Partner "GHOST" is not on the Partners tab (by Partner ID or Partner Code): import the partners first.']);
    const leads = t.rows('Leads');
    expect(leads.map((l) => [l['Lead ID'], l['Partner ID'], l.Company, l.Status, l['Deal Amount'], l['Closed On'], l.Source, l['Registered At (UTC)']])).toEqual([
      ['L-000001', 'P-000001', 'Won Co', 'Closed Won', '10,000.00', '2026-01-15', 'import', '2025-12-01 00:00:00'],
      ['L-000002', 'P-000002', 'Lost Co', 'Closed Lost', '', '2026-01-02', 'import', '2025-11-01 00:00:00'],
      ['L-000003', 'P-000001', 'Open Co', 'Qualified', '', '', 'import', '2026-02-20 00:00:00'],
    ]);
    expect(leads[2]['Protected Until']).toBe('2026-05-21');
    expect(leads.every((l) => l['Tracker Check'] !== '')).toBe(true);
    // No commission lines were asked for.
    expect(t.rows('Commissions')).toEqual([]);
    // The sidebar lists them (they count).
    const listed = t.ok<{ total: number }>('apiListLeads', { status: 'all' });
    expect(listed.total).toBe(3);

    const again = imported(t, 'apiImportLeadBatch', request('leads', LEADS));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 3, skip: 1 });
    expect(t.rows('Leads')).toEqual(leads);
  });

  test('an imported open lead that collides with a protected lead is flagged Conflict', () => {
    const t = withPartners();
    t.ok('apiRegisterLead', { partnerId: 'P-000002', company: 'Open Co', website: 'open.example', contactEmail: 'someone@open.example' });
    const outcome = imported(t, 'apiImportLeadBatch', request('leads', [LEADS[2]]));
    expect(outcome.rows[0].notes[0]).toMatch(/^Flagged Conflict \(the file says Qualified\): same domain open\.example as L-000001/);
    expect(t.rows('Leads')[1]).toMatchObject({ Status: 'Conflict', 'Conflict With': 'L-000001' });
  });

  test('won deals: commission lines marked imported with the chosen status, by the rule in force', () => {
    const t = withPartners();
    imported(t, 'apiImportBatch', request('rules', RULES));
    const outcome = imported(t, 'apiImportLeadBatch', request('leads', LEADS, 'Paid'));
    expect(outcome.commissionLines).toBe(1);
    const lines = t.rows('Commissions');
    expect(lines.map((c) => [c['Lead ID'], c['Rule ID'], c.Kind, c.Amount, c.Status, c['Approved By']])).toEqual([['L-000001', 'R-000002', 'Base', '1,000.00', 'Paid', 'tracker (import)']]); // R-000001: setup's example rule
    expect(String(t.sheet('Commissions').getRange(2, 1).getNote())).toMatch(/^Imported with L-000001 \(closed 2026-01-15\) by owner@example\.com/);
    expect(t.rows('Audit Log').some((a) => a.Field === '(new commission)' && /imported$/.test(a['New Value']))).toBe(true);
    const again = imported(t, 'apiImportLeadBatch', request('leads', LEADS, 'Paid'));
    expect(again.commissionLines).toBe(0);
    expect(t.rows('Commissions')).toHaveLength(1);
  });

  test("a fault mid-batch, then the retry: no lead twice, and the won deal's lines written once", () => {
    const t = withPartners();
    imported(t, 'apiImportBatch', request('rules', RULES));
    const req = request('leads', LEADS, 'Approved');
    const id = { requestId: 'import-fault-1' };
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Commissions', fatal: true });
    expect(() => t.api('apiImportLeadBatch', req, id)).toThrow();
    expect(t.rows('Leads')).toHaveLength(3);
    expect(t.rows('Commissions')).toHaveLength(0);
    const retried = t.ok<ImportOutcome>('apiImportLeadBatch', req, id);
    expect(retried.summary).toEqual({ create: 0, update: 1, unchanged: 2, skip: 1 });
    expect(t.rows('Leads')).toHaveLength(3);
    expect(t.rows('Commissions').map((c) => [c['Lead ID'], c.Status])).toEqual([['L-000001', 'Approved']]);
    // The dead run's announced entries are recorded by the owner's hourly run once it is surely over: each lead once.
    t.emu.clock.set(new Date(t.emu.clock.now().getTime() + 8 * 60_000).toISOString());
    t.hourly();
    const created = t.rows('Audit Log').filter((a) => a.Field === '(new lead)');
    expect(created.map((a) => a['Record ID']).sort()).toEqual(['L-000001', 'L-000002', 'L-000003']);
    expect(created.every((a) => a['New Value'].startsWith('imported: '))).toBe(true);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a fault before anything is written: the retry writes the batch once', () => {
    const t = withPartners();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Leads', fatal: true });
    expect(() => t.api('apiImportLeadBatch', request('leads', LEADS), { requestId: 'import-fault-2' })).toThrow();
    expect(t.rows('Leads')).toHaveLength(0);
    expect(t.ok<ImportOutcome>('apiImportLeadBatch', request('leads', LEADS), { requestId: 'import-fault-2' }).summary.create).toBe(3);
    expect(t.rows('Leads')).toHaveLength(3);
  });
});

describe('commission rules', () => {
  test('created, then matched by Name and Effective From: unchanged, or the rate updated', () => {
    const t = restoredTracker();
    const rows = [...RULES, { name: 'Bad', ruleType: 'Base', kind: 'Flat' }];
    const first = imported(t, 'apiImportBatch', request('rules', rows));
    expect(first.rows.map((r) => r.action)).toEqual(['create', 'skip']);
    expect(first.rows[1].problems).toEqual(['a Flat rule needs a flat amount more than 0.']);
    expect(imported(t, 'apiImportBatch', request('rules', rows)).summary).toEqual({ create: 0, update: 0, unchanged: 1, skip: 1 });
    imported(t, 'apiImportBatch', request('rules', [{ ...RULES[0], rate: '12.5%' }]));
    const rules = t.rows('Commission Rules').filter((r) => r['Rule ID']);
    expect(rules.map((r) => [r['Rule ID'], r.Name, r.Rate])).toEqual([['R-000002', 'Base 10%', '12.50%']]); // R-000001 went to setup's example rule
  });
});

describe('roles, refused with the reason', () => {
  test('the partner team imports partners and leads, not rules; a stranger nothing; commission lines only the owner', () => {
    const t = restoredTracker();
    t.addTeam('pat@example.com', 'Partner team');
    const rules = t.apiAs('pat@example.com', 'apiImportBatch', request('rules', RULES), tag());
    expect(rules).toMatchObject({ ok: false, error: { message: expect.stringContaining('Importing commission rules needs the Manager role') } });
    const stranger = t.apiAs('eve@example.com', 'apiPreviewImport', request('partners', PARTNERS));
    expect(stranger).toMatchObject({ ok: false, error: { message: expect.stringContaining('Importing partners and leads needs the Partner team or Manager role') } });
    expect(t.apiAs('pat@example.com', 'apiImportBatch', request('partners', PARTNERS), tag())).toMatchObject({ ok: true });
    const lines = t.apiAs('pat@example.com', 'apiPreviewLeadImport', request('leads', LEADS, 'Paid'));
    expect(lines).toMatchObject({ ok: false, error: { message: expect.stringContaining(`Only the tracker's owner (${OWNER}) may write commission amounts`) } });
    expect(t.apiAs('pat@example.com', 'apiImportLeadBatch', request('leads', LEADS), tag())).toMatchObject({ ok: true, data: { summary: { create: 3 } } });
  });
});

describe("a teammate's big import and the audit entries waiting for the owner", () => {
  test('a batch whose entries would not fit where they wait is refused with what to do, and writes nothing', () => {
    const t = restoredTracker();
    t.addTeam('pat@example.com', 'Partner team');
    const partners = (from: number) =>
      Array.from({ length: 1000 }, (_, i) => ({
        name: `Partner ${from + i} with a longer name`,
        code: `P${from + i}`,
        contactEmail: `someone${from + i}@partner${from + i}.example`,
        type: 'Referral',
        notes: 'Brought over from the 2025 partner list kept by the channel team',
      }));
    expect(t.apiAs('pat@example.com', 'apiImportBatch', request('partners', partners(0)), tag())).toMatchObject({ ok: true, data: { summary: { create: 1000 } } });
    const before = t.rows('Partners').length;
    const refused = t.apiAs('pat@example.com', 'apiImportBatch', request('partners', partners(1000)), tag());
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/audit entries would not fit where they wait for the tracker's automation .*nothing was written\. Ask owner@example\.com to open the sidebar/) },
    });
    expect(t.rows('Partners')).toHaveLength(before);
  });
});

describe('a tab of another spreadsheet', () => {
  test("read as text when shared with the person; refused in Google's words when not", () => {
    const t = restoredTracker();
    t.addTeam('pat@example.com', 'Partner team');
    const id = t.emu.createSpreadsheet('Old partner sheet', { owner: 'ann@example.com', sharing: { viewers: [OWNER] } });
    // Its owner fills it (the tracker's owner may only view it: a viewer cannot write).
    t.emu.executions.run({ user: 'ann@example.com', origin: 'test' }, () => {
      const sheet = t.emu.spreadsheetApp.openById(id).getSheets()[0].setName('Partners 2025');
      sheet.getRange(1, 1, 3, 4).setValues([
        ['Company name', 'Code', 'E-mail', 'Joined'],
        ['Gamma GmbH', 'GAMMA', 'g@gamma.example', new Date('2025-04-01T04:00:00Z')],
        ['Delta', 'DELTA', 'd@delta.example', ''],
      ]);
    });
    const url = `https://docs.google.com/spreadsheets/d/${id}/edit`;
    expect(t.ok<SourceTabs>('apiListImportTabs', url)).toEqual({ spreadsheet: 'Old partner sheet', tabs: [{ name: 'Partners 2025', rows: 2 }] });
    const read = t.ok<SourceRows>('apiReadImportTab', url, 'Partners 2025');
    expect(read.headers).toEqual(['Company name', 'Code', 'E-mail', 'Joined']);
    expect(read.rows).toEqual([
      ['Gamma GmbH', 'GAMMA', 'g@gamma.example', '2025-04-01'],
      ['Delta', 'DELTA', 'd@delta.example', ''],
    ]);
    const refused = t.apiAs('pat@example.com', 'apiListImportTabs', url);
    expect(refused).toMatchObject({ ok: false, error: { fieldErrors: { url: expect.stringContaining('You do not have permission to access the requested document.') } } });
    // This spreadsheet's own tabs are offered without the tracker's.
    t.ss.insertSheet('Old leads');
    const own = t.ok<SourceTabs>('apiListImportTabs', '').tabs.map((x) => x.name);
    expect(own).toContain('Old leads');
    expect(own.filter((n) => ['Partners', 'Leads', 'Commission Rules', 'Audit Log'].includes(n))).toEqual([]);
  });
});

describe('large files in batches', () => {
  const many = (n: number, from = 0): Values[] =>
    Array.from({ length: n }, (_, i) => ({
      partner: 'ACME',
      company: `Company ${from + i}`,
      website: `c${from + i}.example`,
      contactEmail: `x@c${from + i}.example`,
      status: 'Closed Lost',
      registeredAt: '2025-06-01',
    }));

  test('a batch costs the same spreadsheet calls at 50 rows as at 500, and a 10,000-row preview makes no per-row call', () => {
    const t = withPartners();
    const ms = () => t.emu.timing.totals.modelledMs;
    const start = ms();
    const small = costOf(t.emu, () => imported(t, 'apiImportLeadBatch', request('leads', many(50))));
    const middle = ms();
    const large = costOf(t.emu, () => imported(t, 'apiImportLeadBatch', request('leads', many(500, 50))));
    const end = ms();
    expect(large.result.summary.create).toBe(500);
    expect(large.cost.calls).toBeLessThanOrEqual(small.cost.calls + 2);
    const preview = costOf(t.emu, () => t.ok<ImportOutcome>('apiPreviewLeadImport', request('leads', many(10000))));
    expect(preview.result.summary).toEqual({ create: 9450, update: 0, unchanged: 550, skip: 0 });
    expect(preview.cost.calls).toBeLessThan(40);
    // What the README quotes (modelled time per batch).
    console.log(
      `import cost: 50 rows ${JSON.stringify(small.cost)} ${Math.round(middle - start)} ms; 500 rows ${JSON.stringify(large.cost)} ${Math.round(end - middle)} ms; preview of 10,000 ${JSON.stringify(preview.cost)}`,
    );
  });
});

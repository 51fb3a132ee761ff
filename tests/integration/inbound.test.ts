import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Issue 15, deliverable 5: the Inbound tab. Rows appended as Zapier's "Create Spreadsheet Row"
 * and Make's "Add a Row" append them (through the Sheets API: no edit trigger fires) are taken
 * by the owner's hourly run like typed rows: adopted, or kept with the reason. Through the bundle.
 */
let t: Tracker;
const ANA = 'ana@example.com'; // partner team
const INBOUND_ACTOR = 'Inbound tab (Google does not say who added the row)';

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.addPartner({ name: 'Globex', code: 'GLOBEX', contactEmail: 'g@globex.example' });
  // A 10% rule paying at once, and Acme's lead L-000001 (Initech), qualified.
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  t.okAs(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.co.uk', contactEmail: 'bill@initech.co.uk' });
  t.okAs(ANA, 'apiMoveLead', 'L-000001', { to: 'Accepted' });
  t.okAs(ANA, 'apiMoveLead', 'L-000001', { to: 'Qualified' });
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const headers = () => t.sheet('Inbound').getRange(1, 1, 1, t.sheet('Inbound').getLastColumn()).getDisplayValues()[0];

/** Appends rows by header, as a Zap's or a Make scenario's row goes in: no edit event. */
function zap(...rows: Array<Record<string, string | number>>): void {
  const h = headers();
  for (const r of rows) {
    for (const key of Object.keys(r)) if (!h.includes(key)) throw new Error(`no column ${key}`);
    t.sheet('Inbound').appendRow(h.map((name) => r[name] ?? ''));
  }
}

const inbound = (row: number) => t.rows('Inbound')[row - 2];
const lead = (id: string) => t.rows('Leads').find((r) => r['Lead ID'] === id);
const later = (minutes: number) => t.emu.clock.set(new Date(t.emu.clock.now().getTime() + minutes * 60_000).toISOString());
/** The owner's next hourly run; its steps' outcomes, as it logs them. */
function hourly(): Record<string, unknown> {
  later(61);
  const mark = t.emu.services.log.entries.length;
  t.hourly();
  const line = t.emu.services.log.entries.slice(mark).find((e) => e.message.startsWith('maintenance: '));
  return JSON.parse(line?.message.slice('maintenance: '.length) ?? '{}') as Record<string, unknown>;
}

describe('rows Zapier or Make append to the Inbound tab', () => {
  test('the hourly run adopts the good rows, flags a conflict, moves a deal to Closed Won with its commission, and keeps every bad row with its reason', () => {
    zap(
      { Kind: 'New lead', 'External ID': 'zap-1', Partner: 'GLOBEX', Company: 'Hooli', Website: 'https://hooli.example', 'Contact Email': 'ceo@hooli.example', 'Deal Value': 12000 },
      { Kind: 'New lead', 'External ID': 'zap-2', Partner: 'g@globex.example', Company: 'Initech Limited', Website: 'www.initech.co.uk', 'Contact Email': 'peter@initech.co.uk' },
      { Kind: 'New lead', 'External ID': 'zap-3', Partner: 'NOPE', Company: 'Umbrella', 'Contact Email': 'al@umbrella.example' },
      { Kind: 'New lead', 'External ID': 'zap-4', Partner: 'P-000001', Company: 'Stark', 'Contact Email': 'not-an-email' },
      { Kind: 'Stage change', 'External ID': 'zap-5', 'Lead ID': 'L-000001', 'New Status': 'Closed Won', 'Won Amount': 20000, 'Close Date': '2026-03-02' },
      { Kind: 'Stage change', 'External ID': 'zap-6', 'Lead ID': 'L-999999', 'New Status': 'Qualified' },
      { Kind: 'New lead', 'External ID': 'zap-1', Partner: 'ACME', Company: 'Hooli Again', 'Contact Email': 'x@hooli2.example' },
      { Kind: 'Stage change', 'External ID': 'zap-8', 'Lead ID': 'L-000001', 'New Status': 'Refunded', Note: 'customer left' },
      // The same company as row 2, for another partner, in the same run: a Conflict with the lead row 2 made.
      { Kind: 'New lead', 'External ID': 'zap-9', Partner: 'ACME', Company: 'Hooli Inc', Website: 'hooli.example', 'Contact Email': 'cto@hooli.example' },
    );
    // Nothing happens before the run: no trigger fired.
    expect(inbound(2).Result).toBe('');

    const steps = hourly();
    expect(steps.inbound).toEqual({ adopted: 1, conflicts: 2, moved: 1, refused: 5, waiting: 0 });
    expect(inbound(2)).toMatchObject({ Result: 'Adopted', 'Result Lead ID': 'L-000002', Problems: '' });
    expect(inbound(2)['Processed At (UTC)']).not.toBe('');
    expect(lead('L-000002')).toMatchObject({
      'Partner ID': 'P-000002',
      Company: 'Hooli',
      'Company Domain': 'hooli.example',
      Status: 'New',
      Source: 'inbound',
      'Registered By': '',
      'Form Response': 'inbound:zap-1',
    });
    // The contact email named Globex; the company collides with Acme's protected Initech.
    expect(inbound(3)).toMatchObject({ Result: 'Conflict', 'Result Lead ID': 'L-000003' });
    expect(lead('L-000003')).toMatchObject({ 'Partner ID': 'P-000002', Status: 'Conflict', 'Conflict With': 'L-000001' });
    expect(inbound(4)).toMatchObject({ Result: 'Refused', 'Result Lead ID': '' });
    expect(inbound(4).Problems).toBe('Partner: no partner has the Partner ID, code or contact email "NOPE"');
    expect(inbound(5).Result).toBe('Refused');
    expect(inbound(5).Problems).toBe('Contact email must be an email address like name@company.com');
    // The deal won, with the commission a typed Closed Won makes.
    expect(inbound(6)).toMatchObject({ Result: 'Moved', 'Result Lead ID': 'L-000001', Problems: '' });
    expect(lead('L-000001')).toMatchObject({ Status: 'Closed Won', 'Deal Amount': '20,000.00', 'Closed On': '2026-03-02' });
    expect(
      t
        .rows('Commissions')
        .filter((c) => c['Lead ID'] === 'L-000001')
        .map((c) => c.Amount),
    ).toEqual(['2,000.00']);
    expect(inbound(7).Problems).toBe('Lead ID: There is no lead L-999999; it may have been deleted from the Leads tab');
    expect(inbound(8)).toMatchObject({ Result: 'Refused', 'Result Lead ID': 'L-000002' });
    expect(inbound(8).Problems).toBe('External ID: zap-1 was already used by row 2, which made L-000002; each row needs its own External ID');
    expect(inbound(9).Problems).toContain('New Status: a refund claws back commissions, which needs a manager');
    expect(inbound(10)).toMatchObject({ Result: 'Conflict', 'Result Lead ID': 'L-000004' });
    expect(lead('L-000004')).toMatchObject({ 'Partner ID': 'P-000001', Status: 'Conflict', 'Conflict With': 'L-000002' });
    // No lead for a refused row.
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech', 'Hooli', 'Initech Limited', 'Hooli Inc']);

    // Recorded as the Inbound tab, never as a person.
    const audit = t.rows('Audit Log').filter((r) => r.Source === 'inbound');
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((r) => r.User))).toEqual(new Set([INBOUND_ACTOR]));
    expect(audit.find((r) => r['Record ID'] === 'L-000002' && r.Field === '(new lead)')?.['New Value']).toContain('Inbound row 2, External ID zap-1');
    expect(audit.find((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')?.['New Value']).toBe('Closed Won');

    // The refused rows are where other tabs' problem rows are.
    const problems = t.okAs<{ total: number; rows: Array<{ tab: string; row: number; id: string }> }>(ANA, 'apiListRowProblems');
    expect(problems.rows.filter((p) => p.tab === 'Inbound').map((p) => [p.row, p.id])).toEqual([
      [4, 'zap-3'],
      [5, 'zap-4'],
      [7, 'zap-6'],
      [8, 'zap-1'],
      [9, 'zap-8'],
    ]);

    // The next run changes nothing: no row is applied twice.
    const leadsBefore = t.rows('Leads');
    const auditRows = t.rows('Audit Log').length;
    expect(hourly().inbound).toBe('no rows waiting');
    expect(t.rows('Leads')).toEqual(leadsBefore);
    expect(t.rows('Audit Log').filter((r) => r.Source === 'inbound').length).toBe(audit.length);
    expect(t.rows('Audit Log').length).toBeGreaterThanOrEqual(auditRows);

    // A refused row fixed (by another Zap run, or a person) is tried again by the next run.
    t.sheet('Inbound')
      .getRange(4, headers().indexOf('Partner') + 1)
      .setValue('ACME');
    expect(hourly().inbound).toEqual({ adopted: 1, conflicts: 0, moved: 0, refused: 0, waiting: 0 });
    expect(inbound(4)).toMatchObject({ Result: 'Adopted', 'Result Lead ID': 'L-000005', Problems: '' });
    // An applied row changed afterwards is not applied again, and says so.
    t.sheet('Inbound')
      .getRange(2, headers().indexOf('Company') + 1)
      .setValue('Hooli Inc');
    hourly();
    expect(inbound(2).Result).toBe('Adopted');
    expect(inbound(2).Problems).toContain('Changed after the tracker applied it (Adopted L-000002)');
    expect(lead('L-000002')?.Company).toBe('Hooli');
  });

  test('a run that dies after registering the leads, before writing the results, is finished by the next run without a second lead', () => {
    zap(
      { Kind: 'New lead', 'External ID': 'mk-1', Partner: 'ACME', Company: 'Wayne', 'Contact Email': 'bruce@wayne.example' },
      { Kind: 'New lead', Partner: 'GLOBEX', Company: 'Tyrell', 'Contact Email': 'eldon@tyrell.example' },
    );
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Inbound', fatal: true });
    later(61);
    t.hourly();
    expect(t.emu.faults.fired().length).toBe(1);
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech', 'Wayne', 'Tyrell']);
    expect(inbound(2).Result).toBe('');

    t.emu.faults.clear();
    expect(hourly().inbound).toEqual({ adopted: 2, conflicts: 0, moved: 0, refused: 0, waiting: 0 });
    expect(t.rows('Leads').map((r) => r.Company)).toEqual(['Initech', 'Wayne', 'Tyrell']);
    expect([inbound(2)['Result Lead ID'], inbound(3)['Result Lead ID']]).toEqual(['L-000002', 'L-000003']);
    // A row without an External ID is keyed by its cells.
    expect(lead('L-000003')?.['Form Response']).toMatch(/^inbound:[0-9a-f]{16}$/);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a row a person types is marked waiting for the hourly run, which takes it like the others', () => {
    const h = headers();
    const row = h.map((name) => ({ Kind: 'New lead', Partner: 'ACME', Company: 'Cyberdyne', 'Contact Email': 'miles@cyberdyne.example' })[name] ?? '');
    const edit = t.emu.editAsUser(`Inbound!A2:${String.fromCharCode(64 + h.length)}2`, [row], ANA);
    expect(edit.triggerRuns?.filter((r) => !r.ok)).toEqual([]);
    expect(inbound(2).Result).toBe('Waiting for the hourly run');
    expect(t.emu.services.ui.toasts.map((x) => x.message).join('\n')).toContain('waits for the hourly run');
    hourly();
    expect(inbound(2)).toMatchObject({ Result: 'Adopted', 'Result Lead ID': 'L-000002' });
    expect(lead('L-000002')?.Source).toBe('inbound');
  });
});

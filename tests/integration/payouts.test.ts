import { BulkCommissionResult, PayoutExportView, PayoutPeriodView, PayoutRunView } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';

/**
 * Payout runs through the built add-on: preview, run, idempotent re-runs, carry-forward, negative balances,
 * crash recovery, the manager summary and partner statements, quota, states and the finance export.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const FIN = 'fin@example.com';

/** A won deal closed on `closedOn`, its commission approved (rules: 10% base, no holding). */
function wonAndApproved(partnerId: string, company: string, amount: number, closedOn: string): void {
  const reg = t.emu.run(
    'apiRegisterLead',
    [{ partnerId, company, website: `${company.toLowerCase().replace(/\W/g, '')}.example`, contactEmail: `ceo@${company.toLowerCase().replace(/\W/g, '')}.example` }],
    { user: ANA },
  ) as { ok: boolean; data: { lead: { id: string } } };
  const id = reg.data.lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn });
}

function approveAll() {
  t.hourly();
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  if (payable.length) t.emu.run('apiApproveCommissions', [payable], { user: BOSS });
}

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.setSetting('Minimum payout', '100');
  // The managers' mail here is the payouts' alone (the monthly tier review's email: tiers.test.ts).
  t.setSetting('Tier review', 'Off');
  // Scheduled runs late in the month, so the daily runs these tests fire only promote commissions.
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  t.addPartner({ name: 'Beta <b>Partners</b>', code: 'BETA', contactEmail: 'bea@beta.example', type: 'Referral' });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  wonAndApproved('P-000001', 'Initech', 20000, '2026-02-10');
  wonAndApproved('P-000001', 'Hooli', 5000.55, '2026-02-10');
  wonAndApproved('P-000002', 'Umbrella', 500, '2026-02-10'); // 50.00: below the minimum
  t.emu.clock.set('2026-03-02T15:00:00Z');
  approveAll();
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

const asBoss = <T>(name: string, ...args: unknown[]) => t.emu.run(name, args, { user: BOSS }) as { ok: true; data: T } | { ok: false; error: { message: string } };
const asFinance = <T>(name: string, ...args: unknown[]) => t.emu.run(name, args, { user: FIN }) as { ok: true; data: T } | { ok: false; error: { message: string } };

test('a preview shows the run for the previous month without writing anything', () => {
  const commissionsBefore = JSON.stringify(t.rows('Commissions'));
  const preview = asBoss<PayoutPeriodView>('apiPreviewPayouts');
  expect(preview).toMatchObject({
    ok: true,
    data: {
      period: { start: '2026-02-01', end: '2026-02-28', label: 'February 2026' },
      runStatus: 'not run',
      total: 2500.06,
      rows: [{ partnerName: 'Acme Partners', gross: 2500.06, clawbacks: 0, net: 2500.06, lines: 2, status: 'Preview', payoutId: null }],
      carried: [{ partnerName: 'Beta <b>Partners</b>', net: 50, reason: expect.stringContaining('below the minimum payout of 100.00') }],
    },
  });
  expect(t.rows('Payouts')).toEqual([]);
  expect(t.rows('Payout Runs')).toEqual([]);
  expect(JSON.stringify(t.rows('Commissions'))).toBe(commissionsBefore);
});

test("a run writes one Draft payout per partner, stamps the lines, and the tracker's account mails the managers, and each partner once their payout is approved", () => {
  const sent = t.emu.services.mail.outbox.length;
  const run = asBoss<{ run: PayoutRunView }>('apiRunPayouts');
  expect(run).toMatchObject({ ok: true, data: { run: { status: 'complete', created: ['PO-000001'], carried: 1, summary: 'not yet' } } });
  // A manager's run leaves the mail to the tracker's own account: the owner's hourly run sends it.
  expect(t.emu.services.mail.outbox).toHaveLength(sent);
  t.hourly();
  // A Draft gets no statement: the partner hears once a manager approves it.
  expect(t.emu.services.mail.sentTo('pat@acme.example').filter((m) => /statement/i.test(m.subject))).toEqual([]);
  expect(asBoss('apiApprovePayouts', ['PO-000001'])).toMatchObject({ ok: true });
  t.hourly();
  expect(t.rows('Payouts')).toEqual([
    expect.objectContaining({
      'Payout ID': 'PO-000001',
      'Period Start': '2026-02-01',
      'Period End': '2026-02-28',
      'Partner ID': 'P-000001',
      Gross: '2,500.06',
      Clawbacks: '0.00',
      Net: '2,500.06',
      Lines: '2',
      Status: 'Approved',
    }),
  ]);
  expect(t.rows('Commissions').map((c) => [c['Lead ID'], c['Payout ID']])).toEqual([
    ['L-000001', 'PO-000001'],
    ['L-000002', 'PO-000001'],
    ['L-000003', ''],
  ]);
  expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Period: 'February 2026', Status: 'Complete', Payouts: '1', Total: '2,500.06', 'Carried Forward': '1' })]);
  const [summary] = t.emu.services.mail.sentTo(BOSS);
  expect(summary.subject).toContain('February 2026');
  expect(summary.htmlBody).toContain('2,500.06');
  expect(summary.htmlBody).toContain('Beta &lt;b&gt;Partners&lt;/b&gt;');
  expect(summary.htmlBody).not.toMatch(/<script|<b>Partners/);
  expect(summary.body).toContain('below the minimum payout of 100.00');
  const [statement] = t.emu.services.mail.sentTo('pat@acme.example').filter((m) => m.subject.includes('PO-000001') || m.subject.toLowerCase().includes('statement'));
  expect(statement.body).toContain('Initech');
  expect(statement.body).not.toContain('Umbrella');
  expect(statement.body).not.toContain('Beta');
  expect(t.emu.services.mail.sentTo('bea@beta.example').filter((m) => /statement/i.test(m.subject))).toEqual([]);
  // Again, by the sidebar, the menu or the schedule: nothing new, no second email.
  expect(asBoss<{ run: PayoutRunView }>('apiRunPayouts')).toMatchObject({ ok: true, data: { run: { status: 'already complete' } } });
  t.emu.run('menuRunPayouts', [], { user: BOSS });
  t.hourly();
  expect(t.rows('Payouts')).toHaveLength(1);
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(1);
  expect(t.emu.services.mail.sentTo(OWNER)).toHaveLength(1);
});

test("the owner's run completes once, mails at once, and is never run again by the menu, sidebar or schedule", () => {
  expect(t.ok<{ run: PayoutRunView }>('apiRunPayouts').run).toMatchObject({ status: 'complete', summary: 'sent' });
  expect(t.rows('Payout Runs')[0]).toMatchObject({ Status: 'Complete', 'Summary Sent (UTC)': '2026-03-02 15:00:00' });
  // Beta's approved February line was carried forward (below the minimum): February is not run again for it.
  expect(t.ok<{ run: PayoutRunView }>('apiRunPayouts').run.status).toBe('already complete');
  t.setSetting('Payout day', '1');
  t.hourly();
  expect(t.rows('Payouts')).toHaveLength(1);
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(1);
});

test('a balance below the minimum carries forward and is paid when it reaches it', () => {
  asBoss('apiRunPayouts');
  t.emu.clock.set('2026-03-10T15:00:00Z');
  wonAndApproved('P-000002', 'Globex', 800, '2026-03-10');
  t.emu.clock.set('2026-04-02T15:00:00Z');
  approveAll();
  const march = asBoss<{ run: PayoutRunView }>('apiRunPayouts');
  expect(march).toMatchObject({ ok: true, data: { run: { status: 'complete', created: ['PO-000002'] } } });
  expect(t.rows('Payouts')[1]).toMatchObject({ 'Partner ID': 'P-000002', Net: '130.00', Lines: '2' });
});

test('marking paid killed between its writes: the retry finds the payout still Approved and finishes it and its lines', () => {
  asBoss('apiRunPayouts');
  asBoss('apiApprovePayouts', ['PO-000001']);
  // The run dies at the payout's row, after its lines were marked.
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', fatal: true });
  expect(() => asFinance('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-1', '2026-03-02')).toThrow();
  expect(t.rows('Payouts')[0].Status).toBe('Approved');
  expect(
    t
      .rows('Commissions')
      .slice(0, 2)
      .map((c) => c.Status),
  ).toEqual(['Paid', 'Paid']);
  expect(asFinance('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-1', '2026-03-02')).toMatchObject({ ok: true, data: { changed: ['PO-000001'] } });
  expect(t.rows('Payouts')[0].Status).toBe('Paid');
  expect(
    t
      .rows('Commissions')
      .slice(0, 2)
      .map((c) => c.Status),
  ).toEqual(['Paid', 'Paid']);
});

test('clawbacks net against commissions; a negative balance carries forward and blocks the payout', () => {
  asBoss('apiRunPayouts');
  const paid = asBoss<BulkCommissionResult>('apiApprovePayouts', ['PO-000001']);
  expect(paid).toMatchObject({ ok: true, data: { changed: ['PO-000001'] } });
  expect(asFinance('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-2026-03-001', '2026-03-02')).toMatchObject({ ok: true });
  expect(
    t
      .rows('Commissions')
      .slice(0, 2)
      .map((c) => c.Status),
  ).toEqual(['Paid', 'Paid']);
  t.emu.clock.set('2026-03-05T15:00:00Z');
  t.okAs(BOSS, 'apiMoveLead', 'L-000001', { to: 'Refunded', reason: 'Chargeback' });
  t.hourly(); // the clawback line is the owner's automation's to write
  t.emu.clock.set('2026-04-02T15:00:00Z');
  const preview = asBoss<PayoutPeriodView>('apiPreviewPayouts');
  expect(preview).toMatchObject({
    ok: true,
    data: { rows: [], carried: expect.arrayContaining([expect.objectContaining({ partnerName: 'Acme Partners', net: -2000, reason: expect.stringContaining('clawbacks exceed') })]) },
  });
});

test('Draft → Approved (a manager) → Paid (finance), in order, and audited', () => {
  asBoss('apiRunPayouts');
  expect(t.apiAs(ANA, 'apiApprovePayouts', ['PO-000001'])).toMatchObject({
    ok: false,
    error: { message: 'Approving payouts needs the Manager role; you (ana@example.com) have the Partner team role. The owner (owner@example.com) or a manager can add it on the Team tab.' },
  });
  expect(asFinance('apiMarkPayoutsPaid', ['PO-000001'], 'REF', '2026-03-02')).toMatchObject({
    ok: true,
    data: { refused: [{ id: 'PO-000001', reason: 'PO-000001 is Draft; only Approved payouts can be marked paid.' }] },
  });
  asBoss('apiApprovePayouts', ['PO-000001']);
  expect(asBoss('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-1', '2026-03-02')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Marking payouts paid needs the Finance role/) } });
  asFinance('apiMarkPayoutsPaid', ['PO-000001'], 'WIRE-1', '2026-03-02');
  expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Paid', 'Payment Reference': 'WIRE-1', 'Approved By': BOSS, 'Paid By': FIN });
  // The manager is not the owner: their audit entries wait until the owner's next change (here an edit) chains them in.
  t.emu.editAsUser('Leads!R2', 'flush', OWNER);
  const audit = t
    .rows('Audit Log')
    .filter((r) => r['Record ID'] === 'PO-000001')
    .map((r) => [r.Field, r['New Value']]);
  expect(audit.map((a) => a[0])).toEqual(['(new payout)', 'status', 'status']);
});

test('a manager can approve, and finance pay, in the sheet itself (the summary links there); others are refused or put back', () => {
  asBoss('apiRunPayouts');
  const header = t.sheet('Payouts').getRange(1, 1, 1, t.sheet('Payouts').getLastColumn()).getDisplayValues()[0];
  const cell = (h: string) => `Payouts!${String.fromCharCode(65 + header.indexOf(h))}2`;
  // Google itself refuses someone without a role on the Payouts tab.
  expect(t.emu.editAsUser(cell('Status'), 'Approved', ANA)).toMatchObject({ accepted: false, reason: expect.stringContaining('protected cell') });
  // Finance may type in the status column, but approving is a manager's.
  t.emu.editAsUser(cell('Status'), 'Approved', FIN);
  expect(t.rows('Payouts')[0].Status).toBe('Draft');
  expect(t.emu.services.ui.toasts.pop()?.message).toBe('Payouts row 2: approving PO-000001 needs the Manager role; fin@example.com has Finance.');
  t.emu.editAsUser(cell('Status'), 'Approved', BOSS);
  expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Approved', 'Approved By': BOSS });
  t.emu.editAsUser(cell('Status'), 'Paid', FIN);
  expect(t.rows('Payouts')[0].Status).toBe('Approved');
  expect(t.emu.services.ui.toasts.pop()?.message).toContain("Fill in PO-000001's Payment Reference");
  t.emu.editAsUser(cell('Payment Reference'), 'WIRE-77', FIN);
  t.emu.editAsUser(cell('Status'), 'Paid', FIN);
  expect(t.rows('Payouts')[0]).toMatchObject({ Status: 'Paid', 'Payment Reference': 'WIRE-77', 'Paid By': FIN });
  expect(
    t
      .rows('Commissions')
      .slice(0, 2)
      .map((c) => c.Status),
  ).toEqual(['Paid', 'Paid']);
});

test('a run that dies between stamping the lines and writing the payouts is finished by the next run, without double counting', () => {
  t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', message: 'Exception: Service Spreadsheets timed out while accessing document.' });
  const crashed = asBoss<{ run: PayoutRunView }>('apiRunPayouts');
  expect(crashed).toMatchObject({ ok: false, error: { message: expect.stringContaining('timed out') } });
  expect(t.rows('Payouts')).toEqual([]);
  expect(
    t
      .rows('Commissions')
      .slice(0, 2)
      .map((c) => c['Payout ID']),
  ).toEqual(['PO-000001', 'PO-000001']);
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(0);
  const again = asBoss<{ run: PayoutRunView }>('apiRunPayouts');
  expect(again).toMatchObject({ ok: true, data: { run: { status: 'complete', recovered: ['PO-000001'], created: [] } } });
  expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Payout ID': 'PO-000001', Net: '2,500.06', Lines: '2' })]);
  t.hourly();
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(1);
  t.emu.editAsUser('Leads!R2', 'flush', OWNER);
  expect(t.rows('Audit Log').some((r) => r.Field === '(payout recovered)')).toBe(true);
});

test("when the mail quota is spent the summary and statements are queued and sent by the next day's run, once", () => {
  t.emu.services.mail.consume(OWNER, 100);
  asBoss('apiRunPayouts');
  asBoss('apiApprovePayouts', ['PO-000001']);
  t.hourly();
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(0);
  expect(t.rows('Mail Queue').filter((m) => /^(summary|statement):/.test(m['Message ID']) && m.Status === 'Queued').length).toBe(2);
  t.emu.clock.set('2026-03-03T15:00:00Z');
  t.hourly();
  t.hourly();
  expect(t.emu.services.mail.sentTo(BOSS)).toHaveLength(1);
  expect(t.emu.services.mail.sentTo('pat@acme.example').filter((m) => /PO-000001|statement/i.test(m.subject))).toHaveLength(1);
});

test('the schedule runs the previous month on its day and hour through the hourly trigger', () => {
  t.setSetting('Payout day', '3');
  t.setSetting('Payout hour', '9');
  const [trigger] = t.emu.services.triggers.list({ eventType: 'CLOCK' });
  expect(trigger.schedule).toMatchObject({ everyHours: 1 });
  // The spreadsheet is in New York: 9:00 there is 14:00 UTC.
  t.emu.clock.set('2026-03-02T14:30:00Z');
  t.hourly();
  t.emu.clock.set('2026-03-03T13:30:00Z');
  t.hourly();
  expect(t.rows('Payouts')).toEqual([]);
  t.emu.clock.set('2026-03-03T14:30:00Z');
  t.hourly();
  expect(t.rows('Payouts')).toHaveLength(1);
  expect(t.rows('Payout Runs')[0]).toMatchObject({ 'Started By': 'schedule', Status: 'Complete' });
});

test("the payout hour moves with the spreadsheet's time zone: changed to Berlin, 9:00 is 8:00 UTC, not New York's 14:00", () => {
  t.setSetting('Payout day', '3');
  t.setSetting('Payout hour', '9');
  t.ss.setSpreadsheetTimeZone('Europe/Berlin');
  t.emu.clock.set('2026-03-03T07:30:00Z');
  t.hourly();
  expect(t.rows('Payouts')).toEqual([]);
  t.emu.clock.set('2026-03-03T08:30:00Z');
  t.hourly();
  expect(t.rows('Payouts')).toHaveLength(1);
});

test('the export writes the approved payouts as a CSV in Drive, formula-safe', () => {
  t.ok('apiSavePartner', { id: 'P-000001', name: '=HYPERLINK("http://evil.example","x")', code: 'ACME', contactEmail: 'pat@acme.example', type: 'Reseller' });
  asBoss('apiRunPayouts');
  expect(asFinance('apiExportPayouts')).toMatchObject({ ok: false, error: { message: expect.stringContaining('no Approved payouts') } });
  asBoss('apiApprovePayouts', ['PO-000001']);
  expect(asBoss('apiExportPayouts')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Exporting payouts needs the Finance role/) } });
  const exported = asFinance<PayoutExportView>('apiExportPayouts');
  expect(exported).toMatchObject({ ok: true, data: { rows: 1, fileName: expect.stringMatching(/payouts 2026-02-01 to 2026-02-28\.csv$/) } });
  const [file] = t.emu.services.drive.list();
  expect(file.mimeType).toBe('text/csv');
  const lines = file.content.split('\r\n');
  expect(lines[0]).toBe('recipient_email,recipient_name,amount,currency,reference,note,partner_id');
  expect(lines[1]).toContain('2500.06,USD,PO-000001');
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
});

test('"the previous month" is the spreadsheet time zone\'s: in Auckland it is already March on 28 February UTC', () => {
  const nz = trackerOnBundle({ now: '2026-02-28T12:00:00Z', spreadsheetTimeZone: 'Pacific/Auckland' });
  expect(nz.ok<PayoutPeriodView>('apiPreviewPayouts').period).toMatchObject({ start: '2026-02-01', end: '2026-02-28', label: 'February 2026' });
  const ny = trackerOnBundle({ now: '2026-03-01T03:00:00Z', spreadsheetTimeZone: 'America/New_York' });
  expect(ny.ok<PayoutPeriodView>('apiPreviewPayouts').period.label).toBe('January 2026');
  expect(ny.api('apiPreviewPayouts', '2026-02-01')).toMatchObject({ ok: false, error: { fieldErrors: { periodStart: 'February 2026 has not ended yet; only past periods can be paid.' } } });
});

import Papa from 'papaparse';
import { PayoutFilesView, PayoutResultsView } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Issue 15's payout files through the built add-on: payout details on Partners (who may set them,
 * in the sidebar and typed), the per-method export to Drive (audited), and a provider's result
 * file read back (marks Paid once, reports every other row).
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
const FIN = 'fin@example.com';

function wonAndApproved(partnerId: string, company: string, amount: number): void {
  const domain = `${company.toLowerCase()}.example`;
  const id = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId, company, website: domain, contactEmail: `ceo@${domain}` }).lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-02-10' });
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.setSetting('Tier review', 'Off');
  t.setSetting('Payout day', '28');
  // The partner team adds partners (no payout details: not theirs to set, and not written).
  t.okAs(ANA, 'apiSavePartner', { name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example', type: 'Reseller' });
  t.okAs(ANA, 'apiSavePartner', { name: '=Beta', code: 'BETA', contactEmail: 'bea@beta.example', type: 'Reseller' });
  t.okAs(ANA, 'apiSavePartner', { name: 'Gamma', code: 'GAMMA', contactEmail: 'gil@gamma.example', type: 'Reseller' });
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  wonAndApproved('P-000001', 'Initech', 20000);
  wonAndApproved('P-000002', 'Hooli', 5000);
  wonAndApproved('P-000003', 'Umbrella', 3000);
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  t.okAs(BOSS, 'apiApproveCommissions', payable);
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

/** The owner's next audited write brings teammates' waiting audit entries into the log (audit.test.ts). */
let extra = 0;
const ownerWrites = () => t.addPartner({ name: `Extra ${++extra}`, code: `EXTRA${extra}` });
const partner = (id: string) => t.rows('Partners').find((p) => p['Partner ID'] === id) as Record<string, string>;
const edit = (id: string, payoutMethod: string, payoutAccount: string) => {
  const p = partner(id);
  return { id, name: p.Name, code: p['Partner Code'], contactEmail: p['Contact Email'], type: p.Type, payoutMethod, payoutAccount };
};
const column = (header: string) => String.fromCharCode(64 + t.sheet('Partners').getRange(1, 1, 1, t.sheet('Partners').getLastColumn()).getValues()[0].indexOf(header) + 1);

/** Runs February's payouts and approves them; returns each partner's payout ID (the run numbers them by partner name). */
function runAndApprove(): Record<'acme' | 'beta' | 'gamma', string> {
  t.okAs(BOSS, 'apiRunPayouts');
  t.okAs(BOSS, 'apiApprovePayouts', ['PO-000001', 'PO-000002', 'PO-000003']);
  const of = (partnerId: string) => t.rows('Payouts').find((p) => p['Partner ID'] === partnerId)?.['Payout ID'] as string;
  return { acme: of('P-000001'), beta: of('P-000002'), gamma: of('P-000003') };
}

test('payout details: Finance and managers set them, validated and audited; the partner team is refused in the sidebar and in the grid', () => {
  expect(t.apiAs(ANA, 'apiSavePartner', edit('P-000001', 'PayPal', 'acme@pay.example'))).toMatchObject({
    ok: false,
    error: { fieldErrors: { payoutAccount: expect.stringMatching(/^Setting a partner's Payout Method and Payout Account needs the Finance or Manager role/) } },
  });
  expect(t.apiAs(FIN, 'apiSavePartner', edit('P-000001', 'PayPal', 'not an email'))).toMatchObject({
    ok: false,
    error: { fieldErrors: { payoutAccount: expect.stringContaining("must be the partner's PayPal email address") } },
  });
  t.okAs(FIN, 'apiSavePartner', edit('P-000001', 'PayPal', 'acme@pay.example'));
  expect(partner('P-000001')).toMatchObject({ 'Payout Method': 'PayPal', 'Payout Account': 'acme@pay.example' });
  ownerWrites();
  expect(t.rows('Audit Log').filter((r) => r.Field === 'payoutAccount')).toEqual([expect.objectContaining({ User: FIN, 'Record ID': 'P-000001', 'New Value': 'acme@pay.example' })]);
  // The partner team may still edit the partner's other fields (the payout columns are not written).
  t.okAs(ANA, 'apiSavePartner', { ...edit('P-000001', 'PayPal', 'acme@pay.example'), notes: 'met at the fair' });

  // Typed into the grid by the partner team: Google's protection refuses it.
  const account = `Partners!${column('Payout Account')}2`;
  expect(t.emu.editAsUser(account, 'thief@evil.example', ANA)).toMatchObject({ accepted: false });
  // Without the protection (removed by hand), the edit trigger puts it back and says why.
  for (const p of t.sheet('Partners').getProtections(t.emu.spreadsheetApp.ProtectionType.RANGE)) if (p.getDescription().includes('Payout')) p.remove();
  expect(t.emu.editAsUser(account, 'thief@evil.example', ANA).accepted).toBe(true);
  expect(partner('P-000001')['Payout Account']).toBe('acme@pay.example');
  expect(t.rows('Audit Log').find((r) => r.Field === '(put back)')?.['New Value']).toMatch(
    /^Payout Account put back to "acme@pay.example": Setting where a partner's payouts go .* needs the Finance or Manager role/,
  );
  // Finance types an account that is not an email: the row is marked with why.
  expect(t.emu.editAsUser(account, 'acme pay', FIN).accepted).toBe(true);
  expect(partner('P-000001').Problems).toContain("Payout Account for PayPal must be the partner's PayPal email address");
  // A paste by the partner team over two rows carries no old values: both rows' details are cleared, and told once.
  const pasted = t.emu.editAsUser(
    `Partners!${column('Payout Method')}2:${column('Payout Account')}3`,
    [
      ['Wise', 'thief@evil.example'],
      ['Wise', 'thief@evil.example'],
    ],
    ANA,
  );
  expect(pasted.accepted).toBe(true);
  expect(['P-000001', 'P-000002'].map((id) => [partner(id)['Payout Method'], partner(id)['Payout Account']])).toEqual([
    ['', ''],
    ['', ''],
  ]);
  expect(t.rows('Audit Log').filter((r) => r.Field === '(put back)' && r['New Value'].startsWith('Payout Method and Payout Account cleared'))).toHaveLength(2);
  expect(partner('P-000001').Problems).toBe('');
});

test('the export writes one file per method in the provider format, lists partners it cannot pay, and is audited', () => {
  t.okAs(FIN, 'apiSavePartner', edit('P-000001', 'PayPal', 'acme@pay.example'));
  t.okAs(BOSS, 'apiSavePartner', edit('P-000002', 'Wise', 'beta@wise.example'));
  const po = runAndApprove();
  expect(t.apiAs(ANA, 'apiExportPayoutFiles', null, null)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Exporting payouts needs the Finance role/) } });
  const out = t.okAs<PayoutFilesView>(FIN, 'apiExportPayoutFiles', null, null);
  expect(out.files.map((f) => [f.name, f.kind, f.payouts, f.total])).toEqual([
    ['Payouts 2026-02 PayPal.csv', 'PayPal', 1, 2000],
    ['Payouts 2026-02 Wise.csv', 'Wise', 1, 500],
    ['Payouts 2026-02 Bank transfer.csv', 'Bank transfer', 1, 300],
  ]);
  expect(out.noMethod).toEqual([po.gamma]);
  const drive = new Map(t.emu.services.drive.list().map((f) => [f.name, f.content]));
  expect(Papa.parse(drive.get('Payouts 2026-02 PayPal.csv') as string, { skipEmptyLines: true }).data).toEqual([['acme@pay.example', '2000.00', 'USD', po.acme, 'Commission February 2026', 'PAYPAL']]);
  expect(Papa.parse(drive.get('Payouts 2026-02 Wise.csv') as string, { header: true, skipEmptyLines: true }).data).toEqual([
    expect.objectContaining({ name: "'=Beta", recipientEmail: 'beta@wise.example', paymentReference: po.beta, amount: '500.00', targetCurrency: 'USD' }),
  ]);
  ownerWrites();
  expect(t.rows('Audit Log').filter((r) => r.Field === '(payout file export)')).toHaveLength(3);

  // The generic export of the whole period (the menu's, and the view's first button) is audited too.
  expect(t.okAs<{ rows: number }>(FIN, 'apiExportPayouts').rows).toBe(3);
  ownerWrites();
  expect(t.rows('Audit Log').filter((r) => r.Field === '(payout export)')).toEqual([expect.objectContaining({ User: FIN, 'New Value': expect.stringContaining('(generic CSV, 3 payouts)') })]);

  // A partner whose method has no account is listed, not dropped; a chosen Paid or unknown payout likewise.
  t.okAs(FIN, 'apiSavePartner', edit('P-000003', 'Wise', ''));
  const chosen = t.okAs<PayoutFilesView>(FIN, 'apiExportPayoutFiles', null, [po.acme, po.gamma, 'PO-000009']);
  expect(chosen.files.map((f) => f.name)).toEqual(['Payouts 2026-02 PayPal.csv']);
  expect(chosen.notExported).toEqual([
    { payoutId: 'PO-000009', reason: 'PO-000009 is not a payout of February 2026.' },
    { payoutId: po.gamma, reason: expect.stringContaining('Gamma (P-000003) is paid by Wise but has no Payout Account yet') },
  ]);
});

test("a provider's result file marks the matching payouts Paid once, and reports every other row", () => {
  t.okAs(FIN, 'apiSavePartner', edit('P-000001', 'PayPal', 'acme@pay.example'));
  const po = runAndApprove();
  const report = [
    'Transaction ID,Customer ID,Recipient,Amount,Currency,Status,Date',
    `TX-AAA,${po.acme},acme@pay.example,2000.00,USD,Success,2026-03-02`,
    `TX-BBB,${po.beta},bea@beta.example,500.00,USD,Unclaimed,2026-03-02`,
    `TX-CCC,${po.gamma},gil@gamma.example,299.00,USD,Success,2026-03-02`,
    'TX-DDD,PO-000077,x@y.example,1.00,USD,Success,2026-03-02',
  ].join('\r\n');
  expect(t.apiAs(ANA, 'apiImportPayoutResults', 'report.csv', report)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Marking payouts paid needs the Finance role/) } });
  const first = t.okAs<PayoutResultsView>(FIN, 'apiImportPayoutResults', 'report.csv', report);
  expect(first).toEqual({
    provider: 'PayPal',
    paid: [{ payoutId: po.acme, reference: 'TX-AAA', paidOn: '2026-03-02' }],
    alreadyPaid: [],
    unmatched: [
      expect.objectContaining({ line: 3, reason: `PayPal reports "Unclaimed" for ${po.beta}: not paid, so it stays Approved` }),
      expect.objectContaining({ line: 4, reason: `${po.gamma} was paid 299.00, but its net is 300.00` }),
      expect.objectContaining({ line: 5, reason: 'PO-000077 is not on the Payouts tab' }),
    ],
  });
  const paid = t.rows('Payouts').find((p) => p['Payout ID'] === po.acme) as Record<string, string>;
  expect(paid).toMatchObject({ Status: 'Paid', 'Payment Reference': 'TX-AAA', 'Paid By': FIN });
  expect(
    t
      .rows('Commissions')
      .filter((c) => c['Payout ID'] === po.acme)
      .map((c) => c.Status),
  ).toEqual(['Paid']);
  ownerWrites();
  const audited = () => t.rows('Audit Log').filter((r) => r['Record ID'] === po.acme && r.Field === 'status');
  expect(audited()).toHaveLength(2); // Approved, then Paid
  expect(t.rows('Audit Log').filter((r) => r.Field === '(payout results import)')[0]['New Value']).toContain('line 5: PO-000077 is not on the Payouts tab');

  // The same file again (a new request): nothing is marked twice.
  const again = t.okAs<PayoutResultsView>(FIN, 'apiImportPayoutResults', 'report (1).csv', report);
  expect(again.paid).toEqual([]);
  expect(again.alreadyPaid).toEqual([po.acme]);
  ownerWrites();
  expect(audited()).toHaveLength(2);

  // A file that is no provider's report is refused with what it holds.
  expect(t.apiAs(FIN, 'apiImportPayoutResults', 'x.csv', 'Name,Total\r\nA,1')).toMatchObject({ ok: false, error: { fieldErrors: { file: expect.stringContaining('names neither') } } });
});

import { BulkCommissionResult, ApprovalsList, LeadView } from '../../src/sidebar-api/contract';
import { tab } from '../../src/tracker/schema';
import { Tracker, restoredFixture, trackerOnBundle, OWNER } from '../support/tracker';

/** The commission engine through the built add-on: Closed Won by the sidebar or by a person, formulas, holding, approvals, refunds. */
let t: Tracker;
/** Partner team: registers leads and moves them along. */
const ANA = 'ana@example.com';
/** A manager: approves, voids, refunds, runs payouts. */
const BOSS = 'boss@example.com';
/** Finance: marks payouts paid. */
const FIN = 'fin@example.com';

/** Rule rows in the Commission Rules tab's column order. */
function addRules(...rules: Array<Partial<Record<string, string | number>>>) {
  // The tab's columns in order (its schema): a rule's keys are its column keys.
  const keys = tab('rules').columns.map((c) => c.key);
  const sheet = t.sheet('Commission Rules');
  sheet.getRange(2, 1, rules.length, keys.length).setValues(rules.map((r) => keys.map((k) => r[k] ?? '')));
}

/** Built once for the file; each test starts from a copy restored from its snapshot. */
const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example', tier: 'Gold', type: 'Reseller' });
  addRules(
    { id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 30 },
    {
      id: 'R-000002',
      name: 'Gold resellers',
      ruleType: 'Base',
      partnerTier: 'Gold',
      partnerType: 'Reseller',
      kind: 'Percentage',
      rate: 0.2,
      acceleratorThreshold: 100000,
      acceleratorRate: 0.25,
      capPerDeal: 30000,
    },
    { id: 'R-000003', name: 'Spring SPIFF', ruleType: 'Bonus', kind: 'Flat', flatAmount: 500, effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' },
  );
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

function wonLead(company: string, amount: number | string, options: { user?: string; closedOn?: string } = {}): LeadView {
  const reg = t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` }], {
    user: options.user ?? ANA,
  }) as { ok: true; data: { lead: LeadView } };
  const id = reg.data.lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  return t.ok<LeadView>('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn: options.closedOn ?? '2026-03-02' });
}

const commissions = () => t.rows('Commissions');

describe('Closed Won creates commissions', () => {
  test('from the most specific rule in effect, with its accelerator, cap and any bonus; amounts are live formulas', () => {
    const won = wonLead('Initech', '80,000');
    expect(won.notice).toBe('Created commission C-000001, C-000002.');
    expect(commissions().map((c) => [c['Commission ID'], c['Lead ID'], c['Rule ID'], c.Kind, c['Deal Amount'], c.Rate, c.Amount, c.Status, c['Payable On']])).toEqual([
      ['C-000001', 'L-000001', 'R-000002', 'Base', '80,000.00', '20.00%', '16,000.00', 'Pending', '2026-04-01'],
      ['C-000002', 'L-000001', 'R-000003', 'Bonus', '80,000.00', '', '500.00', 'Pending', '2026-04-01'],
    ]);
    const amount = t.sheet('Commissions').getRange('H2');
    expect(amount.getFormula()).toBe('=MIN(ROUND(ROUND(F2*G2*100,6),0)/100,30000)');
    // A second deal straddles the quarter's accelerator threshold (100,000): 20,000 at 20% and 30,000 at 25%.
    wonLead('Hooli', 50000);
    const hooli = commissions().filter((c) => c['Lead ID'] === 'L-000002' && c.Kind === 'Base');
    expect(hooli.map((c) => [c['Deal Amount'], c.Rate, c.Amount])).toEqual([
      ['20,000.00', '20.00%', '4,000.00'],
      ['30,000.00', '25.00%', '7,500.00'],
    ]);
  });

  test('a lead from the partner form earns commissions the same way', () => {
    t.unverifiedForm();
    const form = t.emu.services.forms.list()[0];
    t.emu.submitForm(form.id, { 'Partner code': 'ACME', Company: 'Globex', 'Contact email': 'hank@globex.example' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Accepted' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Qualified' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Closed Won', dealAmount: 1000, closedOn: '2026-03-02' });
    expect(commissions().map((c) => [c['Lead ID'], c['Rule ID'], c.Amount])).toEqual([
      ['L-000001', 'R-000002', '200.00'],
      ['L-000001', 'R-000003', '500.00'],
    ]);
  });

  test('without an applicable rule nothing is created and the reason is given', () => {
    t.sheet('Commission Rules').getRange(2, 1, 3, 16).clearContent();
    const won = wonLead('Initech', 1000);
    expect(won.notice).toMatch(/^No commission rule applies to L-000001/);
    expect(commissions()).toEqual([]);
    expect(t.rows('Audit Log').pop()).toMatchObject({ Field: '(no commission)', 'Record ID': 'L-000001' });
  });

  test('editing a rule later never changes an existing commission', () => {
    wonLead('Initech', 10000);
    t.sheet('Commission Rules').getRange('H3').setValue(0.5);
    expect(commissions()[0].Amount).toBe('2,000.00');
  });
});

describe('a person editing the Leads tab', () => {
  const statusCell = (row: number) => `Leads!${String.fromCharCode(64 + t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0].indexOf('Status') + 1)}${row}`;

  test('an illegal status jump is reverted, told and audited', () => {
    t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' }]);
    const outcome = t.emu.editAsUser(statusCell(2), 'Closed Won', ANA);
    expect(outcome.triggerRuns?.every((r) => r.ok)).toBe(true);
    expect(t.rows('Leads')[0].Status).toBe('New');
    const why = 'L-000001 is New; it cannot move to Closed Won. From New it can move to Accepted or Rejected.';
    expect(t.emu.services.ui.toasts.pop()?.message).toBe(`Leads row 2: ${why}`);
    const audit = t.rows('Audit Log');
    expect(audit.slice(-2).map((r) => [r.Source, r.User, r.Field, r['Old Value'], r['New Value']])).toEqual([
      ['edit', ANA, 'Status', 'New', 'Closed Won'],
      ['edit', ANA, '(put back)', 'Closed Won', `New: ${why}`],
    ]);
  });

  test('typing Closed Won on a qualified lead with amount and date creates its commissions; without an amount it is refused', () => {
    t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' }], { user: ANA });
    t.ok('apiMoveLead', 'L-000001', { to: 'Accepted' });
    t.ok('apiMoveLead', 'L-000001', { to: 'Qualified' });
    t.emu.editAsUser(statusCell(2), 'Closed Won', ANA);
    expect(t.rows('Leads')[0].Status).toBe('Qualified');
    expect(t.emu.services.ui.toasts.pop()?.message).toBe('Leads row 2: L-000001 cannot become Closed Won: Deal amount is required; Close date is required.');
    const header = t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0];
    t.sheet('Leads')
      .getRange(2, header.indexOf('Deal Amount') + 1)
      .setValue(12000);
    t.sheet('Leads')
      .getRange(2, header.indexOf('Closed On') + 1)
      .setValue('2026-03-02');
    t.emu.editAsUser(statusCell(2), 'Closed Won', ANA);
    expect(t.rows('Leads')[0].Status).toBe('Closed Won');
    expect(commissions().map((c) => c.Amount)).toEqual(['2,400.00', '500.00']);
  });

  test('a pasted Closed Won is checked row by row like a typed one: it creates commissions once, and a row that may not move is put back', () => {
    for (const company of ['Initech', 'Hooli', 'Globex']) t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company, contactEmail: `a@${company.toLowerCase()}.example` }], { user: ANA });
    for (const id of ['L-000001', 'L-000002']) {
      t.okAs(ANA, 'apiMoveLead', id, { to: 'Accepted' });
      t.okAs(ANA, 'apiMoveLead', id, { to: 'Qualified' });
    }
    const header = t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0];
    const col = (h: string) => String.fromCharCode(65 + header.indexOf(h));
    t.sheet('Leads')
      .getRange(`${col('Deal Amount')}2:${col('Deal Amount')}4`)
      .setValues([[10000], [5000], [7000]]);
    t.sheet('Leads')
      .getRange(`${col('Closed On')}2:${col('Closed On')}4`)
      .setValues([['2026-03-02'], ['2026-03-02'], ['2026-03-02']]);
    const paste = t.emu.editAsUser(`Leads!${col('Status')}2:${col('Status')}4`, [['Closed Won'], ['Closed Won'], ['Closed Won']], ANA);
    expect(paste.event).not.toHaveProperty('oldValue');
    expect(commissions().map((c) => [c['Lead ID'], c.Kind])).toEqual([
      ['L-000001', 'Base'],
      ['L-000001', 'Bonus'],
      ['L-000002', 'Base'],
      ['L-000002', 'Bonus'],
    ]);
    expect(t.rows('Leads').map((l) => l.Status)).toEqual(['Closed Won', 'Closed Won', 'New']);
    expect(t.emu.services.ui.toasts.pop()?.message).toBe('Leads row 4: L-000003 is New; it cannot move to Closed Won. From New it can move to Accepted or Rejected.');
    t.emu.editAsUser(`Leads!${col('Status')}2:${col('Status')}3`, [['Closed Won'], ['Closed Won']], ANA);
    expect(commissions()).toHaveLength(4);
  });

  test('a pasted block is logged cell by cell with "old value unavailable"', () => {
    t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Initech', contactEmail: 'a@initech.example' }]);
    t.emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Hooli', contactEmail: 'a@hooli.example' }]);
    t.emu.editAsUser('Leads!R2:R3', [['note one'], ['note two']], ANA);
    const logged = t.rows('Audit Log').slice(-2);
    expect(logged.map((r) => [r.Range, r['Record ID'], r.Field, r['Old Value'], r['New Value']])).toEqual([
      ['R2', 'L-000001', 'Notes', 'old value unavailable', 'note one'],
      ['R3', 'L-000002', 'Notes', 'old value unavailable', 'note two'],
    ]);
  });
});

describe('the commission Amount formula is enforced', () => {
  test("only the owner may touch the Commissions tab's amounts: Google refuses anyone else", () => {
    wonLead('Initech', 10000);
    for (const who of [ANA, BOSS, FIN]) {
      for (const cell of ['Commissions!F2', 'Commissions!G2', 'Commissions!H2']) {
        expect(t.emu.editAsUser(cell, '200000', who)).toMatchObject({ accepted: false, reason: expect.stringContaining('protected cell') });
      }
    }
    expect(commissions()[0]).toMatchObject({ 'Deal Amount': '10,000.00', Rate: '20.00%', Amount: '2,000.00' });
    // The owner may type there (Google lets the owner edit anything), but the sealed inputs are put back.
    t.emu.editAsUser('Commissions!F2:G2', [[200000, 0.5]], OWNER);
    expect(commissions()[0]).toMatchObject({ 'Deal Amount': '10,000.00', Rate: '20.00%', Amount: '2,000.00' });
    expect(t.emu.services.ui.toasts.pop()?.message).toBe(
      "Commissions row 2: Deal Amount, Rate are written by the tracker only (commission decisions are made in the sidebar's Approvals view); put back.",
    );
  });

  test('an overwritten or cleared amount is restored and the attempt logged', () => {
    wonLead('Initech', 10000);
    t.emu.editAsUser('Commissions!H2', '99999', OWNER);
    expect(t.sheet('Commissions').getRange('H2').getFormula()).toBe('=MIN(ROUND(ROUND(F2*G2*100,6),0)/100,30000)');
    expect(commissions()[0].Amount).toBe('2,000.00');
    t.emu.editAsUser('Commissions!H2:H3', [[''], ['']], OWNER);
    expect(t.sheet('Commissions').getRange('H3').getFormula()).toBe('=500');
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(formula restored)')
        .map((r) => r.Range),
    ).toEqual(['H2', 'H2', 'H3']);
  });
});

describe('holding, approval, void and refunds', () => {
  /** The owner's hourly run on 1 April, before the payout hour: the lines' holding period is over. */
  function payable() {
    t.emu.clock.set('2026-04-01T09:00:00Z');
    const [daily] = t.emu.services.triggers.list({ eventType: 'CLOCK' });
    t.emu.fireTimeTrigger(daily.uid);
  }

  test('after the holding period lines become Payable; a manager approves, but not a deal they registered', () => {
    wonLead('Initech', 10000, { user: ANA });
    wonLead('Hooli', 10000, { user: OWNER });
    expect(commissions().map((c) => c.Status)).toEqual(['Pending', 'Pending', 'Pending', 'Pending']);
    payable();
    expect(commissions().map((c) => c.Status)).toEqual(['Payable', 'Payable', 'Payable', 'Payable']);
    const list = t.ok<ApprovalsList>('apiListApprovals');
    expect(list).toMatchObject({ canApprove: true, total: 5000, groups: [{ partnerName: 'Acme Partners', total: 5000 }] });
    const result = t.ok<BulkCommissionResult>('apiApproveCommissions', ['C-000001', 'C-000002', 'C-000003']);
    expect(result).toEqual({ changed: ['C-000001', 'C-000002'], refused: [{ id: 'C-000003', reason: 'C-000003: you registered L-000002 yourself; another manager must approve it.' }] });
    expect(
      commissions()
        .slice(0, 2)
        .map((c) => [c.Status, c['Approved By']]),
    ).toEqual([
      ['Approved', OWNER],
      ['Approved', OWNER],
    ]);
  });

  test('only a manager may approve or void; the refusal names the role', () => {
    wonLead('Initech', 10000);
    payable();
    const needs = 'Approving commissions needs the Manager role; you (ana@example.com) have the Partner team role. The owner (owner@example.com) or a manager can add it on the Team tab.';
    expect(t.okAs<ApprovalsList>(ANA, 'apiListApprovals')).toMatchObject({ canApprove: false, whyNot: needs });
    expect(t.apiAs(ANA, 'apiApproveCommissions', ['C-000001'])).toEqual({ ok: false, error: { message: needs, fieldErrors: {} } });
    expect(t.apiAs(FIN, 'apiVoidCommissions', ['C-000001'], 'no')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Voiding commissions needs the Manager role; you \(fin@example.com\) have the Finance role\./) },
    });
    expect(t.apiAs('stranger@example.com', 'apiApproveCommissions', ['C-000001'])).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('you (stranger@example.com) are not on the Team tab') },
    });
    expect(t.okAs(BOSS, 'apiApproveCommissions', ['C-000001'])).toEqual({ changed: ['C-000001'], refused: [] });
  });

  test('void needs a reason; a refund voids unpaid lines and claws back paid ones with negative lines', () => {
    wonLead('Initech', 10000);
    // Registered and won in February (a deal cannot close before its registration): payable in March, so March's run pays it.
    t.emu.clock.set('2026-02-02T15:00:00Z');
    wonLead('Hooli', 20000, { closedOn: '2026-02-02' });
    t.emu.clock.set('2026-03-02T15:00:00Z');
    expect(t.api('apiVoidCommissions', ['C-000002'], ' ')).toMatchObject({ ok: false, error: { fieldErrors: { 'argument 1': 'Reason is required' } } });
    expect(t.ok('apiVoidCommissions', ['C-000002'], 'Duplicate SPIFF')).toEqual({ changed: ['C-000002'], refused: [] });
    // L-000002's lines are paid: payable after the holding period, approved, run for March, marked paid.
    payable();
    t.okAs(BOSS, 'apiApproveCommissions', ['C-000003']);
    t.okAs(BOSS, 'apiRunPayouts', '2026-03-01');
    t.okAs(BOSS, 'apiApprovePayouts', ['PO-000001']);
    t.okAs(FIN, 'apiMarkPayoutsPaid', ['PO-000001'], 'TX-1', '2026-04-01');
    expect(t.apiAs(ANA, 'apiMoveLead', 'L-000001', { to: 'Refunded', reason: 'Customer cancelled' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Refunding a won deal needs the Manager role/) },
    });
    t.okAs(BOSS, 'apiMoveLead', 'L-000001', { to: 'Refunded', reason: 'Customer cancelled' });
    const refund = t.okAs<{ notice: string }>(BOSS, 'apiMoveLead', 'L-000002', { to: 'Refunded', reason: 'Chargeback' });
    // Only the tracker's own account may write commission amounts: the owner's automation writes the clawbacks.
    expect(refund.notice).toBe("The clawback lines for L-000002 will be written by the tracker's automation (it runs as owner@example.com) within the hour: only it may write commission amounts.");
    expect(commissions()).toHaveLength(3);
    t.emu.runTimeTriggersUntil(new Date('2026-04-02T14:00:00Z'));
    const rows = commissions();
    expect(rows.map((c) => [c['Commission ID'], c['Lead ID'], c.Kind, c.Amount, c.Status])).toEqual([
      ['C-000001', 'L-000001', 'Base', '2,000.00', 'Void'],
      ['C-000002', 'L-000001', 'Bonus', '500.00', 'Void'],
      ['C-000003', 'L-000002', 'Base', '4,000.00', 'Paid'],
      ['C-000004', 'L-000002', 'Clawback', '-4,000.00', 'Approved'],
    ]);
    expect(rows[0]['Void Reason']).toBe('Deal refunded: Customer cancelled');
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r.Field === '(new commission)' && r['Record ID'] === 'C-000004')
        .map((r) => [r.User, r.Source]),
    ).toEqual([[BOSS, 'hourly']]);
  });
});

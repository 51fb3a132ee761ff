import { ApprovalsList, BulkCommissionResult, PayoutPeriodView, PayoutRunView } from '../../src/sidebar-api/contract';
import { tab } from '../../src/tracker/schema';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * No dead ends (issue 12, Deliver 3), through the built add-on: a line with no holding period is
 * payable the day its deal is won, by every way a deal is won; the Approvals view never waits for the
 * daily run; a close date before registration is refused with the reason; lines approved after their
 * period was run are paid by running the period again; the menu's payout items ask for the period.
 */
let t: Tracker;
/** Partner team: registers leads and moves them along. */
const ANA = 'ana@example.com';
/** A manager: approves commissions and runs payouts. */
const BOSS = 'boss@example.com';
/** Finance: exports payouts. */
const FIN = 'fin@example.com';

/** Sets the one rule's holding period (the Commission Rules tab, as a person would type it). */
function holdingDays(days: number) {
  const keys = tab('rules').columns.map((c) => c.key);
  t.sheet('Commission Rules')
    .getRange(2, keys.indexOf('holdingDays') + 1)
    .setValue(days);
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.addTeam(FIN, 'Finance');
  // Payouts run late in the month, so the hourly runs these tests fire do not run them.
  t.setSetting('Payout day', '28');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  const keys = tab('rules').columns.map((c) => c.key);
  const rule: Record<string, string | number> = { id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 0 };
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, keys.length)
    .setValues([keys.map((k) => rule[k] ?? '')]);
  return { t };
});

beforeEach(() => {
  ({ t } = fresh());
});

/** A lead of Acme's registered by Ana and qualified: returns its ID. */
function qualifiedLead(company: string): string {
  const reg = t.okAs<{ lead: { id: string } }>(ANA, 'apiRegisterLead', { partnerId: 'P-000001', company, contactEmail: `ceo@${company.toLowerCase()}.example` });
  for (const to of ['Accepted', 'Qualified'] as const) t.okAs(ANA, 'apiMoveLead', reg.lead.id, { to });
  return reg.lead.id;
}

const statuses = () => t.rows('Commissions').map((c) => [c['Lead ID'], c.Status]);
const leadColumn = (header: string) => {
  const headers = t.sheet('Leads').getRange(1, 1, 1, t.sheet('Leads').getLastColumn()).getDisplayValues()[0];
  return String.fromCharCode(65 + headers.indexOf(header));
};

describe('a line with no holding period is payable at once', () => {
  test('won in the sidebar by the owner: Payable when written, and a manager approves it the same day', () => {
    const id = qualifiedLead('Initech');
    t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(statuses()).toEqual([[id, 'Payable']]);
    expect(t.rows('Audit Log').some((r) => r.Field === '(new commission)' && r['New Value'].endsWith(', Payable'))).toBe(true);
    const list = t.okAs<ApprovalsList>(BOSS, 'apiListApprovals');
    expect(list.groups.map((g) => g.lines.map((l) => [l.id, l.status]))).toEqual([[['C-000001', 'Payable']]]);
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001'])).toEqual({ changed: ['C-000001'], refused: [] });
    expect(statuses()).toEqual([[id, 'Approved']]);
  });

  test('won by a teammate: the owner’s automation writes the lines Payable', () => {
    const id = qualifiedLead('Initech');
    const won = t.okAs<{ notice: string }>(ANA, 'apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(won.notice).toMatch(/written by the tracker's automation/);
    expect(statuses()).toEqual([]);
    t.hourly();
    expect(statuses()).toEqual([[id, 'Payable']]);
  });

  test('won by typing Closed Won in the Leads tab: Payable at once', () => {
    const id = qualifiedLead('Initech');
    t.sheet('Leads')
      .getRange(`${leadColumn('Deal Amount')}2`)
      .setValue(20000);
    t.sheet('Leads')
      .getRange(`${leadColumn('Closed On')}2`)
      .setValue('2026-02-10');
    t.emu.editAsUser(`Leads!${leadColumn('Status')}2`, 'Closed Won', ANA);
    expect(t.rows('Leads')[0].Status).toBe('Closed Won');
    expect(statuses()).toEqual([[id, 'Payable']]);
  });

  test('a holding period still holds: the line is Pending until its date', () => {
    holdingDays(5);
    const id = qualifiedLead('Initech');
    t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(statuses()).toEqual([[id, 'Pending']]);
    expect(t.okAs<ApprovalsList>(BOSS, 'apiListApprovals').groups).toEqual([]);
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001']).refused).toEqual([{ id: 'C-000001', reason: 'C-000001 is Pending; only Payable lines can be approved.' }]);
    // The Payouts view tells it apart from lines waiting for approval, with the date it becomes payable.
    const january = t.okAs<PayoutPeriodView>(BOSS, 'apiPreviewPayouts', '2026-01-01');
    expect(january).toMatchObject({ pendingApproval: { lines: 1, amount: 2000 }, holding: { lines: 1, amount: 2000, nextPayableOn: '2026-02-15' } });
  });

  test('a line whose date came before the daily run: Approvals lists it as Payable, a manager’s look makes it so', () => {
    holdingDays(1);
    const id = qualifiedLead('Initech');
    t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    expect(statuses()).toEqual([[id, 'Pending']]);
    // Just after midnight in New York on 11 February: no daily run has fired.
    t.emu.clock.set('2026-02-11T05:30:00Z');
    const seenByAna = t.okAs<ApprovalsList>(ANA, 'apiListApprovals');
    expect(seenByAna).toMatchObject({ canApprove: false, groups: [{ lines: [{ id: 'C-000001', status: 'Payable', payableOn: '2026-02-11' }] }] });
    // Ana may not decide, so her look writes nothing.
    expect(statuses()).toEqual([[id, 'Pending']]);
    const seenByBoss = t.okAs<ApprovalsList>(BOSS, 'apiListApprovals');
    expect(seenByBoss).toMatchObject({ canApprove: true, groups: [{ lines: [{ id: 'C-000001', status: 'Payable' }] }] });
    expect(statuses()).toEqual([[id, 'Payable']]);
    // A manager's audit rows wait in the document's properties for the owner's next run in the document (an edit).
    t.emu.editAsUser('Leads!R2', 'flush', OWNER);
    expect(
      t
        .rows('Audit Log')
        .filter((r) => r['Record ID'] === 'C-000001' && r.Field === 'status')
        .map((r) => [r.User, r['Old Value'], r['New Value']]),
    ).toEqual([[BOSS, 'Pending', 'Payable']]);
    expect(t.okAs<BulkCommissionResult>(BOSS, 'apiApproveCommissions', ['C-000001']).changed).toEqual(['C-000001']);
  });
});

describe('a close date before the registration is refused, with the reason', () => {
  const why = (id: string, closedOn: string) => `Close date ${closedOn} is before ${id} was registered (2026-02-10); a deal closes on or after its registration.`;

  test('in the sidebar, for Closed Won and Closed Lost, beside the close date', () => {
    const id = qualifiedLead('Initech');
    const won = t.apiAs<unknown>(ANA, 'apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-09' });
    expect(won).toMatchObject({ ok: false, error: { message: why(id, '2026-02-09'), fieldErrors: { closedOn: why(id, '2026-02-09') } } });
    const lost = t.apiAs<unknown>(ANA, 'apiMoveLead', id, { to: 'Closed Lost', reason: 'Went elsewhere', closedOn: '2026-01-31' });
    expect(lost).toMatchObject({ ok: false, error: { fieldErrors: { closedOn: why(id, '2026-01-31') } } });
    expect(t.rows('Leads')[0].Status).toBe('Qualified');
    expect(statuses()).toEqual([]);
    // The registration day itself is fine.
    expect(t.apiAs<unknown>(ANA, 'apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' })).toMatchObject({ ok: true });
  });

  test('typed in the Leads tab: the status is put back and the toast says why', () => {
    const id = qualifiedLead('Initech');
    t.sheet('Leads')
      .getRange(`${leadColumn('Deal Amount')}2`)
      .setValue(20000);
    t.sheet('Leads')
      .getRange(`${leadColumn('Closed On')}2`)
      .setValue('2026-02-01');
    t.emu.editAsUser(`Leads!${leadColumn('Status')}2`, 'Closed Won', ANA);
    expect(t.rows('Leads')[0].Status).toBe('Qualified');
    expect(t.emu.services.ui.toasts.pop()?.message).toBe(`Leads row 2: ${why(id, '2026-02-01')}`);
    expect(statuses()).toEqual([]);
  });
});

describe('lines approved after their period was run', () => {
  /** A deal won on 10 February whose line is Payable but not approved; then March comes and February is run with 0 payouts. */
  function februaryRunWithoutIt(): void {
    const id = qualifiedLead('Initech');
    t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: 20000, closedOn: '2026-02-10' });
    t.emu.clock.set('2026-03-02T15:00:00Z');
    const run = t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-02-01');
    expect(run.run).toMatchObject({ status: 'complete', created: [] });
    expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Period: 'February 2026', Status: 'Complete', Payouts: '0' })]);
    t.okAs(BOSS, 'apiApproveCommissions', ['C-000001']);
  }

  test('the period says so, and running it again pays them as a supplementary run, once', () => {
    februaryRunWithoutIt();
    const view = t.okAs<PayoutPeriodView>(BOSS, 'apiGetPayouts', '2026-02-01');
    expect(view).toMatchObject({ runStatus: 'Complete', rows: [], late: { partners: 1, lines: 1, amount: 2000 }, holding: { lines: 0, nextPayableOn: '' } });
    expect(view.carried).toEqual([expect.objectContaining({ partnerName: 'Acme Partners', reason: expect.stringContaining('run the period again to pay it now') })]);
    const again = t.okAs<{ run: PayoutRunView; view: PayoutPeriodView }>(BOSS, 'apiRunPayouts', '2026-02-01');
    expect(again.run).toMatchObject({ status: 'complete', created: ['PO-000001'], message: expect.stringContaining('supplementary run') });
    expect(again.view).toMatchObject({ rows: [{ payoutId: 'PO-000001', net: 2000, status: 'Draft' }], late: { lines: 0 }, carried: [] });
    expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Payout ID': 'PO-000001', 'Period Start': '2026-02-01', Net: '2,000.00', Status: 'Draft' })]);
    expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Status: 'Complete', Payouts: '1', Total: '2,000.00', Notes: expect.stringContaining('Supplementary run') })]);
    expect(t.rows('Commissions')[0]['Payout ID']).toBe('PO-000001');
    // A third run finds nothing late: nothing is written.
    const third = t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-02-01');
    expect(third.run).toMatchObject({ status: 'already complete', created: [], message: expect.stringContaining('nothing was done') });
    expect(t.rows('Payouts')).toHaveLength(1);
    // The partner's statement for the late payout goes out once, from the owner's run, once a manager approves it.
    t.hourly();
    expect(t.emu.services.mail.sentTo('pat@acme.example').filter((m) => /statement/i.test(m.subject))).toHaveLength(0);
    t.okAs(BOSS, 'apiApprovePayouts', ['PO-000001']);
    t.hourly();
    t.hourly();
    expect(t.emu.services.mail.sentTo('pat@acme.example').filter((m) => /statement/i.test(m.subject) && m.subject.includes('PO-000001'))).toHaveLength(1);
  });

  test('a supplementary run that dies between stamping the lines and writing the payout is finished by the retry, without double counting', () => {
    februaryRunWithoutIt();
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Payouts', message: 'Exception: Service Spreadsheets timed out while accessing document.' });
    const crashed = t.apiAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-02-01');
    expect(crashed).toMatchObject({ ok: false, error: { message: expect.stringContaining('timed out') } });
    expect(t.rows('Payouts')).toEqual([]);
    expect(t.rows('Commissions')[0]['Payout ID']).toBe('PO-000001');
    const retry = t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-02-01');
    expect(retry.run).toMatchObject({ status: 'complete', recovered: ['PO-000001'], created: [] });
    expect(t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-02-01').run.status).toBe('already complete');
    expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Payout ID': 'PO-000001', Net: '2,000.00', Lines: '1' })]);
    expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Status: 'Complete', Payouts: '1', Total: '2,000.00' })]);
  });

  test('left alone, they join the next period’s run', () => {
    februaryRunWithoutIt();
    t.emu.clock.set('2026-04-02T15:00:00Z');
    const march = t.okAs<{ run: PayoutRunView }>(BOSS, 'apiRunPayouts', '2026-03-01');
    expect(march.run).toMatchObject({ status: 'complete', created: ['PO-000001'] });
    expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Period Start': '2026-03-01', Net: '2,000.00' })]);
  });
});

describe('the menu’s payout items ask for the period', () => {
  const sidebarsOf = () => t.emu.services.ui.sidebars;

  test('Run payouts now opens the Payouts view (period, preview, confirmation) and runs nothing', () => {
    const before = sidebarsOf().length;
    const alerts = t.emu.services.ui.alerts.length;
    t.emu.run('menuRunPayouts', [], { user: BOSS });
    expect(sidebarsOf()).toHaveLength(before + 1);
    expect(sidebarsOf()[before].html).toContain('<div id="start-view" data-view="payouts" hidden></div>');
    expect(t.rows('Payout Runs')).toEqual([]);
    expect(t.emu.services.ui.alerts).toHaveLength(alerts);
  });

  test('Export payouts opens the Payouts view and writes no file', () => {
    const files = t.emu.services.drive.list().length;
    t.emu.run('menuExportPayouts', [], { user: FIN });
    expect(sidebarsOf().pop()?.html).toContain('data-view="payouts"');
    expect(t.emu.services.drive.list()).toHaveLength(files);
  });

  test('someone without the role is told why, and no view opens', () => {
    const before = sidebarsOf().length;
    const earlier = t.emu.services.ui.alerts.length;
    t.emu.run('menuRunPayouts', [], { user: ANA });
    t.emu.run('menuExportPayouts', [], { user: ANA });
    expect(sidebarsOf()).toHaveLength(before);
    const alerts = t.emu.services.ui.alerts.slice(earlier).map((a) => [a.title, a.prompt]);
    expect(alerts).toEqual([
      ['Payouts', expect.stringMatching(/^Running payouts needs the Manager role/)],
      ['Export payouts', expect.stringMatching(/^Exporting payouts needs the Finance role/)],
    ]);
  });
});

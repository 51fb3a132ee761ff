import { partnerBalance, partnerSheetContent, partnersTouched, viewerChanges } from '../../src/domain/partner-sheet';
import type { SheetLead, SheetLine, SheetPayout } from '../../src/domain/partner-sheet';

/** The partner sheet's content (only that partner's rows, reasons without other partners), what a change touches, and whose access changes. */
const acme = { id: 'P-000001', name: 'Acme Partners', code: 'ACME', contactName: 'Pat', contactEmail: 'pat@acme.example', tier: 'Gold', status: 'Active' };
const beta = { id: 'P-000002', name: 'Beta Resellers', code: 'BETA', contactName: 'Bea', contactEmail: 'bea@beta.example' };
const lead = (id: string, partnerId: string, company: string, extra: Partial<SheetLead> = {}): SheetLead => ({
  id,
  partnerId,
  company,
  status: 'New',
  statusReason: '',
  registeredOn: '2026-03-01',
  protectedUntil: '2026-05-30',
  dealAmountCents: null,
  closedOn: '',
  ...extra,
});
const line = (id: string, partnerId: string, leadId: string, amountCents: number, status: string): SheetLine => ({
  id,
  partnerId,
  leadId,
  kind: 'Base',
  amountCents,
  status,
  payableOn: '2026-03-01',
  payoutId: '',
});
const payout = (id: string, partnerId: string, netCents: number, status: string): SheetPayout => ({
  id,
  partnerId,
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  netCents,
  status,
  paidOn: status === 'Paid' ? '2026-03-05' : '',
  paymentReference: status === 'Paid' ? 'TX-1' : '',
});

describe('partner sheet content', () => {
  const content = partnerSheetContent({
    programme: 'Brightloom',
    currency: 'USD',
    partner: acme,
    formUrl: 'https://forms.example/acme',
    refreshedAt: '2026-03-02 16:00 UTC',
    leads: [
      lead('L-000001', 'P-000001', 'Initech', { status: 'Conflict', statusReason: 'Collides with L-000002 of Beta Resellers (2026-02-01)' }),
      lead('L-000002', 'P-000002', 'Hooli'),
      lead('L-000003', 'P-000001', 'Umbrella', { status: 'Rejected', statusReason: 'BETA had it first; see L-000002' }),
    ],
    lines: [line('C-000001', 'P-000001', 'L-000003', 150000, 'Approved'), line('C-000002', 'P-000002', 'L-000002', 99900, 'Approved'), line('C-000003', 'P-000001', 'L-000003', 5000, 'Paid')],
    payouts: [payout('PO-000001', 'P-000001', 5000, 'Paid'), payout('PO-000002', 'P-000001', 7000, 'Draft'), payout('PO-000003', 'P-000002', 99900, 'Paid')],
    others: [beta],
  });

  test("only the partner's rows, in each tab", () => {
    expect(content.Leads.slice(1).map((r) => r[0])).toEqual(['L-000001', 'L-000003']);
    expect(content.Commissions.slice(1).map((r) => r[0])).toEqual(['C-000001', 'C-000003']);
    expect(content.Commissions[1][2]).toBe('Umbrella');
    // A Draft payout is not shown yet.
    expect(content.Payouts.slice(1).map((r) => r[0])).toEqual(['PO-000001']);
  });

  test('reasons without the other partner, their code or their lead', () => {
    expect(content.Leads[1][5]).toBe('This company was already registered by another partner. The partner team will review it and let you know.');
    expect(content.Leads[2][5]).toBe('[another partner] had it first; see [another partner]');
    const text = JSON.stringify(content);
    for (const needle of ['Beta', 'BETA', 'bea@', 'Hooli', 'L-000002', 'P-000002', 'C-000002', 'PO-000003', '999']) expect(text).not.toContain(needle);
  });

  test('the balance: owed lines not yet paid, and payouts paid to date', () => {
    expect(Object.fromEntries(content.Summary.map((r) => [r[0], r[1]]))).toMatchObject({
      Partner: 'Acme Partners',
      Tier: 'Gold',
      'Approved, not yet paid (USD)': 1500,
      'Paid to date (USD)': 50,
      'Register a lead': 'https://forms.example/acme',
    });
    expect(partnerBalance('P-000002', [line('C-1', 'P-000002', 'L-1', 100, 'Payable'), line('C-2', 'P-000002', 'L-1', 100, 'Void')], [])).toEqual({ owedCents: 100, paidCents: 0 });
  });
});

describe('what a change touches', () => {
  const lookup = {
    tabs: { partners: 'Partners', leads: 'Leads', commissions: 'Commissions', payouts: 'Payouts' },
    leadPartner: new Map([['L-000001', 'P-000001']]),
    linePartner: new Map([['C-000001', 'P-000003']]),
    payoutPartner: new Map([['PO-000001', 'P-000004']]),
  };
  const row = (tab: string, recordId: string, field = 'status', oldValue = '', newValue = '') => ({ tab, recordId, field, oldValue, newValue });

  test("a partner's row, their leads (both partners when one moves), lines and payouts; not the sheet's own link", () => {
    expect([...partnersTouched([row('Partners', 'P-000009'), row('Leads', 'L-000001'), row('Commissions', 'C-000001'), row('Payouts', 'PO-000001')], lookup)].sort()).toEqual([
      'P-000001',
      'P-000003',
      'P-000004',
      'P-000009',
    ]);
    expect([...partnersTouched([row('Leads', 'L-000001', 'partnerId', 'P-000005', 'P-000001')], lookup)].sort()).toEqual(['P-000001', 'P-000005']);
    expect([...partnersTouched([row('Partners', 'P-000001', 'partnerSheet'), row('Settings', 'x'), row('Leads', 'L-999999')], lookup)]).toEqual([]);
  });

  test('viewers to add and remove, whatever the case of an address', () => {
    expect(viewerChanges(['Pat@acme.example', 'pia@acme.example'], ['pat@acme.example', 'old@acme.example'])).toEqual({ add: ['pia@acme.example'], remove: ['old@acme.example'] });
    expect(viewerChanges([], ['pat@acme.example'])).toEqual({ add: [], remove: ['pat@acme.example'] });
  });
});

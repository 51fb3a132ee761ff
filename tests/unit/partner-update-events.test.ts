import { partnerUpdateEmail } from '../../src/domain/emails/partner-update-email';
import { paymentNoticeEmail } from '../../src/domain/emails/partner-statement-email';
import { AuditRowLike, commissionsSummary, dueMessageId, leadSummary, payoutMessageId, payoutSummary, remindsOf, statusChangesIn, tierSummary } from '../../src/partner-updates/events';

const TABS = { leads: 'Leads', commissions: 'Commissions', payouts: 'Payouts' };
const row = (r: Partial<AuditRowLike>): AuditRowLike => ({ at: '2026-02-10T15:00:00.000Z', source: 'sidebar', tab: 'Leads', recordId: 'L-000001', field: 'status', newValue: 'Accepted', ...r });

describe('statusChangesIn', () => {
  test('the status changes partners hear of, by tab, each once', () => {
    const changes = statusChangesIn(
      [
        row({}),
        row({ field: 'statusReason', newValue: 'x' }),
        row({ recordId: 'L-000002', newValue: 'Qualified' }),
        row({ recordId: 'L-000002', newValue: 'Closed Won' }),
        row({ recordId: 'L-000003', newValue: 'Rejected' }),
        row({ recordId: 'L-000004', newValue: 'Closed Lost' }),
        row({ recordId: 'L-000005', newValue: 'Expired', source: 'hourly' }),
        row({ tab: 'Commissions', recordId: 'C-000001', newValue: 'Approved' }),
        row({ tab: 'Commissions', recordId: 'C-000002', newValue: 'Payable' }),
        row({ tab: 'Payouts', recordId: 'PO-000001', newValue: 'Approved' }),
        // A typed payout approval is audited twice: the typed cell (its header) and the tracker's own write.
        row({ tab: 'Payouts', recordId: 'PO-000001', field: 'Status', newValue: 'Approved', source: 'edit' }),
        row({ tab: 'Payouts', recordId: 'PO-000002', newValue: 'Paid on 2026-03-02, reference W-1' }),
        row({ tab: 'Team', recordId: 'x', newValue: 'Approved' }),
      ],
      TABS,
    );
    expect(changes.map((c) => [c.event, c.recordId])).toEqual([
      ['lead.accepted', 'L-000001'],
      ['lead.won', 'L-000002'],
      ['lead.rejected', 'L-000003'],
      ['lead.lost', 'L-000004'],
      ['lead.expired', 'L-000005'],
      ['commission.approved', 'C-000001'],
      ['payout.approved', 'PO-000001'],
      ['payout.paid', 'PO-000002'],
    ]);
  });

  test('a typed status the tracker put back did not count', () => {
    const changes = statusChangesIn(
      [
        row({ field: 'Status', newValue: 'Closed Won', source: 'edit' }),
        row({ field: '(put back)', newValue: 'Status put back to Accepted', source: 'edit' }),
        row({ recordId: 'L-000009', field: 'Status', newValue: 'Accepted', source: 'edit' }),
      ],
      TABS,
    );
    expect(changes.map((c) => c.recordId)).toEqual(['L-000009']);
  });

  test('a renamed tab is followed by the name its rows carry', () => {
    expect(statusChangesIn([row({ tab: 'Deals' })], { ...TABS, leads: 'Deals' })).toHaveLength(1);
    expect(statusChangesIn([row({ tab: 'Leads' })], { ...TABS, leads: 'Deals' })).toHaveLength(0);
  });
});

describe('summaries', () => {
  const lead = { id: 'L-000001', company: 'Initech', reason: '', dealAmountCents: 1_234_500, protectedUntil: '2026-05-11' };
  test('say what happened to the partner’s own record, with the amounts and dates that are theirs', () => {
    expect(leadSummary('lead.won', lead, 'EUR')).toBe('Initech (L-000001) was won: a deal of EUR 12,345.00. Its commission follows once approved.');
    expect(leadSummary('lead.rejected', { ...lead, reason: 'Outside our regions' }, 'EUR')).toBe('Initech (L-000001) was not accepted: Outside our regions');
    expect(leadSummary('lead.expiring', lead, 'EUR')).toContain('ends on 2026-05-11.');
    expect(remindsOf(leadSummary('lead.expiring', lead, 'EUR'), '2026-05-11')).toBe(true);
    expect(remindsOf(leadSummary('lead.expiring', lead, 'EUR'), '2026-06-11')).toBe(false);
    expect(commissionsSummary(['C-000001', 'C-000002'], 25_000, 'USD')).toBe('2 commissions were approved: USD 250.00 in total (C-000001, C-000002).');
    expect(payoutSummary('payout.paid', { id: 'PO-000001', periodStart: '2026-02-01', periodEnd: '2026-02-28', netCents: 25_000, paidOn: '2026-03-02', reference: 'W-1' }, 'USD')).toBe(
      'Payout PO-000001 for 2026-02-01 to 2026-02-28 was paid on 2026-03-02: USD 250.00, payment reference W-1.',
    );
  });
});

describe('dueMessageId', () => {
  const tue = { date: '2026-02-10', hour: 10, weekday: 2 };
  const mon = (hour: number) => ({ date: '2026-02-16', hour, weekday: 1 });
  test('Immediate now; Daily from the hour, one a day; Weekly on Mondays from the hour; Off never', () => {
    expect(dueMessageId('P-000001', 'Immediate', tue, 6, 'run1')).toBe('updates:P-000001:run1');
    expect(dueMessageId('P-000001', 'Daily', tue, 6, 'run1')).toBe('updates:P-000001:2026-02-10');
    expect(dueMessageId('P-000001', 'Daily', { ...tue, hour: 5 }, 6, 'run1')).toBeNull();
    expect(dueMessageId('P-000001', 'Weekly', tue, 6, 'run1')).toBeNull();
    expect(dueMessageId('P-000001', 'Weekly', mon(5), 6, 'run1')).toBeNull();
    expect(dueMessageId('P-000001', 'Weekly', mon(6), 6, 'run1')).toBe('updates:P-000001:week of 2026-02-16');
    expect(dueMessageId('P-000001', 'Off', tue, 6, 'run1')).toBeNull();
    expect(payoutMessageId('payout.approved', 'PO-000001')).toBe('statement:PO-000001');
    expect(payoutMessageId('payout.paid', 'PO-000001')).toBe('payment:PO-000001');
    expect(payoutMessageId('lead.won', 'L-000001')).toBeNull();
  });
});

describe('the emails', () => {
  test('escape every value, link only http(s), and say how often the partner hears', () => {
    const mail = partnerUpdateEmail({
      programme: 'P <Prog>',
      partnerName: 'Acme <b>',
      cadence: 'Daily',
      updates: [{ date: '2026-02-10', summary: 'Initech <script>alert(1)</script> was accepted.' }],
      partnerSheetUrl: 'javascript:alert(1)',
      formUrl: 'https://forms.example/f',
    });
    expect(mail.htmlBody).not.toMatch(/<script|<b>|href="javascript/);
    expect(mail.htmlBody).toContain('&lt;script&gt;');
    expect(mail.htmlBody).toContain('href="https://forms.example/f"');
    expect(mail.body).toContain('one update a day');
    const notice = paymentNoticeEmail({ programme: 'P', partnerName: 'Acme', payoutId: 'PO-000001', summary: 'Payout PO-000001 … payment reference <W-1>.', partnerSheetUrl: '' });
    expect(notice.subject).toBe('P: payout PO-000001 was paid');
    expect(notice.htmlBody).toContain('&lt;W-1&gt;');
  });

  test('a long history is cut and counted, within the size limit', () => {
    const updates = Array.from({ length: 2000 }, (_, i) => ({ date: '2026-02-10', summary: `Company ${i} (L-${i}) was accepted. ${'x'.repeat(300)}` }));
    const mail = partnerUpdateEmail({ programme: 'P', partnerName: 'A', cadence: 'Weekly', updates, partnerSheetUrl: '', formUrl: '' });
    expect(Buffer.byteLength(mail.body) + Buffer.byteLength(mail.htmlBody)).toBeLessThan(200_000);
    expect(mail.body).toMatch(/and [\d,]+ more updates/);
  });
});

test("a partner's tier change (the review, the sidebar or a typed cell) is an event about that partner; a pin, a same-tier write or a typed change put back is not", () => {
  const tabs = { ...TABS, partners: 'Partners' };
  const tier = (r: Partial<AuditRowLike>) => row({ tab: 'Partners', recordId: 'P-000001', field: 'tier', oldValue: 'Registered', newValue: 'Silver', source: 'hourly', ...r });
  const changes = statusChangesIn(
    [
      tier({}),
      tier({ recordId: 'P-000002', field: 'Tier', oldValue: 'Gold', newValue: 'Gold', source: 'edit' }),
      tier({ recordId: 'P-000003', field: 'tierPinned', oldValue: '', newValue: 'Yes' }),
      tier({ recordId: 'P-000004', field: 'Tier', oldValue: 'Gold', newValue: 'Platinum', source: 'edit' }),
      tier({ recordId: 'P-000004', field: '(put back)', newValue: 'Tier Gold' }),
    ],
    tabs,
  );
  expect(changes).toEqual([{ event: 'tier.changed', recordId: 'P-000001', at: '2026-02-10T15:00:00.000Z', from: 'Registered', to: 'Silver' }]);
  // Without the Partners tab named, tier rows are not looked for.
  expect(statusChangesIn([tier({})], TABS)).toEqual([]);
  expect(tierSummary('Registered', 'Silver')).toBe('Your partner tier is now Silver (it was Registered).');
});

import { AttentionFacts, attentionItems, headlines } from '../../src/domain/attention';
import { nextSteps } from '../../src/domain/next-steps';

const quiet: AttentionFacts = {
  today: '2026-05-06',
  leads: [],
  commissionStatuses: [],
  payouts: [],
  inboxStatuses: [],
  problemRows: [],
  automation: { state: 'running', message: 'Running.' },
};
const lead = (status: string, protectedUntil = '', extra: Partial<AttentionFacts['leads'][number]> = {}) => ({ status, protectedUntil, estimateCents: null, dealCents: null, closedOn: '', ...extra });

describe('what needs attention today', () => {
  test('nothing waiting: no items', () => {
    expect(attentionItems(quiet)).toEqual([]);
  });

  test('expiring this week: open leads whose protection ends today to six days on; not closed or already past ones', () => {
    const items = attentionItems({
      ...quiet,
      leads: [lead('New', '2026-05-06'), lead('Qualified', '2026-05-12'), lead('Accepted', '2026-05-13'), lead('Closed Won', '2026-05-07'), lead('New', '2026-05-05'), lead('New')],
    });
    expect(items).toEqual([expect.objectContaining({ key: 'expiring', count: 2, text: '2 open leads lose protection within 7 days: move them on or let them expire.' })]);
  });

  test('in order of urgency, each with a non-empty text and action; the automation first, in its own words', () => {
    const items = attentionItems({
      ...quiet,
      leads: [lead('Conflict')],
      commissionStatuses: [{ status: 'Payable', amountCents: 100 }],
      payouts: [
        { status: 'Draft', netCents: 1, paidOn: '' },
        { status: 'Approved', netCents: 1, paidOn: '' },
      ],
      inboxStatuses: ['Rejected', 'Dismissed', 'Reprocessed'],
      problemRows: [
        { tab: 'Partners', rows: 2 },
        { tab: 'Leads', rows: 0 },
        { tab: 'Lists', rows: 1 },
      ],
      automation: { state: 'stopped', message: 'The hourly run has not come since 2026-05-05 09:10 UTC.' },
    });
    expect(items.map((i) => [i.key, i.count])).toEqual([
      ['automation', 1],
      ['conflicts', 1],
      ['inbox', 1],
      ['approve-lines', 1],
      ['approve-payouts', 1],
      ['pay-payouts', 1],
      ['problems', 3],
    ]);
    expect(items[0].text).toBe('The hourly run has not come since 2026-05-05 09:10 UTC.');
    expect(items.find((i) => i.key === 'problems')?.text).toBe('3 rows have problems and do not count until fixed (Partners 2, Lists 1).');
    for (const i of items) expect(i.text.trim() && i.action.trim()).toBeTruthy();
  });
});

test('headline numbers: open pipeline, this year’s wins by close date, what is owed, what was paid this year', () => {
  const n = headlines({
    ...quiet,
    leads: [
      lead('New', '', { estimateCents: 100000 }),
      lead('Closed Won', '', { dealCents: 500000, closedOn: '2026-01-02' }),
      lead('Closed Won', '', { dealCents: 900000, closedOn: '2025-12-31' }),
      lead('Rejected', '', { estimateCents: 7 }),
    ],
    commissionStatuses: [
      { status: 'Pending', amountCents: 100 },
      { status: 'Payable', amountCents: 200 },
      { status: 'Approved', amountCents: 300 },
      { status: 'Paid', amountCents: 400 },
      { status: 'Void', amountCents: 500 },
    ],
    payouts: [
      { status: 'Paid', netCents: 1000, paidOn: '2026-02-01' },
      { status: 'Paid', netCents: 2000, paidOn: '2025-12-01' },
      { status: 'Approved', netCents: 4000, paidOn: '' },
    ],
  });
  expect(n).toEqual({ openLeads: 1, pipelineCents: 100000, wonThisYear: 1, wonThisYearCents: 500000, owedCents: 600, paidThisYearCents: 1000, year: 2026 });
});

test('next steps: at most three, the missing beginnings first, the sidebar last', () => {
  const none = { partners: 0, activeRules: 0, hasPartnerForm: false, teammates: 0, leads: 0 };
  expect(nextSteps(none).map((s) => s.text.split(':')[0])).toEqual([
    'Add your partners',
    'Say how partners are paid',
    'Create the partner form (Extensions › Partnership Tracker › Create partner form) and send its link to your partners so they can register leads.',
  ]);
  expect(nextSteps(none)[0].tab).toBe('Partners');
  const all = nextSteps({ partners: 3, activeRules: 1, hasPartnerForm: true, teammates: 2, leads: 5 });
  expect(all).toHaveLength(1);
  expect(all[0].text).toMatch(/^Open the sidebar/);
  expect(nextSteps({ ...none, partners: 3, activeRules: 1 }).map((s) => s.text.slice(0, 20))).toEqual(['Create the partner f', 'Add your team in the', 'Register a first lea']);
});

import { customPeriod, dashboardFigures, isDay, monthsEnding, partnerScorecard, periodContaining, previousPeriod } from '../../src/domain/metrics';
import { MetricsCommission, MetricsInput, MetricsLead, MetricsPartner } from '../../src/domain/metrics/types';
import { periodFromChoice } from '../../src/dashboard/choice';

/** The programme's figures (domain/metrics): periods and each definition on a small hand-made programme. */

test('periods: the month, quarter and year containing a day, a custom range, and the one before each', () => {
  expect(periodContaining('month', '2026-03-15')).toEqual({ kind: 'month', start: '2026-03-01', end: '2026-03-31', label: 'March 2026' });
  expect(periodContaining('quarter', '2026-11-02')).toEqual({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31', label: 'Q4 2026' });
  expect(periodContaining('year', '2024-02-29')).toMatchObject({ start: '2024-01-01', end: '2024-12-31', label: '2024' });
  expect(previousPeriod(periodContaining('month', '2026-03-31'))).toMatchObject({ start: '2026-02-01', end: '2026-02-28', label: 'February 2026' });
  expect(previousPeriod(periodContaining('month', '2026-01-05'))).toMatchObject({ start: '2025-12-01', end: '2025-12-31' });
  expect(previousPeriod(periodContaining('quarter', '2026-02-01'))).toMatchObject({ start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' });
  expect(previousPeriod(customPeriod('2026-03-01', '2026-03-10'))).toMatchObject({ kind: 'custom', start: '2026-02-19', end: '2026-02-28' });
  expect(() => customPeriod('2026-03-10', '2026-03-01')).toThrow('To (2026-03-01) is before From (2026-03-10).');
  expect(() => customPeriod('2026-02-30', '2026-03-01')).toThrow(/"2026-02-30" is not a date/);
  expect(isDay('2026-02-28')).toBe(true);
  expect(monthsEnding('2026-02-10', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
});

const partner = (id: string, over: Partial<MetricsPartner> = {}): MetricsPartner => ({
  id,
  name: `Partner ${id}`,
  tier: 'Gold',
  type: 'Reseller',
  region: 'EMEA',
  productFocus: '',
  status: 'Active',
  joinedOn: '2025-01-01',
  ...over,
});
let n = 0;
const lead = (partnerId: string, over: Partial<MetricsLead>): MetricsLead => ({
  id: `L-${++n}`,
  partnerId,
  company: `Co ${n}`,
  product: 'Suite',
  status: 'New',
  registeredOn: '2026-03-05',
  closedOn: '',
  dealAmountCents: null,
  estimatedValueCents: null,
  updatedOn: '',
  ...over,
});
const line = (partnerId: string, leadId: string, amountCents: number, over: Partial<MetricsCommission> = {}): MetricsCommission => ({
  id: `C-${++n}`,
  partnerId,
  leadId,
  kind: 'Base',
  status: 'Pending',
  amountCents,
  earnedOn: '2026-03-20',
  paidOn: '',
  ...over,
});

const leads = [
  lead('P-1', { status: 'Closed Won', registeredOn: '2026-01-10', closedOn: '2026-03-20', dealAmountCents: 100000 }),
  lead('P-1', { status: 'Closed Won', registeredOn: '2026-03-01', closedOn: '2026-03-11', dealAmountCents: 50000 }),
  lead('P-1', { status: 'Closed Won', registeredOn: '2026-03-02', closedOn: '2026-03-12', dealAmountCents: null }),
  lead('P-2', { status: 'Closed Lost', registeredOn: '2026-03-03', closedOn: '2026-03-15', product: '' }),
  lead('P-2', { status: 'Qualified', registeredOn: '2026-03-04' }),
  lead('P-2', { status: 'Expired', registeredOn: '2026-03-05' }),
  lead('P-2', { status: 'Refunded', registeredOn: '2026-03-06' }),
  lead('P-9', { status: 'Closed Won', registeredOn: '2026-02-01', closedOn: '2026-02-10', dealAmountCents: 20000, updatedOn: '2026-02-10' }),
];
const input: MetricsInput = {
  today: '2026-03-31',
  partners: [
    partner('P-1', { region: 'EMEA' }),
    partner('P-2', { tier: 'Silver', region: '', joinedOn: '2026-03-20' }),
    partner('P-3', { joinedOn: '2025-01-01' }),
    partner('P-4', { status: 'Paused' }),
    partner('P-5', { joinedOn: '2026-04-02' }),
  ],
  leads,
  commissions: [
    line('P-1', leads[0].id, 10000, { status: 'Paid', paidOn: '2026-04-02' }),
    line('P-1', leads[1].id, 5000, { status: 'Void' }),
    line('P-1', leads[1].id, 4000, { status: 'Paid', earnedOn: '2026-02-11', paidOn: '2026-03-30' }),
    line('P-2', leads[6].id, -2500, { kind: 'Clawback', status: 'Approved' }),
  ],
  tierHistory: [{ partnerId: 'P-1', fromTier: 'Silver', toTier: 'Gold', effectiveOn: '2026-01-01', wonRevenueCents: 1, wonDeals: 1, reason: 'review', by: 'tracker' }],
};
const march = periodContaining('month', '2026-03-15');

test('the headline: registered, accepted, won and lost by their days, win rate, revenue, averages, commissions', () => {
  const f = dashboardFigures(input, march);
  const h = Object.fromEntries(f.headline.map((x) => [x.key, [x.current, x.previous]]));
  expect(h.leadsRegistered).toEqual([6, 1]);
  // Accepted: the won, lost, qualified and refunded; not the expired.
  expect(h.leadsAccepted).toEqual([5, 1]);
  expect(h.dealsWon).toEqual([3, 1]);
  expect(h.dealsLost).toEqual([1, 0]);
  expect(h.winRate).toEqual([0.75, 1]);
  expect(h.wonRevenue).toEqual([150000, 20000]);
  // Over the won deals with an amount.
  expect(h.averageDeal).toEqual([75000, 20000]);
  expect(h.averageDaysToClose).toEqual([(69 + 10 + 10) / 3, 9]);
  // Earned by the deal's close day (the void line out, the clawback in); paid by the payout's paid day.
  expect(h.commissionsEarned).toEqual([10000 - 2500, 4000]);
  expect(h.commissionsPaid).toEqual([4000, 0]);
  expect(f.funnel).toEqual({ registered: 6, accepted: 5, qualified: 5, won: 3 });
  expect(f.previous).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
});

test('the leaderboard, segments, trend and engagement', () => {
  const f = dashboardFigures(input, march);
  expect(f.leaderboard.map((r) => r.partnerId)).toEqual(['P-1', 'P-2']);
  expect(f.leaderboard[0]).toMatchObject({
    leadsRegistered: 2,
    leadsAccepted: 2,
    dealsWon: 3,
    winRate: 1,
    wonRevenueCents: 150000,
    revenueShare: 1,
    averageDealCents: 75000,
    commissionsEarnedCents: 10000,
    commissionsPaidCents: 4000,
    lastActivity: '2026-03-02',
  });
  expect(f.leaderboard[1]).toMatchObject({ dealsWon: 0, winRate: 0, revenueShare: 0, averageDealCents: null, averageDaysToClose: null, commissionsEarnedCents: -2500 });
  expect(f.breakdowns.tier).toEqual([
    { segment: 'Gold', partners: 1, leadsRegistered: 2, dealsWon: 3, wonRevenueCents: 150000, revenueShare: 1 },
    { segment: 'Silver', partners: 1, leadsRegistered: 4, dealsWon: 0, wonRevenueCents: 0, revenueShare: 0 },
  ]);
  expect(f.breakdowns.region.map((r) => r.segment)).toEqual(['EMEA', '(none)']);
  expect(f.breakdowns.product.map((r) => [r.segment, r.leadsRegistered])).toEqual([
    ['Suite', 5],
    ['(none)', 1],
  ]);
  expect(f.trend).toHaveLength(12);
  expect(f.trend[11]).toEqual({ month: '2026-03', label: 'Mar 2026', leadsRegistered: 6, dealsWon: 3, wonRevenueCents: 150000, commissionsEarnedCents: 7500 });
  expect(f.trend[10]).toMatchObject({ month: '2026-02', dealsWon: 1, wonRevenueCents: 20000, commissionsEarnedCents: 4000 });
  // On 2026-03-31: P-2 joined 11 days before (new); P-1 active; P-3 dormant; P-4 paused; P-5 not yet joined.
  expect(f.engagement).toMatchObject({ active: 1, new: 1, dormant: 1, activeDays: 90, newDays: 30 });
  expect(f.engagement.definition).toMatch(/last 90 days/);
});

test("a partner's scorecard: their figures, share, deals newest first, balances and tier history", () => {
  const s = partnerScorecard(input, 'P-1', march);
  const h = Object.fromEntries(s.headline.map((x) => [x.key, x.current]));
  expect(h).toMatchObject({ dealsWon: 3, wonRevenue: 150000, revenueShare: 1, commissionsEarned: 10000 });
  expect(s.deals.map((d) => d.closedOn)).toEqual(['2026-03-20', '2026-03-12', '2026-03-11']);
  expect(s.commissions).toEqual({ earnedCents: 10000, approvedCents: 0, paidCents: 4000, pendingCents: 0 });
  expect(s.tierHistory).toHaveLength(1);
  expect(partnerScorecard(input, 'P-2', march).commissions.approvedCents).toBe(-2500);
  expect(() => partnerScorecard(input, 'P-7', march)).toThrow('There is no partner P-7 on the Partners tab.');
});

test("the Dashboard's chooser: blank is this month; a kind is the one containing From; Custom needs both days; the rest refused with why", () => {
  const today = '2026-03-20';
  const choose = (period: string, from = '', to = '') => periodFromChoice({ period, from, to }, today);
  expect(choose('')).toEqual({ period: periodContaining('month', today) });
  expect(choose('', '2025-01-01')).toEqual({ period: periodContaining('month', today) });
  expect(choose('quarter')).toEqual({ period: periodContaining('quarter', today) });
  expect(choose(' Month ', '2025-07-04')).toEqual({ period: periodContaining('month', '2025-07-04') });
  expect(choose('Year', 'last year')).toEqual({ refused: 'From "last year" is not a date: write it as YYYY-MM-DD, or leave it blank for the current year.' });
  expect(choose('Custom', '2026-01-01')).toEqual({ refused: 'Custom needs both From and To (YYYY-MM-DD).' });
  expect(choose('Custom', '2026-01-01', '2026-01-31')).toEqual({ period: customPeriod('2026-01-01', '2026-01-31') });
  expect(choose('Fortnight')).toEqual({ refused: 'Period "Fortnight" is not Month, Quarter, Year or Custom.' });
});

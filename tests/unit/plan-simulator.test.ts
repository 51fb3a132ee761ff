import Papa from 'papaparse';
import {
  ActualLine,
  Scenario,
  SimulationDeal,
  SimulationInput,
  TierOn,
  difference,
  parseScenarios,
  resolvePeriod,
  simulatePlan,
  simulationCsv,
  startingPlan,
  withScenario,
} from '../../src/domain/simulator';
import { rule } from './commission-test-fixtures';

/** The Plan simulator's replay and comparison, every figure worked out by hand below. */

const PARTNERS = [
  { id: 'P-000001', name: 'Acme', type: 'Reseller' },
  { id: 'P-000002', name: '=HYPERLINK("http://evil.example","Bolt")', type: 'Referral' },
];
const tiers: TierOn = (partnerId) => (partnerId === 'P-000001' ? 'Gold' : 'Silver');

const deal = (leadId: string, partnerId: string, closedOn: string, dealAmountCents: number, product = 'Core Platform'): SimulationDeal => ({ leadId, partnerId, closedOn, dealAmountCents, product });
const WON = [
  deal('L-000001', 'P-000001', '2026-01-10', 1_000_000), // January: outside the period, but in the accelerator's quarter
  deal('L-000002', 'P-000001', '2026-02-05', 2_000_000),
  deal('L-000003', 'P-000002', '2026-02-10', 500_000, 'Analytics Add-on'),
  deal('L-000004', 'P-000002', '2026-03-01', 700_000), // March: outside
  deal('L-000005', 'P-000009', '2026-02-20', 100_000), // a partner no longer on the Partners tab
];
const line = (leadId: string, amountCents: number, kind = 'Base', status = 'Approved'): ActualLine => ({ leadId, amountCents, kind, status });
const ACTUAL = [line('L-000001', 100_000), line('L-000002', 400_000), line('L-000003', 50_000), line('L-000003', 99_900, 'Base', 'Void'), line('L-000004', 70_000)];

const LIVE_ANY = rule({ id: 'R-000001', rate: 0.1, effectiveFrom: '2026-01-01' });
const LIVE_GOLD = rule({ id: 'R-000002', rate: 0.2, partnerTier: 'Gold', row: 3 });
const DRAFT_GOLD = rule({ id: 'R-000003', rate: 0.25, partnerTier: 'Gold', row: 4, active: false, draft: true });
const DRAFT_BONUS = rule({
  id: 'R-000004',
  ruleType: 'Bonus',
  kind: 'Flat',
  rate: null,
  flatAmountCents: 10_000,
  product: 'Core Platform',
  effectiveFrom: '2026-02-01',
  effectiveTo: '2026-02-28',
  row: 5,
  active: false,
  draft: true,
});

const input = (over: Partial<SimulationInput> = {}): SimulationInput => ({
  period: { start: '2026-02-01', end: '2026-02-28' },
  plan: [LIVE_ANY, DRAFT_GOLD, DRAFT_BONUS],
  wonDeals: WON,
  partners: PARTNERS,
  tierOn: tiers,
  actualLines: ACTUAL,
  defaultHoldingDays: 30,
  ...over,
});

describe('simulatePlan', () => {
  test('a draft replacing a live rule, plus a draft bonus: per partner and total, in money and percent', () => {
    const sim = simulatePlan(input());
    // L-000002: Gold 25% of 20,000 = 5,000, and the February bonus of 100 on Core Platform = 5,100 (actual 4,000 at 20%).
    // L-000003: Silver, so the 10% rule: 500 (actual 500; the voided 999 line was never owed). No bonus: another product.
    // L-000005: its partner is not on the Partners tab: the plan pays nothing, and says why.
    expect(sim.deals.map((d) => [d.leadId, d.tier, d.actualCents, d.planCents, d.planRuleIds, d.uncovered?.reason ?? null])).toEqual([
      ['L-000002', 'Gold', 400_000, 510_000, ['R-000003', 'R-000004'], null],
      ['L-000003', 'Silver', 50_000, 50_000, ['R-000001'], null],
      ['L-000005', '', 0, 0, [], 'unknown partner'],
    ]);
    expect(sim.deals[2].uncovered?.message).toBe('L-000005: partner P-000009 is not on the Partners tab');
    expect(sim.partners.map((p) => [p.partnerId, p.deals, p.actualCents, p.planCents, p.differenceCents, p.differencePercent, p.uncoveredDeals])).toEqual([
      ['P-000001', 1, 400_000, 510_000, 110_000, 27.5, 0], // 1,100 / 4,000
      ['P-000002', 1, 50_000, 50_000, 0, 0, 0],
      ['P-000009', 1, 0, 0, 0, null, 1], // nothing earned: no percent
    ]);
    // 1,100 / 4,500 = 24.44…%
    expect(sim.totals).toEqual({ deals: 3, partners: 3, uncoveredDeals: 1, uncoveredActualCents: 0, actualCents: 450_000, planCents: 560_000, differenceCents: 110_000, differencePercent: 24.4 });
  });

  test('the accelerator counts the partner’s earlier won revenue in the quarter, outside the period too, as the engine does', () => {
    const accelerated = rule({ id: 'R-000005', rate: 0.1, acceleratorThresholdCents: 1_500_000, acceleratorRate: 0.2, active: false, draft: true });
    const sim = simulatePlan(input({ plan: [accelerated] }));
    // L-000002: January's 10,000 comes first; 5,000 more at 10% (500) reaches 15,000; the other 15,000 at 20% (3,000).
    expect(sim.deals[0]).toMatchObject({ leadId: 'L-000002', planCents: 350_000 });
    expect(sim.totals).toMatchObject({ actualCents: 450_000, planCents: 350_000 + 50_000, differenceCents: -50_000, differencePercent: -11.1 });
  });

  test('a plan that keeps both the live rule and the draft it was meant to replace ties: listed as ambiguous, never guessed', () => {
    const sim = simulatePlan(input({ plan: [LIVE_ANY, LIVE_GOLD, DRAFT_GOLD] }));
    expect(sim.deals[0].uncovered).toEqual({ reason: 'ambiguous', message: expect.stringMatching(/^R-000002 and R-000003 both apply to L-000002 with the same precedence \(tier Gold\)/) });
    expect(sim.partners[sim.partners.length - 1]).toMatchObject({ partnerId: 'P-000001', planCents: 0, differenceCents: -400_000, differencePercent: -100, uncoveredDeals: 1 });
    expect(sim.totals).toMatchObject({ uncoveredDeals: 2, uncoveredActualCents: 400_000 });
  });

  test('a deal no rule of the plan covers, and the tier on the close date', () => {
    const goldOnly = rule({ id: 'R-000003', rate: 0.25, partnerTier: 'Gold' });
    const promotedOnFeb8: TierOn = (id, date) => (id === 'P-000002' && date >= '2026-02-08' ? 'Gold' : 'Silver');
    const sim = simulatePlan(input({ plan: [goldOnly], tierOn: promotedOnFeb8 }));
    expect(sim.deals.map((d) => [d.leadId, d.tier, d.planCents, d.uncovered?.reason ?? null])).toEqual([
      ['L-000002', 'Silver', 0, 'no rule'],
      ['L-000003', 'Gold', 125_000, null],
      ['L-000005', '', 0, 'unknown partner'],
    ]);
    expect(sim.deals[0].uncovered?.message).toBe('No commission rule applies to L-000002 (Silver Reseller, Core Platform, closed 2026-02-05)');
  });

  test('difference: percent of the actual, null when nothing was earned', () => {
    expect(difference(0, 500)).toEqual({ actualCents: 0, planCents: 500, differenceCents: 500, differencePercent: null });
    expect(difference(300, 200)).toEqual({ actualCents: 300, planCents: 200, differenceCents: -100, differencePercent: -33.3 });
  });
});

describe('resolvePeriod', () => {
  const today = '2026-03-15';
  test('a month, quarter or year by its first day, or a custom range, once it has ended', () => {
    expect(resolvePeriod({ kind: 'month', start: '2026-02-01', end: '' }, today)).toEqual({ ok: true, period: { kind: 'month', start: '2026-02-01', end: '2026-02-28', label: 'February 2026' } });
    expect(resolvePeriod({ kind: 'quarter', start: '2025-10-01', end: '' }, today)).toEqual({ ok: true, period: { kind: 'quarter', start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' } });
    expect(resolvePeriod({ kind: 'year', start: '2025-01-01', end: '' }, today)).toMatchObject({ ok: true, period: { end: '2025-12-31', label: '2025' } });
    // Any day names the month, quarter or year it falls in.
    expect(resolvePeriod({ kind: 'quarter', start: '2025-11-17' }, today)).toMatchObject({ ok: true, period: { start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' } });
    expect(resolvePeriod({ kind: 'month', start: '2026-02-14' }, today)).toMatchObject({ ok: true, period: { start: '2026-02-01', end: '2026-02-28' } });
    expect(resolvePeriod({ kind: 'custom', start: '2026-01-05', end: '2026-03-15' }, today)).toMatchObject({ ok: true, period: { label: '2026-01-05 to 2026-03-15' } });
  });
  test('refused with the reason: in the future, not ended, upside down, not a date', () => {
    const why = (kind: 'month' | 'quarter' | 'year' | 'custom', start: string, end = '') => {
      const r = resolvePeriod({ kind, start, end }, today);
      return r.ok ? 'accepted' : `${r.field}: ${r.message}`;
    };
    expect(why('month', '2026-04-01')).toBe('start: April 2026 has not started yet (today is 2026-03-15): the simulator replays deals already won, so choose a past period');
    expect(why('quarter', '2026-01-01')).toBe(
      'start: Q1 2026 has not ended yet (it ends 2026-03-31; today is 2026-03-15): choose a period that has ended, or a custom range ending today at the latest',
    );
    expect(why('custom', '2026-03-01', '2026-03-16')).toMatch(/^end: 2026-03-01 to 2026-03-16 has not ended yet/);
    expect(why('custom', '2026-02-10', '2026-02-01')).toBe('end: The last day (2026-02-01) is before the first (2026-02-10)');
    expect(why('custom', 'yesterday', '2026-02-01')).toBe('start: The period needs a first day written YYYY-MM-DD');
  });
});

describe('simulationCsv', () => {
  test('the total, each partner and each deal, parseable, with every text field safe to open in a spreadsheet', () => {
    const sim = simulatePlan(input());
    const csv = simulationCsv(sim, { period: { kind: 'month', start: '2026-02-01', end: '2026-02-28', label: 'February 2026' }, currency: 'USD', planRuleIds: ['R-000001', 'R-000003', 'R-000004'] });
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    expect(rows.map((r) => [r.row_type, r.partner_id, r.lead_id, r.actual, r.plan, r.difference, r.difference_percent])).toEqual([
      ['total', '', '', '4500.00', '5600.00', '1100.00', '24.4'],
      ['partner', 'P-000001', '', '4000.00', '5100.00', '1100.00', '27.5'],
      ['partner', 'P-000002', '', '500.00', '500.00', '0.00', '0.0'],
      ['partner', 'P-000009', '', '0.00', '0.00', '0.00', ''],
      ['deal', 'P-000001', 'L-000002', '4000.00', '5100.00', '1100.00', '27.5'],
      ['deal', 'P-000002', 'L-000003', '500.00', '500.00', '0.00', '0.0'],
      ['deal', 'P-000009', 'L-000005', '0.00', '0.00', '0.00', ''],
    ]);
    expect(rows[0].note).toBe('February 2026 (2026-02-01 to 2026-02-28), USD; plan: R-000001 R-000003 R-000004; 1 deal(s) the plan does not cover pay nothing under it');
    expect(rows[2].partner_name).toBe('\'=HYPERLINK("http://evil.example","Bolt")');
    expect(rows[6].note).toBe('L-000005: partner P-000009 is not on the Partners tab');
    const TEXT = ['row_type', 'partner_id', 'partner_name', 'lead_id', 'closed_on', 'tier', 'note'];
    for (const r of rows) for (const k of TEXT) expect([k, r[k]]).not.toEqual([k, expect.stringMatching(/^[=+\-@\t\r]/)]);
  });
});

describe('startingPlan', () => {
  test('rules in effect and drafts, less each live Base rule a Base draft of the same scope and overlapping dates replaces', () => {
    const endedLastYear = rule({ id: 'R-000006', rate: 0.15, partnerTier: 'Gold', effectiveTo: '2025-12-31', row: 6 });
    const retired = rule({ id: 'R-000007', active: false, row: 7 });
    const liveBonus = rule({ id: 'R-000008', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 5_000, product: 'Core Platform', row: 8 });
    const draftFrom2026 = { ...DRAFT_GOLD, effectiveFrom: '2026-01-01' };
    const plan = startingPlan([LIVE_ANY, LIVE_GOLD, draftFrom2026, DRAFT_BONUS, endedLastYear, retired, liveBonus]);
    expect(plan.map((c) => [c.id, c.inPlan, c.replacedBy])).toEqual([
      ['R-000001', true, null], // any partner: another scope than the Gold draft
      ['R-000002', false, 'R-000003'],
      ['R-000003', true, null],
      ['R-000004', true, null],
      ['R-000006', true, null], // ended before the draft starts: they never meet
      ['R-000007', false, null],
      ['R-000008', true, null], // bonuses do not compete: a draft bonus replaces nothing
    ]);
  });
});

describe('saved plans', () => {
  const scenario = (name: string, ruleIds = ['R-000001']): Scenario => ({ name, ruleIds, savedBy: 'boss@example.com', savedAt: '2026-03-10T15:00:00.000Z' });
  test('saved by name (any case replaces), sorted, bounded, and what the tracker did not write reads as none', () => {
    const first = withScenario([], scenario(' Proposal '));
    expect(first).toMatchObject({ ok: true, scenarios: [{ name: 'Proposal' }] });
    const list = first.ok ? first.scenarios : [];
    expect(withScenario(list, scenario('PROPOSAL', ['R-000002', 'R-000002']))).toMatchObject({ ok: true, scenarios: [{ name: 'PROPOSAL', ruleIds: ['R-000002'] }] });
    expect(withScenario(list, scenario(''))).toEqual({ ok: false, field: 'name', message: 'Give the plan a name' });
    expect(withScenario(list, scenario('x'.repeat(61)))).toMatchObject({ ok: false, field: 'name' });
    const twenty = Array.from({ length: 20 }, (_, i) => scenario(`Plan ${i}`));
    expect(withScenario(twenty, scenario('One more'))).toEqual({ ok: false, field: 'name', message: 'At most 20 saved plans: delete one first' });
    expect(withScenario(twenty, scenario('plan 3'))).toMatchObject({ ok: true });
    const big = Array.from({ length: 800 }, (_, i) => `R-${String(i).padStart(6, '0')}`);
    expect(withScenario([], scenario('Big', big))).toMatchObject({ ok: false, field: 'rules', message: expect.stringMatching(/would not fit in the 9 KB/) });
    expect(parseScenarios('not json')).toEqual([]);
    expect(parseScenarios('[{"name":"x"}]')).toEqual([]);
    expect(parseScenarios(JSON.stringify([scenario('Kept')]))).toEqual([scenario('Kept')]);
  });
});

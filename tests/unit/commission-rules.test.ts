import { RuleRow, commissionLines, parseRules, selectBaseRule } from '../../src/domain/commissions';
import { row, rule, deal, problemsOf, TIERS } from './commission-test-fixtures';

/** Commission rules: what a Commission Rules row may hold, and which base rule wins for a deal. */

describe('parseRules', () => {
  test('reads a valid tab: money to cents, rates as fractions, blanks as null/any', () => {
    const { rules, problems } = parseRules([
      row({
        id: 'R-000001',
        name: 'Gold resellers',
        partnerTier: 'Gold',
        partnerType: 'Reseller',
        product: ' Core Platform ',
        rate: 0.2,
        acceleratorThreshold: 100000,
        acceleratorRate: '25%',
        capPerDeal: '1,500.50',
        holdingDays: 45,
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
      }),
      row({ row: 3, id: 'R-000002', name: 'Spring SPIFF', ruleType: 'Bonus', kind: 'Flat', rate: '', flatAmount: 500, holdingDays: '0' }),
    ]);
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      rule({
        name: 'Gold resellers',
        partnerTier: 'Gold',
        partnerType: 'Reseller',
        product: 'Core Platform',
        rate: 0.2,
        acceleratorThresholdCents: 10_000_000,
        acceleratorRate: 0.25,
        capPerDealCents: 150_050,
        holdingDays: 45,
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
      }),
      rule({ id: 'R-000002', name: 'Spring SPIFF', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 50_000, holdingDays: 0, row: 3 }),
    ]);
  });

  test('blank rows are skipped silently', () => {
    const blank = row({ row: 5, id: '', name: '', ruleType: '', kind: '', rate: '' });
    expect(parseRules([blank, row()])).toEqual({ rules: [rule()], problems: [] });
  });

  test('rates: float artefacts count as the rate meant; more than 4 decimals of a percent is refused', () => {
    expect(parseRules([row({ rate: 0.1 + 0.2 })]).rules[0].rate).toBe(0.3);
    expect(parseRules([row({ rate: '12.3456%' })]).rules[0].rate).toBe(0.123456);
    expect(problemsOf({ rate: 0.1234567 })).toEqual(['R-000003 (row 4): Rate must have at most 4 decimal places as a percentage (like 12.3456%)']);
    expect(problemsOf({ rate: 'twenty' })).toEqual(['R-000003 (row 4): Rate must be a percentage like 20%']);
  });

  test.each<[string, Partial<RuleRow>, string[]]>([
    ['a Percentage rule with no rate', { rate: '' }, ['a Percentage rule needs a rate between 0% and 100%']],
    ['a zero rate', { rate: 0 }, ['a Percentage rule needs a rate between 0% and 100%']],
    ['a rate above 100%', { rate: 1.5 }, ['a Percentage rule needs a rate between 0% and 100%']],
    ['a negative rate', { rate: '-5%' }, ['a Percentage rule needs a rate between 0% and 100%']],
    ['a Percentage rule with a flat amount', { flatAmount: 100 }, ['a Percentage rule takes a rate, not a flat amount; clear the Flat Amount']],
    ['a Flat rule with no amount', { kind: 'Flat', rate: '' }, ['a Flat rule needs a flat amount more than 0']],
    ['a Flat rule of zero', { kind: 'Flat', rate: '', flatAmount: 0 }, ['a Flat rule needs a flat amount more than 0']],
    ['a Flat rule with a rate', { kind: 'Flat', flatAmount: 500 }, ['a Flat rule takes a flat amount, not a rate; clear the Rate']],
    ['a negative flat amount', { kind: 'Flat', rate: '', flatAmount: -5 }, ['Flat Amount must not be negative']],
    ['a flat amount with fractions of a cent', { kind: 'Flat', rate: '', flatAmount: 10.555 }, ['Flat Amount must have at most two decimal places']],
    ['a threshold without a rate', { acceleratorThreshold: 100000 }, ['an accelerator needs both an Accelerator Threshold and an Accelerator Rate']],
    ['a rate without a threshold', { acceleratorRate: 0.25 }, ['an accelerator needs both an Accelerator Threshold and an Accelerator Rate']],
    ['an accelerator rate above 100%', { acceleratorThreshold: 1000, acceleratorRate: 1.2 }, ['Accelerator Rate must be between 0% and 100%']],
    ['a zero threshold', { acceleratorThreshold: 0, acceleratorRate: 0.25 }, ['Accelerator Threshold must be more than 0']],
    [
      'an accelerator on a Flat rule',
      { kind: 'Flat', rate: '', flatAmount: 500, acceleratorThreshold: 1000, acceleratorRate: 0.25 },
      ['a Flat rule cannot have an accelerator; clear the Accelerator Threshold and Accelerator Rate'],
    ],
    [
      'an accelerator on a Bonus rule',
      { ruleType: 'Bonus', acceleratorThreshold: 1000, acceleratorRate: 0.25 },
      ['a Bonus rule cannot have an accelerator (accelerators belong to Base rules); clear the Accelerator Threshold and Accelerator Rate'],
    ],
    ['a zero cap', { capPerDeal: 0 }, ['Cap Per Deal must be more than 0 (leave it blank for no cap)']],
    ['a negative cap', { capPerDeal: '-100' }, ['Cap Per Deal must not be negative']],
    ['a cap that is not money', { capPerDeal: 'lots' }, ['Cap Per Deal must be an amount like 12500 or 12,500.50']],
    ['holding days above 365', { holdingDays: 400 }, ['Holding Days must be a whole number from 0 to 365, or blank for the Settings default']],
    ['fractional holding days', { holdingDays: 2.5 }, ['Holding Days must be a whole number from 0 to 365, or blank for the Settings default']],
    ['negative holding days', { holdingDays: '-1' }, ['Holding Days must be a whole number from 0 to 365, or blank for the Settings default']],
    ['dates the wrong way round', { effectiveFrom: '2026-06-01', effectiveTo: '2026-05-31' }, ['Effective From (2026-06-01) must be on or before Effective To (2026-05-31)']],
    ['a date that is not a date', { effectiveTo: '2026-02-30' }, ['Effective To must be a date written YYYY-MM-DD']],
    ['an unknown tier', { partnerTier: 'Diamond' }, ['Partner Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold or Platinum, or blank for any tier']],
    ['an unknown partner type', { partnerType: 'Distributor' }, ['Partner Type must be Referral, Reseller or Affiliate, or blank for any type']],
    ['no rule type', { ruleType: '' }, ['Rule Type must be Base or Bonus']],
    ['an unknown kind', { kind: 'Percent' }, ['Kind must be Percentage or Flat']],
    ['no name', { name: '' }, ['Name is required']],
  ])('%s is reported by rule and row', (_title, overrides, messages) => {
    expect(problemsOf(overrides)).toEqual(messages.map((m) => `R-000003 (row 4): ${m}`));
  });

  test('a row with several problems reports every one, and is left out', () => {
    const result = parseRules([row(), row({ row: 4, id: 'R-000003', partnerTier: 'Diamond', rate: 2, capPerDeal: 0, effectiveFrom: '2026-02-01', effectiveTo: '2026-01-01' })], TIERS);
    expect(result.rules.map((r) => r.id)).toEqual(['R-000001']);
    expect(result.problems).toEqual([
      { row: 4, ruleId: 'R-000003', message: 'R-000003 (row 4): Partner Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold or Platinum, or blank for any tier' },
      { row: 4, ruleId: 'R-000003', message: 'R-000003 (row 4): a Percentage rule needs a rate between 0% and 100%' },
      { row: 4, ruleId: 'R-000003', message: 'R-000003 (row 4): Cap Per Deal must be more than 0 (leave it blank for no cap)' },
      { row: 4, ruleId: 'R-000003', message: 'R-000003 (row 4): Effective From (2026-02-01) must be on or before Effective To (2026-01-01)' },
    ]);
  });

  test('a rule with no ID, and rules sharing an ID, are reported and left out', () => {
    const result = parseRules([row({ row: 2 }), row({ row: 3, id: '', name: 'Typed by hand' }), row({ row: 7 }), row({ row: 8, id: 'R-000002' })]);
    expect(result.rules.map((r) => r.id)).toEqual(['R-000002']);
    expect(result.problems.map((p) => p.message)).toEqual([
      'R-000001 (row 2): Rule ID R-000001 is also used on row 7; each rule needs its own ID',
      'A rule with no ID (row 3): Rule ID is missing; the tracker assigns one when it adopts the row (on the edit, with Check tracker in the add-on menu, or when it next makes commissions)',
      'R-000001 (row 7): Rule ID R-000001 is also used on row 2; each rule needs its own ID',
    ]);
  });
});

describe('precedence', () => {
  const any = rule({ id: 'R-000001', rate: 0.1 });
  const gold = rule({ id: 'R-000002', partnerTier: 'Gold', rate: 0.15 });
  const goldCore = rule({ id: 'R-000003', partnerTier: 'Gold', product: 'Core Platform', rate: 0.2 });
  const silverCore = rule({ id: 'R-000004', partnerTier: 'Silver', product: 'Core Platform', rate: 0.3 });

  test('the most specific applicable rule wins; rules for other partners or products never apply', () => {
    expect(selectBaseRule([any, gold, goldCore, silverCore], deal())).toEqual({ ok: true, rule: goldCore });
    expect(selectBaseRule([any, gold, goldCore, silverCore], deal({ product: 'Analytics Add-on' }))).toEqual({ ok: true, rule: gold });
    expect(selectBaseRule([any, gold, goldCore, silverCore], deal({ partnerTier: 'Platinum' }))).toEqual({ ok: true, rule: any });
  });

  test('effective dates are inclusive at both ends; blank ends are open', () => {
    const old = rule({ id: 'R-000005', partnerTier: 'Gold', rate: 0.15, effectiveTo: '2026-02-28' });
    const current = rule({ id: 'R-000006', partnerTier: 'Gold', rate: 0.18, effectiveFrom: '2026-03-01' });
    const pick = (closedOn: string) => {
      const s = selectBaseRule([any, old, current], deal({ closedOn }));
      return s.ok ? s.rule.id : s.message;
    };
    expect(pick('2025-01-01')).toBe('R-000005');
    expect(pick('2026-02-28')).toBe('R-000005');
    expect(pick('2026-03-01')).toBe('R-000006');
    expect(pick('2030-12-31')).toBe('R-000006');
    const spring = rule({ id: 'R-000007', partnerTier: 'Gold', effectiveFrom: '2026-03-01', effectiveTo: '2026-05-31' });
    expect(selectBaseRule([any, spring], deal({ closedOn: '2026-05-31' }))).toMatchObject({ ok: true, rule: { id: 'R-000007' } });
    expect(selectBaseRule([any, spring], deal({ closedOn: '2026-06-01' }))).toMatchObject({ ok: true, rule: { id: 'R-000001' } });
    expect(selectBaseRule([any, spring], deal({ closedOn: '2026-02-28' }))).toMatchObject({ ok: true, rule: { id: 'R-000001' } });
  });

  test('a tie at the highest precedence is reported, not guessed', () => {
    const twin = rule({ id: 'R-000005', partnerTier: 'Gold', product: 'Core Platform', rate: 0.25 });
    expect(selectBaseRule([any, rule({ ...goldCore, id: 'R-000002' }), twin], deal())).toEqual({
      ok: false,
      reason: 'ambiguous',
      message: "R-000002 and R-000005 both apply to L-000012 with the same precedence (tier Gold, product Core Platform); make one more specific or end one's dates",
    });
    const byType = rule({ id: 'R-000008', partnerType: 'Reseller' });
    const byProduct = rule({ id: 'R-000009', product: 'Core Platform' });
    expect(selectBaseRule([any, gold, byType, byProduct], deal())).toMatchObject({
      ok: false,
      reason: 'ambiguous',
      message: "R-000002, R-000008 and R-000009 all apply to L-000012 with the same precedence (tier Gold, type Reseller, product Core Platform); make one more specific or end one's dates",
    });
    // A tie that an end date resolves is no tie on later deals.
    const ended = rule({ ...twin, effectiveTo: '2026-02-28' });
    expect(selectBaseRule([goldCore, ended], deal())).toEqual({ ok: true, rule: goldCore });
  });

  test("no applicable rule is reported with the deal's particulars", () => {
    expect(selectBaseRule([silverCore], deal())).toEqual({
      ok: false,
      reason: 'none',
      message: 'No commission rule applies to L-000012 (Gold Reseller, Core Platform, closed 2026-03-01)',
    });
    // Bonus rules are not Base rules.
    expect(selectBaseRule([rule({ ruleType: 'Bonus' })], deal())).toMatchObject({ ok: false, reason: 'none' });
    expect(commissionLines(deal(), [silverCore], 0, 30)).toEqual({ ok: false, message: 'No commission rule applies to L-000012 (Gold Reseller, Core Platform, closed 2026-03-01)' });
  });
});

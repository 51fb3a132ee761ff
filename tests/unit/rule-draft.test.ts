import { RuleDraft, checkRuleDraft, moneyText, parseRules, ruleApplies, ruleExample, ruleSummary, selectBaseRule } from '../../src/domain/commissions';
import { deal, row, rule } from './commission-test-fixtures';

/** The Active column, the rule builder's draft check (shared by the sidebar and apiSaveRule), and rules in plain words. */

const draft = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  id: '',
  name: 'Standard',
  ruleType: 'Base',
  kind: 'Percentage',
  rate: '10',
  flatAmount: '',
  acceleratorThreshold: '',
  acceleratorRate: '',
  capPerDeal: '',
  holdingDays: '',
  partnerTier: '',
  partnerType: '',
  product: '',
  effectiveFrom: '',
  effectiveTo: '',
  active: 'Yes',
  notes: '',
  ...over,
});

describe('Active', () => {
  test('blank and Yes are active, No is kept but applies to no deal, anything else is a problem', () => {
    const { rules, problems } = parseRules([row({ active: '' }), row({ row: 3, id: 'R-000002', active: 'No' }), row({ row: 4, id: 'R-000003', active: 'Maybe' }), row({ row: 5, id: 'R-000004' })]);
    expect(rules.map((r) => [r.id, r.active])).toEqual([
      ['R-000001', true],
      ['R-000002', false],
      ['R-000004', true],
    ]);
    expect(problems.map((p) => p.message)).toEqual(['R-000003 (row 4): Active must be Yes, No or Draft, or blank for Yes']);
    expect(ruleApplies(rules[1], deal())).toBe(false);
    expect(ruleApplies(rules[0], deal())).toBe(true);
  });

  test('Draft is a rule that pays nothing and ties with no rule in effect: the live rule of the same precedence still wins', () => {
    const { rules, problems } = parseRules([row({ rate: 0.2 }), row({ row: 3, id: 'R-000002', rate: 0.25, active: 'Draft' })]);
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.id, r.active, r.draft])).toEqual([
      ['R-000001', true, false],
      ['R-000002', false, true],
    ]);
    expect(selectBaseRule(rules, deal())).toEqual({ ok: true, rule: rules[0] });
    expect(ruleExample(rules[1], 'USD')).toMatch(/Draft: it pays nothing; the Plan simulator tries it/);
    expect(checkRuleDraft(draft({ active: 'Draft' }))).toMatchObject({ ok: true, rule: { active: false, draft: true } });
  });
});

describe('checkRuleDraft', () => {
  test('reads rates typed as percentages ("10", "12.5%") and money as typed', () => {
    const checked = checkRuleDraft(draft({ rate: '12.5%', acceleratorThreshold: '50,000', acceleratorRate: '15', capPerDeal: '2500.50', holdingDays: '0', active: 'No' }));
    expect(checked).toEqual({
      ok: true,
      rule: rule({ name: 'Standard', id: '', row: 0, rate: 0.125, acceleratorThresholdCents: 5_000_000, acceleratorRate: 0.15, capPerDealCents: 250_050, holdingDays: 0, active: false }),
    });
    expect(checkRuleDraft(draft({ rate: '10' }))).toMatchObject({ ok: true, rule: { rate: 0.1 } });
  });

  test("gives each field its first problem, in the words the tab's own check uses", () => {
    expect(checkRuleDraft(draft({ kind: 'Flat', rate: '10', flatAmount: '', partnerTier: 'Diamond', notes: 'x'.repeat(2001) }), ['Registered', 'Silver', 'Gold', 'Platinum'])).toEqual({
      ok: false,
      errors: {
        partnerTier: 'Partner Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold or Platinum, or blank for any tier',
        flatAmount: 'A Flat rule needs a flat amount more than 0',
        rate: 'A Flat rule takes a flat amount, not a rate; clear the Rate',
        notes: 'Notes must be at most 2000 characters',
      },
    });
    expect(checkRuleDraft(draft({ rate: '150' }))).toEqual({ ok: false, errors: { rate: 'A Percentage rule needs a rate between 0% and 100%' } });
  });
});

describe('rules in plain words', () => {
  test('money in the programme currency, without cents when whole', () => {
    expect([moneyText(1_000_000, 'USD'), moneyText(1_250, 'EUR'), moneyText(123_456_789, 'GBP'), moneyText(1_000_000, 'CHF'), moneyText(-50, 'USD')]).toEqual([
      '$10,000',
      '€12.50',
      '£1,234,567.89',
      '10,000 CHF',
      '-$0.50',
    ]);
  });

  test('a summary and a worked example for base, flat bonus and capped rules', () => {
    const gold = rule({ partnerTier: 'Gold', partnerType: 'Reseller', product: 'Core Platform', rate: 0.1, effectiveFrom: '2026-01-01' });
    expect(ruleSummary(gold, 'USD')).toBe('10% of the deal, Gold resellers, Core Platform, from 1 Jan 2026');
    expect(ruleExample(gold, 'USD')).toBe('A $10,000 deal pays $1,000. Payable after the holding period in Settings.');
    const spiff = rule({ ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 50_000, partnerType: 'Referral', effectiveFrom: '2026-10-01', effectiveTo: '2026-12-31', holdingDays: 0 });
    expect(ruleSummary(spiff, 'USD')).toBe('Bonus: $500 a deal, referral partners, any product, from 1 Oct 2026 to 31 Dec 2026');
    expect(ruleExample(spiff, 'USD')).toBe('A $10,000 deal pays $500. Payable as soon as the deal is won. A bonus is paid on top of the base rule.');
    const capped = rule({ rate: 0.2, capPerDealCents: 150_000, holdingDays: 1, effectiveTo: '2026-06-30' });
    expect(ruleSummary(capped, 'EUR')).toBe('20% of the deal, at most €1,500 a deal, every partner, any product, until 30 Jun 2026');
    expect(ruleExample(capped, 'EUR')).toBe('A €10,000 deal pays €1,500. Payable 1 day after the deal closes.');
  });
});

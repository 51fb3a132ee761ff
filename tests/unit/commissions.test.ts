import {
  CommissionLine,
  CommissionRule,
  RuleRow,
  WonDeal,
  amountFormula,
  applyRate,
  centsToFormulaNumber,
  clawbackLines,
  commissionLines,
  formatCents,
  parseRules,
  priorWonInQuarter,
  quarterOf,
  rateToMicros,
  selectBaseRule,
} from '../../src/domain/commissions';

function row(overrides: Partial<RuleRow> = {}): RuleRow {
  return {
    row: 2,
    id: 'R-000001',
    name: 'Standard',
    ruleType: 'Base',
    partnerTier: '',
    partnerType: '',
    product: '',
    kind: 'Percentage',
    rate: 0.2,
    flatAmount: '',
    acceleratorThreshold: '',
    acceleratorRate: '',
    capPerDeal: '',
    holdingDays: '',
    effectiveFrom: '',
    effectiveTo: '',
    ...overrides,
  };
}

function rule(overrides: Partial<CommissionRule> = {}): CommissionRule {
  return {
    id: 'R-000001',
    name: 'Standard',
    ruleType: 'Base',
    partnerTier: '',
    partnerType: '',
    product: '',
    kind: 'Percentage',
    rate: 0.2,
    flatAmountCents: null,
    acceleratorThresholdCents: null,
    acceleratorRate: null,
    capPerDealCents: null,
    holdingDays: null,
    effectiveFrom: '',
    effectiveTo: '',
    row: 2,
    ...overrides,
  };
}

function deal(overrides: Partial<WonDeal> = {}): WonDeal {
  return {
    leadId: 'L-000012',
    partnerId: 'P-000001',
    partnerTier: 'Gold',
    partnerType: 'Reseller',
    product: 'Core Platform',
    dealAmountCents: 1_000_000,
    closedOn: '2026-03-01',
    ...overrides,
  };
}

/** Messages for one row's problems. */
function problemsOf(overrides: Partial<RuleRow>): string[] {
  return parseRules([row({ row: 4, id: 'R-000003', ...overrides })]).problems.map((p) => p.message);
}

function linesOf(d: WonDeal, rules: CommissionRule[], prior = 0, holding = 30): CommissionLine[] {
  const result = commissionLines(d, rules, prior, holding);
  if (!result.ok) throw new Error(result.message);
  return result.lines;
}

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
    ['an unknown tier', { partnerTier: 'Diamond' }, ['Partner Tier must be Registered, Silver, Gold or Platinum, or blank for any tier']],
    ['an unknown partner type', { partnerType: 'Distributor' }, ['Partner Type must be Referral, Reseller or Affiliate, or blank for any type']],
    ['no rule type', { ruleType: '' }, ['Rule Type must be Base or Bonus']],
    ['an unknown kind', { kind: 'Percent' }, ['Kind must be Percentage or Flat']],
    ['no name', { name: '' }, ['Name is required']],
  ])('%s is reported by rule and row', (_title, overrides, messages) => {
    expect(problemsOf(overrides)).toEqual(messages.map((m) => `R-000003 (row 4): ${m}`));
  });

  test('a row with several problems reports every one, and is left out', () => {
    const result = parseRules([row(), row({ row: 4, id: 'R-000003', partnerTier: 'Diamond', rate: 2, capPerDeal: 0, effectiveFrom: '2026-02-01', effectiveTo: '2026-01-01' })]);
    expect(result.rules.map((r) => r.id)).toEqual(['R-000001']);
    expect(result.problems).toEqual([
      { row: 4, ruleId: 'R-000003', message: 'R-000003 (row 4): Partner Tier must be Registered, Silver, Gold or Platinum, or blank for any tier' },
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
      'A rule with no ID (row 3): Rule ID is missing; the tracker assigns one when the rule is saved (run setup to fill it in)',
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

describe('accelerators across the quarter', () => {
  test('quarterOf gives calendar quarters', () => {
    expect(quarterOf('2026-02-14')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterOf('2024-01-01')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(quarterOf('2026-06-30')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(quarterOf('2026-09-01')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(quarterOf('2026-12-31')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });

  test("prior won revenue: the partner's earlier deals in the same quarter only, same-day ties by lead ID", () => {
    const me = { leadId: 'L-000050', partnerId: 'P-000001', dealAmountCents: 100, closedOn: '2026-05-10' };
    const deals = [
      me,
      { leadId: 'L-000001', partnerId: 'P-000001', dealAmountCents: 1, closedOn: '2026-04-01' }, // first day of the quarter
      { leadId: 'L-000002', partnerId: 'P-000001', dealAmountCents: 2, closedOn: '2026-03-31' }, // last quarter
      { leadId: 'L-000003', partnerId: 'P-000002', dealAmountCents: 4, closedOn: '2026-04-15' }, // another partner
      { leadId: 'L-000049', partnerId: 'P-000001', dealAmountCents: 8, closedOn: '2026-05-10' }, // same day, lower ID
      { leadId: 'L-000051', partnerId: 'P-000001', dealAmountCents: 16, closedOn: '2026-05-10' }, // same day, higher ID
      { leadId: 'L-000010', partnerId: 'P-000001', dealAmountCents: 32, closedOn: '2026-05-11' }, // later
      { leadId: 'L-000011', partnerId: 'P-000001', dealAmountCents: 64, closedOn: '2026-07-01' }, // next quarter
      { leadId: 'L-1000000', partnerId: 'P-000001', dealAmountCents: 128, closedOn: '2026-05-10' }, // same day, numerically higher ID
    ];
    expect(priorWonInQuarter(deals, me)).toBe(1 + 8);
    expect(priorWonInQuarter(deals, deals[8])).toBe(1 + 8 + 100 + 16);
    expect(priorWonInQuarter([], me)).toBe(0);
  });

  const accelerated = rule({ rate: 0.2, acceleratorThresholdCents: 10_000_000, acceleratorRate: 0.25 });
  const part = (lines: CommissionLine[]) => lines.map((l) => [l.dealAmountCents, l.rate, l.amountCents]);

  test('below or reaching the threshold: one line at the base rate', () => {
    expect(part(linesOf(deal({ dealAmountCents: 3_000_000 }), [accelerated], 5_000_000))).toEqual([[3_000_000, 0.2, 600_000]]);
    expect(part(linesOf(deal({ dealAmountCents: 5_000_000 }), [accelerated], 5_000_000))).toEqual([[5_000_000, 0.2, 1_000_000]]);
  });

  test('straddling the threshold: the part up to it at the base rate, the rest at the accelerator rate', () => {
    expect(part(linesOf(deal({ dealAmountCents: 4_000_001 }), [accelerated], 7_000_000))).toEqual([
      [3_000_000, 0.2, 600_000],
      [1_000_001, 0.25, 250_000], // 250,000.25 cents → 250,000
    ]);
  });

  test('at or above the threshold already: the whole deal at the accelerator rate', () => {
    expect(part(linesOf(deal({ dealAmountCents: 1_000_000 }), [accelerated], 10_000_000))).toEqual([[1_000_000, 0.25, 250_000]]);
    expect(part(linesOf(deal({ dealAmountCents: 1_000_000 }), [accelerated], 12_000_000))).toEqual([[1_000_000, 0.25, 250_000]]);
  });

  test('a new quarter starts again below the threshold', () => {
    const deals = [
      { leadId: 'L-000001', partnerId: 'P-000001', dealAmountCents: 9_000_000, closedOn: '2026-03-31' },
      { leadId: 'L-000002', partnerId: 'P-000001', dealAmountCents: 2_000_000, closedOn: '2026-03-31' },
      { leadId: 'L-000003', partnerId: 'P-000001', dealAmountCents: 2_000_000, closedOn: '2026-04-01' },
    ];
    const run = (i: number) => {
      const d = deal({ ...deals[i], closedOn: deals[i].closedOn });
      return part(linesOf(d, [accelerated], priorWonInQuarter(deals, d)));
    };
    expect(run(0)).toEqual([[9_000_000, 0.2, 1_800_000]]);
    expect(run(1)).toEqual([
      [1_000_000, 0.2, 200_000],
      [1_000_000, 0.25, 250_000],
    ]);
    expect(run(2)).toEqual([[2_000_000, 0.2, 400_000]]);
  });
});

describe('lines: bonuses, caps, flat rules, holding days', () => {
  test('bonus rules in their date range each add a line; outside it they do not', () => {
    const base = rule({ id: 'R-000001', rate: 0.1 });
    const spiff = rule({ id: 'R-000002', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 50_000, effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31', row: 3 });
    const goldSpiff = rule({ id: 'R-000003', ruleType: 'Bonus', partnerTier: 'Gold', rate: 0.02, effectiveFrom: '2026-02-01', effectiveTo: '2026-03-15', row: 4 });
    const silverSpiff = rule({ id: 'R-000004', ruleType: 'Bonus', partnerTier: 'Silver', rate: 0.05, row: 5 });
    const rules = [base, goldSpiff, spiff, silverSpiff];
    const kinds = (closedOn: string) => linesOf(deal({ closedOn }), rules).map((l) => [l.kind, l.ruleId, l.amountCents]);
    expect(kinds('2026-03-01')).toEqual([
      ['Base', 'R-000001', 100_000],
      ['Bonus', 'R-000002', 50_000],
      ['Bonus', 'R-000003', 20_000],
    ]);
    expect(kinds('2026-03-16')).toEqual([
      ['Base', 'R-000001', 100_000],
      ['Bonus', 'R-000002', 50_000],
    ]);
    expect(kinds('2026-03-31')).toEqual([
      ['Base', 'R-000001', 100_000],
      ['Bonus', 'R-000002', 50_000],
    ]);
    expect(kinds('2026-04-01')).toEqual([['Base', 'R-000001', 100_000]]);
    expect(kinds('2026-01-31')).toEqual([['Base', 'R-000001', 100_000]]);
  });

  test("a cap limits the rule's lines together: the second line gets what the first left", () => {
    const capped = (cap: number) => rule({ rate: 0.2, acceleratorThresholdCents: 1_000_000, acceleratorRate: 0.3, capPerDealCents: cap });
    const d = deal({ dealAmountCents: 2_000_000 }); // 1,000,000 at 20% = 200,000; 1,000,000 at 30% = 300,000
    const caps = (lines: CommissionLine[]) => lines.map((l) => [l.capCents, l.amountCents]);
    expect(caps(linesOf(d, [capped(350_000)]))).toEqual([
      [350_000, 200_000],
      [150_000, 150_000],
    ]);
    expect(caps(linesOf(d, [capped(150_000)]))).toEqual([
      [150_000, 150_000],
      [0, 0],
    ]);
    expect(caps(linesOf(d, [capped(900_000)]))).toEqual([
      [900_000, 200_000],
      [700_000, 300_000],
    ]);
    expect(caps(linesOf(d, [rule({ rate: 0.2, acceleratorThresholdCents: 1_000_000, acceleratorRate: 0.3 })]))).toEqual([
      [null, 200_000],
      [null, 300_000],
    ]);
    // A bonus's cap applies to its own line.
    const bonus = rule({ id: 'R-000002', ruleType: 'Bonus', rate: 0.1, capPerDealCents: 12_345, row: 3 });
    expect(caps(linesOf(d, [rule({ rate: 0.01 }), bonus]))).toEqual([
      [null, 20_000],
      [12_345, 12_345],
    ]);
  });

  test('a flat rule pays its amount once on the whole deal, capped', () => {
    const flat = rule({ kind: 'Flat', rate: null, flatAmountCents: 50_000 });
    expect(linesOf(deal(), [flat])).toEqual([
      { kind: 'Base', ruleId: 'R-000001', dealAmountCents: 1_000_000, rate: null, flatCents: 50_000, capCents: null, amountCents: 50_000, payableOn: '2026-03-31' },
    ]);
    expect(linesOf(deal(), [{ ...flat, capPerDealCents: 30_000 }])[0]).toMatchObject({ flatCents: 50_000, capCents: 30_000, amountCents: 30_000 });
  });

  test("holding days: the rule's own, else the Settings default", () => {
    const base = rule({ holdingDays: 45 });
    const bonus = rule({ id: 'R-000002', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 100, row: 3 });
    const immediate = rule({ id: 'R-000003', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 100, holdingDays: 0, row: 4 });
    expect(linesOf(deal({ closedOn: '2026-01-31' }), [base, bonus, immediate], 0, 30).map((l) => l.payableOn)).toEqual(['2026-03-17', '2026-03-02', '2026-01-31']);
    expect(linesOf(deal({ closedOn: '2024-02-28' }), [rule()], 0, 1)[0].payableOn).toBe('2024-02-29');
  });

  test('a deal without an amount or close date earns nothing, and says why', () => {
    expect(commissionLines(deal({ dealAmountCents: 0 }), [rule()], 0, 30)).toEqual({ ok: false, message: 'L-000012 needs a deal amount more than 0 before it can earn a commission' });
    expect(commissionLines(deal({ closedOn: '' }), [rule()], 0, 30)).toEqual({ ok: false, message: 'L-000012 needs a close date written YYYY-MM-DD before it can earn a commission' });
  });
});

describe('clawbacks', () => {
  test("each line's negative mirror, payable on the refund date, bounded by what was paid", () => {
    const rules = [
      rule({ rate: 0.2, acceleratorThresholdCents: 1_000_000, acceleratorRate: 0.3, capPerDealCents: 350_000 }),
      rule({ id: 'R-000002', ruleType: 'Bonus', kind: 'Flat', rate: null, flatAmountCents: 50_000, capPerDealCents: 30_000, row: 3 }),
    ];
    const original = linesOf(deal({ dealAmountCents: 2_000_001 }), rules);
    expect(clawbackLines(original, '2026-06-15')).toEqual([
      { kind: 'Clawback', ruleId: 'R-000001', dealAmountCents: -1_000_000, rate: 0.2, flatCents: null, capCents: 200_000, amountCents: -200_000, payableOn: '2026-06-15' },
      { kind: 'Clawback', ruleId: 'R-000001', dealAmountCents: -1_000_001, rate: 0.3, flatCents: null, capCents: 150_000, amountCents: -150_000, payableOn: '2026-06-15' },
      { kind: 'Clawback', ruleId: 'R-000002', dealAmountCents: -2_000_001, rate: null, flatCents: -50_000, capCents: 30_000, amountCents: -30_000, payableOn: '2026-06-15' },
    ]);
    const sum = [...original, ...clawbackLines(original, '2026-06-15')].reduce((s, l) => s + l.amountCents, 0);
    expect(sum).toBe(0);
    expect(clawbackLines(clawbackLines(original, '2026-06-15'), '2026-07-01')).toEqual([]);
  });
});

describe('rounding: once per line, half away from zero, exact', () => {
  test.each([
    [1005, 0.5, 503], // 502.5 → 503
    [-1005, 0.5, -503],
    [1004, 0.125, 126], // 125.5 → 126, though 10.04 × 0.125 is 1.25499999… in floating point
    [116, 0.125, 15], // 14.5
    [1, 0.5, 1],
    [1, 0.4999, 0],
    [3, 0.1 + 0.2, 1], // 0.9 → 1, the rate's float artefact ignored
    [100, 0.3333, 33],
    [150, 0.3333, 50], // 49.995 → 50
    [10_000_000_000_000, 0.999999, 9_999_990_000_000],
  ])('%d cents × %d = %d cents', (cents, rate, expected) => {
    expect(applyRate(cents, rate)).toBe(expected);
  });

  test('agrees with exact BigInt arithmetic over many random amounts and rates', () => {
    let s = 7;
    const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const wrong: number[][] = [];
    for (let i = 0; i < 20_000; i++) {
      const cents = Math.floor(next() * 10 ** (2 + Math.floor(next() * 11))) * (next() < 0.2 ? -1 : 1);
      const micros = 1 + Math.floor(next() * 1_000_000);
      const p = BigInt(Math.abs(cents)) * BigInt(micros);
      const q = p / BigInt(1_000_000) + ((p % BigInt(1_000_000)) * BigInt(2) >= BigInt(1_000_000) ? BigInt(1) : BigInt(0));
      const expected = Number(q) * (cents < 0 ? -1 : 1);
      const got = applyRate(cents, micros / 1_000_000);
      if (got !== (expected === 0 ? 0 : expected)) wrong.push([cents, micros, got, expected]);
    }
    expect(wrong).toEqual([]);
  });

  test('rateToMicros accepts float artefacts and refuses finer rates', () => {
    expect(rateToMicros(0.1 + 0.2)).toBe(300_000);
    expect(rateToMicros(0.075)).toBe(75_000);
    expect(rateToMicros(0.0000005)).toBeNull();
    expect(rateToMicros(Number.NaN)).toBeNull();
  });

  test('money text for formulas and for display', () => {
    expect([150_050, 150_000, 5, 0, -150_055, 123_456_789].map(centsToFormulaNumber)).toEqual(['1500.5', '1500', '0.05', '0', '-1500.55', '1234567.89']);
    expect([150_050, 5, 0, -50, 123_456_789, -100_000_000].map(formatCents)).toEqual(['1,500.50', '0.05', '0.00', '-0.50', '1,234,567.89', '-1,000,000.00']);
  });
});

describe('amountFormula', () => {
  const refs = { dealAmount: 'F12', rate: 'G12' };
  const pct = 'ROUND(ROUND(F12*G12*100,6),0)/100';
  const line = (overrides: Partial<CommissionLine>): CommissionLine => ({
    kind: 'Base',
    ruleId: 'R-000001',
    dealAmountCents: 1_000_000,
    rate: 0.2,
    flatCents: null,
    capCents: null,
    amountCents: 200_000,
    payableOn: '2026-03-31',
    ...overrides,
  });

  test.each<[string, Partial<CommissionLine>, string]>([
    ['percentage, uncapped', {}, `=${pct}`],
    ['percentage, capped', { capCents: 150_050, amountCents: 150_050 }, `=MIN(${pct},1500.5)`],
    ['percentage, cap exhausted', { capCents: 0, amountCents: 0 }, `=MIN(${pct},0)`],
    ['bonus, capped at whole units', { kind: 'Bonus', capCents: 1_234_500 }, `=MIN(${pct},12345)`],
    ['percentage clawback', { kind: 'Clawback', dealAmountCents: -1_000_000, capCents: 150_050, amountCents: -150_050 }, `=MAX(${pct},-1500.5)`],
    ['clawback of a line that paid nothing', { kind: 'Clawback', dealAmountCents: -1_000_000, capCents: 0, amountCents: 0 }, `=MAX(${pct},0)`],
    ['flat', { rate: null, flatCents: 50_000, amountCents: 50_000 }, '=500'],
    ['flat with cents', { rate: null, flatCents: 50_005, amountCents: 50_005 }, '=500.05'],
    ['flat, capped', { rate: null, flatCents: 50_000, capCents: 150_000, amountCents: 50_000 }, '=MIN(500,1500)'],
    ['flat clawback', { kind: 'Clawback', rate: null, dealAmountCents: -1_000_000, flatCents: -50_000, capCents: null, amountCents: -50_000 }, '=-500'],
    ['flat clawback, bounded', { kind: 'Clawback', rate: null, dealAmountCents: -1_000_000, flatCents: -50_000, capCents: 30_000, amountCents: -30_000 }, '=MAX(-500,-300)'],
  ])('%s', (_title, overrides, formula) => {
    expect(amountFormula(line(overrides), refs)).toBe(formula);
  });

  test('absolute references are allowed; anything else is refused', () => {
    expect(amountFormula(line({}), { dealAmount: '$F$3', rate: '$G3' })).toBe('=ROUND(ROUND($F$3*$G3*100,6),0)/100');
    expect(() => amountFormula(line({}), { dealAmount: 'F12)+1', rate: 'G12' })).toThrow('A1 references');
  });
});

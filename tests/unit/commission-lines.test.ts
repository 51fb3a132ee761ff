import { CommissionLine, clawbackLines, commissionLines, priorWonInQuarter, quarterOf } from '../../src/domain/commissions';
import { rule, deal, linesOf } from './commission-test-fixtures';

/** Commission lines for a won deal: the quarter's accelerator, bonuses, caps, flat rules, holding days, and clawbacks for a refund. */

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

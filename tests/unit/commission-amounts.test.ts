import { CommissionLine, amountFormula, applyRate, centsToFormulaNumber, formatCents, rateToMicros } from '../../src/domain/commissions';

/** Commission amounts: rounded once per line, half away from zero, exactly; the Amount formula the tab shows computes the same. */

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

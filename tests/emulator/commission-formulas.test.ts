import { emulated } from '../support/emulated';
import { centsToAmount } from '../../src/domain/fields';
import { CommissionLine, CommissionRule, WonDeal, amountFormula, applyRate, clawbackLines, commissionLines, formatCents } from '../../src/domain/commissions';
import { rule as ruleFixture } from '../unit/commission-test-fixtures';

/**
 * The Amount cell of a commission row is a real formula; the emulator's
 * formula engine (HyperFormula) must compute the same number the domain
 * wrote in amountCents, to the cent, and show it as the domain formats it.
 */

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const RATES = [0.125, 0.075, 0.3333, 0.2, 0.25, 0.15, 0.1, 0.05, 0.035, 0.0125, 0.07, 0.33, 0.123456, 0.999999, 0.000001, 1];

/** The unit tests' rule fixture, named as this file's rules always were. */
const rule = (overrides: Partial<CommissionRule>): CommissionRule => ruleFixture({ name: 'Rule', ...overrides });

function deal(cents: number, leadId = 'L-000001'): WonDeal {
  return { leadId, partnerId: 'P-000001', partnerTier: 'Gold', partnerType: 'Reseller', product: 'Core Platform', dealAmountCents: cents, closedOn: '2026-03-01' };
}

function pctLine(dealAmountCents: number, rate: number, capCents: number | null = null): CommissionLine {
  const raw = applyRate(dealAmountCents, rate);
  return { kind: 'Base', ruleId: 'R-000001', dealAmountCents, rate, flatCents: null, capCents, amountCents: capCents === null ? raw : Math.min(raw, capCents), payableOn: '2026-04-01' };
}

/** Deal amounts in cents where amount × rate ends in exactly half a cent: solves cents × micros ≡ 500000 (mod 10^6). */
function halfCentDeals(rate: number, count: number, next: () => number): number[] {
  const micros = Math.round(rate * 1e6);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(micros, 1_000_000);
  if (500_000 % g !== 0) return []; // e.g. 100%: never half a cent
  const modulus = 1_000_000 / g;
  const a = (micros / g) % modulus;
  let inverse = 1;
  while ((a * inverse) % modulus !== 1 % modulus) inverse++; // modulus ≤ 10^6: fine in a test
  const first = (((500_000 / g) % modulus) * inverse) % modulus;
  return Array.from({ length: count }, () => first + modulus * Math.floor(next() * (100_000_000 / modulus)));
}

function generatedLines(): CommissionLine[] {
  const next = random(20260301);
  const lines: CommissionLine[] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const someCents = () => 1 + Math.floor(next() * (next() < 0.5 ? 1_000_000 : 1_000_000_000)); // up to 10 million

  // Plain percentages, at every rate, with random amounts.
  for (let i = 0; i < 600; i++) lines.push(pctLine(someCents(), pick(RATES)));
  // Exactly half a cent: the rounding must go away from zero.
  for (const rate of RATES) for (const cents of halfCentDeals(rate, 15, next)) lines.push(pctLine(cents, rate));
  expect(lines.filter((l) => (l.dealAmountCents * Math.round((l.rate as number) * 1e6)) % 1_000_000 === 500_000).length).toBeGreaterThan(150);
  // Small amounts at .5 cents (0.04 × 12.5% = 0.005).
  for (let cents = 1; cents <= 200; cents++) lines.push(pctLine(cents, 0.125), pctLine(cents, 0.075));
  // Caps, some binding, some not, with odd cents.
  for (let i = 0; i < 300; i++) {
    const cents = someCents();
    const rate = pick(RATES);
    lines.push(pctLine(cents, rate, 1 + Math.floor(next() * applyRate(cents, rate) * 2)));
  }
  // Whole engine runs: accelerators straddling the threshold with caps shared across the split, flat rules, bonuses.
  for (let i = 0; i < 200; i++) {
    const cents = someCents();
    const threshold = 1 + Math.floor(next() * 2 * cents);
    const rules = [
      rule({ rate: pick(RATES), acceleratorThresholdCents: threshold, acceleratorRate: pick(RATES), capPerDealCents: next() < 0.5 ? null : 1 + Math.floor(next() * cents * 0.3) }),
      rule({
        id: 'R-000002',
        ruleType: 'Bonus',
        kind: 'Flat',
        rate: null,
        flatAmountCents: 1 + Math.floor(next() * 100_000),
        capPerDealCents: next() < 0.5 ? null : 1 + Math.floor(next() * 100_000),
        row: 3,
      }),
      rule({ id: 'R-000003', ruleType: 'Bonus', rate: pick(RATES), capPerDealCents: next() < 0.5 ? null : 1 + Math.floor(next() * 100_000), row: 4 }),
    ];
    const result = commissionLines(deal(cents, `L-${String(i).padStart(6, '0')}`), rules, Math.floor(next() * threshold), 30);
    if (!result.ok) throw new Error(result.message);
    lines.push(...result.lines);
  }
  // Every line's clawback.
  return [...lines, ...clawbackLines(lines, '2026-06-30')];
}

describe('commission Amount formulas on the emulator', () => {
  test('the formula engine computes every line amount to the cent, and shows it as the domain formats it', () => {
    const lines = generatedLines();
    expect(lines.length).toBeGreaterThan(2500);
    expect(lines.some((l) => l.capCents !== null && l.amountCents === l.capCents && l.rate !== null)).toBe(true);
    expect(lines.some((l) => l.kind === 'Clawback' && l.flatCents !== null)).toBe(true);

    const { ss, restore } = emulated();
    try {
      const sheet = ss.getSheets()[0];
      const n = lines.length;
      sheet.insertRowsAfter(sheet.getMaxRows(), n);
      sheet.getRange(1, 1, n, 2).setValues(lines.map((l) => [centsToAmount(l.dealAmountCents), l.rate ?? '']));
      sheet.getRange(1, 3, n, 1).setFormulas(lines.map((l, i) => [amountFormula(l, { dealAmount: `A${i + 1}`, rate: `B${i + 1}` })]));
      sheet.getRange(1, 3, n, 1).setNumberFormat('#,##0.00');

      const values = sheet
        .getRange(1, 3, n, 1)
        .getValues()
        .map((r) => r[0]);
      const shown = sheet
        .getRange(1, 3, n, 1)
        .getDisplayValues()
        .map((r) => r[0]);
      const wrong = lines
        .map((line, i) => ({ line, formula: amountFormula(line, { dealAmount: `A${i + 1}`, rate: `B${i + 1}` }), value: values[i], shown: shown[i] }))
        .filter(
          ({ line, value, shown }) => typeof value !== 'number' || Math.round(value * 100) !== line.amountCents || value !== centsToAmount(line.amountCents) || shown !== formatCents(line.amountCents),
        );
      expect(wrong.slice(0, 5)).toEqual([]);
    } finally {
      restore();
    }
  });

  test('a clawback row sums with its original to exactly zero', () => {
    const original = [pctLine(1004, 0.125), pctLine(123_456_789, 0.3333, 1_500_050), { ...pctLine(5000, 0.1), rate: null, flatCents: 50_000, capCents: 30_000, amountCents: 30_000 }];
    const lines = [...original, ...clawbackLines(original, '2026-05-01')];
    const { ss, restore } = emulated();
    try {
      const sheet = ss.getSheets()[0];
      sheet.getRange(1, 1, lines.length, 2).setValues(lines.map((l) => [centsToAmount(l.dealAmountCents), l.rate ?? '']));
      sheet.getRange(1, 3, lines.length, 1).setFormulas(lines.map((l, i) => [amountFormula(l, { dealAmount: `A${i + 1}`, rate: `B${i + 1}` })]));
      sheet.getRange('D1').setFormula(`=SUM(C1:C${lines.length})`);
      expect(
        sheet
          .getRange(1, 3, lines.length, 1)
          .getValues()
          .map((r) => Math.round(r[0] * 100)),
      ).toEqual(lines.map((l) => l.amountCents));
      expect(sheet.getRange('D1').getValue()).toBe(0);
    } finally {
      restore();
    }
  });
});

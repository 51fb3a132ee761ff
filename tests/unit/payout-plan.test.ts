import { PayoutLine, eligibleLines, planPayouts } from '../../src/domain/payouts';
import { formatCents } from '../../src/domain/commissions/money';
import { FEB_2026, line, partnersOf } from './payout-test-fixtures';

describe('eligibleLines', () => {
  it('takes Approved lines in no payout, payable by the end of the period (inclusive)', () => {
    const ok = line({ payableOn: '2026-02-28' });
    const early = line({ payableOn: '2025-11-03' });
    const lines = [
      ok,
      early,
      line({ payableOn: '2026-03-01' }),
      line({ status: 'Pending' }),
      line({ status: 'Payable' }),
      line({ status: 'Paid' }),
      line({ status: 'Void' }),
      line({ payoutId: 'PO-000001' }),
      line({ payableOn: '' }),
      line({ payableOn: 'soon' }),
    ];
    expect(eligibleLines(lines, '2026-02-28')).toEqual([ok, early]);
  });

  it('treats a blank-looking payout ID as none', () => {
    const l = line({ payoutId: '  ' });
    expect(eligibleLines([l], '2026-02-28')).toEqual([l]);
  });
});

describe('planPayouts', () => {
  const partners = partnersOf(['P-000001', 'Zeta Partners'], ['P-000002', 'acme resellers'], ['P-000003', 'Beta LLC']);

  it('nets clawbacks per partner, pays those above the minimum, sorted by name, with the exact total', () => {
    const lines = [
      line({ partnerId: 'P-000001', amountCents: 150_001 }),
      line({ partnerId: 'P-000001', kind: 'Bonus', amountCents: 10_000, rate: null }),
      line({ partnerId: 'P-000001', kind: 'Clawback', amountCents: -20_000 }),
      line({ partnerId: 'P-000002', amountCents: 99_999 }),
      line({ partnerId: 'P-000002', amountCents: 1 }),
    ];
    const plan = planPayouts(lines, partners, 10_000, FEB_2026);
    expect(plan.period).toBe(FEB_2026);
    expect(plan.payouts.map((p) => p.partner.name)).toEqual(['acme resellers', 'Zeta Partners']);
    const zeta = plan.payouts[1];
    expect([zeta.grossCents, zeta.clawbackCents, zeta.netCents, zeta.lines.length, zeta.outcome, zeta.reason]).toEqual([160_001, -20_000, 140_001, 3, 'pay', '']);
    expect(plan.payouts[0].netCents).toBe(100_000);
    expect(plan.totalCents).toBe(240_001);
    expect(plan.carried).toEqual([]);
    // Each partner's lines keep their order.
    expect(zeta.lines.map((l) => l.id)).toEqual(lines.slice(0, 3).map((l) => l.id));
  });

  it('carries forward a net below the minimum, and pays one exactly at the minimum', () => {
    const plan = planPayouts([line({ partnerId: 'P-000001', amountCents: 4_000 }), line({ partnerId: 'P-000002', amountCents: 10_000 })], partners, 10_000, FEB_2026);
    expect(plan.payouts.map((p) => p.partner.id)).toEqual(['P-000002']);
    expect(plan.carried).toHaveLength(1);
    expect(plan.carried[0].outcome).toBe('below-minimum');
    expect(plan.carried[0].reason).toBe('net 40.00 is below the minimum payout of 100.00');
    expect(plan.totalCents).toBe(10_000);
  });

  it('carries forward a negative balance from clawbacks, which blocks a payout', () => {
    const plan = planPayouts([line({ partnerId: 'P-000003', amountCents: 8_000 }), line({ partnerId: 'P-000003', kind: 'Clawback', amountCents: -20_000 })], partners, 0, FEB_2026);
    expect(plan.payouts).toEqual([]);
    expect(plan.totalCents).toBe(0);
    const beta = plan.carried[0];
    expect([beta.grossCents, beta.clawbackCents, beta.netCents, beta.outcome]).toEqual([8_000, -20_000, -12_000, 'negative']);
    expect(beta.reason).toBe('net -120.00: clawbacks exceed commissions; the balance carries forward and blocks payouts until covered');
  });

  it('never pays a zero net, even with no minimum', () => {
    const plan = planPayouts([line({ partnerId: 'P-000003', amountCents: 5_000 }), line({ partnerId: 'P-000003', kind: 'Clawback', amountCents: -5_000 })], partners, 0, FEB_2026);
    expect(plan.payouts).toEqual([]);
    expect(plan.carried[0].outcome).toBe('below-minimum');
    expect(plan.carried[0].reason).toBe('net 0.00: nothing to pay');
  });

  it('formats reasons with the given money format', () => {
    const plan = planPayouts([line({ amountCents: 4_000 })], partners, 10_000, FEB_2026, (c) => `EUR ${formatCents(c)}`);
    expect(plan.carried[0].reason).toBe('net EUR 40.00 is below the minimum payout of EUR 100.00');
  });

  it('still plans a partner missing from the Partners tab, named by its ID and with no email', () => {
    const plan = planPayouts([line({ partnerId: 'P-000999', amountCents: 50_000 })], partners, 0, FEB_2026);
    expect(plan.payouts[0].partner).toEqual({ id: 'P-000999', name: 'P-000999', email: '' });
    expect(plan.totalCents).toBe(50_000);
  });

  it('keeps totals exact to the cent over many lines of odd cents', () => {
    const lines: PayoutLine[] = [];
    let expected = 0;
    for (let i = 0; i < 3_000; i++) {
      const cents = ((i * 7_919) % 100_003) + 1; // 1 .. 100,003 cents, all sorts of odd amounts
      const partnerId = `P-${String(i % 37).padStart(6, '0')}`;
      lines.push(line({ partnerId, amountCents: cents }));
      if (i % 5 === 0) lines.push(line({ partnerId, kind: 'Clawback', amountCents: -Math.floor(cents / 3) }));
    }
    const plan = planPayouts(lines, new Map(), 0, FEB_2026);
    for (const p of [...plan.payouts, ...plan.carried]) {
      const own = lines.filter((l) => l.partnerId === p.partner.id);
      expect(p.netCents).toBe(own.reduce((s, l) => s + l.amountCents, 0));
    }
    for (const p of plan.payouts) expected += p.netCents;
    expect(plan.totalCents).toBe(expected);
    expect(plan.totalCents).toBe(lines.reduce((s, l) => s + l.amountCents, 0));
  });

  it('refuses amounts that are not whole cents, and a bad minimum', () => {
    expect(() => planPayouts([line({ amountCents: 10.5 })], partners, 0, FEB_2026)).toThrow('not whole cents');
    expect(() => planPayouts([], partners, -1, FEB_2026)).toThrow('minimum payout');
  });
});

// ---------------------------------------------------------------------------------------------

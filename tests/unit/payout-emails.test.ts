import { PartnerInfo, PayoutLine, PayoutPlan, planPayouts } from '../../src/domain/payouts';
import { EMAIL_BODY_LIMIT_BYTES, PayoutSummaryInput, changeAgainstPrevious, partnerStatementEmail, payoutSummaryEmail, rateText } from '../../src/domain/emails/payout-emails';
import { formatCents } from '../../src/domain/commissions/money';
import { FEB_2026, bytes, line, partnersOf } from './payout-test-fixtures';

function bigPlan(paidCount: number, carriedCount: number, name: (i: number) => string = (i) => `Partner ${String(i).padStart(5, '0')}`): PayoutPlan {
  const lines: PayoutLine[] = [];
  const partners = new Map<string, PartnerInfo>();
  for (let i = 0; i < paidCount + carriedCount; i++) {
    const id = `P-${String(i).padStart(6, '0')}`;
    partners.set(id, { id, name: name(i), email: `${id}@example.com` });
    const paid = i < paidCount;
    lines.push(line({ partnerId: id, amountCents: paid ? 100_000 + i * 101 + 7 : 1_000 + i }));
    lines.push(line({ partnerId: id, kind: 'Clawback', amountCents: -(i % 13) }));
  }
  return planPayouts(lines, partners, 50_000, FEB_2026);
}

function summaryInput(plan: PayoutPlan, overrides: Partial<PayoutSummaryInput> = {}): PayoutSummaryInput {
  return {
    programme: 'Acme Partner Programme',
    currency: 'USD',
    plan,
    payoutIds: new Map(plan.payouts.map((p, i) => [p.partner.id, `PO-${String(i + 1).padStart(6, '0')}`])),
    pendingApproval: { lines: 3, cents: 45_678 },
    previousTotalCents: null,
    spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
    payoutsUrl: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=42',
    ...overrides,
  };
}

describe('payoutSummaryEmail', () => {
  const partners = partnersOf(['P-000001', '<script>alert("x")</script>'], ['P-000002', 'Fish & Chips Ltd'], ['P-000003', 'Tiny Co']);
  const plan = planPayouts(
    [
      line({ partnerId: 'P-000001', amountCents: 123_456_789 }),
      line({ partnerId: 'P-000001', kind: 'Clawback', amountCents: -1 }),
      line({ partnerId: 'P-000002', amountCents: 10_001 }),
      line({ partnerId: 'P-000002', kind: 'Bonus', amountCents: 99 }),
      line({ partnerId: 'P-000003', amountCents: 4_000 }),
    ],
    partners,
    10_000,
    FEB_2026,
  );

  it('escapes partner names and holds no script or style', () => {
    const email = payoutSummaryEmail(summaryInput(plan));
    expect(email.htmlBody).not.toMatch(/<script/i);
    expect(email.htmlBody).not.toMatch(/<style/i);
    expect(email.htmlBody).not.toMatch(/ on[a-z]+=/i);
    expect(email.htmlBody).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.htmlBody).toContain('Fish &amp; Chips Ltd');
    // The plain text is not HTML: names appear as written.
    expect(email.body).toContain('<script>alert("x")</script>');
    expect(email.body).not.toMatch(/<(td|tr|table|p|div)\b/);
  });

  it('states the period, the total to the cent, the partners and each payout', () => {
    const email = payoutSummaryEmail(summaryInput(plan));
    expect(plan.totalCents).toBe(123_456_788 + 10_100);
    expect(email.subject).toBe('Acme Partner Programme: payouts for February 2026 — 2 partners, USD 1,234,668.88 to approve');
    for (const text of [email.body, email.htmlBody]) {
      expect(text).toContain('February 2026');
      expect(text).toContain('2026-02-01 to 2026-02-28');
      expect(text).toContain('USD 1,234,668.88');
      expect(text).toContain('1,234,567.89'); // gross
      expect(text).toContain('1,234,567.88'); // net
      expect(text).toContain('101.00');
      expect(text).toContain('PO-000001');
      expect(text).toContain('PO-000002');
    }
    expect(email.body).toContain('Total: gross 1,234,668.89, clawbacks -0.01, net 1,234,668.88, 4 lines');
    // Drafts: nothing counted as paid.
    expect(email.body).toContain('Partners with a draft payout: 2');
    expect(email.body).toContain('Paid so far: nothing');
    expect(email.body).toContain('These payouts are drafts: nothing is paid yet');
    expect(email.body).not.toMatch(/Partners paid|Paid to date/);
  });

  it('lists partners carried forward and why, and commissions pending approval', () => {
    const email = payoutSummaryEmail(summaryInput(plan));
    for (const text of [email.body, email.htmlBody]) {
      expect(text).toContain('Tiny Co');
      expect(text).toContain('net 40.00 is below the minimum payout of 100.00');
      expect(text).toContain('3 commission lines (USD 456.78) are still pending approval');
    }
    const none = payoutSummaryEmail(summaryInput(plan, { pendingApproval: { lines: 0, cents: 0 } }));
    expect(none.body).toContain('No commission is waiting for approval.');
  });

  it('links to the Payouts tab to approve, and to the tracker; never a javascript: link', () => {
    const email = payoutSummaryEmail(summaryInput(plan));
    expect(email.htmlBody).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=42"');
    expect(email.htmlBody).toContain('Open the Payouts tab to approve</a>');
    expect(email.htmlBody).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit"');
    expect(email.body).toContain('https://docs.google.com/spreadsheets/d/abc/edit#gid=42');
    const bad = payoutSummaryEmail(summaryInput(plan, { payoutsUrl: 'javascript:alert(1)' }));
    expect(bad.htmlBody).not.toContain('href="javascript');
    expect(bad.htmlBody).toContain('Open the Payouts tab to approve');
  });

  it('shows the change against the previous period, or that there was none', () => {
    expect(payoutSummaryEmail(summaryInput(plan)).body).toContain('Change against the previous period: no previous payout');
    const up = payoutSummaryEmail(summaryInput(plan, { previousTotalCents: 1_000_000_00 }));
    expect(up.body).toContain('Change against the previous period: +234,668.88 (+23.5%) against 1,000,000.00 in the previous period');
    expect(changeAgainstPrevious(9_000, 10_000)).toBe('-10.00 (-10.0%) against 100.00 in the previous period');
    expect(changeAgainstPrevious(10_000, 10_000)).toBe('no change against 100.00 in the previous period');
    expect(changeAgainstPrevious(10_000, 0)).toBe('+100.00 (nothing was paid in the previous period)');
    expect(changeAgainstPrevious(10_050, 30_000)).toBe('-199.50 (-66.5%) against 300.00 in the previous period');
    expect(changeAgainstPrevious(1, 3)).toBe('-0.02 (-66.7%) against 0.03 in the previous period');
  });

  it('says so when nobody is paid', () => {
    const empty = planPayouts([line({ partnerId: 'P-000003', amountCents: 4_000 })], partners, 10_000, FEB_2026);
    const email = payoutSummaryEmail(summaryInput(empty));
    expect(email.subject).toBe('Acme Partner Programme: no payouts for February 2026');
    expect(email.body).toContain('No partner reaches a payout in this period.');
    expect(email.htmlBody).not.toContain('Open the Payouts tab to approve');
  });

  it('refuses a plan whose total is not the sum of its payouts', () => {
    expect(() => payoutSummaryEmail(summaryInput({ ...plan, totalCents: plan.totalCents + 1 }))).toThrow('not the sum');
  });

  it('stays under the 200 KB body limit at 500 partners, summarising beyond 200 rows with the exact rest', () => {
    const big = bigPlan(500, 500);
    const email = payoutSummaryEmail(summaryInput(big, { previousTotalCents: 1 }));
    expect(bytes(email.htmlBody)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    expect(bytes(email.htmlBody) + bytes(email.body)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    const rest = big.payouts.slice(200);
    const restTotal = rest.reduce((s, p) => s + p.netCents, 0);
    const expected = `and 300 more partners, ${formatCents(restTotal)} in total — see the Payouts tab`;
    expect(email.htmlBody).toContain(expected);
    expect(email.body).toContain(expected);
    expect(email.htmlBody).toContain(big.payouts[199].partner.name);
    expect(email.htmlBody).not.toContain(big.payouts[200].partner.name);
    const carriedRest = big.carried.slice(200).reduce((s, p) => s + p.netCents, 0);
    expect(email.body).toContain(`and 300 more partners carried forward, net ${formatCents(carriedRest)} in total — see the Commissions tab`);
    // The headline total is the whole run's, to the cent.
    expect(email.body).toContain(`Total of the draft payouts: USD ${formatCents(big.totalCents)}`);
    expect(big.totalCents).toBe(big.payouts.reduce((s, p) => s + p.netCents, 0));
  });

  it('stays under the limit at 2,000 partners with long names that escaping makes longer', () => {
    const big = bigPlan(2_000, 2_000, (i) => `"<&>'`.repeat(24) + i);
    const email = payoutSummaryEmail(summaryInput(big));
    expect(bytes(email.htmlBody) + bytes(email.body)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    const shown = (email.body.match(/^- .*\(PO-/gm) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(email.body).toContain(`and ${(2_000 - shown).toLocaleString('en-US')} more partners, ${formatCents(big.payouts.slice(shown).reduce((s, p) => s + p.netCents, 0))} in total`);
    expect(email.htmlBody).not.toMatch(/<script/i);
  });

  it('stays under the limit at 2,000 partners with ordinary names', () => {
    const email = payoutSummaryEmail(summaryInput(bigPlan(2_000, 0)));
    expect(bytes(email.htmlBody) + bytes(email.body)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    expect(email.body).toContain('and 1,800 more partners');
  });
});

describe('partnerStatementEmail', () => {
  const alice = [
    line({ partnerId: 'P-000001', leadId: 'L-000101', company: 'Alpha Dynamics', ruleId: 'R-000001', rate: 0.125, dealAmountCents: 8_000_000, amountCents: 1_000_000 }),
    line({ partnerId: 'P-000001', leadId: 'L-000102', company: '<img src=x onerror=alert(1)>', kind: 'Bonus', ruleId: 'R-000009', rate: null, amountCents: 50_000 }),
    line({ partnerId: 'P-000001', leadId: 'L-000077', company: 'Old Refund Inc', kind: 'Clawback', ruleId: 'R-000001', amountCents: -12_345 }),
  ];
  const bob = [
    line({ partnerId: 'P-000002', leadId: 'L-000555', company: 'Bobcat Industries', amountCents: 777_777, dealAmountCents: 3_888_885 }),
    line({ partnerId: 'P-000002', leadId: 'L-000556', company: 'Secret Buyer GmbH', kind: 'Clawback', amountCents: -4_321 }),
  ];
  const plan = planPayouts([...alice, ...bob], partnersOf(['P-000001', 'Alice Partners'], ['P-000002', 'Bob Resellers']), 0, FEB_2026);

  function statementFor(partnerId: string, paidBefore = 5_000_000, carried = 0) {
    const p = plan.payouts.find((x) => x.partner.id === partnerId);
    if (!p) throw new Error('no payout');
    return partnerStatementEmail({
      programme: 'Acme Partner Programme',
      currency: 'USD',
      period: plan.period,
      partnerName: p.partner.name,
      payoutId: partnerId === 'P-000001' ? 'PO-000010' : 'PO-000011',
      lines: p.lines,
      grossCents: p.grossCents,
      clawbackCents: p.clawbackCents,
      netCents: p.netCents,
      paidBeforeCents: paidBefore,
      carriedBalanceCents: carried,
    });
  }

  it("shows the partner's deals, rules, rates, commissions, clawbacks, net and running balance", () => {
    const email = statementFor('P-000001', 5_000_000, 2_500);
    expect(email.subject).toBe('Acme Partner Programme: your commission statement for February 2026 (PO-000010)');
    for (const text of [email.body, email.htmlBody]) {
      expect(text).toContain('Alice Partners');
      expect(text).toContain('L-000101');
      expect(text).toContain('Alpha Dynamics');
      expect(text).toContain('R-000009');
      expect(text).toContain('12.5%');
      expect(text).toContain('flat');
      expect(text).toContain('10,000.00');
      expect(text).toContain('-123.45');
      expect(text).toContain('USD 10,376.55'); // net = 10,000.00 + 500.00 - 123.45
      expect(text).toContain('USD 50,000.00'); // paid before this payout (it is approved, not paid yet)
      expect(text).toContain('USD 25.00'); // still carried forward
      expect(text).toContain('Old Refund Inc');
    }
    expect(email.body).toContain('Paid to you before this payout: USD 50,000.00');
    expect(email.body).toContain('This payout has been approved');
    expect(email.body).not.toContain('Paid to date');
    expect(email.body).toContain('Balance still carried forward: USD 25.00');
    expect(email.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.htmlBody).not.toMatch(/<img/i);
  });

  it("holds no other partner's name, leads, companies or amounts", () => {
    const email = statementFor('P-000001');
    const all = `${email.subject}\n${email.body}\n${email.htmlBody}`;
    for (const foreign of ['Bob Resellers', 'P-000002', 'L-000555', 'L-000556', 'Bobcat Industries', 'Secret Buyer GmbH', '7,777.77', '38,888.85', '43.21', '7,734.56']) {
      expect(all).not.toContain(foreign);
    }
    const other = statementFor('P-000002');
    const otherAll = `${other.subject}\n${other.body}\n${other.htmlBody}`;
    for (const foreign of ['Alice Partners', 'L-000101', 'L-000102', 'L-000077', 'Alpha Dynamics', 'Old Refund Inc', '10,000.00', '123.45', '10,376.55']) {
      expect(otherAll).not.toContain(foreign);
    }
  });

  it('refuses lines of more than one partner, and totals that do not add up', () => {
    const base = {
      programme: 'P',
      currency: 'USD',
      period: FEB_2026,
      partnerName: 'Alice Partners',
      payoutId: 'PO-000010',
      paidBeforeCents: 0,
      carriedBalanceCents: 0,
    };
    expect(() => partnerStatementEmail({ ...base, lines: [...alice, bob[0]], grossCents: 1_827_777, clawbackCents: -12_345, netCents: 1_815_432 })).toThrow('more than one partner');
    expect(() => partnerStatementEmail({ ...base, lines: alice, grossCents: 1_050_000, clawbackCents: -12_345, netCents: 1_037_656 })).toThrow('add up');
  });

  it('explains a negative carried balance', () => {
    expect(statementFor('P-000001', 0, -500).body).toContain('Balance still carried forward: USD -5.00 (clawbacks still to be recovered from future commissions)');
    expect(statementFor('P-000001', 0, 0).body).toContain('Balance still carried forward: nothing');
  });

  it('formats rates', () => {
    expect(rateText(0.2)).toBe('20%');
    expect(rateText(0.123456)).toBe('12.3456%');
    expect(rateText(0.1 + 0.2)).toBe('30%');
    expect(rateText(1)).toBe('100%');
    expect(rateText(null)).toBe('flat');
  });

  it('stays under the body limit for a partner with thousands of lines', () => {
    const many = Array.from({ length: 3_000 }, (_, i) => line({ partnerId: 'P-000001', leadId: `L-${i}`, company: `Company ${i} <&>`, amountCents: 1_001 + i }));
    const claws = Array.from({ length: 1_000 }, (_, i) => line({ partnerId: 'P-000001', kind: 'Clawback', leadId: `L-${i}`, amountCents: -(1 + i) }));
    const gross = many.reduce((s, l) => s + l.amountCents, 0);
    const clawed = claws.reduce((s, l) => s + l.amountCents, 0);
    const email = partnerStatementEmail({
      programme: 'P',
      currency: 'USD',
      period: FEB_2026,
      partnerName: 'Alice',
      payoutId: 'PO-1',
      lines: [...many, ...claws],
      grossCents: gross,
      clawbackCents: clawed,
      netCents: gross + clawed,
      paidBeforeCents: 0,
      carriedBalanceCents: 0,
    });
    expect(bytes(email.htmlBody) + bytes(email.body)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    expect(email.body).toContain(`and 2,800 more commission lines, ${formatCents(many.slice(200).reduce((s, l) => s + l.amountCents, 0))} in total`);
    expect(email.body).toContain('and 800 more clawbacks');
  });
});

// ---------------------------------------------------------------------------------------------

/** A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes. */

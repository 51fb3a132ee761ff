import {
  PAYOUT_CSV_COLUMNS, PartnerInfo, PayoutLine, PayoutPlan, Period, describeSchedule, eligibleLines, isRunDue, monthPeriod, parseSchedule,
  parseWeekday, payoutsCsv, periodFromRange, periodFromStart, periodOf, planPayouts, previousPeriod, recentPeriods, weekPeriod, weekdayOf,
} from '../../src/domain/payouts';
import type { PayoutSchedule } from '../../src/domain/payouts';
import {
  EMAIL_BODY_LIMIT_BYTES, PayoutSummaryInput, changeAgainstPrevious, partnerStatementEmail, payoutSummaryEmail, rateText,
} from '../../src/domain/emails/payout-emails';
import { formatCents } from '../../src/domain/commissions/money';

const FEB_2026: Period = { start: '2026-02-01', end: '2026-02-28', label: 'February 2026' };

let nextLine = 1;
function line(overrides: Partial<PayoutLine> = {}): PayoutLine {
  return {
    id: `C-${String(nextLine++).padStart(6, '0')}`, leadId: 'L-000001', company: 'Acme Corp', partnerId: 'P-000001', kind: 'Base',
    ruleId: 'R-000001', rate: 0.2, dealAmountCents: 1_000_000, amountCents: 200_000, payableOn: '2026-02-10', status: 'Approved', payoutId: '',
    ...overrides,
  };
}

function partnersOf(...list: Array<[string, string, string?]>): Map<string, PartnerInfo> {
  return new Map(list.map(([id, name, email]) => [id, { id, name, email: email ?? `${id.toLowerCase()}@example.com` }]));
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------

describe('parseSchedule', () => {
  it('accepts a monthly schedule, any case, with the hour written 6, 06 or 06:00', () => {
    expect(parseSchedule('Monthly', '1', '6')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 1, hour: 6 } });
    expect(parseSchedule(' monthly ', ' 28 ', '06:00')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 28, hour: 6 } });
    expect(parseSchedule('MONTHLY', '15', '0')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 15, hour: 0 } });
    expect(parseSchedule('Monthly', '15', '23')).toEqual({ ok: true, schedule: { kind: 'Monthly', day: 15, hour: 23 } });
  });

  it('accepts a weekly schedule on a weekday name or its three-letter abbreviation, any case', () => {
    expect(parseSchedule('Weekly', 'Monday', '9')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 1, hour: 9 } });
    expect(parseSchedule('weekly', 'fri', '09')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 5, hour: 9 } });
    expect(parseSchedule('Weekly', 'SUNDAY', '23')).toEqual({ ok: true, schedule: { kind: 'Weekly', day: 7, hour: 23 } });
    expect(parseWeekday('Wed')).toBe(3);
    expect(parseWeekday('We')).toBeNull();
    expect(parseWeekday('Wednes')).toBeNull();
  });

  it('refuses days 29 to 31 of a month and says why: every month has days 1 to 28', () => {
    for (const day of ['29', '30', '31']) {
      const r = parseSchedule('Monthly', day, '6');
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].field).toBe('day');
      expect(r.problems[0].message).toContain('from 1 to 28');
      expect(r.problems[0].message).toContain('every month has those days');
      expect(r.problems[0].message).toContain(`"${day}"`);
    }
  });

  it('refuses other monthly days that are not whole numbers from 1 to 28', () => {
    for (const day of ['0', '1.5', 'abc', '', '-1', 'Monday', '100']) {
      const r = parseSchedule('Monthly', day, '6');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['day']);
    }
  });

  it('refuses a weekly day that is not a weekday name', () => {
    for (const day of ['Funday', '3', '', 'M']) {
      const r = parseSchedule('Weekly', day, '6');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems.map((p) => p.field)).toEqual(['day']);
        expect(r.problems[0].message).toContain('Monday to Sunday');
      }
    }
  });

  it('refuses an hour outside 0..23 or not whole', () => {
    for (const hour of ['24', '-1', '6.5', '', 'noon', '6:30']) {
      const r = parseSchedule('Monthly', '1', hour);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems.map((p) => p.field)).toEqual(['hour']);
        expect(r.problems[0].message).toContain('whole hour from 0 to 23');
      }
    }
  });

  it('reports every problem at once, and a bad kind without guessing at the day', () => {
    const r = parseSchedule('Daily', '31', '25');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.field)).toEqual(['kind', 'hour']);
      expect(r.problems[0].message).toBe('Payout schedule must be Monthly or Weekly, not "Daily"');
    }
    const blank = parseSchedule('', '', '');
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.problems[0].message).toBe('Payout schedule is required: Monthly or Weekly');
  });

  it('describes a schedule for people', () => {
    expect(describeSchedule({ kind: 'Monthly', day: 1, hour: 6 })).toBe('Monthly on day 1 at 06:00');
    expect(describeSchedule({ kind: 'Weekly', day: 7, hour: 18 })).toBe('Weekly on Sunday at 18:00');
  });
});

describe('periods', () => {
  it('gives the previous calendar month whatever the month lengths', () => {
    // From the 31st of March: February, not "a month before the 31st" (which would land in March).
    expect(previousPeriod('Monthly', '2026-03-31')).toEqual({ start: '2026-02-01', end: '2026-02-28', label: 'February 2026' });
    // From January 31st: December of the year before.
    expect(previousPeriod('Monthly', '2026-01-31')).toEqual({ start: '2025-12-01', end: '2025-12-31', label: 'December 2025' });
    expect(previousPeriod('Monthly', '2026-02-01')).toEqual({ start: '2026-01-01', end: '2026-01-31', label: 'January 2026' });
    expect(previousPeriod('Monthly', '2026-05-31')).toEqual({ start: '2026-04-01', end: '2026-04-30', label: 'April 2026' });
  });

  it('knows leap years: February 2028 has 29 days, 2100 does not, 2000 does', () => {
    expect(previousPeriod('Monthly', '2028-03-01')).toEqual({ start: '2028-02-01', end: '2028-02-29', label: 'February 2028' });
    expect(previousPeriod('Monthly', '2100-03-01').end).toBe('2100-02-28');
    expect(previousPeriod('Monthly', '2000-03-15').end).toBe('2000-02-29');
  });

  it('crosses the year boundary: January → the previous December', () => {
    expect(previousPeriod('Monthly', '2027-01-01')).toEqual({ start: '2026-12-01', end: '2026-12-31', label: 'December 2026' });
  });

  it('gives the previous Monday–Sunday week', () => {
    const week = { start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' };
    expect(previousPeriod('Weekly', '2026-03-04')).toEqual(week); // a Wednesday
    expect(previousPeriod('Weekly', '2026-03-02')).toEqual(week); // the Monday after
    expect(previousPeriod('Weekly', '2026-03-08')).toEqual(week); // the Sunday after
    expect(previousPeriod('Weekly', '2026-03-01')).toEqual({ start: '2026-02-16', end: '2026-02-22', label: 'Week of 2026-02-16' }); // that Sunday itself
  });

  it('crosses year ends with weeks', () => {
    expect(previousPeriod('Weekly', '2026-01-01')).toEqual({ start: '2025-12-22', end: '2025-12-28', label: 'Week of 2025-12-22' });
    expect(previousPeriod('Weekly', '2027-01-04')).toEqual({ start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' });
    expect(periodOf('Weekly', '2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' });
    // A leap day inside a week.
    expect(periodOf('Weekly', '2028-02-29')).toEqual({ start: '2028-02-28', end: '2028-03-05', label: 'Week of 2028-02-28' });
  });

  it('finds the period containing a date, and periods from a picker value', () => {
    expect(periodOf('Monthly', '2026-02-14')).toEqual(FEB_2026);
    expect(monthPeriod('2026-02')).toEqual(FEB_2026);
    expect(() => monthPeriod('2026-13')).toThrow('YYYY-MM');
    expect(periodFromStart('Monthly', '2026-02')).toEqual(FEB_2026);
    expect(periodFromStart('Monthly', '2026-02-01')).toEqual(FEB_2026);
    expect(periodFromStart('Monthly', '2026-02-15')).toBeNull();
    expect(periodFromStart('Monthly', '2026-00')).toBeNull();
    expect(periodFromStart('Monthly', 'February')).toBeNull();
    expect(periodFromStart('Weekly', '2026-02-23')).toEqual({ start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' });
    expect(periodFromStart('Weekly', '2026-02-24')).toBeNull();
    expect(periodFromStart('Weekly', '2026-02-30')).toBeNull();
    expect(() => weekPeriod('2026-02-24')).toThrow('not a Monday');
    expect(() => previousPeriod('Monthly', '2026-02-30')).toThrow('YYYY-MM-DD');
  });

  it('recognises a Payouts row period from its start and end', () => {
    expect(periodFromRange('2026-02-01', '2026-02-28')).toEqual(FEB_2026);
    expect(periodFromRange('2026-02-23', '2026-03-01')?.label).toBe('Week of 2026-02-23');
    expect(periodFromRange('2026-02-03', '2026-02-17')).toEqual({ start: '2026-02-03', end: '2026-02-17', label: '2026-02-03 to 2026-02-17' });
    expect(periodFromRange('2026-02-17', '2026-02-03')).toBeNull();
    expect(periodFromRange('', '2026-02-03')).toBeNull();
  });

  it('lists recent periods for a picker, newest first', () => {
    expect(recentPeriods('Monthly', '2026-02-10', 3).map((p) => p.label)).toEqual(['January 2026', 'December 2025', 'November 2025']);
    expect(recentPeriods('Weekly', '2026-01-07', 2).map((p) => p.start)).toEqual(['2025-12-29', '2025-12-22']);
  });

  it('knows ISO weekdays', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(weekdayOf('2028-02-29')).toBe(2);
  });
});

describe('isRunDue', () => {
  const monthly: PayoutSchedule = { kind: 'Monthly', day: 1, hour: 6 };
  const now = (date: string, hour: number) => ({ date, hour, weekday: weekdayOf(date) });

  it('is due at the scheduled day and hour itself, for the previous month', () => {
    expect(isRunDue(monthly, now('2026-03-01', 6), '2026-01-31')).toEqual({ due: true, period: FEB_2026 });
  });

  it('is not due on the scheduled day before the hour', () => {
    expect(isRunDue(monthly, now('2026-03-01', 5), '2026-01-31')).toEqual({ due: false, period: FEB_2026 });
  });

  it('is not due on an earlier day of the month even late in the day', () => {
    const mid: PayoutSchedule = { kind: 'Monthly', day: 15, hour: 9 };
    expect(isRunDue(mid, now('2026-03-14', 23), null).due).toBe(false);
    expect(isRunDue(mid, now('2026-03-15', 8), null).due).toBe(false);
    expect(isRunDue(mid, now('2026-03-15', 9), null).due).toBe(true);
  });

  it('catches up a missed run later in the same period, even at an earlier hour', () => {
    expect(isRunDue(monthly, now('2026-03-01', 23), '2026-01-31').due).toBe(true);
    expect(isRunDue(monthly, now('2026-03-17', 0), '2026-01-31')).toEqual({ due: true, period: FEB_2026 });
    expect(isRunDue(monthly, now('2026-03-31', 23), null).due).toBe(true);
  });

  it('is not due once the period has been completed', () => {
    expect(isRunDue(monthly, now('2026-03-01', 6), '2026-02-28')).toEqual({ due: false, period: FEB_2026 });
    expect(isRunDue(monthly, now('2026-03-20', 12), '2026-02-28').due).toBe(false);
    // A later completion (say a manual run for a week after) also counts.
    expect(isRunDue(monthly, now('2026-03-20', 12), '2026-03-08').due).toBe(false);
  });

  it('is due on the first run ever (nothing completed)', () => {
    expect(isRunDue(monthly, now('2026-03-02', 0), null).due).toBe(true);
    expect(isRunDue(monthly, now('2026-03-02', 0), '').due).toBe(true);
  });

  it('works across the year end', () => {
    expect(isRunDue(monthly, now('2027-01-01', 6), '2026-11-30')).toEqual({
      due: true, period: { start: '2026-12-01', end: '2026-12-31', label: 'December 2026' },
    });
  });

  it('weekly: due on the weekday at the hour, caught up later in the week, not before', () => {
    const weekly: PayoutSchedule = { kind: 'Weekly', day: 1, hour: 6 };
    const week = { start: '2026-02-23', end: '2026-03-01', label: 'Week of 2026-02-23' };
    expect(isRunDue(weekly, now('2026-03-02', 6), '2026-02-22')).toEqual({ due: true, period: week });
    expect(isRunDue(weekly, now('2026-03-02', 5), '2026-02-22')).toEqual({ due: false, period: week });
    expect(isRunDue(weekly, now('2026-03-04', 0), '2026-02-22')).toEqual({ due: true, period: week });
    expect(isRunDue(weekly, now('2026-03-08', 23), '2026-02-22').due).toBe(true);
    expect(isRunDue(weekly, now('2026-03-04', 12), '2026-03-01').due).toBe(false);

    const friday: PayoutSchedule = { kind: 'Weekly', day: 5, hour: 17 };
    expect(isRunDue(friday, now('2026-03-05', 23), null).due).toBe(false); // Thursday
    expect(isRunDue(friday, now('2026-03-06', 16), null).due).toBe(false);
    expect(isRunDue(friday, now('2026-03-06', 17), null).due).toBe(true);
    expect(isRunDue(friday, now('2026-03-07', 1), null).due).toBe(true); // Saturday: caught up
  });

  it('weekly across the year end', () => {
    const weekly: PayoutSchedule = { kind: 'Weekly', day: 1, hour: 0 };
    expect(isRunDue(weekly, now('2027-01-04', 0), '2026-12-27')).toEqual({
      due: true, period: { start: '2026-12-28', end: '2027-01-03', label: 'Week of 2026-12-28' },
    });
  });
});

describe('eligibleLines', () => {
  it('takes Approved lines in no payout, payable by the end of the period (inclusive)', () => {
    const ok = line({ payableOn: '2026-02-28' });
    const early = line({ payableOn: '2025-11-03' });
    const lines = [
      ok, early,
      line({ payableOn: '2026-03-01' }),
      line({ status: 'Pending' }), line({ status: 'Payable' }), line({ status: 'Paid' }), line({ status: 'Void' }),
      line({ payoutId: 'PO-000001' }),
      line({ payableOn: '' }), line({ payableOn: 'soon' }),
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
    expect([zeta.grossCents, zeta.clawbackCents, zeta.netCents, zeta.lines.length, zeta.outcome, zeta.reason])
      .toEqual([160_001, -20_000, 140_001, 3, 'pay', '']);
    expect(plan.payouts[0].netCents).toBe(100_000);
    expect(plan.totalCents).toBe(240_001);
    expect(plan.carried).toEqual([]);
    // Each partner's lines keep their order.
    expect(zeta.lines.map((l) => l.id)).toEqual(lines.slice(0, 3).map((l) => l.id));
  });

  it('carries forward a net below the minimum, and pays one exactly at the minimum', () => {
    const plan = planPayouts([
      line({ partnerId: 'P-000001', amountCents: 4_000 }),
      line({ partnerId: 'P-000002', amountCents: 10_000 }),
    ], partners, 10_000, FEB_2026);
    expect(plan.payouts.map((p) => p.partner.id)).toEqual(['P-000002']);
    expect(plan.carried).toHaveLength(1);
    expect(plan.carried[0].outcome).toBe('below-minimum');
    expect(plan.carried[0].reason).toBe('net 40.00 is below the minimum payout of 100.00');
    expect(plan.totalCents).toBe(10_000);
  });

  it('carries forward a negative balance from clawbacks, which blocks a payout', () => {
    const plan = planPayouts([
      line({ partnerId: 'P-000003', amountCents: 8_000 }),
      line({ partnerId: 'P-000003', kind: 'Clawback', amountCents: -20_000 }),
    ], partners, 0, FEB_2026);
    expect(plan.payouts).toEqual([]);
    expect(plan.totalCents).toBe(0);
    const beta = plan.carried[0];
    expect([beta.grossCents, beta.clawbackCents, beta.netCents, beta.outcome]).toEqual([8_000, -20_000, -12_000, 'negative']);
    expect(beta.reason).toBe('net -120.00: clawbacks exceed commissions; the balance carries forward and blocks payouts until covered');
  });

  it('never pays a zero net, even with no minimum', () => {
    const plan = planPayouts([
      line({ partnerId: 'P-000003', amountCents: 5_000 }),
      line({ partnerId: 'P-000003', kind: 'Clawback', amountCents: -5_000 }),
    ], partners, 0, FEB_2026);
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
      const cents = (i * 7_919) % 100_003 + 1; // 1 .. 100,003 cents, all sorts of odd amounts
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
    programme: 'Acme Partner Programme', currency: 'USD', plan,
    payoutIds: new Map(plan.payouts.map((p, i) => [p.partner.id, `PO-${String(i + 1).padStart(6, '0')}`])),
    pendingApproval: { lines: 3, cents: 45_678 }, previousTotalCents: null,
    spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit', payoutsUrl: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=42',
    ...overrides,
  };
}

describe('payoutSummaryEmail', () => {
  const partners = partnersOf(['P-000001', '<script>alert("x")</script>'], ['P-000002', 'Fish & Chips Ltd'], ['P-000003', 'Tiny Co']);
  const plan = planPayouts([
    line({ partnerId: 'P-000001', amountCents: 123_456_789 }),
    line({ partnerId: 'P-000001', kind: 'Clawback', amountCents: -1 }),
    line({ partnerId: 'P-000002', amountCents: 10_001 }),
    line({ partnerId: 'P-000002', kind: 'Bonus', amountCents: 99 }),
    line({ partnerId: 'P-000003', amountCents: 4_000 }),
  ], partners, 10_000, FEB_2026);

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
    expect(email.body).toContain('Partners paid: 2');
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
    expect(email.body).toContain(`Total to pay: USD ${formatCents(big.totalCents)}`);
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

  function statementFor(partnerId: string, paidToDate = 5_000_000, carried = 0) {
    const p = plan.payouts.find((x) => x.partner.id === partnerId);
    if (!p) throw new Error('no payout');
    return partnerStatementEmail({
      programme: 'Acme Partner Programme', currency: 'USD', period: plan.period, partnerName: p.partner.name,
      payoutId: partnerId === 'P-000001' ? 'PO-000010' : 'PO-000011', lines: p.lines,
      grossCents: p.grossCents, clawbackCents: p.clawbackCents, netCents: p.netCents, paidToDateCents: paidToDate, carriedBalanceCents: carried,
    });
  }

  it("shows the partner's deals, rules, rates, commissions, clawbacks, net and running balance", () => {
    const email = statementFor('P-000001', 6_037_655, 2_500);
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
      expect(text).toContain('USD 60,376.55'); // paid to date including this payout
      expect(text).toContain('USD 25.00'); // still carried forward
      expect(text).toContain('Old Refund Inc');
    }
    expect(email.body).toContain('Paid to date, including this payout: USD 60,376.55');
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

  it("refuses lines of more than one partner, and totals that do not add up", () => {
    const base = {
      programme: 'P', currency: 'USD', period: FEB_2026, partnerName: 'Alice Partners', payoutId: 'PO-000010',
      paidToDateCents: 0, carriedBalanceCents: 0,
    };
    expect(() => partnerStatementEmail({ ...base, lines: [...alice, bob[0]], grossCents: 1_827_777, clawbackCents: -12_345, netCents: 1_815_432 }))
      .toThrow('more than one partner');
    expect(() => partnerStatementEmail({ ...base, lines: alice, grossCents: 1_050_000, clawbackCents: -12_345, netCents: 1_037_656 }))
      .toThrow('add up');
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
      programme: 'P', currency: 'USD', period: FEB_2026, partnerName: 'Alice', payoutId: 'PO-1', lines: [...many, ...claws],
      grossCents: gross, clawbackCents: clawed, netCents: gross + clawed, paidToDateCents: gross + clawed, carriedBalanceCents: 0,
    });
    expect(bytes(email.htmlBody) + bytes(email.body)).toBeLessThan(EMAIL_BODY_LIMIT_BYTES);
    expect(email.body).toContain(`and 2,800 more commission lines, ${formatCents(many.slice(200).reduce((s, l) => s + l.amountCents, 0))} in total`);
    expect(email.body).toContain('and 800 more clawbacks');
  });
});

// ---------------------------------------------------------------------------------------------

/** A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    field += c; i++;
  }
  if (field !== '' || row.length) throw new Error('last record is not terminated by CRLF');
  return rows;
}

describe('payoutsCsv', () => {
  const row = (overrides: Partial<Parameters<typeof payoutsCsv>[0][number]> = {}) => ({
    payoutId: 'PO-000001', partnerId: 'P-000001', partnerName: 'Acme Resellers', email: 'pay@acme.example', netCents: 123_450,
    currency: 'USD', period: FEB_2026, ...overrides,
  });

  it('writes the documented header and one row per payout, CRLF after each', () => {
    const csv = payoutsCsv([row(), row({ payoutId: 'PO-000002', partnerId: 'P-000002', partnerName: 'Beta', email: 'b@beta.example', netCents: 1 })]);
    expect(csv).toBe(
      'recipient_email,recipient_name,amount,currency,reference,note,partner_id\r\n' +
      'pay@acme.example,Acme Resellers,1234.50,USD,PO-000001,Commission February 2026,P-000001\r\n' +
      'b@beta.example,Beta,0.01,USD,PO-000002,Commission February 2026,P-000002\r\n',
    );
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(PAYOUT_CSV_COLUMNS.map((c) => c.column).join(',')).toBe('recipient_email,recipient_name,amount,currency,reference,note,partner_id');
    for (const c of PAYOUT_CSV_COLUMNS) expect(c.meaning.length).toBeGreaterThan(10);
    expect(payoutsCsv([])).toBe('recipient_email,recipient_name,amount,currency,reference,note,partner_id\r\n');
  });

  it('writes amounts with a dot, two decimals and no thousands separator', () => {
    const amounts = parseCsv(payoutsCsv([row({ netCents: 100_000_000_00 }), row({ netCents: 10 }), row({ netCents: 99 }), row({ netCents: 100 })]))
      .slice(1).map((r) => r[2]);
    expect(amounts).toEqual(['100000000.00', '0.10', '0.99', '1.00']);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    const csv = payoutsCsv([row({ partnerName: 'Smith, "Bob" & Co' }), row({ partnerName: 'Line\nBreak' }), row({ period: { ...FEB_2026, label: 'Week, "1"' } })]);
    expect(csv).toContain(',"Smith, ""Bob"" & Co",');
    expect(csv).toContain(',"Line\nBreak",');
    expect(csv).toContain(',"Commission Week, ""1""",');
    const parsed = parseCsv(csv);
    expect(parsed[1][1]).toBe('Smith, "Bob" & Co');
    expect(parsed[2][1]).toBe('Line\nBreak');
    expect(parsed.every((r) => r.length === 7)).toBe(true);
  });

  it('neutralises formula injection in every text field', () => {
    const evil = ['=HYPERLINK("http://evil.example","click")', '+1', '-2', '@x', '\tTAB', '\rCR'];
    const rows = evil.map((text, i) => row({
      payoutId: text, partnerId: text, partnerName: text, email: text, currency: text, netCents: 1_000 + i,
      period: { ...FEB_2026, label: 'February 2026' },
    }));
    const csv = payoutsCsv(rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const parsed = parseCsv(csv).slice(1);
    parsed.forEach((fields, i) => {
      for (const [col, value] of fields.entries()) {
        if (col === 2) {
          expect(value).toMatch(/^\d+\.\d{2}$/);
          continue;
        }
        expect(value).not.toMatch(/^[=+\-@\t\r\n]/);
        // Cleaned first: a carriage return is stored as a newline (and still guarded).
        if (col !== 5) expect(value).toBe(`'${evil[i].replace('\r', '\n')}`);
      }
    });
    expect(parsed[1][1]).toBe("'+1");
    expect(parsed[2][1]).toBe("'-2");
    expect(parsed[3][1]).toBe("'@x");
  });

  it('refuses payouts that are not more than 0, or not whole cents', () => {
    expect(() => payoutsCsv([row({ netCents: 0 })])).toThrow('PO-000001');
    expect(() => payoutsCsv([row({ netCents: -100 })])).toThrow('more than 0');
    expect(() => payoutsCsv([row({ netCents: 12.5 })])).toThrow('whole cents');
  });
});

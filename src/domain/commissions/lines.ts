import { MAX_MONEY_CENTS, MAX_MONEY_TEXT, addDays, isIsoDate } from '../fields';
import { applyRate } from './money';
import { applicableBonusRules, selectBaseRule } from './precedence';
import type { CommissionLine, CommissionRule, WonDeal } from './types';

/** The calendar quarter a date falls in (the accelerator period), first and last day. */
export function quarterOf(isoDate: string): { start: string; end: string } {
  const [y, m] = isoDate.split('-').map(Number);
  const firstMonth = Math.floor((m - 1) / 3) * 3 + 1;
  const start = `${y}-${String(firstMonth).padStart(2, '0')}-01`;
  const nextStart = firstMonth === 10 ? `${y + 1}-01-01` : `${y}-${String(firstMonth + 3).padStart(2, '0')}-01`;
  return { start, end: addDays(nextStart, -1) };
}

type DealInPeriod = Pick<WonDeal, 'leadId' | 'partnerId' | 'dealAmountCents' | 'closedOn'>;

/** Record IDs in numeric order: "L-999999" before "L-1000000". */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether a deal amount is one the engine computes with: whole cents, more than 0, at most MAX_MONEY_CENTS. */
export function isComputableDealAmount(cents: number): boolean {
  return Number.isSafeInteger(cents) && cents > 0 && cents <= MAX_MONEY_CENTS;
}

/**
 * The partner's Closed Won revenue in the deal's calendar quarter before this
 * deal: deals that closed earlier in the quarter, and on the same day those
 * with a lower lead ID — so each deal of a quarter sees a stable, distinct
 * position whatever order they are processed in. `deals` are the Closed Won
 * deals (others' and this one may be among them).
 *
 * A deal whose amount the engine refuses (not whole cents, 0 or less, above
 * MAX_MONEY_CENTS: a paste into the sheet) earns nothing and counts for
 * nothing here, so one bad row cannot break every later deal of the quarter.
 * The total of the deals that count is exact: up to 90,000 deals at the bound
 * before it could leave the doubles' exact range.
 */
export function priorWonInQuarter(deals: ReadonlyArray<DealInPeriod>, deal: DealInPeriod): number {
  const { start, end } = quarterOf(deal.closedOn);
  let total = 0;
  for (const d of deals) {
    if (d.partnerId !== deal.partnerId || d.leadId === deal.leadId) continue;
    if (d.closedOn < start || d.closedOn > end) continue;
    if (!isComputableDealAmount(d.dealAmountCents)) continue;
    if (d.closedOn < deal.closedOn || (d.closedOn === deal.closedOn && compareIds(d.leadId, deal.leadId) < 0)) total += d.dealAmountCents;
  }
  return total;
}

export type CommissionLinesResult = { ok: true; lines: CommissionLine[] } | { ok: false; message: string };

/**
 * The commission lines for a Closed Won deal: the Base rule's (one line, or
 * two when the deal straddles the accelerator threshold), then one per
 * applicable Bonus rule. `priorWonCentsInPeriod` is the partner's won revenue
 * in the quarter before this deal (see priorWonInQuarter).
 *
 * Each line is rounded once, half away from zero, exactly (see applyRate), and
 * a rule's lines together pay at most its cap per deal.
 *
 * Bounds this function relies on, and enforces: the deal amount is whole cents
 * from 0.01 to MAX_MONEY_CENTS (1,000,000,000.00), else the deal is refused
 * with a message and nothing is computed; `priorWonCentsInPeriod` is whole
 * cents (priorWonInQuarter's total). The rules' money (flat amount, threshold,
 * cap) went through the same bound when parsed (parseRules). So applyRate sees
 * at most 10^11 cents (it is exact to 10^13), and a line's amount is at most
 * the deal amount times the rate.
 */
export function commissionLines(deal: WonDeal, rules: ReadonlyArray<CommissionRule>, priorWonCentsInPeriod: number, defaultHoldingDays: number): CommissionLinesResult {
  if (!Number.isSafeInteger(deal.dealAmountCents) || deal.dealAmountCents <= 0) {
    return { ok: false, message: `${deal.leadId} needs a deal amount more than 0 before it can earn a commission` };
  }
  if (deal.dealAmountCents > MAX_MONEY_CENTS) {
    return { ok: false, message: `${deal.leadId} has a deal amount above ${MAX_MONEY_TEXT}, the most the tracker accepts: correct the Deal Amount before it can earn a commission` };
  }
  if (!isIsoDate(deal.closedOn)) {
    return { ok: false, message: `${deal.leadId} needs a close date written YYYY-MM-DD before it can earn a commission` };
  }
  if (!Number.isSafeInteger(priorWonCentsInPeriod) || priorWonCentsInPeriod < 0) {
    throw new Error(`commissionLines: prior won revenue must be whole cents, not ${priorWonCentsInPeriod}`);
  }
  const base = selectBaseRule(rules, deal);
  if (!base.ok) return { ok: false, message: base.message };

  const lines = [...baseLines(base.rule, deal, priorWonCentsInPeriod, defaultHoldingDays)];
  for (const bonus of applicableBonusRules(rules, deal)) lines.push(...ruleLines(bonus, 'Bonus', deal, [{ cents: deal.dealAmountCents, rate: bonus.rate }], defaultHoldingDays));
  return { ok: true, lines };
}

/** The parts of the deal a Base rule pays on, and at which rate. */
function baseLines(rule: CommissionRule, deal: WonDeal, prior: number, defaultHoldingDays: number): CommissionLine[] {
  const amount = deal.dealAmountCents;
  const threshold = rule.acceleratorThresholdCents;
  const aboveRate = rule.acceleratorRate;
  let parts: Array<{ cents: number; rate: number | null }>;
  if (rule.kind === 'Flat' || threshold === null || aboveRate === null || prior + amount <= threshold) {
    parts = [{ cents: amount, rate: rule.rate }];
  } else if (prior >= threshold) {
    parts = [{ cents: amount, rate: aboveRate }];
  } else {
    const below = threshold - prior;
    parts = [
      { cents: below, rate: rule.rate },
      { cents: amount - below, rate: aboveRate },
    ];
  }
  return ruleLines(rule, 'Base', deal, parts, defaultHoldingDays);
}

/** One line per part; the rule's cap per deal is shared out in order (each line may pay what the earlier ones left). */
function ruleLines(rule: CommissionRule, kind: 'Base' | 'Bonus', deal: WonDeal, parts: Array<{ cents: number; rate: number | null }>, defaultHoldingDays: number): CommissionLine[] {
  const payableOn = addDays(deal.closedOn, rule.holdingDays ?? defaultHoldingDays);
  let capLeft = rule.capPerDealCents;
  return parts.map(({ cents, rate }) => {
    const capCents = capLeft === null ? null : Math.max(0, capLeft);
    let amountCents: number;
    let lineRate: number | null = null;
    let flatCents: number | null = null;
    if (rule.kind === 'Flat') {
      flatCents = rule.flatAmountCents as number;
      amountCents = capCents === null ? flatCents : Math.min(flatCents, capCents);
    } else {
      lineRate = rate as number;
      const raw = applyRate(cents, lineRate);
      amountCents = capCents === null ? raw : Math.min(raw, capCents);
    }
    if (capLeft !== null) capLeft -= amountCents;
    return { kind, ruleId: rule.id, dealAmountCents: cents, rate: lineRate, flatCents, capCents, amountCents, payableOn };
  });
}

const negate = (n: number) => (n === 0 ? 0 : -n);

/**
 * The negative mirror of a deal's commission lines, for a refund: same rule and
 * rate, the deal amount (and flat amount) negated, the original amount as the
 * bound (capCents) so the formula evaluates to exactly minus what was paid.
 * Paid lines are never edited; these are new rows. Clawback lines among
 * `original` are skipped (they are already negative).
 */
export function clawbackLines(original: ReadonlyArray<CommissionLine>, refundedOn: string): CommissionLine[] {
  return original
    .filter((line) => line.kind !== 'Clawback')
    .map((line) => ({
      kind: 'Clawback' as const,
      ruleId: line.ruleId,
      dealAmountCents: negate(line.dealAmountCents),
      rate: line.rate,
      flatCents: line.flatCents === null ? null : negate(line.flatCents),
      capCents: line.amountCents,
      amountCents: negate(line.amountCents),
      payableOn: refundedOn,
    }));
}

/**
 * The status a new line starts in: Payable when its payable date has come (no holding period, or a deal
 * closed long enough ago), so it can be approved the day it is created; Pending until then.
 * `today` is the calendar date (YYYY-MM-DD) in the spreadsheet's time zone.
 */
export function newLineStatus(payableOn: string, today: string): 'Payable' | 'Pending' {
  return payableOn !== '' && payableOn <= today ? 'Payable' : 'Pending';
}

/** Whether a Pending line's holding period is over (the daily run, or whoever reads it first, makes it Payable). */
export function isDueForPayable(line: { status: string; payableOn: string }, today: string): boolean {
  return line.status === 'Pending' && line.payableOn !== '' && line.payableOn <= today;
}

import { formatCents } from '../commissions/money';
import { isIsoDate } from '../fields';
import type { PartnerInfo, PartnerPayout, PayoutLine, PayoutPlan, Period } from './types';

/**
 * What a payout run pays (DESIGN.md, "Payouts"): per partner, the Approved
 * commission lines not yet in a payout and payable by the end of the period,
 * net of clawbacks. A net below the minimum payout, or negative, carries
 * forward: the lines stay unpaid and are picked up by a later run.
 */

/**
 * Lines a run for a period ending `periodEnd` takes: status Approved, in no
 * payout yet, payable on or before the period's end. Lines from earlier
 * periods that were carried forward (or missed) are included, so nothing
 * approved is ever left behind. A line without a valid Payable On date is
 * not taken: the tracker never pays a line before it knows it is payable.
 */
export function eligibleLines(lines: ReadonlyArray<PayoutLine>, periodEnd: string): PayoutLine[] {
  return lines.filter((l) => l.status === 'Approved' && l.payoutId.trim() === '' && isIsoDate(l.payableOn) && l.payableOn <= periodEnd);
}

function byName(a: PartnerPayout, b: PartnerPayout): number {
  const x = a.partner.name.toLowerCase();
  const y = b.partner.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a.partner.name !== b.partner.name) return a.partner.name < b.partner.name ? -1 : 1;
  return a.partner.id < b.partner.id ? -1 : a.partner.id > b.partner.id ? 1 : 0;
}

/**
 * The run's plan: one entry per partner with lines, either paid or carried
 * forward (and why). `lines` must already be eligible (see eligibleLines).
 *
 * - gross = Base + Bonus lines, clawbacks = Clawback lines (≤ 0), net = gross + clawbacks;
 * - net < 0: 'negative' — the balance carries forward and blocks payouts until covered;
 * - net = 0 or below the minimum: 'below-minimum' — carried forward (a zero net is never paid);
 * - otherwise 'pay'.
 *
 * A partner missing from `partners` is still planned, named by its ID and with
 * no email, so money is never silently dropped. Sums are exact integer cents;
 * a non-integer amount throws rather than produce a total that is off by a cent.
 */
export function planPayouts(
  lines: ReadonlyArray<PayoutLine>,
  partners: ReadonlyMap<string, PartnerInfo>,
  minimumCents: number,
  period: Period,
  formatMoney: (cents: number) => string = formatCents,
): PayoutPlan {
  if (!Number.isSafeInteger(minimumCents) || minimumCents < 0) {
    throw new Error(`planPayouts: the minimum payout must be whole cents, 0 or more, not ${minimumCents}`);
  }
  const groups = new Map<string, PayoutLine[]>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountCents)) {
      throw new Error(`planPayouts: commission ${line.id} has an amount that is not whole cents (${line.amountCents})`);
    }
    const group = groups.get(line.partnerId);
    if (group) group.push(line);
    else groups.set(line.partnerId, [line]);
  }

  const payouts: PartnerPayout[] = [];
  const carried: PartnerPayout[] = [];
  let totalCents = 0;
  for (const [partnerId, partnerLines] of groups) {
    const known = partners.get(partnerId);
    const partner: PartnerInfo = known ? { id: partnerId, name: known.name.trim() || partnerId, email: known.email } : { id: partnerId, name: partnerId, email: '' };
    let grossCents = 0;
    let clawbackCents = 0;
    for (const line of partnerLines) {
      if (line.kind === 'Clawback') clawbackCents += line.amountCents;
      else grossCents += line.amountCents;
    }
    const netCents = grossCents + clawbackCents;
    let outcome: PartnerPayout['outcome'];
    let reason = '';
    if (netCents < 0) {
      outcome = 'negative';
      reason = `net ${formatMoney(netCents)}: clawbacks exceed commissions; the balance carries forward and blocks payouts until covered`;
    } else if (netCents === 0 || netCents < minimumCents) {
      outcome = 'below-minimum';
      reason = minimumCents > 0 ? `net ${formatMoney(netCents)} is below the minimum payout of ${formatMoney(minimumCents)}` : `net ${formatMoney(netCents)}: nothing to pay`;
    } else {
      outcome = 'pay';
    }
    const entry: PartnerPayout = { partner, lines: partnerLines, grossCents, clawbackCents, netCents, outcome, reason };
    if (outcome === 'pay') {
      payouts.push(entry);
      totalCents += netCents;
    } else {
      carried.push(entry);
    }
  }
  payouts.sort(byName);
  carried.sort(byName);
  return { period, payouts, carried, totalCents };
}

/**
 * The plan a period's run makes, and its summary and Payouts view repeat: the lines that may be
 * paid (approved, in no payout, payable by the period's end, not held back for a broken seal)
 * planned against the minimum payout, given in whole currency units as Settings holds it.
 */
export function planPeriod(lines: ReadonlyArray<PayoutLine & { held?: unknown }>, partners: ReadonlyMap<string, PartnerInfo>, minimumPayout: number, period: Period): PayoutPlan {
  return planPayouts(
    eligibleLines(
      lines.filter((l) => !l.held),
      period.end,
    ),
    partners,
    Math.round(minimumPayout * 100),
    period,
  );
}

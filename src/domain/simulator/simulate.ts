import { commissionLines } from '../commissions/lines';
import { priorWonInQuarter, quarterOf } from '../commissions/lines';
import { selectBaseRule } from '../commissions/precedence';
import type { CommissionRule, WonDeal } from '../commissions/types';

/**
 * The Plan simulator: what a change of commission plan would have cost. A plan (rules in
 * effect, drafts, minus the rules the drafts replace) is replayed on the deals won in a past
 * period with the engine's own functions (commissionLines, priorWonInQuarter: no second copy of
 * the commission maths), and compared per partner and in total with what the Commissions tab
 * says was actually earned. Pure: it writes nothing and reads nothing.
 *
 * Choices (README, "Plan simulator"):
 * - The deals: status Closed Won with a close date in the period. A Refunded deal is left out
 *   on both sides: a refund voids or claws back its lines under any plan, so it costs nothing
 *   either way.
 * - Actually earned: the deal's Base and Bonus lines that are not Void (a voided line was never
 *   owed). Clawbacks belong to refunded deals, which are left out (above).
 * - Every rule of the plan counts as in effect (a Draft or a No rule ticked into the plan pays
 *   in the replay); each keeps its own effective dates, tiers, types and products.
 * - The accelerator reads the partner's Closed Won revenue earlier in the close date's quarter,
 *   exactly as the engine does (priorWonInQuarter), months outside the period included.
 * - A deal the plan does not cover (no Base rule, rules tied, a deal amount the engine refuses)
 *   pays nothing under the plan, as it would for real: it is listed with the reason and counted,
 *   never hidden in a zero.
 */

/** A Closed Won deal as the replay needs it; the tier comes from `tierOn` on its close date. */
export interface SimulationDeal {
  leadId: string;
  partnerId: string;
  product: string;
  dealAmountCents: number;
  closedOn: string;
}

export interface SimulationPartner {
  id: string;
  name: string;
  type: string;
}

/** A Commissions line as the comparison reads it. */
export interface ActualLine {
  leadId: string;
  kind: string;
  status: string;
  amountCents: number;
}

/** The partner's tier on a date (the Tier History when the tracker has one; else today's tier). */
export type TierOn = (partnerId: string, date: string) => string;

export interface SimulationInput {
  period: { start: string; end: string };
  /** The plan's rules; each is replayed as if in effect. */
  plan: ReadonlyArray<CommissionRule>;
  /** Every Closed Won deal the tracker recorded, any date: the accelerator reads the quarter's earlier ones. */
  wonDeals: ReadonlyArray<SimulationDeal>;
  partners: ReadonlyArray<SimulationPartner>;
  tierOn: TierOn;
  /** The Commissions tab's lines (those of other deals are ignored). */
  actualLines: ReadonlyArray<ActualLine>;
  defaultHoldingDays: number;
}

export type UncoveredReason = 'no rule' | 'ambiguous' | 'not computable' | 'unknown partner';

export interface DealComparison {
  leadId: string;
  partnerId: string;
  closedOn: string;
  dealAmountCents: number;
  /** The tier the replay used (the partner's on the close date). */
  tier: string;
  actualCents: number;
  planCents: number;
  /** The plan's rules that paid, in line order. */
  planRuleIds: string[];
  /** Why the plan pays nothing on this deal; null when a Base rule covers it. */
  uncovered: { reason: UncoveredReason; message: string } | null;
}

export interface Difference {
  actualCents: number;
  planCents: number;
  /** plan − actual: what the plan would have cost more (negative: saved). */
  differenceCents: number;
  /** The difference as a percentage of actual, one decimal; null when actual is 0 (no base to compare with). */
  differencePercent: number | null;
}

export interface PartnerComparison extends Difference {
  partnerId: string;
  partnerName: string;
  deals: number;
  uncoveredDeals: number;
}

export interface SimulationTotals extends Difference {
  deals: number;
  partners: number;
  uncoveredDeals: number;
  /** What the uncovered deals actually earned (the plan pays them nothing). */
  uncoveredActualCents: number;
}

export interface Simulation {
  totals: SimulationTotals;
  /** Largest difference first (what the plan costs most on), then by name. */
  partners: PartnerComparison[];
  /** Every deal of the period, by close date then lead ID. */
  deals: DealComparison[];
}

/** The difference of two sums, in money and in percent of the actual. */
export function difference(actualCents: number, planCents: number): Difference {
  const differenceCents = planCents - actualCents;
  const differencePercent = actualCents === 0 ? null : Math.round((differenceCents * 1000) / Math.abs(actualCents)) / 10;
  return { actualCents, planCents, differenceCents, differencePercent: Object.is(differencePercent, -0) ? 0 : differencePercent };
}

/** Record IDs in numeric order ("L-999999" before "L-1000000"), as the engine orders them. */
const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Replays the plan on the period's won deals and compares with what was earned. */
export function simulatePlan(input: SimulationInput): Simulation {
  const { period } = input;
  const plan = input.plan.map((rule) => ({ ...rule, active: true, draft: false }));
  const partners = new Map(input.partners.map((p) => [p.id, p]));

  // The accelerator's quarter revenue: each partner's won deals per quarter, so each deal looks at its own few.
  const quarterDeals = new Map<string, SimulationDeal[]>();
  for (const d of input.wonDeals) {
    const key = `${d.partnerId}|${quarterOf(d.closedOn).start}`;
    const list = quarterDeals.get(key);
    if (list) list.push(d);
    else quarterDeals.set(key, [d]);
  }

  const inPeriod = input.wonDeals
    .filter((d) => d.closedOn >= period.start && d.closedOn <= period.end)
    .sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : byId(a.leadId, b.leadId)));
  const wanted = new Set(inPeriod.map((d) => d.leadId));
  const actual = new Map<string, number>();
  for (const line of input.actualLines) {
    if (!wanted.has(line.leadId) || (line.kind !== 'Base' && line.kind !== 'Bonus') || line.status === 'Void') continue;
    actual.set(line.leadId, (actual.get(line.leadId) ?? 0) + line.amountCents);
  }

  const deals = inPeriod.map((d): DealComparison => {
    const partner = partners.get(d.partnerId);
    const tier = partner ? input.tierOn(d.partnerId, d.closedOn) : '';
    const base = { leadId: d.leadId, partnerId: d.partnerId, closedOn: d.closedOn, dealAmountCents: d.dealAmountCents, tier, actualCents: actual.get(d.leadId) ?? 0 };
    if (!partner) {
      return { ...base, planCents: 0, planRuleIds: [], uncovered: { reason: 'unknown partner', message: `${d.leadId}: partner ${d.partnerId || '(blank)'} is not on the Partners tab` } };
    }
    const deal: WonDeal = { ...d, partnerTier: tier, partnerType: partner.type };
    const selected = selectBaseRule(plan, deal);
    // As the engine: the partner's earlier deals in the quarter matter only to an accelerated Base rule.
    const accelerated = selected.ok && selected.rule.kind === 'Percentage' && selected.rule.acceleratorThresholdCents !== null && selected.rule.acceleratorRate !== null;
    const prior = accelerated ? priorWonInQuarter(quarterDeals.get(`${d.partnerId}|${quarterOf(d.closedOn).start}`) ?? [], d) : 0;
    const lines = commissionLines(deal, plan, prior, input.defaultHoldingDays);
    if (!lines.ok) {
      const reason: UncoveredReason = selected.ok ? 'not computable' : selected.reason === 'none' ? 'no rule' : 'ambiguous';
      return { ...base, planCents: 0, planRuleIds: [], uncovered: { reason, message: lines.message } };
    }
    const planRuleIds = [...new Set(lines.lines.map((l) => l.ruleId))];
    return { ...base, planCents: lines.lines.reduce((sum, l) => sum + l.amountCents, 0), planRuleIds, uncovered: null };
  });

  const perPartner = new Map<string, { deals: number; uncovered: number; actual: number; plan: number }>();
  for (const d of deals) {
    const p = perPartner.get(d.partnerId) ?? { deals: 0, uncovered: 0, actual: 0, plan: 0 };
    p.deals++;
    if (d.uncovered) p.uncovered++;
    p.actual += d.actualCents;
    p.plan += d.planCents;
    perPartner.set(d.partnerId, p);
  }
  const partnerRows = [...perPartner].map(([partnerId, p]): PartnerComparison => ({
    partnerId,
    partnerName: partners.get(partnerId)?.name ?? partnerId,
    deals: p.deals,
    uncoveredDeals: p.uncovered,
    ...difference(p.actual, p.plan),
  }));
  partnerRows.sort((a, b) => b.differenceCents - a.differenceCents || a.partnerName.localeCompare(b.partnerName) || byId(a.partnerId, b.partnerId));

  const uncovered = deals.filter((d) => d.uncovered);
  const totals: SimulationTotals = {
    deals: deals.length,
    partners: partnerRows.length,
    uncoveredDeals: uncovered.length,
    uncoveredActualCents: uncovered.reduce((sum, d) => sum + d.actualCents, 0),
    ...difference(
      deals.reduce((sum, d) => sum + d.actualCents, 0),
      deals.reduce((sum, d) => sum + d.planCents, 0),
    ),
  };
  return { totals, partners: partnerRows, deals };
}

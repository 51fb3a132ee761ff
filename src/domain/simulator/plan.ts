import type { CommissionRule } from '../commissions/types';

/**
 * The plan the simulator starts from: every rule in effect (Active Yes) and every draft, less
 * the live Base rules a Base draft replaces — same tier, type and product, and dates that
 * overlap — so a draft "Gold 25%" takes the place of the live "Gold 20%" instead of tying with
 * it. Rules marked No start out of the plan. The person can tick and untick any of them.
 */
export interface PlanChoice {
  id: string;
  inPlan: boolean;
  /** The draft that takes this live rule's place in the starting plan, or null. */
  replacedBy: string | null;
}

const sameScope = (a: CommissionRule, b: CommissionRule) => a.partnerTier.trim() === b.partnerTier.trim() && a.partnerType.trim() === b.partnerType.trim() && a.product.trim() === b.product.trim();
const overlap = (a: CommissionRule, b: CommissionRule) =>
  (!a.effectiveTo || !b.effectiveFrom || b.effectiveFrom <= a.effectiveTo) && (!b.effectiveTo || !a.effectiveFrom || a.effectiveFrom <= b.effectiveTo);

export function startingPlan(rules: ReadonlyArray<CommissionRule>): PlanChoice[] {
  const drafts = rules.filter((r) => r.draft && r.ruleType === 'Base');
  return rules.map((rule) => {
    const replacer = rule.active && rule.ruleType === 'Base' ? drafts.find((d) => sameScope(d, rule) && overlap(d, rule)) : undefined;
    return { id: rule.id, inPlan: (rule.active || rule.draft) && !replacer, replacedBy: replacer?.id ?? null };
  });
}

import { listOf } from './rules';
import type { CommissionRule, WonDeal } from './types';

/**
 * Which rules apply to a deal — the documented precedence.
 *
 * 1. An inactive rule (Active = No) and a draft (Active = Draft) apply to no deal, so neither ties with a rule in effect. An active rule applies to a deal when each of its non-blank "applies to" fields
 *    (Partner Tier, Partner Type, Product) equals the deal's, and the deal's
 *    close date lies within [Effective From, Effective To], both ends
 *    inclusive; a blank date leaves that end open.
 * 2. Base rules: the most specific applicable rule wins, specificity being the
 *    number of non-blank "applies to" fields (0 to 3). Which fields they are
 *    does not matter: a tier-only rule and a product-only rule are equally
 *    specific.
 * 3. Two or more applicable Base rules tied at the highest specificity are
 *    ambiguous: the tie is reported, never guessed; so is a deal no Base rule
 *    applies to. Either way the deal gets no commission until the rules are
 *    fixed.
 * 4. Bonus (SPIFF) rules do not compete: every applicable Bonus rule pays,
 *    each on its own line, in sheet order.
 *
 * Effective dates are what keep history stable: a rate change is a new rule
 * from a date (and an end date on the old one), so deals closed before it keep
 * their rule, and commissions already written are never recomputed.
 */

const APPLIES_TO = [
  { key: 'partnerTier', label: 'tier' },
  { key: 'partnerType', label: 'type' },
  { key: 'product', label: 'product' },
] as const;

type Matchable = Pick<WonDeal, 'partnerTier' | 'partnerType' | 'product' | 'closedOn'>;

/** Whether a rule (Base or Bonus) applies to the deal: its applies-to fields and effective dates. */
export function ruleApplies(rule: CommissionRule, deal: Matchable): boolean {
  if (!rule.active) return false;
  for (const { key } of APPLIES_TO) {
    const wanted = rule[key].trim();
    if (wanted !== '' && wanted !== deal[key].trim()) return false;
  }
  if (rule.effectiveFrom && deal.closedOn < rule.effectiveFrom) return false;
  if (rule.effectiveTo && deal.closedOn > rule.effectiveTo) return false;
  return true;
}

/** How many "applies to" fields a rule sets (0 to 3): the more, the more specific. */
export function specificity(rule: CommissionRule): number {
  return APPLIES_TO.filter(({ key }) => rule[key].trim() !== '').length;
}

export type BaseRuleSelection = { ok: true; rule: CommissionRule } | { ok: false; reason: 'none' | 'ambiguous'; message: string };

/** The Base rule for a deal by the precedence above, or why there is none. */
export function selectBaseRule(rules: ReadonlyArray<CommissionRule>, deal: WonDeal): BaseRuleSelection {
  const applicable = rules.filter((r) => r.ruleType === 'Base' && ruleApplies(r, deal));
  if (applicable.length === 0) {
    const who = [deal.partnerTier, deal.partnerType].filter(Boolean).join(' ') || 'partner of no tier or type';
    return {
      ok: false,
      reason: 'none',
      message: `No commission rule applies to ${deal.leadId} (${who}, ${deal.product || 'no product'}, closed ${deal.closedOn})`,
    };
  }
  const top = Math.max(...applicable.map(specificity));
  const best = applicable.filter((r) => specificity(r) === top);
  if (best.length === 1) return { ok: true, rule: best[0] };

  const fields = APPLIES_TO.filter(({ key }) => best.some((r) => r[key].trim() !== '')).map(({ key, label }) => `${label} ${deal[key]}`);
  const ids = listOf(
    best.map((r) => r.id),
    'and',
  );
  return {
    ok: false,
    reason: 'ambiguous',
    message: `${ids} ${best.length === 2 ? 'both' : 'all'} apply to ${deal.leadId} with the same precedence (${fields.length ? fields.join(', ') : 'any partner, any product'}); make one more specific or end one's dates`,
  };
}

/** Every Bonus rule that applies to the deal, in sheet order. */
export function applicableBonusRules(rules: ReadonlyArray<CommissionRule>, deal: WonDeal): CommissionRule[] {
  return rules.filter((r) => r.ruleType === 'Bonus' && ruleApplies(r, deal)).sort((a, b) => a.row - b.row);
}

import { addDays } from '../fields';
import { Figures, TierDeal, figuresAsOf, lastDropBelow } from './figures';
import { GRACE_STARTS, TierHistoryEntry, enteredTierOn, graceStartedOn } from './history';
import { TierDef, findTier, hasThresholds, thresholdText } from './tiers';

/**
 * The review's decision for one partner (pure).
 * - A pinned partner never moves.
 * - A partner in a tier set by hand only (no thresholds, not the first) is left there.
 * - Otherwise the partner qualifies for the highest tier whose thresholds their trailing 12-month
 *   figures meet (the entry tier when none): higher than their tier, they move up at once.
 * - Lower: they are below their tier's thresholds, and move down (to the tier they qualify for) at
 *   the first review on or after `belowSince + graceDays`, where belowSince is the latest of
 *   (a) the day they moved into their tier (Tier History), (b) the last day their figures dropped
 *   below its thresholds (from the won deals' close dates), (c) a "grace starts" row the review
 *   wrote when it knew neither (a tier set before the history began, figures never above it).
 *   All three are read from the sheet, so a rerun decides the same.
 */
export interface PartnerForReview {
  id: string;
  /** The Partners tab's Tier ('' = the entry tier). */
  tier: string;
  pinned: boolean;
}

export type TierDecision =
  | { kind: 'stay'; tier: string; figures: Figures; reason: string }
  | { kind: 'skip'; tier: string; figures: Figures; reason: string }
  /** The partner is below their tier and neither (a) nor (b) is known: the review records the day grace starts. */
  | { kind: 'grace starts'; tier: string; figures: Figures; reason: string; until: string }
  | { kind: 'move'; from: string; to: string; direction: 'up' | 'down'; figures: Figures; reason: string };

export function meets(tier: TierDef, f: Figures): boolean {
  const revenue = tier.minRevenueCents === null ? null : f.wonRevenueCents >= tier.minRevenueCents;
  const deals = tier.minDeals === null ? null : f.wonDeals >= tier.minDeals;
  if (revenue === null && deals === null) return false;
  if (revenue === null) return deals as boolean;
  if (deals === null) return revenue;
  return tier.requires === 'Both' ? revenue && deals : revenue || deals;
}

/** The highest tier whose thresholds the figures meet; the entry tier (the first) when none. */
export function qualifyingTier(tiers: readonly TierDef[], f: Figures): TierDef {
  for (let i = tiers.length - 1; i > 0; i--) if (hasThresholds(tiers[i]) && meets(tiers[i], f)) return tiers[i];
  return tiers[0];
}

export function decideTier(
  tiers: readonly TierDef[],
  partner: PartnerForReview,
  deals: readonly TierDeal[],
  history: readonly TierHistoryEntry[],
  today: string,
  money: (cents: number) => string,
): TierDecision {
  const figures = figuresAsOf(deals, today);
  const said = `${money(figures.wonRevenueCents)} won in ${figures.wonDeals} deal${figures.wonDeals === 1 ? '' : 's'} over the last 12 months`;
  if (tiers.length === 0) return { kind: 'skip', tier: partner.tier, figures, reason: 'the Tiers tab has no usable tier' };
  const current = partner.tier === '' ? tiers[0] : findTier(tiers, partner.tier);
  if (!current) return { kind: 'skip', tier: partner.tier, figures, reason: `tier ${partner.tier} is not a usable tier on the Tiers tab (missing, or its row has problems)` };
  if (partner.pinned) return { kind: 'stay', tier: current.name, figures, reason: 'pinned by a manager' };
  const at = tiers.indexOf(current);
  if (at > 0 && !hasThresholds(current)) return { kind: 'stay', tier: current.name, figures, reason: `${current.name} has no thresholds: it is set by hand only` };
  const target = qualifyingTier(tiers, figures);
  const to = tiers.indexOf(target);
  if (to > at) return { kind: 'move', from: current.name, to: target.name, direction: 'up', figures, reason: `${said}: meets ${target.name} (${thresholdText(target, money)})` };
  if (to === at) return { kind: 'stay', tier: current.name, figures, reason: said };
  const below = `${said}: below ${current.name} (${thresholdText(current, money)})`;
  const dropped = lastDropBelow(deals, today, (f) => meets(current, f));
  const entered = enteredTierOn(history, partner.id, current.name);
  const started = graceStartedOn(history, partner.id, current.name);
  const known = [dropped, entered, started].filter((d): d is string => d !== null).sort();
  if (known.length === 0) {
    const until = addDays(today, current.graceDays);
    if (current.graceDays === 0) return { kind: 'move', from: current.name, to: target.name, direction: 'down', figures, reason: `${below}, with no grace period` };
    return { kind: 'grace starts', tier: current.name, figures, reason: `${GRACE_STARTS} ${below}; moves down on or after ${until} unless back above`, until };
  }
  const since = known[known.length - 1];
  const due = addDays(since, current.graceDays);
  if (today >= due) return { kind: 'move', from: current.name, to: target.name, direction: 'down', figures, reason: `${below} since ${since}, past its ${current.graceDays}-day grace` };
  return { kind: 'stay', tier: current.name, figures, reason: `${below} since ${since}; grace until ${due}` };
}

/** The review's key for the period `today` falls in: 2026-11 (Monthly) or 2026-Q4 (Quarterly). */
export function reviewKey(today: string, cadence: 'Monthly' | 'Quarterly'): string {
  const [y, m] = today.split('-').map(Number);
  return cadence === 'Monthly' ? today.slice(0, 7) : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/**
 * Automatic tiers (pure): the Tiers tab's rules, trailing 12-month won figures, the review's
 * decision (thresholds, Either/Both, grace, pinning) and the dated history (tier on a date).
 */
export { parseTiers, hasThresholds, thresholdText, findTier, DEFAULT_TIERS, MAX_GRACE_DAYS } from './tiers';
export type { TierDef, TierRowInput, TierProblem, ParsedTiers } from './tiers';
export { figuresAsOf, inWindow, oneYearAfter, dealsByPartner, lastDropBelow } from './figures';
export type { TierDeal, Figures } from './figures';
export { tierOnDate, movesOf, enteredTierOn, graceStartedOn, pinnedInHistory, lastRecordedTier, GRACE_STARTS, PINNED_BY, UNPINNED_BY, SET_BY_HAND } from './history';
export type { TierHistoryEntry } from './history';
export { decideTier, meets, qualifyingTier, reviewKey } from './review';
export type { TierDecision, PartnerForReview } from './review';
export { tierReviewEmail, REVIEW_MAIL_MAX } from './review-email';
export type { TierChangeLine } from './review-email';
export { tierProblem } from './names';

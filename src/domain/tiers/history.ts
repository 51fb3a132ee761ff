/**
 * The dated tier history (pure): the Tier History tab's rows, and the tier a partner had on a day.
 * A row records a move From Tier → To Tier effective on a day (the review's day, or the day a
 * person changed it). A row whose From and To are the same records no move (a pin, an unpin, or the
 * start of a downgrade grace) and does not change the tier on any day.
 */
export interface TierHistoryEntry {
  partnerId: string;
  fromTier: string;
  toTier: string;
  /** YYYY-MM-DD. */
  effectiveOn: string;
  /** ISO instant the row was written: orders rows of the same day. */
  at: string;
  /** The figures that decided a review's move (blank for a move by hand). */
  wonRevenueCents?: number | null;
  wonDeals?: number | null;
  reason?: string;
  by?: string;
  review?: string;
}

/** A partner's moves (rows that change the tier), oldest first. */
export function movesOf(history: readonly TierHistoryEntry[], partnerId: string): TierHistoryEntry[] {
  return history
    .filter((h) => h.partnerId === partnerId && h.toTier !== '' && h.toTier.toLowerCase() !== h.fromTier.toLowerCase())
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) : a.effectiveOn < b.effectiveOn ? -1 : 1));
}

/**
 * The partner's tier on `date` (YYYY-MM-DD): the To Tier of their last move effective on or before
 * that day; before their first recorded move, that move's From Tier (the tier they had then; its To
 * Tier when From is blank, a tier set when the partner was added); with no move recorded at all,
 * `currentTier` (the Partners tab's Tier: the history says nothing, so nothing has changed it).
 */
export function tierOnDate(history: readonly TierHistoryEntry[], partnerId: string, date: string, currentTier: string): string {
  const moves = movesOf(history, partnerId);
  if (moves.length === 0) return currentTier;
  let tier: string | null = null;
  for (const m of moves) {
    if (m.effectiveOn > date) break;
    tier = m.toTier;
  }
  if (tier !== null) return tier;
  return moves[0].fromTier || moves[0].toTier;
}

/** The day the partner last moved into `tier` (their latest move to it), or null when the history has none. */
export function enteredTierOn(history: readonly TierHistoryEntry[], partnerId: string, tier: string): string | null {
  const moves = movesOf(history, partnerId);
  for (let i = moves.length - 1; i >= 0; i--) if (moves[i].toTier.toLowerCase() === tier.toLowerCase()) return moves[i].effectiveOn;
  return null;
}

/** The latest "grace starts" row (From = To = tier) for the partner's tier after their last move, or null. */
export function graceStartedOn(history: readonly TierHistoryEntry[], partnerId: string, tier: string): string | null {
  const lastMove = movesOf(history, partnerId).pop();
  let started: string | null = null;
  for (const h of history) {
    if (h.partnerId !== partnerId || h.fromTier.toLowerCase() !== tier.toLowerCase() || h.toTier.toLowerCase() !== tier.toLowerCase()) continue;
    if (!h.reason || !h.reason.startsWith(GRACE_STARTS)) continue;
    if (lastMove && (h.effectiveOn < lastMove.effectiveOn || (h.effectiveOn === lastMove.effectiveOn && h.at < lastMove.at))) continue;
    if (started === null || h.effectiveOn > started) started = h.effectiveOn;
  }
  return started;
}

/** How a "grace starts" row's reason begins (the review writes it; graceStartedOn reads it back). */
export const GRACE_STARTS = 'Grace starts:';

/** How pin and unpin rows' reasons begin (From = To: they move no tier). */
export const PINNED_BY = 'Pinned by';
export const UNPINNED_BY = 'Unpinned by';
export const SET_BY_HAND = 'Set by hand by';

/** Whether the history's last pin or unpin row for the partner pinned them (false with none). */
export function pinnedInHistory(history: readonly TierHistoryEntry[], partnerId: string): boolean {
  let pinned = false;
  let at = '';
  for (const h of history) {
    if (h.partnerId !== partnerId || !h.reason) continue;
    const pin = h.reason.startsWith(PINNED_BY) ? true : h.reason.startsWith(UNPINNED_BY) ? false : null;
    if (pin !== null && h.at >= at) {
      pinned = pin;
      at = h.at;
    }
  }
  return pinned;
}

/** The partner's tier as the history last recorded it ('' with no move). */
export function lastRecordedTier(history: readonly TierHistoryEntry[], partnerId: string): string {
  return movesOf(history, partnerId).pop()?.toTier ?? '';
}

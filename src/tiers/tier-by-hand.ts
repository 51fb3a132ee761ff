import { Partner } from '../domain/partner';
import { PINNED_BY, SET_BY_HAND, UNPINNED_BY } from '../domain/tiers/history';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { runsAsOwner } from '../team/access';
import { TierHistoryRow, addPendingTierRows, appendTierHistory } from './tier-store';

/**
 * A partner saved in the sidebar (inside its lock): a new tier or a pin change is dated on the
 * Tier History, as a typed one is (tier-edits.ts). A new partner above the entry tier is recorded
 * too (From blank), so the history holds the tier they started with (and their grace counts from it).
 */
export function recordTierByHand(ctx: TrackerContext, before: Partner | null, after: Partner, entryTier: string): void {
  const table = TrackerTable.tryOpen(ctx.ss, 'tierHistory');
  if (!table) return;
  const who = ctx.actor || 'an unknown editor';
  const base = { at: ctx.now, partnerId: after.id, effectiveOn: todayIn(ctx.timeZone, ctx.now), wonRevenueCents: null, wonDeals: null, by: who, review: '' };
  const rows: TierHistoryRow[] = [];
  const from = before?.tier ?? entryTier;
  if (from.toLowerCase() !== after.tier.toLowerCase())
    rows.push({ ...base, fromTier: from, toTier: after.tier, reason: `${SET_BY_HAND} ${who}${before ? '' : ' (added)'}`, ...(before ? {} : { fromTier: '' }) });
  if (before && (before.tierPinned ?? '') !== (after.tierPinned ?? ''))
    rows.push({ ...base, fromTier: after.tier, toTier: after.tier, reason: `${after.tierPinned === 'Yes' ? PINNED_BY : UNPINNED_BY} ${who}` });
  else if (!before && after.tierPinned === 'Yes') rows.push({ ...base, fromTier: after.tier, toTier: after.tier, reason: `${PINNED_BY} ${who}` });
  // Only the owner's runs may write the tab (Google enforces it): a teammate's rows wait for the owner's next hourly run.
  if (runsAsOwner(ctx)) appendTierHistory(table, rows);
  else addPendingTierRows(ctx.ss, rows);
}

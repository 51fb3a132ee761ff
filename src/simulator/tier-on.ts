import { TierOn } from '../domain/simulator';
import { TierHistoryEntry, tierOnDate } from '../domain/tiers/history';
import { StoredPartner } from '../partners/partner-store';

/**
 * The tier the replay gives a partner on a deal's close date: the Tier History's tier on that day
 * (domain/tiers tierOnDate, as the commission engine uses), today's tier on the Partners tab where
 * the history says nothing.
 */
export function partnersTierOn(partners: ReadonlyArray<StoredPartner>, history: readonly TierHistoryEntry[]): TierOn {
  const current = new Map(partners.map((p) => [p.id, p.tier]));
  return (partnerId, date) => tierOnDate(history, partnerId, date, current.get(partnerId) ?? '');
}

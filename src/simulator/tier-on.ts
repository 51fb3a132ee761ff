import { TierOn } from '../domain/simulator';
import { StoredPartner } from '../partners/partner-store';

/**
 * The tier the replay gives a partner on a deal's close date. The Partners tab holds only
 * today's tier, so that is the answer here, whatever the date. This is the one place that
 * decides it: with a dated tier history (the Tier History tab), the answer becomes that
 * history's tier on the date, falling back to today's tier before the first change.
 */
export function partnersTierOn(partners: ReadonlyArray<StoredPartner>): TierOn {
  const current = new Map(partners.map((p) => [p.id, p.tier]));
  return (partnerId) => current.get(partnerId) ?? '';
}

import { ACTIVE_DAYS, NEW_DAYS, addDays } from '../domain/metrics';
import type { MetricsInput } from '../domain/metrics';

/**
 * The partners the engagement figures count as dormant on `day`, by name: Active, joined by then
 * and not in the last NEW_DAYS, with no lead registered or updated in the last ACTIVE_DAYS
 * (engagementOn's rule, src/domain/metrics; a test checks the two agree on generated data).
 * The ones who went quiet most recently come first, then those never active.
 */
export interface DormantPartner {
  id: string;
  name: string;
  /** Their latest registration or lead update up to `day`; '' for none. */
  lastActivity: string;
}

export function dormantPartners(input: MetricsInput, day: string): DormantPartner[] {
  const activeFrom = addDays(day, 1 - ACTIVE_DAYS);
  const newFrom = addDays(day, 1 - NEW_DAYS);
  const last = new Map<string, string>();
  for (const lead of input.leads) {
    for (const d of [lead.registeredOn, lead.updatedOn]) if (d !== '' && d <= day && d > (last.get(lead.partnerId) ?? '')) last.set(lead.partnerId, d);
  }
  return input.partners
    .filter((p) => p.status === 'Active' && !(p.joinedOn !== '' && p.joinedOn > day) && !(p.joinedOn !== '' && p.joinedOn >= newFrom) && (last.get(p.id) ?? '') < activeFrom)
    .map((p) => ({ id: p.id, name: p.name, lastActivity: last.get(p.id) ?? '' }))
    .sort((a, b) => (a.lastActivity !== b.lastActivity ? (a.lastActivity < b.lastActivity ? 1 : -1) : a.name.localeCompare(b.name)));
}

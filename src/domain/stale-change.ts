import * as z from 'zod/mini';
import { lazy } from './lazy';
import { formatCents } from './commissions/money';
import { Lead } from './lead';

/**
 * No lost updates: the sidebar sends what the person saw of a lead with a
 * move, and the move is refused, under the lock, when any of it changed
 * meanwhile — a teammate's refund, a status typed in the sheet — with what
 * changed. Only what a move depends on is compared (not Notes, not the
 * update time, whose precision differs between the sheet and a reply).
 */
export const LEAD_SEEN_SCHEMA = /* @__PURE__ */ lazy(() =>
  z.object({
    status: z.string(),
    statusReason: z.optional(z.string()),
    dealAmount: z.optional(z.nullable(z.number())),
    closedOn: z.optional(z.string()),
  }),
);

export type LeadSeen = z.infer<typeof LEAD_SEEN_SCHEMA>;

export function changedSinceSeen(lead: Lead, seen: LeadSeen): string | null {
  const now: LeadSeen = {
    status: lead.status,
    statusReason: lead.statusReason,
    dealAmount: lead.dealAmountCents === null ? null : lead.dealAmountCents / 100,
    closedOn: lead.closedOn,
  };
  const shown = (key: keyof LeadSeen, value: LeadSeen[keyof LeadSeen]): string => {
    if (value === null || value === undefined || value === '') return 'blank';
    return key === 'dealAmount' ? formatCents(Math.round(Number(value) * 100)) : `"${String(value)}"`;
  };
  const labels: Record<keyof LeadSeen, string> = { status: 'status', statusReason: 'reason', dealAmount: 'deal amount', closedOn: 'close date' };
  const changes = (Object.keys(labels) as Array<keyof LeadSeen>)
    .filter((key) => seen[key] !== undefined && (seen[key] ?? '') !== (now[key] ?? ''))
    .map((key) => `its ${labels[key]} is now ${shown(key, now[key])} (you saw ${shown(key, seen[key])})`);
  if (changes.length === 0) return null;
  return `${lead.id} changed since you opened it: ${changes.join('; ')}. Nothing was changed; the lead now shows what it is — decide again from there.`;
}

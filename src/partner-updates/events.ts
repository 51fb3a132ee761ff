import { formatCents } from '../domain/commissions/money';
import { PartnerUpdatePreference } from '../domain/enums';
import { messageIds } from '../mail/mail-types';

/**
 * What partners hear about, found in the Audit Log (pure: no Apps Script). Every change to a lead,
 * a commission line or a payout is in the log whoever made it and wherever (the sidebar, a typed
 * cell, the form, the hourly run), so the partner updates step reads the log's tail and turns the
 * status changes partners care about into events, worded for the partner (never another
 * partner's data: the summaries name only the partner's own records).
 */
export const PARTNER_EVENTS = [
  'lead.accepted',
  'lead.rejected',
  'lead.won',
  'lead.lost',
  'lead.expired',
  'lead.expiring',
  'commission.approved',
  'payout.approved',
  'payout.paid',
  'tier.changed',
] as const;
export type PartnerEvent = (typeof PARTNER_EVENTS)[number];

/** The audit row's fields a change is read from (audit/audit-tail.ts AuditTailRow). */
export interface AuditRowLike {
  at: string;
  source: string;
  tab: string;
  recordId: string;
  field: string;
  oldValue?: string;
  newValue: string;
}

export interface StatusChange {
  event: PartnerEvent;
  recordId: string;
  /** tier.changed: the tier from and to. */
  from?: string;
  to?: string;
  /** ISO instant of the audit row. */
  at: string;
}

/** The tabs' names as this tracker has them (a tab can be renamed; its audit rows carry the name it had). */
export interface TabNames {
  leads: string;
  commissions: string;
  payouts: string;
  /** Absent: tier changes are not looked for. */
  partners?: string;
}

const LEAD_EVENTS: Record<string, PartnerEvent> = {
  Accepted: 'lead.accepted',
  Rejected: 'lead.rejected',
  'Closed Won': 'lead.won',
  'Closed Lost': 'lead.lost',
  Expired: 'lead.expired',
};

/** The tracker audits its own status writes by column key ("status"); a typed cell by its header ("Status"). */
const isStatusField = (field: string) => field === 'status' || field === 'Status';

/**
 * The status changes partners hear of, in log order, each (event, record) once. A typed change the
 * tracker put back (a "(put back)" row for the same record after it) did not count and is left out.
 */
export function statusChangesIn(rows: readonly AuditRowLike[], tabs: TabNames): StatusChange[] {
  const putBackAfter = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.field === '(put back)' || r.field === '(status put back)') putBackAfter.set(`${r.tab}|${r.recordId}`, i);
  });
  const out: StatusChange[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (!r.recordId) return;
    const undone = putBackAfter.get(`${r.tab}|${r.recordId}`);
    if (r.source === 'edit' && undone !== undefined && undone > i) return;
    // A partner's tier, moved by the review, the sidebar or a typed cell (a pin is another column).
    if (tabs.partners && r.tab === tabs.partners && (r.field === 'tier' || r.field === 'Tier')) {
      const to = r.newValue.trim();
      const from = (r.oldValue ?? '').trim();
      if (to && to.toLowerCase() !== from.toLowerCase()) out.push({ event: 'tier.changed', recordId: r.recordId, at: r.at, from, to });
      return;
    }
    if (!isStatusField(r.field)) return;
    const event = eventOf(r, tabs);
    if (!event) return;
    const key = `${event}|${r.recordId}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ event, recordId: r.recordId, at: r.at });
  });
  return out;
}

function eventOf(r: AuditRowLike, tabs: TabNames): PartnerEvent | null {
  const value = r.newValue.trim();
  if (r.tab === tabs.leads) return LEAD_EVENTS[value] ?? null;
  if (r.tab === tabs.commissions) return value === 'Approved' ? 'commission.approved' : null;
  if (r.tab === tabs.payouts) {
    if (value === 'Approved') return 'payout.approved';
    if (value === 'Paid' || value.startsWith('Paid on ')) return 'payout.paid';
  }
  return null;
}

/** A lead as its partner hears of it: their own lead, its reason already worded for them (partnerFacingReason). */
export interface LeadFacts {
  id: string;
  company: string;
  reason: string;
  dealAmountCents: number | null;
  /** YYYY-MM-DD or ''. */
  protectedUntil: string;
}

export interface PayoutFacts {
  id: string;
  periodStart: string;
  periodEnd: string;
  netCents: number;
  /** YYYY-MM-DD or ''. */
  paidOn: string;
  reference: string;
}

const money = (currency: string, cents: number) => `${currency} ${formatCents(cents)}`;
const leadName = (l: LeadFacts) => (l.company ? `${l.company} (${l.id})` : l.id);

/** One line the partner reads about their lead. */
export function leadSummary(event: PartnerEvent, lead: LeadFacts, currency: string): string {
  switch (event) {
    case 'lead.accepted':
      return `${leadName(lead)} was accepted.${lead.protectedUntil ? ` The deal is protected for you until ${lead.protectedUntil}.` : ''}`;
    case 'lead.rejected':
      return `${leadName(lead)} was not accepted${lead.reason ? `: ${lead.reason}` : '.'}`;
    case 'lead.won':
      return `${leadName(lead)} was won${lead.dealAmountCents !== null ? `: a deal of ${money(currency, lead.dealAmountCents)}` : ''}. Its commission follows once approved.`;
    case 'lead.lost':
      return `${leadName(lead)} was closed as lost.`;
    case 'lead.expired':
      return `The protection of ${leadName(lead)} ended${lead.protectedUntil ? ` on ${lead.protectedUntil}` : ''}; the lead has expired.`;
    case 'lead.expiring':
      return `The protection of ${leadName(lead)} ends on ${lead.protectedUntil}. ${EXPIRING_ADVICE}`;
    default:
      throw new Error(`internal: ${event} is not about a lead`);
  }
}

const EXPIRING_ADVICE = 'Tell the partner team how the deal is going before then.';

/** Whether an "about to expire" row's summary is for this protection end (one reminder per lead and protection end). */
export function remindsOf(summary: string, protectedUntil: string): boolean {
  return summary.includes(`ends on ${protectedUntil}.`);
}

/** A partner's tier changed: only their own tier is named. */
export function tierSummary(from: string, to: string): string {
  return from ? `Your partner tier is now ${to} (it was ${from}).` : `Your partner tier is now ${to}.`;
}

/** The partner's commissions approved in one step: how many, and their total. */
export function commissionsSummary(ids: readonly string[], totalCents: number, currency: string): string {
  return `${ids.length === 1 ? '1 commission was' : `${ids.length} commissions were`} approved: ${money(currency, totalCents)} in total (${ids.join(', ')}).`;
}

export function payoutSummary(event: PartnerEvent, p: PayoutFacts, currency: string): string {
  const period = `${p.periodStart} to ${p.periodEnd}`;
  if (event === 'payout.approved') return `Payout ${p.id} for ${period} was approved: ${money(currency, p.netCents)}. Your statement is on its way.`;
  if (event === 'payout.paid')
    return `Payout ${p.id} for ${period} was paid${p.paidOn ? ` on ${p.paidOn}` : ''}: ${money(currency, p.netCents)}${p.reference ? `, payment reference ${p.reference}` : ''}.`;
  throw new Error(`internal: ${event} is not about a payout`);
}

/**
 * When a partner's pending updates go out, and the message that carries them: Immediate in this
 * run (`runId` is unique to the run); Daily once a day from `hour` (the Payout hour in Settings),
 * Weekly on Mondays from `hour`; null while not due (or Off). The ID names the day or week, so the
 * Mail Queue sends it once whichever run gets there first.
 */
export function dueMessageId(partnerId: string, preference: PartnerUpdatePreference, local: { date: string; hour: number; weekday: number }, hour: number, runId: string): string | null {
  switch (preference) {
    case 'Immediate':
      return messageIds.updates(partnerId, runId);
    case 'Daily':
      return local.hour >= hour ? messageIds.updates(partnerId, local.date) : null;
    case 'Weekly':
      // Mondays only, from the hour: a Monday with no run at all (the automation stopped) leaves them for the next.
      return local.weekday === 1 && local.hour >= hour ? messageIds.updates(partnerId, `week of ${local.date}`) : null;
    default:
      return null;
  }
}

/** The message carrying a payout's update: its statement (Approved) or its payment notice (Paid), whatever the partner's preference. */
export function payoutMessageId(event: string, payoutId: string): string | null {
  if (event === 'payout.approved') return messageIds.statement(payoutId);
  if (event === 'payout.paid') return messageIds.payment(payoutId);
  return null;
}

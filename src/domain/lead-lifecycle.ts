import { LeadStatus } from './enums';
import { addDays } from './fields';
import { Lead, LeadTransition } from './lead';

/**
 * The lead pipeline: which moves are legal, and what each one changes.
 *
 *   New ──► Accepted ──► Qualified ──► Closed Won ──► Refunded
 *    │         │            │
 *    │         └────────────┴───────► Closed Lost
 *    └──► Rejected
 *   Conflict ──► Accepted (the team overrides the match) | Rejected
 *   New, Accepted, Qualified ──► Expired (the daily trigger, when protection ends)
 *
 * Rejected, Closed Lost, Expired and Refunded are final: a partner registers again instead.
 * Refunded claws back the deal's commissions (voids unpaid lines, adds negative lines for paid ones).
 */
export const NEXT_STATUSES: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  New: ['Accepted', 'Rejected'],
  Conflict: ['Accepted', 'Rejected'],
  Accepted: ['Qualified', 'Closed Lost'],
  Qualified: ['Closed Won', 'Closed Lost'],
  'Closed Won': ['Refunded'],
  'Closed Lost': [],
  Rejected: [],
  Expired: [],
  Refunded: [],
};

/** Statuses whose protection window still runs: they own their deal and can expire. */
export const OPEN_STATUSES: readonly LeadStatus[] = ['New', 'Accepted', 'Qualified'];

export interface LeadChange {
  status: LeadStatus;
  statusReason: string;
  dealAmountCents?: number | null;
  closedOn?: string;
  protectedUntil?: string;
  conflictWith?: string;
}

export type TransitionPlan = { ok: true; change: LeadChange } | { ok: false; message: string; field?: string };

/**
 * What a requested move does to a lead, or why it is refused.
 * `today` is the calendar date (YYYY-MM-DD) in the spreadsheet's time zone; so is the lead's
 * `registeredOn`, when known: a deal cannot close before it was registered.
 */
export function planTransition(lead: Pick<Lead, 'id' | 'status'> & { registeredOn?: string }, move: LeadTransition, today: string, protectionDays: number): TransitionPlan {
  const from = lead.status;
  if (!from) return { ok: false, message: `${lead.id} has no status; set one on the Leads tab first.` };
  const allowed = NEXT_STATUSES[from] ?? [];
  if (!allowed.includes(move.to)) {
    const options = allowed.length ? `From ${from} it can move to ${allowed.join(' or ')}.` : `${from} is final.`;
    return { ok: false, message: `${lead.id} is ${from}; it cannot move to ${move.to}. ${options}` };
  }
  switch (move.to) {
    case 'Accepted':
      // Accepting a conflict overrides the match: the lead now owns its deal, protected from today.
      return from === 'Conflict'
        ? { ok: true, change: { status: 'Accepted', statusReason: move.reason || 'Accepted despite the conflict', protectedUntil: addDays(today, protectionDays) } }
        : { ok: true, change: { status: 'Accepted', statusReason: move.reason } };
    case 'Rejected':
      return { ok: true, change: { status: 'Rejected', statusReason: move.reason, protectedUntil: '' } };
    case 'Qualified':
      return { ok: true, change: { status: 'Qualified', statusReason: move.reason } };
    case 'Closed Won':
      if (move.dealAmount === null || move.dealAmount <= 0) return { ok: false, message: 'Deal amount must be greater than zero for a Closed Won deal.', field: 'dealAmount' };
      if (move.closedOn > today) return { ok: false, message: `Close date ${move.closedOn} is in the future.`, field: 'closedOn' };
      if (closedBeforeRegistration(lead, move.closedOn)) return { ok: false, message: closedTooEarly(lead, move.closedOn), field: 'closedOn' };
      return { ok: true, change: { status: 'Closed Won', statusReason: move.reason, dealAmountCents: move.dealAmount, closedOn: move.closedOn } };
    case 'Refunded':
      return { ok: true, change: { status: 'Refunded', statusReason: move.reason } };
    case 'Closed Lost':
      if (move.closedOn && move.closedOn > today) return { ok: false, message: `Close date ${move.closedOn} is in the future.`, field: 'closedOn' };
      if (move.closedOn && closedBeforeRegistration(lead, move.closedOn)) return { ok: false, message: closedTooEarly(lead, move.closedOn), field: 'closedOn' };
      return { ok: true, change: { status: 'Closed Lost', statusReason: move.reason, closedOn: move.closedOn || today } };
  }
}

function closedBeforeRegistration(lead: { registeredOn?: string }, closedOn: string): boolean {
  return !!lead.registeredOn && closedOn < lead.registeredOn;
}

function closedTooEarly(lead: { id: string; registeredOn?: string }, closedOn: string): string {
  return `Close date ${closedOn} is before ${lead.id} was registered (${lead.registeredOn}); a deal closes on or after its registration.`;
}

/** Whether the daily run should expire this lead: still open and its protection ended before today. */
export function isExpiredOn(lead: Pick<Lead, 'status' | 'protectedUntil'>, today: string): boolean {
  return OPEN_STATUSES.includes(lead.status as LeadStatus) && lead.protectedUntil !== '' && lead.protectedUntil < today;
}

/** Whether the lead's protection ends within `days` days from today (inclusive), for the digest. */
export function expiresWithin(lead: Pick<Lead, 'status' | 'protectedUntil'>, today: string, days: number): boolean {
  return OPEN_STATUSES.includes(lead.status as LeadStatus) && lead.protectedUntil !== '' && lead.protectedUntil >= today && lead.protectedUntil <= addDays(today, days);
}

import { addDaysIso } from './lead-archive';

/**
 * What needs a person today, and the programme's headline numbers: the
 * sidebar's Home, computed from a few columns of each tab (read by
 * src/attention/attention.ts). Pure: every input is a plain value.
 */

/** Where an item's link goes: a sidebar view. */
export type AttentionTarget = 'leads' | 'approvals' | 'payouts' | 'inbox' | 'problems' | 'automation' | 'applications' | 'hubspot';

export interface AttentionItem {
  /** Stable key (the tests and the sidebar's links use it). */
  key: 'conflicts' | 'expiring' | 'inbox' | 'approve-lines' | 'approve-payouts' | 'pay-payouts' | 'problems' | 'automation' | 'applications' | 'hubspot-conflicts';
  count: number;
  /** One sentence: what waits and what to do about it. */
  text: string;
  target: AttentionTarget;
  /** Label of the link to the view that deals with it. */
  action: string;
}

export interface Headlines {
  /** Leads still in play (New, Accepted, Qualified) and their estimated value. */
  openLeads: number;
  pipelineCents: number;
  /** Deals won this calendar year (by close date) and their amounts. */
  wonThisYear: number;
  wonThisYearCents: number;
  /** Commission lines waiting (Pending or Payable) and approved but not paid yet, in cents. */
  owedCents: number;
  /** Payouts marked Paid this calendar year (by paid date), net. */
  paidThisYearCents: number;
  year: number;
}

export interface AttentionFacts {
  today: string;
  leads: ReadonlyArray<{ status: string; protectedUntil: string; estimateCents: number | null; dealCents: number | null; closedOn: string }>;
  commissionStatuses: ReadonlyArray<{ status: string; amountCents: number | null }>;
  payouts: ReadonlyArray<{ status: string; netCents: number | null; paidOn: string }>;
  inboxStatuses: readonly string[];
  /** The Applications tab's Status column (partner applications; New ones wait for a manager). */
  applicationStatuses?: readonly string[];
  /** Leads whose latest push to HubSpot met another partner's open deal (src/hubspot). */
  hubspotConflicts?: number;
  /** Rows whose Problems cell is not empty, per tab name. */
  problemRows: ReadonlyArray<{ tab: string; rows: number }>;
  /** The automation as the sidebar's automation panel reports it: 'running' when healthy, else its message says what is wrong. */
  automation: { state: string; message: string };
}

export const OPEN_LEAD_STATUSES: ReadonlySet<string> = new Set(['New', 'Accepted', 'Qualified']);

/** Open leads whose protection ends within this many days (today included) are "expiring this week". */
export const EXPIRING_WITHIN_DAYS = 7;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function attentionItems(facts: AttentionFacts): AttentionItem[] {
  const items: AttentionItem[] = [];
  const weekEnd = addDaysIso(facts.today, EXPIRING_WITHIN_DAYS - 1);
  const conflicts = facts.leads.filter((l) => l.status === 'Conflict').length;
  const expiring = facts.leads.filter((l) => OPEN_LEAD_STATUSES.has(l.status) && l.protectedUntil !== '' && l.protectedUntil >= facts.today && l.protectedUntil <= weekEnd).length;
  const inbox = facts.inboxStatuses.filter((s) => s === 'Rejected').length;
  const payable = facts.commissionStatuses.filter((c) => c.status === 'Payable').length;
  const drafts = facts.payouts.filter((p) => p.status === 'Draft').length;
  const approved = facts.payouts.filter((p) => p.status === 'Approved').length;
  const problems = facts.problemRows.filter((p) => p.rows > 0);
  const problemCount = problems.reduce((sum, p) => sum + p.rows, 0);

  if (facts.automation.state !== 'running') {
    items.push({
      key: 'automation',
      count: 1,
      text: facts.automation.message.trim() || `The automation is ${facts.automation.state}.`,
      target: 'automation',
      action: 'See the automation',
    });
  }
  if (conflicts)
    items.push({
      key: 'conflicts',
      count: conflicts,
      text: `${plural(conflicts, 'registration collides', 'registrations collide')} with a protected lead: accept or reject ${conflicts === 1 ? 'it' : 'each'}.`,
      target: 'leads',
      action: 'Open Leads',
    });
  if (expiring)
    items.push({
      key: 'expiring',
      count: expiring,
      text: `${plural(expiring, 'open lead loses', 'open leads lose')} protection within ${EXPIRING_WITHIN_DAYS} days: move ${expiring === 1 ? 'it' : 'them'} on or let ${expiring === 1 ? 'it' : 'them'} expire.`,
      target: 'leads',
      action: 'Open Leads',
    });
  if (inbox)
    items.push({
      key: 'inbox',
      count: inbox,
      text: `${plural(inbox, 'form response waits', 'form responses wait')} in the Form Inbox: fix and re-process, or dismiss with a reason.`,
      target: 'inbox',
      action: 'Open the Inbox',
    });
  const hubspot = facts.hubspotConflicts ?? 0;
  if (hubspot)
    items.push({
      key: 'hubspot-conflicts',
      count: hubspot,
      text: `${plural(hubspot, 'lead meets', 'leads meet')} another partner's open HubSpot deal for the same company: nothing was written to HubSpot; decide who owns ${hubspot === 1 ? 'it' : 'each'}.`,
      target: 'hubspot',
      action: 'Open HubSpot',
    });
  const applications = (facts.applicationStatuses ?? []).filter((s) => s === 'New').length;
  if (applications)
    items.push({
      key: 'applications',
      count: applications,
      text: `${plural(applications, 'partner application waits', 'partner applications wait')} for a manager: approve or reject ${applications === 1 ? 'it' : 'each'}.`,
      target: 'applications',
      action: 'Open Applications',
    });
  if (payable)
    items.push({
      key: 'approve-lines',
      count: payable,
      text: `${plural(payable, 'commission line is', 'commission lines are')} payable and ${payable === 1 ? 'waits' : 'wait'} for approval.`,
      target: 'approvals',
      action: 'Open Approvals',
    });
  if (drafts)
    items.push({
      key: 'approve-payouts',
      count: drafts,
      text: `${plural(drafts, 'Draft payout waits', 'Draft payouts wait')} for a manager’s approval.`,
      target: 'payouts',
      action: 'Open Payouts',
    });
  if (approved)
    items.push({
      key: 'pay-payouts',
      count: approved,
      text: `${plural(approved, 'approved payout is', 'approved payouts are')} not marked paid yet.`,
      target: 'payouts',
      action: 'Open Payouts',
    });
  if (problemCount)
    items.push({
      key: 'problems',
      count: problemCount,
      text: `${plural(problemCount, 'row has', 'rows have')} problems and ${problemCount === 1 ? 'does' : 'do'} not count until fixed (${problems.map((p) => `${p.tab} ${p.rows}`).join(', ')}).`,
      target: 'problems',
      action: 'See the rows',
    });
  return items;
}

export function headlines(facts: AttentionFacts): Headlines {
  const year = Number(facts.today.slice(0, 4));
  const inYear = (iso: string) => iso.slice(0, 4) === String(year);
  const open = facts.leads.filter((l) => OPEN_LEAD_STATUSES.has(l.status));
  const won = facts.leads.filter((l) => l.status === 'Closed Won' && inYear(l.closedOn));
  const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
  return {
    openLeads: open.length,
    pipelineCents: sum(open.map((l) => l.estimateCents)),
    wonThisYear: won.length,
    wonThisYearCents: sum(won.map((l) => l.dealCents)),
    owedCents: sum(facts.commissionStatuses.filter((c) => c.status === 'Pending' || c.status === 'Payable' || c.status === 'Approved').map((c) => c.amountCents)),
    paidThisYearCents: sum(facts.payouts.filter((p) => p.status === 'Paid' && inYear(p.paidOn)).map((p) => p.netCents)),
    year,
  };
}

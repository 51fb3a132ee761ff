import { PartnerIdentity, partnerFacingReason } from './partner-facing';

/**
 * A partner's private sheet, as content (src/partner-sheets/ writes it): four tabs holding only
 * that partner's rows — every row is filtered by Partner ID here, whatever the caller passed — and
 * reasons worded without other partners (partner-facing.ts). Values are plain: text the edge
 * neutralises for cells, amounts in the programme's currency units, dates as yyyy-MM-dd.
 */
export const PARTNER_SHEET_TABS = ['Summary', 'Leads', 'Commissions', 'Payouts'] as const;
export type PartnerSheetTab = (typeof PARTNER_SHEET_TABS)[number];
export type SheetCell = string | number;
export type PartnerSheetContent = Record<PartnerSheetTab, SheetCell[][]>;

export interface SheetPartner extends PartnerIdentity {
  tier: string;
  status: string;
}

export interface SheetLead {
  id: string;
  partnerId: string;
  company: string;
  status: string;
  statusReason: string;
  registeredOn: string;
  protectedUntil: string;
  dealAmountCents: number | null;
  closedOn: string;
}

export interface SheetLine {
  id: string;
  partnerId: string;
  leadId: string;
  kind: string;
  amountCents: number | null;
  status: string;
  payableOn: string;
  payoutId: string;
}

export interface SheetPayout {
  id: string;
  partnerId: string;
  periodStart: string;
  periodEnd: string;
  netCents: number;
  status: string;
  /** yyyy-MM-dd or ''. */
  paidOn: string;
  paymentReference: string;
}

export interface PartnerSheetInput {
  programme: string;
  currency: string;
  partner: SheetPartner;
  formUrl: string;
  /** When the sheet was written, as shown (e.g. "2026-04-01 09:00 UTC"). */
  refreshedAt: string;
  leads: readonly SheetLead[];
  lines: readonly SheetLine[];
  payouts: readonly SheetPayout[];
  /** Every other partner: what a reason must not name. */
  others: readonly PartnerIdentity[];
}

export const LEAD_HEADERS = ['Lead ID', 'Company', 'Status', 'Registered', 'Protected Until', 'Reason', 'Deal Amount', 'Closed On'];
export const LINE_HEADERS = ['Commission ID', 'Lead ID', 'Company', 'Kind', 'Amount', 'Status', 'Payable On', 'Payout'];
export const PAYOUT_HEADERS = ['Payout', 'Period', 'Net', 'Status', 'Paid On', 'Reference'];

/** Payout statuses a partner sees: a Draft is not decided yet (a manager approves it first). */
const SHOWN_PAYOUTS = new Set(['Approved', 'Paid']);
/** Lines that are owed: approved or payable, not yet paid or void. */
const OWED_LINES = new Set(['Approved', 'Payable']);

const money = (cents: number | null): SheetCell => (cents === null ? '' : cents / 100);

/** The balance the Summary shows: approved or payable lines not yet paid, and payouts paid to date (cents). */
export function partnerBalance(partnerId: string, lines: readonly SheetLine[], payouts: readonly SheetPayout[]): { owedCents: number; paidCents: number } {
  let owedCents = 0;
  for (const l of lines) if (l.partnerId === partnerId && OWED_LINES.has(l.status) && l.amountCents !== null) owedCents += l.amountCents;
  let paidCents = 0;
  for (const p of payouts) if (p.partnerId === partnerId && p.status === 'Paid') paidCents += p.netCents;
  return { owedCents, paidCents };
}

export function partnerSheetContent(input: PartnerSheetInput): PartnerSheetContent {
  const { partner } = input;
  const own = <T extends { partnerId: string }>(rows: readonly T[]) => rows.filter((r) => r.partnerId === partner.id);
  const others = input.others.filter((o) => o.id !== partner.id);
  const leads = own(input.leads);
  const lines = own(input.lines);
  const payouts = own(input.payouts).filter((p) => SHOWN_PAYOUTS.has(p.status));
  const companyOf = new Map(leads.map((l) => [l.id, l.company]));
  const balance = partnerBalance(partner.id, lines, payouts);
  const summary: SheetCell[][] = [
    ['Programme', input.programme],
    ['Partner', partner.name],
    ['Tier', partner.tier],
    ['Status', partner.status],
    [`Approved, not yet paid (${input.currency})`, money(balance.owedCents)],
    [`Paid to date (${input.currency})`, money(balance.paidCents)],
    ['Register a lead', input.formUrl || 'Ask the partner team for the lead form link.'],
    ['Refreshed', input.refreshedAt],
    ['', ''],
    ['This sheet is yours alone and view-only; the programme refreshes it after each change to your leads, commissions and payouts, and every night.', ''],
  ];
  return {
    Summary: summary,
    Leads: [LEAD_HEADERS, ...leads.map((l) => [l.id, l.company, l.status, l.registeredOn, l.protectedUntil, partnerFacingReason(l, others), money(l.dealAmountCents), l.closedOn])],
    Commissions: [LINE_HEADERS, ...lines.map((c) => [c.id, c.leadId, companyOf.get(c.leadId) ?? '', c.kind, money(c.amountCents), c.status, c.payableOn, c.payoutId])],
    Payouts: [PAYOUT_HEADERS, ...payouts.map((p) => [p.id, `${p.periodStart} – ${p.periodEnd}`, money(p.netCents), p.status, p.paidOn, p.paymentReference])],
  };
}

/** What a change-feed row says (audit-tail.ts AuditTailRow, the fields read here). */
export interface ChangeRow {
  tab: string;
  recordId: string;
  field: string;
  oldValue: string;
  newValue: string;
}

export interface ChangeLookup {
  /** The tabs' current names. */
  tabs: { partners: string; leads: string; commissions: string; payouts: string };
  leadPartner: ReadonlyMap<string, string>;
  linePartner: ReadonlyMap<string, string>;
  payoutPartner: ReadonlyMap<string, string>;
}

/** Fields the partner sheets' own refresh writes: a change to them is no reason to refresh again. */
const OWN_FIELDS = new Set(['partnerSheet', 'Partner Sheet']);

/**
 * The partners whose sheet a batch of changes affects: a partner's row, their leads (both
 * partners when a lead moves between them), commission lines and payouts.
 */
export function partnersTouched(rows: readonly ChangeRow[], lookup: ChangeLookup): Set<string> {
  const out = new Set<string>();
  const add = (id: string | undefined) => {
    if (id) out.add(id);
  };
  for (const row of rows) {
    if (row.tab === lookup.tabs.partners) {
      if (!OWN_FIELDS.has(row.field)) add(row.recordId);
    } else if (row.tab === lookup.tabs.leads) {
      add(lookup.leadPartner.get(row.recordId));
      if (row.field === 'partnerId' || row.field === 'Partner ID') {
        add(row.oldValue.trim());
        add(row.newValue.trim());
      }
    } else if (row.tab === lookup.tabs.commissions) {
      add(lookup.linePartner.get(row.recordId));
    } else if (row.tab === lookup.tabs.payouts) {
      add(lookup.payoutPartner.get(row.recordId));
    }
  }
  return out;
}

/** The sheet's name in the owner's Drive. */
export function partnerSheetName(programme: string, partnerName: string): string {
  return `${programme} — ${partnerName}`;
}

/** Who should see the sheet, and what to change: an Active partner's contacts; nobody for anyone else. */
export function viewerChanges(wanted: readonly string[], current: readonly string[]): { add: string[]; remove: string[] } {
  const lower = (list: readonly string[]) => list.map((e) => e.toLowerCase());
  const want = new Set(lower(wanted));
  const have = new Set(lower(current));
  return { add: [...want].filter((e) => !have.has(e)), remove: [...have].filter((e) => !want.has(e)) };
}

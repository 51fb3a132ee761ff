/**
 * What the sidebar and the server say to each other through google.script.run.
 * Types only: the sidebar bundle imports nothing at run time from here.
 * Every result is plain JSON (dates as ISO strings), as google.script.run requires.
 */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ApiError };

export interface ApiError {
  message: string;
  /** Input field → what is wrong with it, for forms to show beside each field. */
  fieldErrors?: Record<string, string>;
}

export interface TabSummary {
  name: string;
  /** Data rows (below the header); null when the tab is missing. */
  rows: number | null;
}

export interface TrackerOverview {
  programmeName: string;
  currency: string;
  /** Null until setup has run on this spreadsheet. */
  schemaVersion: number | null;
  latestSchemaVersion: number;
  tabs: TabSummary[];
  settingsProblems: Array<{ label: string; message: string }>;
}

export interface SetupResult {
  fromVersion: number | null;
  toVersion: number;
  changes: string[];
  notices: string[];
}

/** A partner as the sidebar shows and edits it. */
export interface PartnerView {
  id: string;
  name: string;
  code: string;
  contactName: string;
  contactEmail: string;
  type: string;
  tier: string;
  region: string;
  productFocus: string;
  status: string;
  /** YYYY-MM-DD or ''. */
  joinedOn: string;
  notes: string;
}

/** What the "Register lead" view needs to draw its form. */
export interface RegistrationOptions {
  /** Active partners only, by name. */
  partners: Array<{ id: string; name: string; code: string }>;
  products: string[];
  regions: string[];
  currency: string;
  protectionDays: number;
  /** Today in the spreadsheet's time zone, YYYY-MM-DD. */
  today: string;
}

/** A lead as the sidebar shows it: money as amounts (not cents), dates as text. */
export interface LeadView {
  id: string;
  /** ISO 8601, UTC. */
  registeredAt: string;
  partnerId: string;
  partnerName: string;
  company: string;
  website: string;
  domain: string;
  contactName: string;
  contactEmail: string;
  product: string;
  estimatedValue: number | null;
  expectedClose: string;
  status: string;
  statusReason: string;
  conflictWith: string;
  dealAmount: number | null;
  closedOn: string;
  source: string;
  notes: string;
  updatedAt: string | null;
  protectedUntil: string;
  /** The statuses this lead may move to now (empty when final). */
  nextStatuses: string[];
  /** After a move: what happened to its commissions (created, or why not). */
  notice?: string | null;
}

export interface RegisterLeadResult {
  lead: LeadView;
  /** Why the registration collided with an earlier one (status Conflict), or null. */
  conflict: string | null;
}

export interface LeadQuery {
  partnerId?: string;
  /** A status, 'open' (New, Accepted, Qualified, Conflict) or 'all'. Default 'open'. */
  status?: string;
  /** Matches company, domain, contact or lead ID. */
  search?: string;
  /** Newest first; default 50, at most 200. */
  limit?: number;
}

export interface LeadList {
  leads: LeadView[];
  /** How many leads matched before the limit. */
  total: number;
}

/** A commission line as the Approvals view shows it (amounts in currency units). */
export interface CommissionView {
  id: string;
  leadId: string;
  company: string;
  partnerId: string;
  kind: string;
  ruleId: string;
  dealAmount: number;
  /** Fraction (0.2 = 20%); null for flat lines. */
  rate: number | null;
  amount: number;
  status: string;
  /** YYYY-MM-DD. */
  payableOn: string;
}

export interface ApprovalGroup {
  partnerId: string;
  partnerName: string;
  lines: CommissionView[];
  total: number;
}

/** Payable commissions waiting for a manager, grouped by partner. */
export interface ApprovalsList {
  groups: ApprovalGroup[];
  currency: string;
  total: number;
  /** Whether the current user may approve (a manager in Settings, or anyone when none are set). */
  canApprove: boolean;
  /** Why not, when canApprove is false. */
  whyNot: string | null;
}

/** What a bulk approve or void did: the lines changed and each refusal with its reason. */
export interface BulkCommissionResult {
  changed: string[];
  refused: Array<{ id: string; reason: string }>;
}

export type { LeadRegistrationInput, LeadTransitionInput } from '../domain/lead';
export type { PartnerInput } from '../domain/partner';

/** The server functions the sidebar may call, with their argument and result types. */
export interface SidebarApi {
  apiGetOverview(): ApiResult<TrackerOverview>;
  apiRunSetup(): ApiResult<SetupResult>;
  apiListPartners(): ApiResult<PartnerView[]>;
  apiSavePartner(input: import('../domain/partner').PartnerInput): ApiResult<PartnerView>;
  apiGetRegistrationOptions(): ApiResult<RegistrationOptions>;
  apiRegisterLead(input: import('../domain/lead').LeadRegistrationInput): ApiResult<RegisterLeadResult>;
  apiListLeads(query: LeadQuery): ApiResult<LeadList>;
  apiMoveLead(leadId: string, move: import('../domain/lead').LeadTransitionInput): ApiResult<LeadView>;
  apiListApprovals(): ApiResult<ApprovalsList>;
  apiApproveCommissions(ids: string[]): ApiResult<BulkCommissionResult>;
  apiVoidCommissions(ids: string[], reason: string): ApiResult<BulkCommissionResult>;
}

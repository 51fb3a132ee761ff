/**
 * What the sidebar and the server say to each other through google.script.run.
 * Types only: the sidebar bundle imports nothing at run time from here.
 * Every result is plain JSON (dates as ISO strings), as google.script.run requires.
 */
import type { AttentionItem, Headlines } from '../domain/attention';
import type { Endpoint, RequestTag } from './endpoint';
import type { MetricsPeriod } from '../domain/metrics/types';
import type { PartnerComparison, SimulationTotals, UncoveredReason } from '../domain/simulator/simulate';
import type { Scenario } from '../domain/simulator/scenarios';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

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

/** Whether the tracker's automation (the owner's triggers) still runs, and who may take it over. */
export interface AutomationStatus {
  /** The account the automation runs as; '' before setup. */
  owner: string;
  youAreOwner: boolean;
  /** When the owner's hourly run last finished (ISO), or null. */
  lastRunAt: string | null;
  lastRunOk: boolean;
  note: string;
  state: 'not set up' | 'running' | 'failing' | 'stopped' | 'missing triggers';
  message: string;
  canTakeOver: boolean;
  whyNotTakeOver: string | null;
}

/** The person using the sidebar: who Google says they are, and their roles. */
export interface YouView {
  email: string;
  roles: string[];
}

export interface TeamMemberView {
  email: string;
  role: string;
  name: string;
}

export interface TeamView {
  owner: string;
  /** The person using the sidebar. */
  you: YouView;
  members: TeamMemberView[];
  /** Roles a person can be given here. */
  roles: string[];
  canManage: boolean;
  whyNot: string | null;
  automation: AutomationStatus;
  /** What the last change did (protections, notices). */
  notices: string[];
}

export interface TrackerOverview {
  programmeName: string;
  currency: string;
  you: YouView;
  automation: AutomationStatus;
  /** Null until setup has run on this spreadsheet. */
  schemaVersion: number | null;
  latestSchemaVersion: number;
  tabs: TabSummary[];
  settingsProblems: Array<{ label: string; message: string }>;
  /** Audit entries teammates' actions left for the owner's next run: warnings when their store is 80% full or entries were set aside. */
  auditWarnings: string[];
  /** How full the spreadsheet is (Google's 10-million-cell limit) and when the Audit Log rolls over. */
  capacity: CapacityView;
}

/** Home's list of what needs a person today, and the headline numbers (src/domain/attention.ts). */
export interface AttentionView {
  items: AttentionItem[];
  headlines: Headlines;
}

export interface CapacityView {
  /** Cells the tabs' grids hold (max rows × max columns, summed), and Google's limit. */
  used: number;
  limit: number;
  /** Share of the limit at which the owner's daily run rolls the Audit Log over (0.8). */
  rolloverShare: number;
  /** The biggest tabs, biggest first. */
  tabs: Array<{ name: string; cells: number }>;
  /** Audit rows a day, over the live log's dates. */
  auditRowsPerDay: number;
  /** yyyy-MM-dd when, at that rate, the threshold is reached; '' when not within ten years. */
  rolloverOn: string;
  /** The year of the live Audit Log's oldest row: what moves first (0 with no rows). */
  oldestYear: number;
  /** Archive spreadsheets: the Audit Log's yearly files, then the closed leads' ("… — Leads 2025"). */
  archives: Array<{ name: string; url: string; rows: number }>;
}

export interface SetupResult {
  fromVersion: number | null;
  toVersion: number;
  changes: string[];
  notices: string[];
  /** The account the tracker's automation runs as. */
  owner: string;
  /** False when someone other than the owner ran it: nothing was installed. */
  ranAsOwner: boolean;
  /** For the owner: the next three things to do (src/domain/next-steps.ts). */
  nextSteps: string[];
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
  /** More Contact Emails, lower case (schema 9). */
  otherEmails?: string[];
  /** Status Updates: Daily, Immediate, Weekly, Off, or '' (Daily). */
  updates?: string;
  /** Tier Pinned: 'Yes', or '' (the tier review moves them). */
  tierPinned?: string;
  /** Payout Method (PayPal, Wise, Bank transfer or '') and Payout Account (schema 11). */
  payoutMethod?: string;
  payoutAccount?: string;
}

/** What the "Register lead" view needs to draw its form. */
export interface RegistrationOptions {
  /** Active partners only, by name. */
  partners: Array<{ id: string; name: string; code: string }>;
  products: string[];
  regions: string[];
  /** The Tiers tab's tier names, lowest first (the partner editor's Tier). */
  tiers: string[];
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
  status?: 'open' | 'all' | import('../domain/enums').LeadStatus;
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
  /** Whether the current user may approve (the Manager role), and why not. */
  canApprove: boolean;
  /** Why not, when canApprove is false. */
  whyNot: string | null;
}

/** What a bulk approve or void did: the lines changed and each refusal with its reason. */
export interface BulkCommissionResult {
  changed: string[];
  refused: Array<{ id: string; reason: string }>;
}

/** One partner's payout in a period (amounts in currency units). payoutId is null in a preview. */
export interface PayoutRowView {
  payoutId: string | null;
  partnerId: string;
  partnerName: string;
  gross: number;
  /** ≤ 0. */
  clawbacks: number;
  net: number;
  lines: number;
  /** Draft, Approved, Paid — or Preview. */
  status: string;
  /** ISO 8601 or null. */
  paidAt: string | null;
  paymentReference: string;
}

export interface CarriedView {
  partnerId: string;
  partnerName: string;
  net: number;
  reason: string;
}

/** A payout period as the Payouts view shows it: a preview (nothing written) or the payouts of a run. */
export interface PayoutPeriodView {
  period: { start: string; end: string; label: string };
  currency: string;
  /** Whether a run for this period has happened. */
  runStatus: 'not run' | 'Running' | 'Complete';
  rows: PayoutRowView[];
  carried: CarriedView[];
  /** Sum of rows' net. */
  total: number;
  /** Approved commissions not yet payable in this period, or waiting for approval. */
  pendingApproval: { lines: number; amount: number };
  /** Whether this person may run payouts (Manager), and why not. */
  canManage: boolean;
  whyNot: string | null;
  /** Per action: null when this person may, else why not (names the role it needs). */
  permissions: { run: string | null; approve: string | null; markPaid: string | null; export: string | null };
  /** Lines and payouts that do not count because they were changed by hand: "C-000004: Status was changed by hand". */
  held: string[];
  /** Recent periods for a picker, newest first (start date and label); the first is the default (the previous period). */
  periods: Array<{ start: string; label: string }>;
  /** Of pendingApproval, the lines still in their holding period (not approvable yet), and the first date one becomes payable. */
  holding: { lines: number; amount: number; nextPayableOn: string };
  /** A Complete period: lines approved after it was run that running it again (a supplementary run) pays now. */
  late: { partners: number; lines: number; amount: number };
}

export interface PayoutRunView {
  status: 'complete' | 'continuing' | 'already complete';
  created: string[];
  carried: number;
  /** Payout rows rebuilt after an earlier run stopped half way. */
  recovered: string[];
  summary: 'sent' | 'queued' | 'no managers' | 'already sent' | 'not yet';
  message: string;
}

export interface PayoutExportView {
  fileName: string;
  url: string;
  rows: number;
}

/** The per-method payout files written to Drive (issue 15), and the chosen payouts left out with why. */
export interface PayoutFilesView {
  files: Array<{ name: string; url: string; kind: string; currency: string; payouts: number; total: number }>;
  notExported: Array<{ payoutId: string; reason: string }>;
  /** Payout IDs in the generic file because their partner has no Payout Method yet. */
  noMethod: string[];
}

/** A provider's result file read back: payouts marked Paid, those already Paid with the same reference, and every other row with why. */
export interface PayoutResultsView {
  provider: string;
  paid: Array<{ payoutId: string; reference: string; paidOn: string }>;
  alreadyPaid: string[];
  unmatched: Array<{ line: number; payoutId: string; reference: string; reason: string }>;
}

/** The partner form's answers, by question (src/domain/partner-form.ts FORM_QUESTIONS). */
export type InboxAnswers = Record<'partnerCode' | 'company' | 'website' | 'contactName' | 'contactEmail' | 'product' | 'estimatedValue' | 'notes', string>;

/** Which Form Inbox row an action is about: its sheet row, confirmed by its form response key or, for older rows without one, its receipt time. */
export interface InboxRef {
  row: number;
  responseKey: string;
  receivedAt: string;
}

/** A rejected partner form response waiting in the Form Inbox. */
export interface InboxItemView extends InboxRef {
  partnerCode: string;
  /** Every reason, never empty. */
  reasons: string[];
  answers: InboxAnswers;
  /** Why the answers are blank or partial (their raw cell unreadable), or null. */
  unreadable: string | null;
  /** The Decision Note: what the last re-process tried. */
  lastAttempt: string;
  /** A lead an interrupted re-process already made of this response ('' when none): re-processing finishes the record. */
  madeLead: string;
  /** The Google account that sent it, as the form verified it ('' when the form records none). */
  respondentEmail?: string;
}

export interface InboxList {
  items: InboxItemView[];
  /** Responses waiting (status Rejected). */
  waiting: number;
  products: string[];
}

export type ReprocessResult =
  | { outcome: 'lead'; leadId: string; status: string; conflict: string | null; note: string; message: string }
  | { outcome: 'refused'; reasons: string[]; problems: Record<string, string>; message: string };

export interface DismissResult {
  note: string;
  message: string;
}

/** Check tracker (apiCheckTracker): rows typed or pasted in that it adopted, IDs it assigned, rows still with problems. */
export interface CheckTrackerView {
  adopted: number;
  idsAssigned: number;
  problems: number;
  /** One sentence. */
  summary: string;
}

/** Rows needing attention (apiListRowProblems): the first 50, and how many there are in all. */
export interface RowProblemsView {
  total: number;
  rows: Array<{ tab: string; row: number; id: string; label: string; problems: string[] }>;
}

export type { LeadRegistrationInput, LeadTransitionInput } from '../domain/lead';
export type { PartnerInput } from '../domain/partner';

/** Every endpoint, by the name the sidebar calls (registry.ts). */
type Endpoints = typeof import('./registry');

/**
 * The server functions the sidebar may call, with their argument and result
 * types: computed from the endpoints themselves (registry.ts), types only.
 */
export type SidebarApi = {
  [K in keyof Endpoints]: Endpoints[K] extends Endpoint<infer In, infer R, boolean> ? (...args: In) => ApiResult<R> : never;
};

/** The endpoints that change something (writeEndpoint): they keep each outcome by the call's request ID, so a retry gets the first outcome. */
export type SidebarWrite = { [K in keyof Endpoints]: Endpoints[K] extends Endpoint<readonly unknown[], unknown, true> ? K : never }[keyof Endpoints];

/** How google.script.run receives a call: the arguments, then the request tag the sidebar adds to every call (only writes use it). */
export type SidebarCall<K extends keyof SidebarApi> = (...args: [...Parameters<SidebarApi[K]>, RequestTag]) => ReturnType<SidebarApi[K]>;

export type { ImportRequest, ImportOutcome } from '../import/run-import';
export type { SourceTabs, SourceRows } from '../import/source';
export type { PlannedRow, PlanSummary } from '../domain/import/plan-types';
// ---- The rule builder (Commission Rules) ----

export type { RuleDraft } from '../domain/commissions/rules';

/** A commission rule as the sidebar lists it: money in units, rates as fractions, and in plain words. */
export interface RuleView {
  id: string;
  name: string;
  ruleType: 'Base' | 'Bonus';
  kind: 'Percentage' | 'Flat';
  rate: number | null;
  flatAmount: number | null;
  acceleratorThreshold: number | null;
  acceleratorRate: number | null;
  capPerDeal: number | null;
  holdingDays: number | null;
  partnerTier: string;
  partnerType: string;
  product: string;
  effectiveFrom: string;
  effectiveTo: string;
  active: boolean;
  /** Active = Draft: pays nothing; the Plan simulator tries it. */
  draft: boolean;
  notes: string;
  row: number;
  /** "10% of the deal, Gold resellers, Core Platform, from 1 Jan 2026". */
  summary: string;
  /** "A $10,000 deal pays $1,000. …" */
  example: string;
  /** Commission lines it has made: what it pays then changes only from a date, as a new rule. */
  commissions: number;
}

/** A row of the tab that is not a rule yet, and why. */
export interface RuleProblemView {
  row: number;
  ruleId: string;
  name: string;
  problems: string[];
}

export interface RulesList {
  rules: RuleView[];
  problems: RuleProblemView[];
  currency: string;
  /** Settings' holding period, for rules that leave theirs blank. */
  defaultHoldingDays: number;
  products: string[];
  /** The Tiers tab's tier names, lowest first (the rule builder's Partner tier). */
  tiers: string[];
  today: string;
  canEdit: boolean;
  whyNot: string | null;
}

export interface SaveRuleResult {
  rule: RuleView;
  /** A new row was written (a new rule, or the new terms of a rule that had commissions). */
  created: boolean;
  /** The rule whose new terms this is (it now ends the day before this one starts), or null. */
  replaced: string | null;
  message: string;
}

/** Announcements (src/announcements/): a segment as the sidebar sends it; an empty list means any value. */
export interface AnnouncementSegmentInput {
  tiers: string[];
  regions: string[];
  types: string[];
  products: string[];
  activity: 'all' | 'active' | 'dormant' | 'new';
  days: number;
}

export interface AnnouncementInput {
  subject: string;
  body: string;
  segment: AnnouncementSegmentInput;
}

/** An announcement on the Partner Updates tab (its partners' rows), or one waiting for the automation. */
export interface AnnouncementHistoryItem {
  id: string;
  at: string;
  subject: string;
  partners: number;
  sent: number;
  pending: number;
  notSent: number;
  /** Composed by a teammate; the owner's hourly run sends it. */
  waiting: boolean;
}

export interface AnnouncementOptions {
  tiers: string[];
  types: string[];
  regions: string[];
  products: string[];
  limits: { subject: number; body: number; defaultDays: number };
  /** "Only partners whose Status is Active…" */
  onlyActive: string;
  canSend: boolean;
  whyNot: string | null;
  /** The person is the tracker's owner: a send goes out at once (else the hourly run sends it). */
  sendsNow: boolean;
  owner: string;
  history: AnnouncementHistoryItem[];
}

export interface AnnouncementRecipientView {
  id: string;
  name: string;
  /** How many of the partner's contact emails get the copy (0: skipped). */
  contacts: number;
  /** Why the partner gets no email, or ''. */
  skipped: string;
}

export interface AnnouncementPreview {
  /** The segment in words. */
  segment: string;
  /** The activity's definition. */
  definition: string;
  matched: number;
  /** Matched partners with a contact email. */
  reachable: number;
  /** Partners the filters matched whose Status is not Active (left out). */
  inactive: number;
  recipients: AnnouncementRecipientView[];
  /** Matched partners not listed (the list shows the first 200). */
  more: number;
  /** The email as the first reachable partner receives it (plain text), or null when no one is reachable. */
  preview: { partnerName: string; contacts: number; subject: string; body: string } | null;
}

export interface AnnouncementSendResult {
  announcementId: string;
  outcome: 'sent' | 'left for the automation';
  matched: number;
  sentNow: number;
  queued: number;
  alreadySent: number;
  troubled: number;
  skipped: Array<{ partnerId: string; partner: string; reason: string }>;
  message: string;
}

/** A partner application (the Applications tab), as the sidebar's Applications view shows it. */
export interface ApplicationView {
  id: string;
  row: number;
  receivedAt: string;
  company: string;
  website: string;
  contactName: string;
  /** The Google account that submitted it, as the form verified it. */
  contactEmail: string;
  type: string;
  region: string;
  productFocus: string;
  about: string;
  termsVersion: string;
  status: string;
  /** What stops an approval (no verified email, terms not accepted, the email already a partner's contact), or []. */
  blockers: string[];
  /** The partner an interrupted approval already made ('' when none): approving again finishes the record. */
  madePartner: string;
}

export interface ApplicationList {
  /** Applications waiting for a decision (status New), oldest first. */
  items: ApplicationView[];
  waiting: number;
  canReview: boolean;
  whyNot: string | null;
}

/** Which application: its ID, and the row the sidebar saw it in (a hint). */
export interface ApplicationRef {
  id: string;
  row: number;
}

export interface ApplicationDecision {
  id: string;
  status: 'Approved' | 'Rejected';
  /** The partner an approval made, or ''. */
  partnerId: string;
  partnerCode: string;
  message: string;
}

// ---- The Plan simulator (src/simulator/): its period is a PeriodRequest (below, with Insights) ----

export type { PartnerComparison, SimulationTotals, UncoveredReason } from '../domain/simulator/simulate';
export type { Scenario } from '../domain/simulator/scenarios';

/** A rule as the simulator offers it for the plan. */
export interface SimulatorRuleView {
  id: string;
  name: string;
  ruleType: 'Base' | 'Bonus';
  /** The Active column: Yes (in effect), No, or Draft. */
  state: 'Yes' | 'No' | 'Draft';
  /** "25% of the deal, Gold partners, from 1 Jan 2026". */
  summary: string;
  /** In the starting plan (rules in effect and drafts, less what a draft replaces). */
  inPlan: boolean;
  /** The draft that takes this live rule's place in the starting plan, or null. */
  replacedBy: string | null;
}

export interface SimulatorOptions {
  rules: SimulatorRuleView[];
  /** Rows of the Commission Rules tab that are not rules yet (they cannot be in a plan). */
  brokenRules: number;
  currency: string;
  today: string;
  /** The last month, quarter and year that have ended. */
  periods: Array<{ kind: 'month' | 'quarter' | 'year' | 'custom'; start: string; label: string }>;
  /** Plans saved by name, to tick their rules again. */
  scenarios: Scenario[];
  canRun: boolean;
  whyNot: string | null;
}

/** A deal the plan pays nothing on, and why. Money in cents. */
export interface UncoveredDealView {
  leadId: string;
  partnerId: string;
  partnerName: string;
  closedOn: string;
  dealAmountCents: number;
  actualCents: number;
  reason: UncoveredReason;
  message: string;
}

/** The comparison, money in cents: plan − actual, and as a percentage of actual (null when actual is 0). */
export interface SimulationView {
  period: MetricsPeriod;
  currency: string;
  planRuleIds: string[];
  totals: SimulationTotals;
  partners: PartnerComparison[];
  /** At most UNCOVERED_SHOWN; totals.uncoveredDeals says how many there are (the export lists them all). */
  uncovered: UncoveredDealView[];
}

export interface SimulationExportFile {
  fileName: string;
  url: string;
  /** Data rows in the file (the total, each partner, each deal). */
  rows: number;
}

// ---- Insights and the partner scorecard (src/insights) ----

export type { DashboardFigures, Scorecard, MetricsPeriod, PeriodKind, Headline, Funnel, TrendPoint, LeaderboardRow, Engagement, MetricsTierChange } from '../domain/metrics/types';

/**
 * The period the sidebar asks for: a month, quarter or year by any day in it (`start`), or a
 * custom range of days from `start` to `end` inclusive. Left out: the current month.
 */
export interface PeriodRequest {
  kind: import('../domain/metrics/types').PeriodKind;
  start: string;
  end?: string;
}

/** A partner the scorecard can be opened for (every partner, whatever their status). */
export interface InsightsPartner {
  id: string;
  name: string;
  /** The partner picker's second column (and what it matches besides the name): the partner's ID. */
  code: string;
}

/** The Insights view (apiGetInsights): the programme's figures for a period, and what drawing them needs. */
export interface InsightsView {
  figures: import('../domain/metrics/types').DashboardFigures;
  /** The partners the engagement figures count as dormant on the period's last day, by name. */
  dormant: Array<{ id: string; name: string; lastActivity: string }>;
  partners: InsightsPartner[];
  currency: string;
  /** Today in the spreadsheet's time zone, YYYY-MM-DD (the period picker's choices end here). */
  today: string;
}

/** One partner's scorecard (apiGetScorecard). */
export interface ScorecardView {
  scorecard: import('../domain/metrics/types').Scorecard;
  currency: string;
  today: string;
}

// ---- Webhooks (src/webhooks/): endpoints, their secrets shown once, a test event ----

/** An endpoint as the sidebar's Webhooks view shows it. */
export interface WebhookEndpointView {
  /** '' for a row typed into the tab that the hourly run has not given an ID yet. */
  id: string;
  row: number;
  url: string;
  events: string;
  active: boolean;
  description: string;
  /** The secret's last characters ('' when it has none yet). */
  secretHint: string;
  hasSecret: boolean;
  disabledReason: string;
  lastDelivery: string;
  /** Messages waiting (Pending or Failed – retrying) for it. */
  waiting: number;
  problems: string[];
}

export interface WebhookList {
  endpoints: WebhookEndpointView[];
  /** Every event an endpoint may take. */
  events: string[];
  canManage: boolean;
  whyNot: string | null;
}

export interface WebhookEndpointInput {
  url: string;
  /** Event names, or ['*'] for all. */
  events: string[];
  description?: string;
}

export interface WebhookRef {
  id: string;
  row: number;
}

/** A new secret: shown once, never again. */
export interface WebhookSecretShown {
  id: string;
  secret: string;
  message: string;
}

export interface WebhookTestResult {
  id: string;
  delivered: boolean;
  code: number;
  message: string;
}
// ---- HubSpot sync (src/hubspot/) ----

/** The sidebar's HubSpot view: whether the owner has connected it (never the token), the mapping's settings and the latest log rows. */
export interface HubSpotView {
  /** Settings: HubSpot sync is On. */
  on: boolean;
  /** What is wrong with the Settings' stage or field map ('' when nothing): the sync does not run until it is fixed. */
  mappingProblem: string;
  connected: boolean;
  connectedBy: string;
  connectedAt: string;
  /** The person using the sidebar is the tracker's owner (only the owner connects: the hourly run uses the owner's token). */
  youAreOwner: boolean;
  /** Paused after HubSpot refused the token: why, or ''. */
  paused: string;
  lastRun: string;
  lastRunAt: string;
  /** Leads whose latest push met another partner's open deal. */
  conflicts: string[];
  /** The HubSpot Sync tab's latest rows, newest first. */
  recent: Array<{ at: string; direction: string; leadId: string; dealId: string; outcome: string; note: string }>;
  pipeline: string;
  partnerProperty: string;
  leadProperty: string;
}

export type { ConnectOutcome } from '../hubspot/connection';

import { ROLES } from '../domain/roles';
import {
  APPLICATION_STATUSES,
  COMMISSION_KINDS,
  COMMISSION_STATUSES,
  INBOX_STATUSES,
  RUN_STATUSES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  MAIL_STATUSES,
  PARTNER_STATUSES,
  PARTNER_TYPES,
  PARTNER_UPDATE_PREFERENCES,
  PARTNER_UPDATE_STATUSES,
  PAYOUT_STATUSES,
  RULE_ACTIVE,
  RULE_KINDS,
  RULE_TYPES,
  TIER_PINNED,
  TIER_REQUIRES,
  INBOUND_RESULTS,
  PAYOUT_METHODS,
  WEBHOOK_ACTIVE,
  HUBSPOT_OUTCOMES,
} from '../domain/enums';
import { DELIVERY_STATUSES } from '../domain/webhooks/schedule';

/**
 * The tracker's spreadsheet model: every tab, every column, in one typed place.
 * Code finds a column by its key and the sheet's header row, never by position,
 * so an upgraded tracker (new columns appended on the right) reads the same.
 *
 * `since` is the schema version that introduced a tab or column. Setup builds the
 * current version; an older tracker is upgraded by adding what came later.
 */
export const SCHEMA_VERSION = 11;

export type ColumnType = 'id' | 'text' | 'longtext' | 'email' | 'url' | 'number' | 'integer' | 'money' | 'percent' | 'date' | 'datetime' | 'enum' | 'list' | 'boolean' | 'formula';

/** Values a dropdown offers: a fixed vocabulary, a list the team edits on the Lists tab, or the Tiers tab's tier names. */
export type Choices = { fixed: readonly string[] } | { list: ListKey } | { tierNames: true };

export interface ColumnDef<K extends string = string> {
  key: K;
  header: string;
  type: ColumnType;
  since: number;
  /** Written only by the tracker: protected (warning) against hand edits. */
  computed?: boolean;
  choices?: Choices;
  width?: number;
}

export type TabKey =
  | 'settings'
  | 'team'
  | 'lists'
  | 'partners'
  | 'leads'
  | 'rules'
  | 'commissions'
  | 'payouts'
  | 'runs'
  | 'audit'
  | 'inbox'
  | 'mail'
  | 'dashboard'
  | 'applications'
  | 'updates'
  | 'tiers'
  | 'tierHistory'
  | 'inbound'
  | 'webhooks'
  | 'deliveries'
  | 'hubspot';

export type ListKey = 'products' | 'regions';

export interface TabDef {
  key: TabKey;
  name: string;
  since: number;
  /** table: a header row and one record per row; dashboard: computed cells only. */
  kind: 'table' | 'dashboard';
  columns: ColumnDef[];
  /** Prefix of the record IDs in the first column (P-000001). */
  idPrefix?: string;
  /**
   * Who Google lets edit the tab (a real protection, never warning-only): the
   * whole tab by one group, and some columns by a wider one (the status and
   * sign-off columns finance writes). Groups follow the Team tab's roles.
   */
  guard: TabGuard;
  /**
   * The authority fields of a row, sealed by the tracker in its `check` column
   * (see domain/seal.ts): a change to them that did not go through the tracker
   * is found and put back. `copy: false` seals without keeping the values
   * (rows too long to copy).
   */
  sealed?: { fields: readonly string[]; copy: boolean };
  tabColor?: string;
}

/**
 * Who may edit: owner — the tracker's owner only (the automation); managers —
 * owner and Managers; finance — those and Finance; team — owner, Managers and
 * the Partner team.
 */
export type GuardGroup = 'owner' | 'managers' | 'finance' | 'team';

export interface TabGuard {
  sheet: GuardGroup;
  /** Columns a wider group may edit inside the tab (rows 2 and down). */
  columns?: { keys: readonly string[]; group: GuardGroup };
  /** A few cells of one column a wider group may edit (the Dashboard's period chooser). */
  cells?: { key: string; firstRow: number; rows: number; group: GuardGroup };
}

/** The seal column every sealed tab ends with. */
const checkColumn = (): ColumnDef<'check'> => ({
  key: 'check',
  header: 'Tracker Check',
  type: 'text',
  since: 6,
  computed: true,
  width: 140,
});

/**
 * The column where the tracker explains a row it could not adopt as typed or
 * pasted (a duplicate ID, a missing name, a value outside its list): the row is
 * kept, highlighted, and listed in the sidebar until someone fixes it.
 */
const problemsColumn = (): ColumnDef<'problems'> => ({
  key: 'problems',
  header: 'Problems',
  type: 'longtext',
  since: 8,
  computed: true,
  width: 280,
});

const c = <K extends string>(key: K, header: string, type: ColumnType, extra: Partial<Omit<ColumnDef, 'key'>> = {}): ColumnDef<K> => ({
  key,
  header,
  type,
  since: 1,
  ...extra,
});
const fixed = (values: readonly string[]): Choices => ({ fixed: values });

/** Keeps each tab's key and column keys as literal types (for ColumnKey) while checking every tab against TabDef. */
const defineTabs = <const T extends readonly TabDef[]>(tabs: T): T => tabs;

const TAB_DEFS = defineTabs([
  /**
   * Programme settings: one setting per row.
   */
  {
    key: 'settings',
    name: 'Settings',
    since: 1,
    kind: 'table',
    tabColor: '#5f6368',
    guard: { sheet: 'managers' },
    columns: [c('key', 'Setting', 'text', { computed: true, width: 220 }), c('value', 'Value', 'text', { width: 260 }), c('description', 'Description', 'longtext', { computed: true, width: 420 })],
  },
  /**
   * Who may do what: one row per person and role. Managers approve and run payouts, Finance exports
   * and marks paid, the Partner team handles partners and leads. The owner runs the automation and
   * holds every role.
   */
  {
    key: 'team',
    name: 'Team',
    since: 6,
    kind: 'table',
    tabColor: '#5f6368',
    guard: { sheet: 'managers' },
    columns: [
      c('email', 'Email', 'email', { width: 240, since: 6 }),
      c('role', 'Role', 'enum', {
        choices: fixed(ROLES),
        width: 130,
        since: 6,
      }),
      c('name', 'Name', 'text', { width: 180, since: 6 }),
      c('notes', 'Notes', 'longtext', { width: 300, since: 6 }),
    ],
  },
  /**
   * Dropdown lists the team maintains: one value per row, per column.
   */
  {
    key: 'lists',
    name: 'Lists',
    since: 1,
    kind: 'table',
    tabColor: '#5f6368',
    guard: { sheet: 'managers' },
    columns: [c('products', 'Products', 'text', { width: 220 }), c('regions', 'Regions', 'text', { width: 180 }), problemsColumn()],
  },
  /**
   * Every partner in the programme.
   */
  {
    key: 'partners',
    name: 'Partners',
    since: 1,
    kind: 'table',
    idPrefix: 'P-',
    tabColor: '#1a73e8',
    // Where a partner's money goes is Finance's and the managers' to set (issue 15), not the partner team's.
    guard: { sheet: 'team', columns: { keys: ['payoutMethod', 'payoutAccount'], group: 'finance' } },
    sealed: { fields: ['id'], copy: true },
    columns: [
      c('id', 'Partner ID', 'id', { computed: true, width: 100 }),
      c('name', 'Name', 'text', { width: 200 }),
      c('code', 'Partner Code', 'text', { width: 120 }),
      c('contactName', 'Contact Name', 'text', { width: 160 }),
      c('contactEmail', 'Contact Email', 'email', { width: 220 }),
      c('type', 'Type', 'enum', { choices: fixed(PARTNER_TYPES), width: 100 }),
      c('tier', 'Tier', 'enum', { choices: { tierNames: true }, width: 100 }),
      c('region', 'Region', 'list', { choices: { list: 'regions' }, width: 130 }),
      c('status', 'Status', 'enum', { choices: fixed(PARTNER_STATUSES), width: 100 }),
      c('joinedOn', 'Joined', 'date', { width: 110 }),
      c('notes', 'Notes', 'longtext', { width: 260 }),
      c('createdAt', 'Created At', 'datetime', { computed: true, width: 160 }),
      c('productFocus', 'Product Focus', 'list', { choices: { list: 'products' }, width: 160, since: 2 }),
      checkColumn(),
      problemsColumn(),
      c('otherEmails', 'More Contact Emails', 'longtext', {
        width: 240,
        since: 9,
      }),
      c('updates', 'Status Updates', 'enum', {
        choices: fixed(PARTNER_UPDATE_PREFERENCES),
        width: 120,
        since: 9,
      }),
      c('partnerSheet', 'Partner Sheet', 'url', {
        computed: true,
        width: 220,
        since: 9,
      }),
      c('termsAccepted', 'Terms Accepted', 'text', {
        computed: true,
        width: 220,
        since: 9,
      }),
      c('tierPinned', 'Tier Pinned', 'enum', { choices: fixed(TIER_PINNED), width: 100, since: 10 }),
      c('payoutMethod', 'Payout Method', 'enum', { choices: fixed(PAYOUT_METHODS), width: 120, since: 11 }),
      c('payoutAccount', 'Payout Account', 'text', { width: 240, since: 11 }),
    ],
  },
  /**
   * Registered leads and their pipeline status.
   */
  {
    key: 'leads',
    name: 'Leads',
    since: 1,
    kind: 'table',
    idPrefix: 'L-',
    tabColor: '#188038',
    guard: { sheet: 'team' },
    sealed: { fields: ['id', 'partnerId', 'status', 'registeredBy'], copy: true },
    columns: [
      c('id', 'Lead ID', 'id', { computed: true, width: 100 }),
      c('registeredAt', 'Registered At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('partnerId', 'Partner ID', 'text', { width: 100 }),
      c('company', 'Company', 'text', { width: 200 }),
      c('website', 'Website', 'url', { width: 180 }),
      c('domain', 'Company Domain', 'text', { computed: true, width: 150 }),
      c('contactName', 'Contact Name', 'text', { width: 160 }),
      c('contactEmail', 'Contact Email', 'email', { width: 220 }),
      c('product', 'Product', 'list', { choices: { list: 'products' }, width: 160 }),
      c('estimatedValue', 'Estimated Value', 'money', { width: 130 }),
      c('expectedClose', 'Expected Close', 'date', { width: 120 }),
      c('status', 'Status', 'enum', { choices: fixed(LEAD_STATUSES), width: 110 }),
      c('statusReason', 'Status Reason', 'longtext', { width: 220 }),
      c('conflictWith', 'Conflict With', 'text', { computed: true, width: 110 }),
      c('dealAmount', 'Deal Amount', 'money', { width: 130 }),
      c('closedOn', 'Closed On', 'date', { width: 120 }),
      c('source', 'Source', 'enum', { choices: fixed(LEAD_SOURCES), computed: true, width: 90 }),
      c('notes', 'Notes', 'longtext', { width: 260 }),
      c('updatedAt', 'Updated At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('protectedUntil', 'Protected Until', 'date', { computed: true, width: 130, since: 2 }),
      c('responseKey', 'Form Response', 'text', { computed: true, width: 150, since: 3 }),
      c('registeredBy', 'Registered By', 'email', { computed: true, width: 200, since: 4 }),
      checkColumn(),
      problemsColumn(),
    ],
  },
  /**
   * How commissions are computed. Blank "applies to" cells mean any.
   */
  {
    key: 'rules',
    name: 'Commission Rules',
    since: 1,
    kind: 'table',
    idPrefix: 'R-',
    tabColor: '#e37400',
    guard: { sheet: 'managers' },
    columns: [
      c('id', 'Rule ID', 'id', { computed: true, width: 90 }),
      c('name', 'Name', 'text', { width: 200 }),
      c('ruleType', 'Rule Type', 'enum', {
        choices: fixed(RULE_TYPES),
        width: 100,
      }),
      c('partnerTier', 'Partner Tier', 'enum', {
        choices: { tierNames: true },
        width: 110,
      }),
      c('partnerType', 'Partner Type', 'enum', { choices: fixed(PARTNER_TYPES), width: 110 }),
      c('product', 'Product', 'list', { choices: { list: 'products' }, width: 160 }),
      c('kind', 'Kind', 'enum', {
        choices: fixed(RULE_KINDS),
        width: 110,
      }),
      c('rate', 'Rate', 'percent', { width: 90 }),
      c('flatAmount', 'Flat Amount', 'money', { width: 110 }),
      c('acceleratorThreshold', 'Accelerator Threshold', 'money', {
        width: 150,
      }),
      c('acceleratorRate', 'Accelerator Rate', 'percent', {
        width: 130,
      }),
      c('capPerDeal', 'Cap Per Deal', 'money', { width: 110 }),
      c('holdingDays', 'Holding Days', 'integer', {
        width: 110,
      }),
      c('effectiveFrom', 'Effective From', 'date', { width: 120 }),
      c('effectiveTo', 'Effective To', 'date', {
        width: 120,
      }),
      c('notes', 'Notes', 'longtext', { width: 220 }),
      c('active', 'Active', 'enum', {
        choices: fixed(RULE_ACTIVE),
        width: 80,
        since: 8,
      }),
      problemsColumn(),
    ],
  },
  /**
   * One row per commission line; amounts are formulas over the row.
   */
  {
    key: 'commissions',
    name: 'Commissions',
    since: 1,
    kind: 'table',
    idPrefix: 'C-',
    tabColor: '#e37400',
    guard: { sheet: 'owner', columns: { keys: ['status', 'approvedBy', 'approvedAt', 'payoutId', 'voidReason', 'check'], group: 'finance' } },
    sealed: { fields: ['id', 'leadId', 'partnerId', 'dealAmount', 'rate', 'status', 'approvedBy', 'payoutId'], copy: true },
    columns: [
      c('id', 'Commission ID', 'id', { computed: true, width: 120 }),
      c('leadId', 'Lead ID', 'text', { computed: true, width: 100 }),
      c('partnerId', 'Partner ID', 'text', { computed: true, width: 100 }),
      c('ruleId', 'Rule ID', 'text', { computed: true, width: 90 }),
      c('kind', 'Kind', 'enum', { choices: fixed(COMMISSION_KINDS), computed: true, width: 90 }),
      c('dealAmount', 'Deal Amount', 'money', { computed: true, width: 120 }),
      c('rate', 'Rate', 'percent', { computed: true, width: 80 }),
      c('amount', 'Amount', 'money', { computed: true, width: 120 }),
      c('status', 'Status', 'enum', { choices: fixed(COMMISSION_STATUSES), width: 100 }),
      c('payableOn', 'Payable On', 'date', { computed: true, width: 110 }),
      c('approvedBy', 'Approved By', 'email', { computed: true, width: 200 }),
      c('approvedAt', 'Approved At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('payoutId', 'Payout ID', 'text', { computed: true, width: 100 }),
      c('voidReason', 'Void Reason', 'longtext', { width: 200 }),
      c('createdAt', 'Created At (UTC)', 'datetime', { computed: true, width: 160 }),
      checkColumn(),
    ],
  },
  /**
   * One payout per partner per period.
   */
  {
    key: 'payouts',
    name: 'Payouts',
    since: 1,
    kind: 'table',
    idPrefix: 'PO-',
    tabColor: '#9334e6',
    guard: { sheet: 'managers', columns: { keys: ['status', 'paidAt', 'paymentReference', 'paidBy', 'check'], group: 'finance' } },
    sealed: { fields: ['id', 'partnerId', 'periodStart', 'net', 'status', 'approvedBy', 'paidBy'], copy: true },
    columns: [
      c('id', 'Payout ID', 'id', { computed: true, width: 110 }),
      c('periodStart', 'Period Start', 'date', { computed: true, width: 110 }),
      c('periodEnd', 'Period End', 'date', { computed: true, width: 110 }),
      c('partnerId', 'Partner ID', 'text', { computed: true, width: 100 }),
      c('gross', 'Gross', 'money', { computed: true, width: 110 }),
      c('clawbacks', 'Clawbacks', 'money', { computed: true, width: 110 }),
      c('net', 'Net', 'money', { computed: true, width: 110 }),
      c('lines', 'Lines', 'integer', { computed: true, width: 70 }),
      c('status', 'Status', 'enum', { choices: fixed(PAYOUT_STATUSES), width: 100 }),
      c('createdAt', 'Created At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('approvedBy', 'Approved By', 'email', { computed: true, width: 200 }),
      c('approvedAt', 'Approved At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('paidAt', 'Paid At (UTC)', 'datetime', { width: 160 }),
      c('paymentReference', 'Payment Reference', 'text', { width: 160 }),
      c('statementSentAt', 'Statement Sent (UTC)', 'datetime', { computed: true, width: 160, since: 5 }),
      c('paidBy', 'Paid By', 'email', { computed: true, width: 200, since: 5 }),
      checkColumn(),
    ],
  },
  /**
   * One row per payout run and period: what it did, and whether the summary went out. A run never
   * pays a period twice.
   */
  {
    key: 'runs',
    name: 'Payout Runs',
    since: 5,
    kind: 'table',
    tabColor: '#9334e6',
    guard: { sheet: 'managers' },
    sealed: { fields: ['periodStart', 'periodEnd', 'status', 'summarySentAt'], copy: true },
    columns: [
      c('periodStart', 'Period Start', 'date', { width: 110, since: 5 }),
      c('periodEnd', 'Period End', 'date', { width: 110, since: 5 }),
      c('label', 'Period', 'text', { width: 160, since: 5 }),
      c('status', 'Status', 'enum', { choices: fixed(RUN_STATUSES), width: 100, since: 5 }),
      c('startedAt', 'Started At (UTC)', 'datetime', { width: 160, since: 5 }),
      c('completedAt', 'Completed At (UTC)', 'datetime', { width: 160, since: 5 }),
      c('payouts', 'Payouts', 'integer', { width: 80, since: 5 }),
      c('total', 'Total', 'money', { width: 120, since: 5 }),
      c('carried', 'Carried Forward', 'integer', { width: 120, since: 5 }),
      c('summarySentAt', 'Summary Sent (UTC)', 'datetime', { width: 160, since: 5 }),
      c('source', 'Started By', 'text', { width: 140, since: 5 }),
      c('notes', 'Notes', 'longtext', { width: 300, since: 5 }),
      checkColumn(),
    ],
  },
  /**
   * Every change, by a person or by the tracker. Hash-chained; only the tracker writes here.
   */
  {
    key: 'audit',
    name: 'Audit Log',
    since: 1,
    kind: 'table',
    tabColor: '#d93025',
    guard: { sheet: 'owner' },
    columns: [
      c('at', 'Timestamp (UTC)', 'text', { width: 200 }),
      c('localTime', 'Local Time', 'text', { width: 160 }),
      c('user', 'User', 'email', { width: 200 }),
      c('source', 'Source', 'text', { width: 90 }),
      c('tab', 'Tab', 'text', { width: 120 }),
      c('range', 'Range', 'text', { width: 80 }),
      c('recordId', 'Record ID', 'text', { width: 110 }),
      c('field', 'Field', 'text', { width: 140 }),
      c('oldValue', 'Old Value', 'longtext', { width: 200 }),
      c('newValue', 'New Value', 'longtext', { width: 200 }),
      c('hash', 'Hash', 'text', { width: 200 }),
      c('previousHash', 'Previous Hash', 'text', { width: 200, since: 4 }),
    ],
  },
  /**
   * Form responses the tracker could not accept, with every reason. Nothing is dropped.
   */
  {
    key: 'inbox',
    name: 'Form Inbox',
    since: 2,
    kind: 'table',
    tabColor: '#f9ab00',
    guard: { sheet: 'team' },
    columns: [
      c('receivedAt', 'Received At (UTC)', 'datetime', { computed: true, width: 160 }),
      c('partnerCode', 'Partner Code', 'text', { computed: true, width: 120 }),
      c('reasons', 'Reasons', 'longtext', { computed: true, width: 320 }),
      c('answers', 'Raw Answers (JSON)', 'longtext', { computed: true, width: 360 }),
      c('status', 'Status', 'enum', { choices: fixed(INBOX_STATUSES), width: 100 }),
      c('leadId', 'Lead ID', 'text', { width: 100 }),
      c('responseKey', 'Form Response', 'text', { computed: true, width: 150, since: 3 }),
      c('handledBy', 'Handled By', 'email', { computed: true, width: 200, since: 8 }),
      c('handledAt', 'Handled At (UTC)', 'datetime', { computed: true, width: 160, since: 8 }),
      c('decisionNote', 'Decision Note', 'longtext', { width: 260, since: 8 }),
      c('respondentEmail', 'Respondent Email', 'email', {
        computed: true,
        width: 220,
        since: 9,
      }),
    ],
  },
  /**
   * Every email the tracker sends, by message ID: stamped Sending just before it goes and Sent just
   * after, so none is sent twice. A message waiting for quota is Queued and retried; one whose fate a
   * stopped run left unknown is Unknown, reported to the managers and never re-sent. The text is kept
   * while a message waits or its fate is unknown.
   */
  {
    key: 'mail',
    name: 'Mail Queue',
    since: 3,
    kind: 'table',
    tabColor: '#5f6368',
    guard: { sheet: 'owner' },
    sealed: { fields: ['to', 'subject', 'body', 'htmlBody', 'purpose'], copy: false },
    columns: [
      c('queuedAt', 'Queued At (UTC)', 'datetime', { computed: true, width: 160, since: 3 }),
      c('to', 'To', 'text', { computed: true, width: 220, since: 3 }),
      c('subject', 'Subject', 'text', { computed: true, width: 260, since: 3 }),
      c('body', 'Body', 'longtext', { computed: true, width: 260, since: 3 }),
      c('htmlBody', 'HTML Body', 'longtext', { computed: true, width: 200, since: 3 }),
      c('status', 'Status', 'enum', { choices: fixed(MAIL_STATUSES), width: 90, since: 3 }),
      c('attempts', 'Attempts', 'integer', { computed: true, width: 80, since: 3 }),
      c('lastError', 'Last Error', 'longtext', { computed: true, width: 220, since: 3 }),
      c('sentAt', 'Sent At (UTC)', 'datetime', { computed: true, width: 160, since: 3 }),
      c('purpose', 'Purpose', 'text', { computed: true, width: 200, since: 3 }),
      c('messageId', 'Message ID', 'text', {
        computed: true,
        width: 220,
        since: 7,
      }),
      c('claimedUntil', 'Claimed Until (UTC)', 'datetime', {
        computed: true,
        width: 160,
        since: 7,
      }),
      checkColumn(),
    ],
  },
  /**
   * Applications from the "Become a partner" form. A manager approves (making the partner) or rejects
   * each one in the sidebar.
   */
  {
    key: 'applications',
    name: 'Applications',
    since: 9,
    kind: 'table',
    idPrefix: 'A-',
    tabColor: '#1a73e8',
    guard: { sheet: 'owner', columns: { keys: ['status', 'decidedBy', 'decidedAt', 'decisionNote', 'partnerId'], group: 'managers' } },
    columns: [
      c('id', 'Application ID', 'id', { computed: true, width: 120, since: 9 }),
      c('receivedAt', 'Received At (UTC)', 'datetime', { computed: true, width: 160, since: 9 }),
      c('company', 'Company', 'text', { computed: true, width: 200, since: 9 }),
      c('website', 'Website', 'url', { computed: true, width: 180, since: 9 }),
      c('contactName', 'Contact Name', 'text', { computed: true, width: 160, since: 9 }),
      c('contactEmail', 'Contact Email', 'email', { computed: true, width: 220, since: 9 }),
      c('type', 'Type', 'enum', { choices: fixed(PARTNER_TYPES), computed: true, width: 100, since: 9 }),
      c('region', 'Region', 'text', { computed: true, width: 130, since: 9 }),
      c('productFocus', 'Product Focus', 'text', { computed: true, width: 160, since: 9 }),
      c('about', 'About', 'longtext', { computed: true, width: 300, since: 9 }),
      c('termsVersion', 'Terms Version', 'text', { computed: true, width: 110, since: 9 }),
      c('status', 'Status', 'enum', { choices: fixed(APPLICATION_STATUSES), width: 100, since: 9 }),
      c('decidedBy', 'Decided By', 'email', { computed: true, width: 200, since: 9 }),
      c('decidedAt', 'Decided At (UTC)', 'datetime', { computed: true, width: 160, since: 9 }),
      c('decisionNote', 'Decision Note', 'longtext', { width: 260, since: 9 }),
      c('partnerId', 'Partner ID', 'text', { computed: true, width: 100, since: 9 }),
      c('responseKey', 'Form Response', 'text', { computed: true, width: 150, since: 9 }),
    ],
  },
  /**
   * Each partner's history of what they were told: status updates (a lead accepted, won, expiring;
   * commissions approved; a payout paid) and announcements. Pending updates go out in the partner's
   * next email, as often as their Status Updates column says.
   */
  {
    key: 'updates',
    name: 'Partner Updates',
    since: 9,
    kind: 'table',
    tabColor: '#5f6368',
    guard: { sheet: 'owner' },
    columns: [
      c('at', 'At (UTC)', 'datetime', { computed: true, width: 160, since: 9 }),
      c('partnerId', 'Partner ID', 'text', { computed: true, width: 100, since: 9 }),
      c('event', 'Event', 'text', { computed: true, width: 160, since: 9 }),
      c('recordId', 'Record ID', 'text', { computed: true, width: 120, since: 9 }),
      c('summary', 'Summary', 'longtext', {
        computed: true,
        width: 360,
        since: 9,
      }),
      c('status', 'Status', 'enum', { choices: fixed(PARTNER_UPDATE_STATUSES), computed: true, width: 100, since: 9 }),
      c('sentAt', 'Sent At (UTC)', 'datetime', { computed: true, width: 160, since: 9 }),
      c('messageId', 'Message ID', 'text', { computed: true, width: 200, since: 9 }),
      c('note', 'Note', 'longtext', { computed: true, width: 220, since: 9 }),
    ],
  },
  /**
   * The partner tiers, lowest first, and what it takes to reach each: trailing 12-month won revenue
   * and/or won deals. The hourly run reviews partners on the Settings cadence and moves them up or
   * down (down only after the tier's grace period); a pinned partner keeps their tier.
   */
  {
    key: 'tiers',
    name: 'Tiers',
    since: 10,
    kind: 'table',
    tabColor: '#a142f4',
    guard: { sheet: 'managers' },
    columns: [
      c('name', 'Tier', 'text', { width: 140, since: 10 }),
      c('minRevenue', 'Min Won Revenue (12 mo)', 'money', { width: 170, since: 10 }),
      c('minDeals', 'Min Won Deals (12 mo)', 'integer', { width: 160, since: 10 }),
      c('requires', 'Requires', 'enum', { choices: fixed(TIER_REQUIRES), width: 100, since: 10 }),
      c('graceDays', 'Downgrade Grace (days)', 'integer', { width: 170, since: 10 }),
      c('notes', 'Notes', 'longtext', { width: 260, since: 10 }),
      { ...problemsColumn(), since: 10 },
    ],
  },
  /**
   * Every change of a partner's tier, dated: by the review (with the figures that decided it), by
   * a manager's pin, or by hand. Commission rules by tier use the partner's tier on the deal's close
   * date from here.
   */
  {
    key: 'tierHistory',
    name: 'Tier History',
    since: 10,
    kind: 'table',
    tabColor: '#a142f4',
    guard: { sheet: 'owner' },
    columns: [
      c('at', 'At (UTC)', 'datetime', { computed: true, width: 160, since: 10 }),
      c('partnerId', 'Partner ID', 'text', { computed: true, width: 100, since: 10 }),
      c('fromTier', 'From Tier', 'text', { computed: true, width: 110, since: 10 }),
      c('toTier', 'To Tier', 'text', { computed: true, width: 110, since: 10 }),
      c('effectiveOn', 'Effective On', 'date', { computed: true, width: 120, since: 10 }),
      c('wonRevenue', 'Won Revenue (12 mo)', 'money', { computed: true, width: 150, since: 10 }),
      c('wonDeals', 'Won Deals (12 mo)', 'integer', { computed: true, width: 140, since: 10 }),
      c('reason', 'Reason', 'longtext', { computed: true, width: 320, since: 10 }),
      c('by', 'By', 'text', { computed: true, width: 200, since: 10 }),
      c('review', 'Review', 'text', { computed: true, width: 110, since: 10 }),
    ],
  },
  /**
   * Rows another tool appends (Zapier's "Create Spreadsheet Row", Make's "Add a Row"), which fire
   * no trigger: new leads and stage changes, processed by the owner's hourly run like rows typed
   * into Leads (src/inbound/). The left columns are the tool's; the right ones the tracker's.
   * The partner team may edit it all (the tool's Google account needs the Partner team role);
   * a row may do only what the partner team may (domain/inbound.ts). The tool's columns are
   * plain text with no rejecting check: Google must never refuse what a Zap writes (the run
   * checks every cell and says what is wrong, as the Problems of any typed row).
   */
  {
    key: 'inbound',
    name: 'Inbound',
    since: 11,
    kind: 'table',
    tabColor: '#12b5cb',
    guard: { sheet: 'team' },
    columns: [
      c('kind', 'Kind', 'text', { width: 110, since: 11 }),
      c('externalId', 'External ID', 'text', { width: 140, since: 11 }),
      c('partner', 'Partner', 'text', { width: 180, since: 11 }),
      c('company', 'Company', 'text', { width: 200, since: 11 }),
      c('website', 'Website', 'text', { width: 180, since: 11 }),
      c('contactName', 'Contact Name', 'text', { width: 160, since: 11 }),
      c('contactEmail', 'Contact Email', 'text', { width: 220, since: 11 }),
      c('product', 'Product', 'text', { width: 150, since: 11 }),
      c('dealValue', 'Deal Value', 'text', { width: 120, since: 11 }),
      c('leadId', 'Lead ID', 'text', { width: 100, since: 11 }),
      c('newStatus', 'New Status', 'text', { width: 120, since: 11 }),
      c('wonAmount', 'Won Amount', 'text', { width: 120, since: 11 }),
      c('closeDate', 'Close Date', 'text', { width: 110, since: 11 }),
      c('note', 'Note', 'longtext', { width: 240, since: 11 }),
      c('result', 'Result', 'enum', { choices: fixed(INBOUND_RESULTS), computed: true, width: 170, since: 11 }),
      c('resultLeadId', 'Result Lead ID', 'text', { computed: true, width: 120, since: 11 }),
      c('processedAt', 'Processed At (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('stamp', 'Tracker Stamp', 'text', { computed: true, width: 140, since: 11 }),
      { ...problemsColumn(), since: 11 },
    ],
  },
  /**
   * Signed webhooks (issue 15): the endpoints the owner's hourly run sends events to, Standard
   * Webhooks style (webhooks/). Managers add them in the sidebar (which shows the signing secret
   * once; secrets are never in the sheet) or type URL and Events here; the tracker writes the rest.
   */
  {
    key: 'webhooks',
    name: 'Webhooks',
    since: 11,
    kind: 'table',
    idPrefix: 'W-',
    tabColor: '#12b5cb',
    guard: { sheet: 'managers' },
    columns: [
      c('id', 'Endpoint ID', 'id', { computed: true, width: 110, since: 11 }),
      c('url', 'URL', 'url', { width: 300, since: 11 }),
      c('events', 'Events', 'text', { width: 260, since: 11 }),
      c('active', 'Active', 'enum', { choices: fixed(WEBHOOK_ACTIVE), width: 80, since: 11 }),
      c('description', 'Description', 'text', { width: 220, since: 11 }),
      c('createdBy', 'Created By', 'email', { computed: true, width: 200, since: 11 }),
      c('createdAt', 'Created At (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('secretHint', 'Secret Ends With', 'text', { computed: true, width: 120, since: 11 }),
      c('disabledReason', 'Disabled Reason', 'longtext', { computed: true, width: 240, since: 11 }),
      c('lastDelivery', 'Last Delivery', 'text', { computed: true, width: 240, since: 11 }),
      { ...problemsColumn(), since: 11 },
    ],
  },
  /**
   * Every webhook message, one row per event and endpoint, written by the owner's hourly run: the
   * body as sent (a retry sends the same body and Webhook ID), its attempts and where it stands.
   */
  {
    key: 'deliveries',
    name: 'Deliveries',
    since: 11,
    kind: 'table',
    tabColor: '#12b5cb',
    guard: { sheet: 'owner' },
    columns: [
      c('webhookId', 'Webhook ID', 'text', { computed: true, width: 230, since: 11 }),
      c('endpointId', 'Endpoint', 'text', { computed: true, width: 90, since: 11 }),
      c('event', 'Event', 'text', { computed: true, width: 170, since: 11 }),
      c('recordId', 'Record', 'text', { computed: true, width: 110, since: 11 }),
      c('createdAt', 'Created (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('attempts', 'Attempts', 'integer', { computed: true, width: 80, since: 11 }),
      c('status', 'Status', 'enum', { choices: fixed(DELIVERY_STATUSES), computed: true, width: 140, since: 11 }),
      c('lastAttempt', 'Last Attempt (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('nextAttempt', 'Next Attempt (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('responseCode', 'Response Code', 'integer', { computed: true, width: 110, since: 11 }),
      c('note', 'Note', 'longtext', { computed: true, width: 260, since: 11 }),
      c('body', 'Body Sent', 'longtext', { computed: true, width: 300, since: 11 }),
    ],
  },
  /**
   * The programme's figures, computed by the add-on (dashboard/) into data ranges under a period
   * chooser (rows 2-4 of the Value column, which the partner team may edit); managers may refresh it.
   */
  /**
   * The HubSpot sync's log (src/hubspot): one row per lead sent to HubSpot or deal brought back,
   * written by the owner's hourly run. A conflict (another partner's deal) or a move the tracker
   * refused stays here with its reason; the sidebar's HubSpot view lists the latest.
   */
  {
    key: 'hubspot',
    name: 'HubSpot Sync',
    since: 11,
    kind: 'table',
    tabColor: '#ff7a59',
    guard: { sheet: 'owner' },
    columns: [
      c('at', 'At (UTC)', 'datetime', { computed: true, width: 160, since: 11 }),
      c('direction', 'Direction', 'text', { computed: true, width: 120, since: 11 }),
      c('leadId', 'Lead ID', 'text', { computed: true, width: 100, since: 11 }),
      c('dealId', 'HubSpot Deal ID', 'text', { computed: true, width: 130, since: 11 }),
      c('companyId', 'HubSpot Company ID', 'text', { computed: true, width: 150, since: 11 }),
      c('outcome', 'Outcome', 'enum', { choices: fixed(HUBSPOT_OUTCOMES), computed: true, width: 100, since: 11 }),
      c('note', 'Note', 'longtext', { computed: true, width: 360, since: 11 }),
    ],
  },
  {
    key: 'dashboard',
    name: 'Dashboard',
    since: 1,
    kind: 'dashboard',
    tabColor: '#188038',
    guard: { sheet: 'managers', cells: { key: 'value', firstRow: 2, rows: 3, group: 'team' } },
    columns: [c('metric', 'Metric', 'text', { width: 260 }), c('value', 'Value', 'number', { width: 160 })],
  },
]);

export const TABS: readonly TabDef[] = TAB_DEFS;

/** Each tab's column keys, as literal unions (mapped, not conditional, so TrackerTable<'leads'> is a TrackerTable). */
type ColumnKeysByTab = { [D in (typeof TAB_DEFS)[number] as D['key']]: D['columns'][number]['key'] };

/**
 * The column keys of a tab, as a literal union from the schema above
 * (ColumnKey<'leads'> is 'id' | 'registeredAt' | …): a misspelt key is a
 * compile error. ColumnKey<TabKey> is every key of every tab.
 */
export type ColumnKey<T extends TabKey = TabKey> = ColumnKeysByTab[T];

/**
 * The keys a table of tab T takes: its column keys, or any string for a table
 * whose tab is known only at run time (T is the whole TabKey union).
 */
// (T only in the check position keeps TrackerTable<'leads'> assignable to TrackerTable; `[TabKey] extends [T]` would not.)
export type TableKey<T extends TabKey> = [T] extends [Exclude<TabKey, 'settings'>] ? ColumnKey<T> : [T] extends ['settings'] ? ColumnKey<T> : string;

/** A row of tab T as column key → value (any string key for a table of a tab known only at run time). */
export type TabRecord<T extends TabKey, V> = Record<TableKey<T>, V>;

export function tab(key: TabKey): TabDef {
  const def = TABS.find((t) => t.key === key);
  if (!def) throw new Error(`Unknown tab ${key}`);
  return def;
}

export function column<T extends TabKey>(tabKey: T, key: ColumnKey<T>): ColumnDef {
  const def = tab(tabKey).columns.find((col) => col.key === key);
  if (!def) throw new Error(`Unknown column ${tabKey}.${key}`);
  return def;
}

/** The tabs and columns of a given schema version (for upgrades and their tests). */
export function tabsAt(version: number): TabDef[] {
  return TABS.filter((t) => t.since <= version).map((t) => ({ ...t, columns: t.columns.filter((col) => col.since <= version) }));
}

/** Number format for a column type; '@' keeps typed text (IDs, codes) from becoming numbers or dates. */
export function numberFormatFor(type: ColumnType): string | null {
  switch (type) {
    case 'id':
    case 'text':
    case 'longtext':
    case 'email':
    case 'url':
    case 'enum':
    case 'list':
      return '@';
    case 'money':
      return '#,##0.00';
    case 'percent':
      return '0.00%';
    case 'integer':
      return '0';
    case 'number':
      return '#,##0.##';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    default:
      return null;
  }
}

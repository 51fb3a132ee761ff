/**
 * The programme's fixed vocabularies. Dropdown validation, zod schemas and the
 * sidebar all read these lists, so a value is spelled one way everywhere.
 */
export const LEAD_STATUSES = ['New', 'Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost', 'Expired', 'Conflict', 'Refunded'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** sheet: typed or pasted into the Leads tab and adopted by the tracker. */
export const LEAD_SOURCES = ['sidebar', 'form', 'import', 'sheet', 'inbound'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const PARTNER_TYPES = ['Referral', 'Reseller', 'Affiliate'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_TIERS = ['Registered', 'Silver', 'Gold', 'Platinum'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const PARTNER_STATUSES = ['Active', 'Paused', 'Terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** How a partner is paid (the Partners tab's Payout Method; blank = not set): each has its own export file (domain/payouts/provider-files.ts). */
export const PAYOUT_METHODS = ['PayPal', 'Wise', 'Bank transfer'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/**
 * How often a partner hears about their leads, commissions and payouts (the Partners tab's
 * Status Updates column; blank = Daily): each change at once, one digest a day or a week, or never.
 */
export const PARTNER_UPDATE_PREFERENCES = ['Daily', 'Immediate', 'Weekly', 'Off'] as const;
export type PartnerUpdatePreference = (typeof PARTNER_UPDATE_PREFERENCES)[number];

/** The Partner Updates tab: Pending waits for the partner's next email; Sent went out (its message ID is on the row); Not sent: never will be, with why. */
export const PARTNER_UPDATE_STATUSES = ['Pending', 'Sent', 'Not sent'] as const;
export type PartnerUpdateStatus = (typeof PARTNER_UPDATE_STATUSES)[number];

/** "Become a partner" applications: New waits for a manager; Approved made a partner; Rejected, with the reason. */
export const APPLICATION_STATUSES = ['New', 'Approved', 'Rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The Tiers tab's Requires column, when a tier sets both thresholds: Either one met is enough (blank), or Both. */
export const TIER_REQUIRES = ['Either', 'Both'] as const;
export type TierRequires = (typeof TIER_REQUIRES)[number];

/** The Partners tab's Tier Pinned column: Yes keeps the partner's tier out of the automatic review (a manager's call); blank or No = reviewed. */
export const TIER_PINNED = ['Yes', 'No'] as const;

export const RULE_TYPES = ['Base', 'Bonus'] as const;
export const RULE_KINDS = ['Percentage', 'Flat'] as const;
/**
 * A commission rule's Active column: blank counts as Yes (rules written before the column existed).
 * Draft: a proposed rule that never pays and never competes with the rules in effect (the engine
 * and its tie checks ignore it, as they ignore No); the Plan simulator replays it on past deals.
 */
export const RULE_ACTIVE = ['Yes', 'No', 'Draft'] as const;
export const WEBHOOK_ACTIVE = ['Yes', 'No'] as const;

export const COMMISSION_KINDS = ['Base', 'Bonus', 'Clawback'] as const;
export const COMMISSION_STATUSES = ['Pending', 'Payable', 'Approved', 'Paid', 'Void'] as const;

export const PAYOUT_STATUSES = ['Draft', 'Approved', 'Paid'] as const;

export const RUN_STATUSES = ['Running', 'Complete'] as const;

/** Rejected: waiting for the team; Reprocessed: corrected and made a lead; Dismissed: closed with a reason; Resolved: handled by hand (older trackers). */
export const INBOX_STATUSES = ['Rejected', 'Reprocessed', 'Dismissed', 'Resolved'] as const;

/**
 * The Mail Queue (the ledger of every email the tracker sends): Queued waits to
 * be sent; Sending is stamped just before the send; Sent just after; Unknown: a
 * run stopped between the two, so it may or may not have gone (reported to the
 * managers, never re-sent); Failed: Google refused it (reported); Refused: a row
 * the tracker did not write, never sent.
 */
export const MAIL_STATUSES = ['Queued', 'Sending', 'Sent', 'Unknown', 'Failed', 'Refused'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Lists the partner team edits on the Lists tab (products sold, sales regions). */
export const DEFAULT_PRODUCTS = ['Core Platform', 'Analytics Add-on', 'Professional Services'] as const;
export const DEFAULT_REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM'] as const;

/** The Inbound tab (domain/inbound.ts): what a row another tool appends asks for, the stages it may move a lead to (the Partner team's moves), and what the tracker made of it. */
export const INBOUND_KINDS = ['New lead', 'Stage change'] as const;
export const INBOUND_STAGES = ['Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost'] as const;
export const INBOUND_RESULTS = ['Waiting for the hourly run', 'Adopted', 'Conflict', 'Moved', 'Refused'] as const;
/** What the HubSpot sync did with a lead or a deal (the HubSpot Sync tab's Outcome). */
export const HUBSPOT_OUTCOMES = ['Created', 'Updated', 'Moved', 'Conflict', 'Refused', 'Failed', 'Waiting'] as const;
export type HubSpotOutcome = (typeof HUBSPOT_OUTCOMES)[number];

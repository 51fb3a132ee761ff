/**
 * What an import can fill: for each kind of record, the tracker's fields a file's columns map
 * onto, with the header names people use for them (matched ignoring case, spaces and
 * punctuation). Pure data: the sidebar offers these in its column selects, the server plans
 * with them.
 */
export const IMPORT_KINDS = ['partners', 'leads', 'rules'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportField {
  key: string;
  label: string;
  /** Header names that mean this field, besides its label. */
  synonyms: readonly string[];
  /** Rows without it are skipped (said in the select). */
  required?: boolean;
}

const f = (key: string, label: string, synonyms: readonly string[] = [], required = false): ImportField => ({ key, label, synonyms, required });

export const IMPORT_FIELDS: Readonly<Record<ImportKind, readonly ImportField[]>> = {
  partners: [
    f('id', 'Partner ID', ['id', 'partner id']),
    f('name', 'Name', ['partner', 'partner name', 'company', 'company name', 'account', 'account name', 'organisation', 'organization'], true),
    f('code', 'Partner Code', ['code', 'partner code', 'referral code', 'ref code'], true),
    f('contactName', 'Contact Name', ['contact', 'contact person', 'main contact']),
    f('contactEmail', 'Contact Email', ['email', 'e-mail', 'email address', 'contact email'], true),
    f('type', 'Type', ['partner type', 'programme', 'program']),
    f('tier', 'Tier', ['partner tier', 'level']),
    f('region', 'Region', ['territory', 'geo']),
    f('productFocus', 'Product Focus', ['product', 'focus']),
    f('status', 'Status', ['partner status', 'state']),
    f('joinedOn', 'Joined', ['joined on', 'join date', 'date joined', 'start date', 'since']),
    f('notes', 'Notes', ['note', 'comments', 'comment', 'description']),
    f('otherEmails', 'More Contact Emails', ['other emails', 'additional emails', 'more emails', 'other contacts', 'cc']),
    f('payoutMethod', 'Payout Method', ['payment method', 'pay by', 'paid by', 'payout type']),
    f('payoutAccount', 'Payout Account', ['payout email', 'paypal email', 'wise email', 'payment details', 'bank details', 'payout details']),
  ],
  leads: [
    f('id', 'Lead ID', ['id', 'lead id', 'deal id', 'opportunity id', 'record id']),
    f('partner', 'Partner ID or Code', ['partner', 'partner id', 'partner code', 'referred by', 'reseller', 'source partner'], true),
    f('company', 'Company', ['company name', 'account', 'account name', 'customer', 'client', 'organisation', 'organization', 'prospect'], true),
    f('website', 'Website', ['url', 'web', 'domain', 'company website', 'site']),
    f('contactName', 'Contact Name', ['contact', 'contact person', 'name']),
    f('contactEmail', 'Contact Email', ['email', 'e-mail', 'email address', 'contact email'], true),
    f('product', 'Product', ['products', 'product line']),
    f('estimatedValue', 'Estimated Value', ['estimate', 'value', 'estimated deal value', 'deal value', 'potential']),
    f('expectedClose', 'Expected Close', ['expected close date', 'close by', 'target close']),
    f('status', 'Status', ['stage', 'deal stage', 'lead status']),
    f('statusReason', 'Status Reason', ['reason', 'lost reason', 'status note']),
    f('dealAmount', 'Deal Amount', ['amount', 'won amount', 'deal size', 'revenue', 'closed amount']),
    f('closedOn', 'Closed On', ['close date', 'closed date', 'date closed', 'won on', 'closed']),
    f('registeredAt', 'Registered At', ['registered', 'registered on', 'registration date', 'date registered', 'created', 'created at', 'created on', 'date']),
    f('notes', 'Notes', ['note', 'comments', 'comment', 'description']),
  ],
  rules: [
    f('id', 'Rule ID', ['id', 'rule id']),
    f('name', 'Name', ['rule', 'rule name', 'plan'], true),
    f('ruleType', 'Rule Type', ['type', 'base or bonus'], true),
    f('partnerTier', 'Partner Tier', ['tier']),
    f('partnerType', 'Partner Type', ['partner kind']),
    f('product', 'Product', ['products']),
    f('kind', 'Kind', ['percentage or flat', 'calculation', 'method'], true),
    f('rate', 'Rate', ['percentage', 'percent', 'commission rate', '%']),
    f('flatAmount', 'Flat Amount', ['flat', 'fixed amount', 'amount']),
    f('acceleratorThreshold', 'Accelerator Threshold', ['threshold']),
    f('acceleratorRate', 'Accelerator Rate', ['accelerated rate']),
    f('capPerDeal', 'Cap Per Deal', ['cap', 'max per deal']),
    f('holdingDays', 'Holding Days', ['holding period', 'hold days']),
    f('effectiveFrom', 'Effective From', ['from', 'start', 'start date', 'valid from']),
    f('effectiveTo', 'Effective To', ['to', 'end', 'end date', 'valid to', 'until']),
    f('notes', 'Notes', ['note', 'comments', 'comment', 'description']),
    f('active', 'Active', ['enabled', 'in use']),
  ],
};

/** A header or synonym as compared: lower case, letters and digits only ("Company  Name" = "company_name"). */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9%]/g, '');
}

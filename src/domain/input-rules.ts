import { LEAD_STATUSES, PARTNER_STATUSES, PARTNER_TYPES, PARTNER_UPDATE_PREFERENCES, PAYOUT_METHODS } from './enums';
import { optionalMoneyRule, requiredMoneyRule } from './money';
import {
  EMAIL_PATTERN,
  Variants,
  oneOfRule,
  optional,
  optionalIsoDateRule,
  optionalTextRule,
  optionalWebsiteRule,
  requiredEmailRule,
  requiredIsoDateRule,
  requiredTextRule,
  textRule,
  withDefault,
} from './rules';

/**
 * What the sidebar's forms send, as plain rules (no zod): the sidebar checks with them before
 * sending, and the server's schemas (lead.ts, partner.ts, roles.ts) are z.object(zodShape(…))
 * of the very same rules, so a rule changes here and both sides change together.
 */

/**
 * A record ID: the tracker's own (P-000001) or one brought from a migration (P-7777, ACME-01):
 * letters and digits, with "-", "_", "." or "/" inside, at most 40 characters. Never a formula.
 */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_./-]{0,38}[A-Za-z0-9])?$/;
export const RECORD_ID_ERROR = (label: string) => `${label} must be letters and digits (with - _ . / inside), at most 40 characters, like P-000001`;

/** A lead registration (the partner form's answers are mapped onto it too). */
export const LEAD_REGISTRATION_RULES = {
  partnerId: textRule('Partner is required', ['trim', { min: 1, error: 'Partner is required' }, { test: (s) => RECORD_ID_PATTERN.test(s), error: 'Partner must be chosen from the list' }]),
  company: requiredTextRule('Company', 200),
  website: optionalWebsiteRule('Company website'),
  contactName: optionalTextRule('Contact name', 120),
  contactEmail: requiredEmailRule('Contact email'),
  product: optionalTextRule('Product', 100),
  estimatedValue: optionalMoneyRule('Estimated deal value'),
  expectedClose: optionalIsoDateRule('Expected close date'),
  notes: optionalTextRule('Notes', 2000),
};

/** The Leads tab's Deal Amount, as messages name it (the sidebar's Closed Won form says the same). */
export const DEAL_AMOUNT_LABEL = 'Deal amount';

/** The statuses a person may move a lead to, and what each move needs. */
export const LEAD_MOVE_TARGETS = ['Accepted', 'Rejected', 'Qualified', 'Closed Won', 'Closed Lost', 'Refunded'] as const satisfies ReadonlyArray<(typeof LEAD_STATUSES)[number]>;

/** A move along the pipeline: which fields are needed depends on the target (`to`). */
export const LEAD_TRANSITION_RULES = {
  tag: 'to',
  error: 'Choose a status to move the lead to: Accepted, Rejected, Qualified, Closed Won, Closed Lost or Refunded',
  cases: {
    Accepted: { reason: optionalTextRule('Reason', 500) },
    Rejected: { reason: requiredTextRule('Reason', 500) },
    Qualified: { reason: optionalTextRule('Reason', 500) },
    'Closed Won': { dealAmount: requiredMoneyRule(DEAL_AMOUNT_LABEL), closedOn: requiredIsoDateRule('Close date'), reason: optionalTextRule('Reason', 500) },
    'Closed Lost': { reason: requiredTextRule('Reason', 500), closedOn: optionalIsoDateRule('Close date') },
    Refunded: { reason: requiredTextRule('Reason', 500) },
  },
} as const satisfies Variants<'to'> & { cases: Record<(typeof LEAD_MOVE_TARGETS)[number], unknown> };

export const PARTNER_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,23}$/;

/** How codes compare: partners type them in any case, with stray spaces. */
export function normalisePartnerCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A partner added (blank id) or edited in the sidebar. */
/** How many More Contact Emails a partner may have. */
export const MAX_OTHER_EMAILS = 20;

/** Emails in a cell of several (commas, semicolons, spaces or new lines between them), lower case, each once (partner.ts splitEmails). */
function emailList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export const PARTNER_INPUT_RULES = {
  id: withDefault(textRule(RECORD_ID_ERROR('Partner ID'), ['trim', { test: (s) => s === '' || RECORD_ID_PATTERN.test(s), error: RECORD_ID_ERROR('Partner ID') }]), ''),
  name: requiredTextRule('Name', 120),
  code: textRule('Partner code is required', [
    'clean',
    'trim',
    { min: 1, error: 'Partner code is required' },
    { max: 24, error: 'Partner code must be at most 24 characters' },
    { map: normalisePartnerCode },
    { test: (s) => PARTNER_CODE_PATTERN.test(s), error: 'Partner code must be 2–24 letters, digits, "-" or "_", starting with a letter or digit' },
  ]),
  contactName: optionalTextRule('Contact name', 120),
  contactEmail: requiredEmailRule('Contact email'),
  type: oneOfRule(PARTNER_TYPES, `Type must be one of ${PARTNER_TYPES.join(', ')}`),
  /** A tier on the Tiers tab (checked where the tab is read: row-checks, partner-store); blank = the entry tier, the tab's first. */
  tier: optionalTextRule('Tier', 60),
  region: optionalTextRule('Region', 100),
  productFocus: optionalTextRule('Product focus', 100),
  status: withDefault(oneOfRule(PARTNER_STATUSES, `Status must be one of ${PARTNER_STATUSES.join(', ')}`), 'Active'),
  /** Blank means today. */
  joinedOn: optionalIsoDateRule('Joined'),
  notes: optionalTextRule('Notes', 2000),
  /**
   * More Contact Emails: other people at the partner who may register leads on the form (each
   * speaks for this partner only: partner-store and adoption refuse an address another partner
   * has). Left out, the tab's value stays; sent, it is the whole list, normalised "a@x.com, b@y.com".
   */
  otherEmails: optional(
    textRule('More contact emails must be text', [
      'trim',
      { max: 6000, error: 'More contact emails must be at most 6000 characters' },
      { test: (s) => emailList(s).every((e) => EMAIL_PATTERN.test(e)), error: 'More contact emails must be email addresses such as name@partner.com, separated by commas or new lines' },
      { test: (s) => emailList(s).length <= MAX_OTHER_EMAILS, error: `At most ${MAX_OTHER_EMAILS} more contact emails` },
      { map: (s) => emailList(s).join(', ') },
    ]),
  ),
  /** Tier Pinned: Yes keeps the partner out of the tier review (a Manager's call). Left out, the tab's value stays. */
  tierPinned: optional(textRule('Tier pinned must be Yes or No', ['trim', { test: (s) => s === '' || s === 'Yes' || s === 'No', error: 'Tier pinned must be Yes or No' }])),
  /**
   * Payout Method and Account (issue 15): where the partner's money goes, set by Finance, managers and
   * the owner only. Left out, the tab's values stay. The pair is checked together (payout-method.ts).
   */
  payoutMethod: optional(
    textRule(`Payout method must be one of ${PAYOUT_METHODS.join(', ')}`, [
      'trim',
      { test: (s) => s === '' || (PAYOUT_METHODS as readonly string[]).includes(s), error: `Payout method must be one of ${PAYOUT_METHODS.join(', ')} (or blank)` },
    ]),
  ),
  payoutAccount: optional(textRule('Payout account must be text', ['clean', 'trim', { max: 300, error: 'Payout account must be at most 300 characters' }])),
  /** Status Updates: Daily (or blank), Immediate, Weekly or Off. Left out, the tab's value stays. */
  updates: optional(
    textRule(`Status updates must be one of ${PARTNER_UPDATE_PREFERENCES.join(', ')}`, [
      'trim',
      { test: (s) => s === '' || (PARTNER_UPDATE_PREFERENCES as readonly string[]).includes(s), error: `Status updates must be one of ${PARTNER_UPDATE_PREFERENCES.join(', ')}` },
    ]),
  ),
};

/** Someone given a role (the sidebar's Team view and its server endpoint check with these rules). */
export const TEAM_MEMBER_LIMITS = { email: 254, name: 100 } as const;
const ASSIGNABLE = ['Manager', 'Finance', 'Partner team'] as const;

/** Whether two emails are the same person's (Google compares them case-insensitively). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export const TEAM_MEMBER_RULES = {
  email: textRule('Email is required', [
    'trim',
    'lower',
    { min: 1, error: 'Email is required: the Google account the person signs in with.' },
    { test: (s) => EMAIL_PATTERN.test(s), error: 'Enter an email address such as name@company.com' },
    { max: TEAM_MEMBER_LIMITS.email, error: `Email must be at most ${TEAM_MEMBER_LIMITS.email} characters` },
  ]),
  role: oneOfRule(ASSIGNABLE, `Choose a role: ${ASSIGNABLE.join(', ')}`),
  name: optional(textRule('Name must be text', ['trim', { max: TEAM_MEMBER_LIMITS.name, error: `Name must be at most ${TEAM_MEMBER_LIMITS.name} characters` }])),
};

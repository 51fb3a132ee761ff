import * as z from 'zod/mini';
import { lazy } from './lazy';
import { PartnerStatus, PartnerType, PartnerUpdatePreference } from './enums';
import { zodShape } from './fields';
import { PARTNER_CODE_PATTERN, PARTNER_INPUT_RULES, normalisePartnerCode } from './input-rules';

/**
 * A partner of the programme, as the Partners tab holds it, and the input the
 * sidebar sends to add or edit one. The partner code is what a partner types
 * into the lead form, so it is short, unambiguous and unique (case-insensitive).
 */
export { PARTNER_CODE_PATTERN, normalisePartnerCode };

/** Blank id to add a new partner; P-000001 to edit one. The rules: input-rules.ts. */
export const PARTNER_INPUT_SCHEMA = /* @__PURE__ */ lazy(() => z.object(zodShape(PARTNER_INPUT_RULES)));

export type PartnerInput = z.input<typeof PARTNER_INPUT_SCHEMA>;
export type ValidPartnerInput = z.output<typeof PARTNER_INPUT_SCHEMA>;

export interface Partner {
  id: string;
  name: string;
  code: string;
  contactName: string;
  contactEmail: string;
  type: PartnerType | '';
  /** A tier on the Tiers tab. */
  tier: string;
  /** Tier Pinned: 'Yes' keeps the tier out of the review (left out: as the tab has it). */
  tierPinned?: string;
  region: string;
  productFocus: string;
  status: PartnerStatus | '';
  /** YYYY-MM-DD or ''. */
  joinedOn: string;
  notes: string;
  /** More Contact Emails (schema 9), lower case: with contactEmail, the partner's contacts (partnerContactEmails). */
  otherEmails?: string[];
  /** Status Updates (schema 9); blank means Daily. */
  updates?: PartnerUpdatePreference | '';
  /** Payout Method (schema 11): PayPal, Wise, Bank transfer or '' (not set). Left out: as the tab has it. */
  payoutMethod?: string;
  /** Payout Account (schema 11): the PayPal or Wise email, or the bank details. */
  payoutAccount?: string;
  /** The partner's private sheet (schema 9), once made. */
  partnerSheet?: string;
}

/** Emails in a cell of several (commas, semicolons, spaces or new lines between them), lower case, each once. */
export function splitEmails(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const email = part.trim().toLowerCase();
    if (email) seen.add(email);
  }
  return [...seen];
}

/** Everyone who speaks for the partner: Contact Email first, then More Contact Emails; lower case, each once. */
export function partnerContactEmails(partner: Pick<Partner, 'contactEmail' | 'otherEmails'>): string[] {
  return splitEmails([partner.contactEmail, ...(partner.otherEmails ?? [])].join(' '));
}

/** How often the partner hears about their deals: their Status Updates column, Daily when blank. */
export function updatePreferenceOf(partner: Pick<Partner, 'updates'>): PartnerUpdatePreference {
  return partner.updates || 'Daily';
}

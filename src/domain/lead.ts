import * as z from 'zod/mini';
import { LEAD_SOURCES, LEAD_STATUSES, LeadSource, LeadStatus } from './enums';
import {
  optionalIsoDate, optionalMoneyCents, optionalText, optionalWebsite, requiredEmail, requiredIsoDate, requiredMoneyCents, requiredText,
} from './fields';

/**
 * A lead registration, from the sidebar or the partner form: one schema for
 * both channels (the form's answers are mapped onto it), checked again on the
 * server whatever the client did. The product is checked against the Lists tab
 * by the service, since the team edits that list.
 */
export const LEAD_REGISTRATION_SCHEMA = z.object({
  partnerId: z.string({ error: 'Partner is required' }).check(
    z.trim(),
    z.minLength(1, { error: 'Partner is required' }),
    z.regex(/^P-\d{6,}$/, { error: 'Partner must be chosen from the list' }),
  ),
  company: requiredText('Company', 200),
  website: optionalWebsite('Company website'),
  contactName: optionalText('Contact name', 120),
  contactEmail: requiredEmail('Contact email'),
  product: optionalText('Product', 100),
  estimatedValue: optionalMoneyCents('Estimated deal value'),
  expectedClose: optionalIsoDate('Expected close date'),
  notes: optionalText('Notes', 2000),
});

export type LeadRegistrationInput = z.input<typeof LEAD_REGISTRATION_SCHEMA>;
export type LeadRegistration = z.output<typeof LEAD_REGISTRATION_SCHEMA>;

/** A lead as the Leads tab holds it (money in cents, calendar dates as YYYY-MM-DD). */
export interface Lead {
  id: string;
  /** UTC instant of registration: the first registration wins. */
  registeredAt: Date;
  partnerId: string;
  company: string;
  website: string;
  /** Registrable domain of the website, computed at registration. */
  domain: string;
  contactName: string;
  contactEmail: string;
  product: string;
  estimatedValueCents: number | null;
  expectedClose: string;
  status: LeadStatus | '';
  statusReason: string;
  conflictWith: string;
  dealAmountCents: number | null;
  closedOn: string;
  source: LeadSource | '';
  notes: string;
  updatedAt: Date | null;
  protectedUntil: string;
  /** For form leads: the response that created it (so a duplicate trigger firing creates nothing). */
  responseKey: string;
  /** Who registered it in the sidebar ('' for the partner form): may not approve its commissions. */
  registeredBy: string;
}

export { LEAD_SOURCES, LEAD_STATUSES };

/** A move along the pipeline, as the sidebar sends it. Which fields are needed depends on the target. */
export const LEAD_TRANSITION_SCHEMA = z.discriminatedUnion('to', [
  z.object({ to: z.literal('Accepted'), reason: optionalText('Reason', 500) }),
  z.object({ to: z.literal('Rejected'), reason: requiredText('Reason', 500) }),
  z.object({ to: z.literal('Qualified'), reason: optionalText('Reason', 500) }),
  z.object({
    to: z.literal('Closed Won'),
    dealAmount: requiredMoneyCents('Deal amount'),
    closedOn: requiredIsoDate('Close date'),
    reason: optionalText('Reason', 500),
  }),
  z.object({ to: z.literal('Closed Lost'), reason: requiredText('Reason', 500), closedOn: optionalIsoDate('Close date') }),
  z.object({ to: z.literal('Refunded'), reason: requiredText('Reason', 500) }),
], { error: 'Choose a status to move the lead to: Accepted, Rejected, Qualified, Closed Won, Closed Lost or Refunded' });

export type LeadTransitionInput = z.input<typeof LEAD_TRANSITION_SCHEMA>;
export type LeadTransition = z.output<typeof LEAD_TRANSITION_SCHEMA>;

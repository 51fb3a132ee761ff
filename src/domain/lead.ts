import * as z from 'zod/mini';
import { lazy } from './lazy';
import { LEAD_SOURCES, LEAD_STATUSES, LeadSource, LeadStatus } from './enums';
import { checkMoneyValue, zodShape } from './fields';
import { DEAL_AMOUNT_LABEL, LEAD_MOVE_TARGETS, LEAD_REGISTRATION_RULES, LEAD_TRANSITION_RULES } from './input-rules';

/**
 * A lead registration, from the sidebar or the partner form: one schema for
 * both channels (the form's answers are mapped onto it), checked again on the
 * server whatever the client did. The product is checked against the Lists tab
 * by the service, since the team edits that list.
 */
export const LEAD_REGISTRATION_SCHEMA = /* @__PURE__ */ lazy(() => z.object(zodShape(LEAD_REGISTRATION_RULES)));

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

export { DEAL_AMOUNT_LABEL };

/** A move along the pipeline, as the sidebar sends it. Which fields are needed depends on the target. */
const moveTo = <T extends (typeof LEAD_MOVE_TARGETS)[number]>(to: T) => z.object({ to: z.literal(to), ...zodShape(LEAD_TRANSITION_RULES.cases[to]) });
export const LEAD_TRANSITION_SCHEMA = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion(LEAD_TRANSITION_RULES.tag, [moveTo('Accepted'), moveTo('Rejected'), moveTo('Qualified'), moveTo('Closed Won'), moveTo('Closed Lost'), moveTo('Refunded')], {
    error: LEAD_TRANSITION_RULES.error,
  }),
);

/**
 * For the edit trigger: whether a value typed or pasted into a Deal Amount cell is acceptable
 * (the same bound and rules as LEAD_TRANSITION_SCHEMA's dealAmount: not negative, at most two
 * decimals, at most 1,000,000,000.00). `value` is what the cell holds (a number, or text).
 * null = fine, a blank cell included; otherwise the message, e.g. "Deal amount must be at most
 * 1,000,000,000.00".
 */
export function checkDealAmount(value: unknown): string | null {
  return checkMoneyValue(DEAL_AMOUNT_LABEL, value);
}

export type LeadTransitionInput = z.input<typeof LEAD_TRANSITION_SCHEMA>;
export type LeadTransition = z.output<typeof LEAD_TRANSITION_SCHEMA>;

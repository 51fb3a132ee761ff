import { auditedWrite } from '../audit/audit-intent';
import { LeadSource, LeadStatus } from '../domain/enums';
import { addDays } from '../domain/fields';
import { InputError } from '../domain/input-error';
import { Lead, LeadRegistration, LeadRegistrationInput } from '../domain/lead';
import { LEAD_REGISTRATION_RULES } from '../domain/input-rules';
import { checkFields } from '../domain/rules';
import { Conflict, describeConflict, registrableDomain } from '../domain/matching';
import { Partner } from '../domain/partner';
import { parseSettings } from '../domain/settings';
import { findPartnerByCode } from '../partners/partner-store';
import { readUtcDateTime, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { findLastRow } from '../tracker/lookup';
import { IdAllocator, formatId } from '../tracker/ids';
import { reference } from '../tracker/reference';
import { TrackerTable } from '../tracker/table';
import { cellsForTable, leadToCells, recordToLead } from './lead-store';
import { MatchIndex, prefetchMatchIndex } from './match-index';

/**
 * Registers a lead from either channel — the sidebar and the partner form call this one
 * pipeline; the form only maps its answers to a draft. It checks the partner, the fields and
 * the product, matches the lead against the open, protected leads, and appends it: New and
 * protected for the window in Settings, or Conflict with the lead it collides with and why.
 * A refusal is an outcome with every reason, not an exception. The caller holds the document lock.
 *
 * The cost does not grow with the Leads tab: a retried request is found with one search of
 * the Response Key column, matching uses the cached match index (match-index.ts), and the row
 * is written in one call.
 */
export type RegistrationOutcome =
  | { kind: 'registered'; lead: Lead; partner: Partner; conflict: Conflict | null }
  /** The response or request was registered before (a duplicate trigger firing, a retried call): that lead. */
  | { kind: 'duplicate'; lead: Lead; partner: Partner | undefined }
  /** Field → reason, never empty. */
  | { kind: 'refused'; problems: Record<string, string>; partner: Partner | undefined };

/** Which partner registers: chosen in the sidebar (by ID) or typed on the form (by code). */
export type PartnerRef = { id: string } | { code: string };

/** The lead's fields as typed (the form's answers: checked here), or as the sidebar's endpoint already checked them. */
export type DraftFields = { typed: Omit<LeadRegistrationInput, 'partnerId'> } | { checked: Omit<LeadRegistration, 'partnerId'> };

export interface RegistrationDraft {
  partner: PartnerRef;
  fields: DraftFields;
}

export interface RegisterOptions {
  source: 'sidebar' | 'form';
  /** The form response or sidebar request this registration comes from (for idempotency). */
  responseKey?: string;
  /** Runs just before the lead is written, after every read (the form notes the email it then owes): its writes join the lead's. */
  beforeWrite?: () => void;
  /** Registered By: the form's verified respondent (default: the sidebar's user; blank for the form). */
  registeredBy?: string;
}

/** The partner's problem, if any, worded for how they were named. */
function partnerProblem(ref: PartnerRef, partner: Partner | undefined): string | null {
  if ('code' in ref) {
    if (!ref.code.trim()) return 'Partner code is missing.';
    if (!partner) return `Partner code "${ref.code}" is not known.`;
    if (partner.status !== 'Active') return `Partner code "${ref.code}" belongs to ${partner.name}, whose status is ${partner.status || 'not set'}; only active partners can register leads.`;
    return null;
  }
  if (!partner) return `There is no partner ${ref.id}.`;
  if (partner.status !== 'Active') return `${partner.name} (${partner.id}) is ${partner.status || 'without a status'}; only active partners can register leads.`;
  return null;
}

/** Checks the draft: partner, fields, product. Field → reason for each problem; the valid registration when there are none. */
function checkDraft(draft: RegistrationDraft, partner: Partner | undefined, products: readonly string[]): { problems: Record<string, string>; valid: LeadRegistration | null } {
  const problems: Record<string, string> = {};
  const partnerIssue = partnerProblem(draft.partner, partner);
  if (partnerIssue) problems.partnerId = partnerIssue;
  const partnerId = partner?.id ?? 'P-000000';
  let fields: LeadRegistration | null = 'checked' in draft.fields ? { ...draft.fields.checked, partnerId } : null;
  if ('typed' in draft.fields) {
    // The partner is checked above; a placeholder lets the rules judge the other fields. The rules the sidebar's
    // schema is built from (domain/input-rules.ts), checked without zod: the form's group of the bundle carries none.
    const checked = checkFields(LEAD_REGISTRATION_RULES, { ...draft.fields.typed, partnerId });
    if (checked.ok) fields = checked.data;
    else {
      for (const [key, message] of Object.entries(checked.errors)) {
        if (key !== 'partnerId' && !problems[key]) problems[key] = message || `${key} is not valid.`;
      }
    }
  }
  if (fields?.product && !products.includes(fields.product)) {
    problems.product = `Product "${fields.product}" is not on the Lists tab${products.length ? ` (choose ${products.join(', ')})` : ''}.`;
  }
  // Never a refusal without a reason.
  if (!fields && Object.keys(problems).length === 0) problems.form = 'The registration could not be read; check every field and send it again.';
  return { problems, valid: Object.keys(problems).length === 0 ? fields : null };
}

export function registerLead(ctx: TrackerContext, draft: RegistrationDraft, options: RegisterOptions): RegistrationOutcome {
  // Partners, products and settings from the reference data: cached between executions, read once in this one.
  prefetchMatchIndex(ctx.ss);
  const partners = reference(ctx.ss).partners();
  const table = TrackerTable.open(ctx.ss, 'leads');

  // A repeated response or request returns what it made, whatever has changed since.
  if (options.responseKey) {
    const found = table.has('responseKey') ? findLastRow(table, 'responseKey', options.responseKey) : null;
    if (found) {
      const lead = recordToLead(found.record, ctx.timeZone);
      return { kind: 'duplicate', lead, partner: partners.find((p) => p.id === lead.partnerId) };
    }
  }

  const planned = planRegistration(ctx, table, draft, {
    source: options.source,
    responseKey: options.responseKey ?? '',
    registeredBy: options.registeredBy ?? (options.source === 'sidebar' ? ctx.actor : ''),
  });
  if (planned.kind === 'refused') return planned;
  const { lead, partner, conflict, index, ids } = planned;
  const cells = cellsForTable(table, leadToCells(lead));
  // Every read before the first write: the note, the row and the audit rows then go in one batch.
  table.confirmColumns();
  options.beforeWrite?.();
  auditedWrite(
    ctx,
    [
      {
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: table.name,
        range: `row ${table.lastRow() + 1}`,
        recordId: lead.id,
        field: '(new lead)',
        oldValue: '',
        newValue: newLeadText(lead, partner),
      },
    ],
    () => {
      const row = table.append([cells]);
      ids.commit();
      index.add(row, cells);
    },
  );
  index.save();
  return { kind: 'registered', lead, partner, conflict };
}

/** What the audit trail says of a lead just registered or adopted. */
export function newLeadText(lead: Lead, partner: Partner): string {
  return `${lead.company} for ${partner.name} (${partner.id}): ${lead.status}${lead.conflictWith ? ` — ${lead.statusReason}` : `, protected until ${lead.protectedUntil}`}`;
}

/** Who and what a planned lead is, besides its fields. */
export interface PlanOptions {
  source: LeadSource;
  responseKey: string;
  registeredBy: string;
  /** A lead typed into the sheet: its own row (never its own conflict) and the ID it brought, if any. */
  row?: number;
  id?: string;
  /** The match index when the caller has it open (several leads adopted in one run). */
  index?: MatchIndex;
}

export type RegistrationPlan =
  | { kind: 'planned'; lead: Lead; partner: Partner; conflict: Conflict | null; index: MatchIndex; ids: IdAllocator }
  | { kind: 'refused'; problems: Record<string, string>; partner: Partner | undefined };

/**
 * The lead a registration makes, not yet written: the partner, the fields and the product
 * checked; matched against the open, protected leads; New and protected, or Conflict with the
 * lead it collides with and why. Registrations append it; a lead typed into the tab is written
 * where it was typed (adoption/leads.ts). The caller holds the document lock.
 */
export function planRegistration(ctx: TrackerContext, table: TrackerTable, draft: RegistrationDraft, options: PlanOptions): RegistrationPlan {
  const ref = reference(ctx.ss);
  const partners = ref.partners();
  const partner = 'code' in draft.partner ? findPartnerByCode(partners, draft.partner.code) : partners.find((p) => p.id === (draft.partner as { id: string }).id);
  const { problems, valid } = checkDraft(draft, partner, ref.list('products'));
  if (!valid || !partner) return { kind: 'refused', problems, partner };
  const settings = parseSettings(ref.settings()).settings;
  const today = todayIn(ctx.timeZone, ctx.now);

  const index = options.index ?? MatchIndex.open(table, ctx.timeZone);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const found = index.findConflict({ company: valid.company, website: valid.website, contactEmail: valid.contactEmail }, today, (id) => names.get(id) ?? id, options.row);
  // The raw cell instant orders registrations correctly; it is converted to UTC only for the winner.
  const conflict = found ? { ...found, lead: { ...found.lead, registeredAt: readUtcDateTime(found.lead.registeredAt, ctx.timeZone) ?? found.lead.registeredAt } } : null;

  const status: LeadStatus = conflict ? 'Conflict' : 'New';
  const ids = new IdAllocator('L-', [formatId('L-', index.highestId)], ctx.properties);
  const lead: Lead = {
    id: options.id || ids.take(),
    registeredAt: ctx.now,
    partnerId: partner.id,
    company: valid.company,
    website: valid.website,
    domain: (valid.website && registrableDomain(valid.website)) || '',
    contactName: valid.contactName,
    contactEmail: valid.contactEmail,
    product: valid.product,
    estimatedValueCents: valid.estimatedValue,
    expectedClose: valid.expectedClose,
    status,
    statusReason: conflict ? describeConflict(conflict) : '',
    conflictWith: conflict ? conflict.lead.id : '',
    dealAmountCents: null,
    closedOn: '',
    source: options.source,
    notes: valid.notes,
    updatedAt: ctx.now,
    protectedUntil: conflict ? '' : addDays(today, settings.protectionDays),
    responseKey: options.responseKey,
    registeredBy: options.registeredBy,
  };
  return { kind: 'planned', lead, partner, conflict, index, ids };
}

/**
 * Readies the match index before a registration needs it, outside any lock: the sidebar does
 * this when its registration form opens, so the registration itself finds the index cached
 * even after Google evicted it (a rebuild reads the Leads columns; better here than while
 * holding the document lock). Best effort: a failure only leaves the work to the registration.
 */
export function warmMatchIndex(ctx: TrackerContext): void {
  try {
    MatchIndex.open(TrackerTable.open(ctx.ss, 'leads'), ctx.timeZone).save();
  } catch (e) {
    console.warn(`match index not readied: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * For the sidebar, whose endpoints report refusals as field errors: registerLead, with a
 * refusal as an InputError and a repeated request as the lead it made.
 */
export function registerLeadLocked(ctx: TrackerContext, input: LeadRegistration, options: RegisterOptions): { lead: Lead; partner: Partner; conflict: Conflict | null } {
  const { partnerId, ...fields } = input;
  const outcome = registerLead(ctx, { partner: { id: partnerId }, fields: { checked: fields } }, options);
  switch (outcome.kind) {
    case 'registered':
      return outcome;
    case 'duplicate':
      if (!outcome.partner) throw new InputError(`This request already registered ${outcome.lead.id}, whose partner ${outcome.lead.partnerId} is no longer on the Partners tab.`);
      return { lead: outcome.lead, partner: outcome.partner, conflict: null };
    case 'refused':
      throw new InputError(Object.values(outcome.problems).join(' '), outcome.problems);
  }
}

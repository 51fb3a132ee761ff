import { auditedWrite } from '../audit/audit-intent';
import { LeadStatus } from '../domain/enums';
import { addDays } from '../domain/fields';
import { InputError } from '../domain/input-error';
import { Lead, LeadRegistration } from '../domain/lead';
import { OPEN_STATUSES } from '../domain/lead-lifecycle';
import { Conflict, ConflictIndex, MatchableLead, describeConflict, registrableDomain } from '../domain/matching';
import { Partner } from '../domain/partner';
import { readPartners } from '../partners/partner-store';
import { readIsoDate, readText, readUtcDateTime, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { readList, readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { OPTIONAL_LEAD_KEYS, cellsForTable, leadToCells, recordToLead } from './lead-store';

/**
 * Registers a lead from either channel (sidebar or partner form): checks the
 * partner and product, matches it against the open, protected leads, and
 * appends it — New and protected for the window in Settings, or Conflict with
 * the lead it collides with and why. The caller holds the script lock.
 *
 * Spreadsheet calls are fixed whatever the number of leads: whole columns are
 * read in a handful of ranges and the row is written in one.
 */
export interface RegistrationOutcome {
  lead: Lead;
  partner: Partner;
  conflict: Conflict | null;
  /** For a response already registered (a duplicate trigger firing): the existing lead's ID. */
  duplicateOf?: string;
}

const MATCH_KEYS = ['id', 'registeredAt', 'partnerId', 'company', 'domain', 'contactEmail', 'status', 'protectedUntil', 'responseKey'] as const;

export interface RegisterOptions {
  source: 'sidebar' | 'form';
  /** The form response this registration comes from (for idempotency). */
  responseKey?: string;
}

/** Checks the parts of a registration only the tracker can judge: partner and product. Returns field → message. */
export function registrationProblems(partner: Partner | undefined, partnerId: string, product: string, products: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!partner) problems.partnerId = `There is no partner ${partnerId}.`;
  else if (partner.status !== 'Active') problems.partnerId = `${partner.name} (${partner.id}) is ${partner.status || 'without a status'}; only active partners can register leads.`;
  if (product && !products.includes(product)) {
    problems.product = `Product "${product}" is not on the Lists tab${products.length ? ` (choose ${products.join(', ')})` : ''}.`;
  }
  return problems;
}

export function registerLeadLocked(ctx: TrackerContext, input: LeadRegistration, options: RegisterOptions): RegistrationOutcome {
  const partners = readPartners(ctx.ss, ctx.timeZone);
  const partner = partners.find((p) => p.id === input.partnerId);
  const problems = registrationProblems(partner, input.partnerId, input.product, readList(ctx.ss, 'products'));
  if (Object.keys(problems).length || !partner) throw new InputError(Object.values(problems).join(' '), problems);
  const settings = readSettings(ctx.ss).settings;
  const today = todayIn(ctx.timeZone, ctx.now);

  const table = TrackerTable.open(ctx.ss, 'leads');
  const cols = table.readColumns(MATCH_KEYS, OPTIONAL_LEAD_KEYS as Array<(typeof MATCH_KEYS)[number]>);
  if (options.responseKey) {
    const at = cols.responseKey.findIndex((v) => readText(v) === options.responseKey);
    if (at >= 0) {
      const existing = table.readRows(at + 2, at + 2)[0];
      return { lead: recordToLead(existing, ctx.timeZone), partner, conflict: null, duplicateOf: readText(existing.id) };
    }
  }

  const names = new Map(partners.map((p) => [p.id, p.name]));
  const candidates: MatchableLead[] = [];
  for (let i = 0; i < cols.id.length; i++) {
    const status = readText(cols.status[i]) as LeadStatus;
    if (!OPEN_STATUSES.includes(status)) continue;
    const protectedUntil = readIsoDate(cols.protectedUntil[i], ctx.timeZone);
    if (protectedUntil && protectedUntil < today) continue;
    const registeredAt = cols.registeredAt[i];
    candidates.push({
      id: readText(cols.id[i]),
      partnerId: readText(cols.partnerId[i]),
      partnerName: names.get(readText(cols.partnerId[i])) ?? readText(cols.partnerId[i]),
      // The raw cell instant orders registrations correctly; it is converted to UTC only for the winner.
      registeredAt: registeredAt instanceof Date ? registeredAt : new Date(0),
      company: readText(cols.company[i]),
      domain: readText(cols.domain[i]),
      contactEmail: readText(cols.contactEmail[i]),
    });
  }
  const found = new ConflictIndex(candidates).findConflict({ company: input.company, website: input.website, contactEmail: input.contactEmail });
  const conflict = found
    ? { ...found, lead: { ...found.lead, registeredAt: readUtcDateTime(found.lead.registeredAt, ctx.timeZone) ?? found.lead.registeredAt } }
    : null;

  const status: LeadStatus = conflict ? 'Conflict' : 'New';
  const ids = new IdAllocator('L-', cols.id, ctx.properties);
  const lead: Lead = {
    id: ids.take(),
    registeredAt: ctx.now,
    partnerId: partner.id,
    company: input.company,
    website: input.website,
    domain: (input.website && registrableDomain(input.website)) || '',
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    product: input.product,
    estimatedValueCents: input.estimatedValue,
    expectedClose: input.expectedClose,
    status,
    statusReason: conflict ? describeConflict(conflict) : '',
    conflictWith: conflict ? conflict.lead.id : '',
    dealAmountCents: null,
    closedOn: '',
    source: options.source,
    notes: input.notes,
    updatedAt: ctx.now,
    protectedUntil: conflict ? '' : addDays(today, settings.protectionDays),
    responseKey: options.responseKey ?? '',
    registeredBy: options.source === 'sidebar' ? ctx.actor : '',
  };
  auditedWrite(ctx, [{
    at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${table.lastRow() + 1}`, recordId: lead.id, field: '(new lead)', oldValue: '',
    newValue: `${lead.company} for ${partner.name} (${partner.id}): ${status}${conflict ? ` — ${lead.statusReason}` : `, protected until ${lead.protectedUntil}`}`,
  }], () => {
    table.append([cellsForTable(table, leadToCells(lead))]);
    ids.commit();
  });
  return { lead, partner, conflict };
}

import { TierHistoryEntry, tierOnDate } from '../tiers/history';
import { commissionLines, priorWonInQuarter } from '../commissions';
import { CommissionLine, CommissionRule } from '../commissions/types';
import { LEAD_STATUSES, LeadStatus } from '../enums';
import { addDays } from '../fields';
import { DEAL_AMOUNT_LABEL, LEAD_REGISTRATION_RULES, LEAD_TRANSITION_RULES, normalisePartnerCode } from '../input-rules';
import { Lead } from '../lead';
import { ConflictIndex, MatchableLead, describeConflict, normaliseCompanyName, registrableDomain } from '../matching';
import { collides } from '../matching/lead-index';
import { optionalMoneyRule } from '../money';
import { Partner } from '../partner';
import { checkFields, optionalIsoDateRule } from '../rules';
import { FieldChange, MIGRATION_ID, MIGRATION_ID_RULE, PlannedRow, centsText, given, instantOf, isoDateOf, skipped } from './plan-types';

/**
 * Leads from a file, with their history: each row's fields checked with the registration's
 * rules (LEAD_REGISTRATION_RULES), a won deal's amount and close date with the Closed Won
 * move's; its partner found by Partner ID or code; matched to a lead already on the tab by
 * Lead ID, else by partner and company domain, else partner and company name. A new lead gets
 * an ID in the tracker's format unless the file brings one that is unique. A new open lead is
 * matched against the open, protected leads as a registration is, and flagged Conflict with
 * the lead it collides with. An existing lead's pipeline (status, deal, partner) is never
 * moved by an import: a difference is told, and moves go through the Leads view.
 */
export interface ExistingLead extends Lead {
  row: number;
}

export type ImportedLineStatus = 'Paid' | 'Approved' | 'Pending';

export interface LeadPlanInput {
  leads: readonly ExistingLead[];
  partners: readonly Partner[];
  products: readonly string[];
  protectionDays: number;
  today: string;
  now: Date;
  /** Who imports (Registered By: they may not approve these deals' commissions). */
  actor: string;
  /** Commission lines for won deals: the rules in force, or null for none. */
  commissions: { rules: readonly CommissionRule[]; holdingDays: number; status: ImportedLineStatus; leadsWithLines: ReadonlySet<string> } | null;
  /** The Tier History (read once): a won deal's rule is the one for the partner's tier on its close date. */
  tierHistory?: readonly TierHistoryEntry[];
}

export interface LeadPlan {
  rows: PlannedRow[];
  creates: Lead[];
  updates: Array<{ row: number; id: string; values: Partial<Record<LeadField, string | number | null>> }>;
  lines: Array<{ lead: Lead; lines: CommissionLine[] }>;
}

const DESCRIPTIVE = ['company', 'website', 'contactName', 'contactEmail', 'product', 'estimatedValue', 'expectedClose', 'notes'] as const;
type LeadField = (typeof DESCRIPTIVE)[number] | 'domain';
const LABELS: Record<(typeof DESCRIPTIVE)[number], string> = {
  company: 'Company',
  website: 'Website',
  contactName: 'Contact Name',
  contactEmail: 'Contact Email',
  product: 'Product',
  estimatedValue: 'Estimated Value',
  expectedClose: 'Expected Close',
  notes: 'Notes',
};
/** The statuses a file may bring; Conflict is the tracker's finding, not a file's. */
const IMPORTABLE: readonly LeadStatus[] = LEAD_STATUSES.filter((s) => s !== 'Conflict');
const OPEN: ReadonlySet<string> = new Set(['New', 'Accepted', 'Qualified']);
const WON_LIKE: ReadonlySet<string> = new Set(['Closed Won', 'Refunded']);
const SPELLINGS: Record<string, LeadStatus> = { won: 'Closed Won', lost: 'Closed Lost', closedwon: 'Closed Won', closedlost: 'Closed Lost', open: 'New' };
const DEAL_RULES = LEAD_TRANSITION_RULES.cases['Closed Won'];
const OPTIONAL_DEAL = { dealAmount: optionalMoneyRule(DEAL_AMOUNT_LABEL), closedOn: optionalIsoDateRule('Close date') };

function statusOf(text: string): LeadStatus | null {
  if (!text) return 'New';
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  return IMPORTABLE.find((s) => s.toLowerCase().replace(/[^a-z]/g, '') === key) ?? SPELLINGS[key] ?? null;
}

const nameKey = (partnerId: string, company: string) => `${partnerId}|n:${normaliseCompanyName(company)}`;
const domainKey = (partnerId: string, domain: string) => `${partnerId}|d:${domain.toLowerCase()}`;

export function planLeads(lines: ReadonlyArray<{ line: number; values: Readonly<Record<string, string>> }>, input: LeadPlanInput, newId: () => string): LeadPlan {
  const plan: LeadPlan = { rows: [], creates: [], updates: [], lines: [] };
  const partnersById = new Map(input.partners.map((p) => [p.id, p]));
  const partnersByCode = new Map(input.partners.filter((p) => p.code).map((p) => [p.code, p]));
  const byId = new Map<string, ExistingLead>();
  const byKey = new Map<string, ExistingLead>();
  const open: MatchableLead[] = [];
  const won: Array<{ leadId: string; partnerId: string; dealAmountCents: number; closedOn: string }> = [];
  for (const lead of input.leads) {
    if (lead.id) byId.set(lead.id, lead);
    if (lead.domain) byKey.set(domainKey(lead.partnerId, lead.domain), lead);
    if (lead.company) byKey.set(nameKey(lead.partnerId, lead.company), lead);
    if (collides(lead, input.today)) open.push(matchable(lead, partnersById));
    if (lead.status === 'Closed Won' && lead.dealAmountCents !== null) won.push({ leadId: lead.id, partnerId: lead.partnerId, dealAmountCents: lead.dealAmountCents, closedOn: lead.closedOn });
  }
  const index = new ConflictIndex(open);
  const claimed = new Map<string, number>();

  for (const { line, values } of lines) {
    const label = values.company || `line ${line}`;
    const problems: string[] = [];
    const partnerText = values.partner ?? '';
    const partner = partnerText ? (partnersById.get(partnerText) ?? partnersByCode.get(normalisePartnerCode(partnerText))) : undefined;
    if (!partnerText) problems.push('Partner is missing: give the Partner ID or Partner Code.');
    else if (!partner) problems.push(`Partner "${partnerText}" is not on the Partners tab (by Partner ID or Partner Code): import the partners first.`);
    const fileId = values.id ?? '';
    if (fileId && !MIGRATION_ID.test(fileId)) problems.push(`Lead ID "${fileId}" cannot be used: ${MIGRATION_ID_RULE}.`);
    const typed = given({ ...values, expectedClose: isoDateOf(values.expectedClose ?? '') }, DESCRIPTIVE);
    const website = registrableDomain(typed.website ?? '') ?? '';
    const match =
      (fileId && byId.get(fileId)) || (partner && !fileId && ((website && byKey.get(domainKey(partner.id, website))) || (typed.company && byKey.get(nameKey(partner.id, typed.company))))) || undefined;
    const merged = match ? { ...leadText(match), ...typed } : typed;
    const checked = checkFields(LEAD_REGISTRATION_RULES, { ...merged, partnerId: partner?.id ?? match?.partnerId ?? 'P-000000' });
    if (!checked.ok) for (const [k, m] of Object.entries(checked.errors)) if (k !== 'partnerId') problems.push(`${m || `${k} is not valid`}.`);
    const fields = checked.ok ? checked.data : null;
    if (fields?.product && !input.products.includes(fields.product) && (!match || fields.product !== match.product)) {
      problems.push(`Product "${fields.product}" is not on the Lists tab${input.products.length ? ` (choose ${input.products.join(', ')})` : ''}.`);
    }
    const status = statusOf(values.status ?? '');
    if (!status) problems.push(`Status "${values.status}" is not a lead status (${IMPORTABLE.join(', ')}).`);
    const deal = checkFields(status && WON_LIKE.has(status) ? DEAL_RULES : OPTIONAL_DEAL, { dealAmount: values.dealAmount || undefined, closedOn: isoDateOf(values.closedOn ?? '') || undefined });
    if (!deal.ok) for (const m of Object.values(deal.errors)) problems.push(`${m}${status && WON_LIKE.has(status) ? ` (a ${status} lead needs it)` : ''}.`);
    const registeredAt = values.registeredAt ? instantOf(values.registeredAt) : input.now;
    if (!registeredAt) problems.push(`Registered At "${values.registeredAt}" must be a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM, UTC).`);
    else if (registeredAt.getTime() > input.now.getTime()) problems.push(`Registered At ${values.registeredAt} is in the future.`);
    const closedOn = deal.ok ? String(deal.data.closedOn ?? '') : '';
    const registeredOn = registeredAt ? registeredAt.toISOString().slice(0, 10) : '';
    if (!match && closedOn && registeredOn && closedOn < registeredOn) problems.push(`Closed On ${closedOn} is before the lead was registered (${registeredOn}).`);
    const keys = [
      fileId ? `id:${fileId}` : '',
      match ? `id:${match.id}` : '',
      partner && website ? domainKey(partner.id, website) : '',
      partner && typed.company ? nameKey(partner.id, typed.company) : '',
    ].filter(Boolean);
    const earlier = keys.map((k) => claimed.get(k)).find((n) => n !== undefined);
    if (earlier !== undefined) problems.push(`Line ${earlier} already imports this lead (same ${fileId ? 'Lead ID' : 'partner and company'}); keep one row per lead.`);
    if (problems.length || !fields || !status || !registeredAt || !deal.ok || !partner) {
      plan.rows.push(skipped(line, label, problems));
      continue;
    }
    for (const k of keys) claimed.set(k, line);
    const dealCents = (deal.data.dealAmount as number | null | undefined) ?? null;

    if (match) {
      plan.rows.push(updateRow(line, match, typed, fields, { status, partner, dealCents, closedOn }, plan, input));
      continue;
    }
    const lead: Lead = {
      id: fileId || newId(),
      registeredAt,
      partnerId: partner.id,
      company: fields.company,
      website: fields.website,
      domain: (fields.website && registrableDomain(fields.website)) || '',
      contactName: fields.contactName,
      contactEmail: fields.contactEmail,
      product: fields.product,
      estimatedValueCents: fields.estimatedValue,
      expectedClose: fields.expectedClose,
      status,
      statusReason: values.statusReason ?? '',
      conflictWith: '',
      dealAmountCents: dealCents,
      closedOn,
      source: 'import',
      notes: fields.notes,
      updatedAt: input.now,
      protectedUntil: OPEN.has(status) ? addDays(registeredOn, input.protectionDays) : '',
      responseKey: '',
      registeredBy: input.actor,
    };
    const notes: string[] = [];
    if (OPEN.has(status)) {
      const conflict = index.findConflict({ company: lead.company, website: lead.website, contactEmail: lead.contactEmail });
      if (conflict) {
        notes.push(`Flagged Conflict (the file says ${status}): ${describeConflict(conflict)}. Decide it in the Leads view.`);
        lead.status = 'Conflict';
        lead.statusReason = describeConflict(conflict);
        lead.conflictWith = conflict.lead.id;
        lead.protectedUntil = '';
      } else if (collides(lead, input.today)) index.include(matchable(lead, partnersById));
    }
    claimed.set(`id:${lead.id}`, line);
    plan.creates.push(lead);
    if (lead.status === 'Closed Won' && lead.dealAmountCents !== null) {
      const planned = linesFor(lead, partner, won, input);
      if (planned.note) notes.push(planned.note);
      won.push({ leadId: lead.id, partnerId: lead.partnerId, dealAmountCents: lead.dealAmountCents, closedOn: lead.closedOn });
    }
    plan.rows.push({ line, action: 'create', recordId: lead.id, label: lead.company, problems: [], notes, changes: [] });
  }
  return plan;

  /** Commission lines for a won deal, when the person asked for them; a note says what was (not) made. */
  function linesFor(lead: Lead, partner: Partner, won: ReadonlyArray<{ leadId: string; partnerId: string; dealAmountCents: number; closedOn: string }>, input: LeadPlanInput): { note: string | null } {
    const wanted = input.commissions;
    if (!wanted || lead.dealAmountCents === null) return { note: null };
    const deal = {
      leadId: lead.id,
      partnerId: partner.id,
      partnerTier: tierOnDate(input.tierHistory ?? [], partner.id, lead.closedOn, partner.tier),
      partnerType: partner.type,
      product: lead.product,
      dealAmountCents: lead.dealAmountCents,
      closedOn: lead.closedOn,
    };
    const result = commissionLines(deal, wanted.rules, priorWonInQuarter(won, deal), wanted.holdingDays);
    if (!result.ok) return { note: `No commission line: ${result.message}` };
    const made = result.lines.filter((l) => !(l.amountCents === 0 && l.capCents === 0));
    if (made.length === 0) return { note: 'No commission line: the rules in force on the close date pay nothing on this deal.' };
    plan.lines.push({ lead, lines: made });
    return {
      note: `${made.length} commission line${made.length > 1 ? 's' : ''} marked imported (${wanted.status}): ${made.map((l) => `${l.kind} ${centsText(l.amountCents)} by ${l.ruleId}`).join(', ')}.`,
    };
  }

  /** An existing lead: its descriptive fields that differ are updated; its pipeline is told, never moved. */
  function updateRow(
    line: number,
    match: ExistingLead,
    typed: Record<string, string>,
    fields: Record<string, unknown>,
    file: { status: LeadStatus; partner: Partner; dealCents: number | null; closedOn: string },
    plan: LeadPlan,
    input: LeadPlanInput,
  ): PlannedRow {
    const before = leadText(match);
    const changes: FieldChange[] = [];
    const values: Partial<Record<LeadField, string | number | null>> = {};
    for (const field of DESCRIPTIVE) {
      if (!(field in typed)) continue;
      const to = field === 'estimatedValue' ? centsText(fields[field] as number | null) : String(fields[field] ?? '');
      if (to === before[field]) continue;
      changes.push({ field: LABELS[field], from: before[field], to });
      values[field] = field === 'estimatedValue' ? (fields[field] as number | null) : to;
      if (field === 'website') values.domain = (to && registrableDomain(to)) || '';
    }
    const notes: string[] = [];
    const flagged = match.status === 'Conflict' && OPEN.has(file.status);
    if (match.status !== file.status && !flagged) notes.push(`Kept the tracker's status ${match.status || '(blank)'} (the file says ${file.status}): move the lead in the Leads view.`);
    if (match.partnerId !== file.partner.id) notes.push(`Kept the tracker's partner ${match.partnerId} (the file says ${file.partner.id}).`);
    if (match.status === file.status && (match.dealAmountCents !== file.dealCents || match.closedOn !== file.closedOn) && WON_LIKE.has(file.status)) {
      notes.push(`Kept the tracker's deal (${centsText(match.dealAmountCents)} closed ${match.closedOn || '(blank)'}); the file says ${centsText(file.dealCents)} closed ${file.closedOn}.`);
    }
    // A won deal this import created whose lines a stopped run did not write: they are written now.
    const wanted = input.commissions;
    if (wanted && match.source === 'import' && match.status === 'Closed Won' && !wanted.leadsWithLines.has(match.id) && match.dealAmountCents !== null) {
      const partner = partnersById.get(match.partnerId);
      if (partner) {
        const planned = linesFor(match, partner, [], input);
        if (planned.note) notes.push(planned.note);
      }
    }
    if (changes.length) plan.updates.push({ row: match.row, id: match.id, values });
    const action = changes.length ? 'update' : plan.lines.some((l) => l.lead.id === match.id) ? 'update' : 'unchanged';
    return { line, action, recordId: match.id, label: match.company, problems: [], notes, changes };
  }
}

function leadText(lead: Lead): Record<(typeof DESCRIPTIVE)[number], string> {
  return {
    company: lead.company,
    website: lead.website,
    contactName: lead.contactName,
    contactEmail: lead.contactEmail,
    product: lead.product,
    estimatedValue: centsText(lead.estimatedValueCents),
    expectedClose: lead.expectedClose,
    notes: lead.notes,
  };
}

function matchable(lead: Lead, partners: ReadonlyMap<string, Partner>): MatchableLead {
  return {
    id: lead.id,
    partnerId: lead.partnerId,
    partnerName: partners.get(lead.partnerId)?.name ?? lead.partnerId,
    registeredAt: lead.registeredAt,
    company: lead.company,
    domain: lead.domain,
    contactEmail: lead.contactEmail,
  };
}

import { tierNamesOf } from '../tiers/tier-store';
import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { LEAD_REGISTRATION_SCHEMA, LEAD_TRANSITION_SCHEMA } from '../domain/lead';
import { PARTNER_INPUT_SCHEMA } from '../domain/partner';
import { LEAD_SEEN_SCHEMA } from '../domain/stale-change';
import { parseSettings } from '../domain/settings';
import { LEAD_STATUSES, LeadStatus } from '../domain/enums';
import { InputError } from '../domain/input-error';
import { RECORD_ID_ERROR, RECORD_ID_PATTERN } from '../domain/input-rules';
import { Lead } from '../domain/lead';
import { NEXT_STATUSES } from '../domain/lead-lifecycle';
import { listLeads } from '../leads/lead-query';
import { MoveOutcome, moveLead } from '../leads/pipeline';
import { registerLeadLocked, warmMatchIndex } from '../leads/register';
import { readPartners, savePartner } from '../partners/partner-store';
import { todayIn } from '../tracker/cells';
import { trackerContext } from '../tracker/context';
import { requireRole } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { reference } from '../tracker/reference';
import { LeadList, LeadView, PartnerView, RegisterLeadResult, RegistrationOptions } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';
import { currentRequestId } from './requests';

/** The sidebar's partner and lead endpoints: arguments checked with the same schemas the sidebar uses. */
const SOURCE = 'sidebar';

// The tracker's IDs (L-000001) and the ones a migration brought (adopted from the sheet).
const LEAD_ID = /* @__PURE__ */ lazy(() => z.string({ error: 'Lead ID is required' }).check(z.trim(), z.regex(RECORD_ID_PATTERN, { error: RECORD_ID_ERROR('Lead ID') })));

const LEAD_QUERY_SCHEMA = /* @__PURE__ */ lazy(() =>
  z.object({
    partnerId: z.optional(z.string().check(z.trim(), z.maxLength(20))),
    status: z.optional(z.enum(['open', 'all', ...LEAD_STATUSES], { error: 'Status filter must be open, all or a lead status' })),
    search: z.optional(z.string().check(z.maxLength(200, { error: 'Search must be at most 200 characters' }))),
    limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(200))),
  }),
);

export const apiListPartners = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): PartnerView[] => {
  const ctx = trackerContext(SOURCE);
  return readPartners(ctx.ss, ctx.timeZone)
    .map(({ row: _row, ...partner }) => partner)
    .sort((a, b) => a.name.localeCompare(b.name));
});

export const apiSavePartner = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PARTNER_INPUT_SCHEMA]),
  (input): PartnerView => savePartner(trackerContext(SOURCE), input),
);

export const apiGetRegistrationOptions = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): RegistrationOptions => {
  const ctx = trackerContext(SOURCE);
  const ref = reference(ctx.ss);
  const settings = parseSettings(ref.settings()).settings;
  const options: RegistrationOptions = {
    partners: ref
      .partners()
      .filter((p) => p.status === 'Active')
      .map((p) => ({ id: p.id, name: p.name, code: p.code }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    products: ref.list('products'),
    regions: ref.list('regions'),
    tiers: tierNamesOf(ctx.ss),
    currency: settings.currency,
    protectionDays: settings.protectionDays,
    today: todayIn(ctx.timeZone, ctx.now),
  };
  // The person is about to register: the match index is readied now, not under the registration's lock.
  warmMatchIndex(ctx);
  return options;
});

export const apiRegisterLead = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([LEAD_REGISTRATION_SCHEMA]),
  (input): RegisterLeadResult => {
    const ctx = trackerContext(SOURCE);
    // The request's key makes a retried registration return the lead it made, even if its outcome was never stored.
    const requestId = currentRequestId();
    const outcome = withDocumentLock(ctx.ss, () => {
      // Checked on the state the section read: no read of its own before the lock.
      requireRole(ctx, 'registerLeads');
      return registerLeadLocked(ctx, input, { source: 'sidebar', ...(requestId ? { responseKey: `sidebar:${requestId}` } : {}) });
    });
    return {
      lead: leadView(outcome.lead, new Map([[outcome.partner.id, outcome.partner.name]])),
      conflict: outcome.conflict ? outcome.lead.statusReason : null,
    };
  },
);

export const apiListLeads = /* @__PURE__ */ endpoint(
  () => z.tuple([LEAD_QUERY_SCHEMA]),
  (query): LeadList => {
    const page = listLeads(trackerContext(SOURCE), query);
    return { leads: page.leads.map((lead) => leadView(lead, page.partnerNames)), total: page.total };
  },
);

/** The third argument, what the person saw of the lead, is optional: older sidebars and scripts leave it out. */
export const apiMoveLead = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([LEAD_ID, LEAD_TRANSITION_SCHEMA, z.optional(LEAD_SEEN_SCHEMA)]),
  (leadId, move, seen): LeadView => {
    // A request with a key may be a retry of one whose change landed: the move then answers with the lead as it stands.
    return movedLeadView(moveLead(trackerContext(SOURCE), leadId, move, { seen, retryable: currentRequestId() !== null }));
  },
);

/** The moved lead as the sidebar shows it, with what happened to its commissions; a refusal as the error the sidebar shows. */
function movedLeadView(outcome: MoveOutcome): LeadView {
  if (!outcome.ok) throw new InputError(outcome.reason, outcome.fields);
  const { lead, partner, commissions } = outcome;
  const names = new Map(partner ? [[partner.id, partner.name]] : []);
  return { ...leadView(lead, names), notice: commissions?.notice ?? (commissions?.created.length ? `Created commission ${commissions.created.join(', ')}.` : null) };
}

export function leadView(lead: Lead, partnerNames: ReadonlyMap<string, string>): LeadView {
  return {
    id: lead.id,
    registeredAt: lead.registeredAt.toISOString(),
    partnerId: lead.partnerId,
    partnerName: partnerNames.get(lead.partnerId) ?? lead.partnerId,
    company: lead.company,
    website: lead.website,
    domain: lead.domain,
    contactName: lead.contactName,
    contactEmail: lead.contactEmail,
    product: lead.product,
    estimatedValue: lead.estimatedValueCents === null ? null : lead.estimatedValueCents / 100,
    expectedClose: lead.expectedClose,
    status: lead.status,
    statusReason: lead.statusReason,
    conflictWith: lead.conflictWith,
    dealAmount: lead.dealAmountCents === null ? null : lead.dealAmountCents / 100,
    closedOn: lead.closedOn,
    source: lead.source,
    notes: lead.notes,
    updatedAt: lead.updatedAt ? lead.updatedAt.toISOString() : null,
    protectedUntil: lead.protectedUntil,
    nextStatuses: lead.status ? [...NEXT_STATUSES[lead.status as LeadStatus]] : [],
  };
}

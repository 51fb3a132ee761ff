import { FieldMapping, HubSpotMapping, LeadField, MappedStatus } from './mapping';

/**
 * HubSpot CRM v3 request bodies and response readers (pure). Shapes, from HubSpot's reference:
 * - Objects: POST /crm/v3/objects/{deals|companies} `{properties, associations?}`, PATCH
 *   /crm/v3/objects/deals/{id} `{properties}`; a record is `{id, properties, createdAt,
 *   updatedAt, archived}` (developers.hubspot.com/docs/api-reference/crm-deals-v3/guide).
 * - Associations on create: `associations: [{to: {id}, types: [{associationCategory:
 *   'HUBSPOT_DEFINED', associationTypeId}]}]`; deal → company is type 341 (HubSpot's v4
 *   association type list: "Deal to company"), and v4's PUT
 *   /crm/v4/objects/deals/{id}/associations/default/companies/{companyId} adds the default one to
 *   an existing deal (developers.hubspot.com/docs/api-reference/crm-associations-v4/guide).
 * - Search: POST /crm/v3/objects/{type}/search `{filterGroups: [{filters: [{propertyName,
 *   operator, value}]}], sorts: [{propertyName, direction}], properties, limit, after}`;
 *   groups are ORed, a group's filters ANDed; at most 5 groups, 6 filters a group, 18 in all
 *   (raised in 2024; the changelog "Expanded Filtering Capabilities" says 5 / 10 / 25: the fake
 *   takes the reference's numbers); `limit` at most 200; the answer is `{total, results,
 *   paging?: {next: {after}}}`; at most 10,000 results a query
 *   (developers.hubspot.com/docs/api-reference/search/guide).
 * - Errors: `{status: 'error', message, correlationId, category, errors?}`; 429 carries
 *   `Retry-After` seconds (developers.hubspot.com/docs/api-reference/error-handling).
 */

export const DEAL_TO_COMPANY = 341;
/** Search pages the pull asks for (HubSpot's maximum is 200). */
export const SEARCH_PAGE = 100;

export interface LeadForHubSpot {
  id: string;
  partnerId: string;
  status: string;
  company: string;
  website: string;
  domain: string;
  contactName: string;
  contactEmail: string;
  product: string;
  /** Cents, or null. */
  estimatedValue: number | null;
  /** YYYY-MM-DD, or ''. */
  expectedClose: string;
  notes: string;
}

export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: string;
}

export interface SearchPage {
  results: HubSpotRecord[];
  after: string | null;
}

export interface HubSpotError {
  status: number;
  message: string;
  category: string;
  correlationId: string;
}

/** A lead field as HubSpot takes it: money in units ("1250.5"), a date as midnight UTC in ms (HubSpot's date properties). */
function valueOf(lead: LeadForHubSpot, field: LeadField): string {
  const v = lead[field];
  if (v === null || v === undefined) return '';
  if (field === 'estimatedValue') return typeof v === 'number' ? String(v / 100) : '';
  if (field === 'expectedClose') return v ? String(Date.parse(`${v}T00:00:00Z`)) : '';
  return String(v);
}

function propertiesFor(lead: LeadForHubSpot, fields: readonly FieldMapping[], object: 'deal' | 'company'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (f.object !== object) continue;
    const value = valueOf(lead, f.field);
    // A blank field is left out: a blank lead cell never clears what someone typed in HubSpot.
    if (value !== '') out[f.property] = value;
  }
  return out;
}

export function companyBody(lead: LeadForHubSpot, mapping: HubSpotMapping): { properties: Record<string, string> } {
  const properties = propertiesFor(lead, mapping.fields, 'company');
  if (lead.domain && !properties.domain) properties.domain = lead.domain;
  if (!properties.name) properties.name = lead.company || lead.domain;
  return { properties };
}

/** A new deal: the mapped fields, the pipeline and first stage, the partner and the lead; associated with its company when there is one. */
export function newDealBody(lead: LeadForHubSpot, mapping: HubSpotMapping, companyId: string | null) {
  return {
    properties: {
      ...propertiesFor(lead, mapping.fields, 'deal'),
      pipeline: mapping.pipeline,
      dealstage: mapping.newDealStage,
      [mapping.partnerProperty]: lead.partnerId,
      [mapping.leadProperty]: lead.id,
    },
    ...(companyId ? { associations: [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEAL_TO_COMPANY }] }] } : {}),
  };
}

/** An update: the mapped fields and the partner; the stage and pipeline are HubSpot's once the deal exists. */
export function dealUpdateBody(lead: LeadForHubSpot, mapping: HubSpotMapping) {
  return { properties: { ...propertiesFor(lead, mapping.fields, 'deal'), [mapping.partnerProperty]: lead.partnerId, [mapping.leadProperty]: lead.id } };
}

const eq = (propertyName: string, value: string) => ({ propertyName, operator: 'EQ', value });

export function companyByDomainSearch(domain: string) {
  return { filterGroups: [{ filters: [eq('domain', domain)] }], properties: ['domain', 'name'], limit: 10 };
}

export function dealByLeadSearch(leadId: string, mapping: HubSpotMapping) {
  return { filterGroups: [{ filters: [eq(mapping.leadProperty, leadId)] }], properties: dealProperties(mapping), limit: 10 };
}

export function dealProperties(mapping: HubSpotMapping): string[] {
  return ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'hs_lastmodifieddate', mapping.partnerProperty, mapping.leadProperty];
}

/**
 * Deals of the pipeline changed at or after `sinceMs` that carry a lead ID, oldest first. GTE, not
 * GT: two deals changed in the same millisecond straddle a page or a run; the pull's handling is
 * idempotent, so reading one again costs nothing.
 */
export function changedDealsSearch(mapping: HubSpotMapping, sinceMs: number, after: string | null, limit = SEARCH_PAGE) {
  return {
    filterGroups: [
      {
        filters: [eq('pipeline', mapping.pipeline), { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(sinceMs) }, { propertyName: mapping.leadProperty, operator: 'HAS_PROPERTY' }],
      },
    ],
    sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
    properties: dealProperties(mapping),
    limit,
    ...(after ? { after } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record as HubSpot answers one; null when the shape is not one. */
export function readRecord(v: unknown): HubSpotRecord | null {
  if (!isObject(v) || (typeof v.id !== 'string' && typeof v.id !== 'number') || !isObject(v.properties)) return null;
  const properties: Record<string, string | null> = {};
  for (const [k, p] of Object.entries(v.properties)) properties[k] = p === null || p === undefined ? null : String(p);
  return { id: String(v.id), properties, updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : '' };
}

export function readSearchPage(v: unknown): SearchPage | null {
  if (!isObject(v) || !Array.isArray(v.results)) return null;
  const results: HubSpotRecord[] = [];
  for (const r of v.results) {
    const rec = readRecord(r);
    if (!rec) return null;
    results.push(rec);
  }
  const next = isObject(v.paging) && isObject(v.paging.next) ? v.paging.next.after : undefined;
  return { results, after: typeof next === 'string' && next ? next : null };
}

/** HubSpot's error body, or what the status alone says when the body is not one. */
export function readError(status: number, body: string): HubSpotError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const o = isObject(parsed) ? parsed : {};
  const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return { status, message: text('message').slice(0, 300) || `HTTP ${status} with no message`, category: text('category'), correlationId: text('correlationId') };
}

/** Retry-After in seconds (HubSpot sends a number of seconds); null when absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, unknown>): number | null {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
  if (!key) return null;
  const n = Number(String(headers[key]).trim());
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}

/** What to do with a lead's deal: update ours, create one, or leave another partner's deal alone. */
export type DealDecision = { kind: 'update'; dealId: string } | { kind: 'create' } | { kind: 'conflict'; dealId: string; reason: string };

/**
 * `byLead`: deals carrying this lead's ID (normally none or one). `companyDeals`: the open deals of
 * the lead's company. Another partner's open deal on the same company is a conflict: the deal is
 * not touched and no new one is made. The reason names the deal, not the other partner (it may be
 * read where this lead's partner sees it).
 */
export function decideDeal(lead: Pick<LeadForHubSpot, 'id' | 'partnerId'>, byLead: readonly HubSpotRecord[], companyDeals: readonly HubSpotRecord[], mapping: HubSpotMapping): DealDecision {
  const mine = byLead.find((d) => (d.properties[mapping.leadProperty] ?? '') === lead.id);
  if (mine) {
    const owner = mine.properties[mapping.partnerProperty] ?? '';
    if (owner && owner !== lead.partnerId)
      return { kind: 'conflict', dealId: mine.id, reason: `HubSpot deal ${mine.id} carries this lead's ID but is recorded for another partner; it was not changed` };
    return { kind: 'update', dealId: mine.id };
  }
  const closed = closedStages(mapping);
  const other = companyDeals.find((d) => {
    const owner = d.properties[mapping.partnerProperty] ?? '';
    return owner !== '' && owner !== lead.partnerId && !closed.has(d.properties.dealstage ?? '');
  });
  if (other) return { kind: 'conflict', dealId: other.id, reason: `HubSpot already has open deal ${other.id} for this company registered by another partner; no deal was created` };
  return { kind: 'create' };
}

export function closedStages(mapping: HubSpotMapping): Set<string> {
  return new Set([...mapping.stages].filter(([, s]) => s !== 'Qualified').map(([id]) => id));
}

/** A pipeline move a changed deal asks for, or null (a stage not mapped). */
export interface DealMove {
  leadId: string;
  dealId: string;
  /** The partner the deal records ('' when none). */
  partnerId: string;
  to: MappedStatus;
  /** Closed Won: the deal's amount in cents and close date (YYYY-MM-DD, UTC). */
  amountCents: number | null;
  closedOn: string;
}

export function moveOf(deal: HubSpotRecord, mapping: HubSpotMapping): DealMove | null {
  const to = mapping.stages.get(deal.properties.dealstage ?? '');
  const leadId = deal.properties[mapping.leadProperty] ?? '';
  if (!to || !leadId) return null;
  const amount = Number(deal.properties.amount ?? '');
  const amountCents = deal.properties.amount && Number.isFinite(amount) ? Math.round(amount * 100) : null;
  return { leadId, dealId: deal.id, partnerId: deal.properties[mapping.partnerProperty] ?? '', to, amountCents, closedOn: isoDayOf(deal.properties.closedate ?? '') };
}

/** HubSpot answers datetimes as ISO strings (search) or ms since the epoch (some endpoints): the UTC day, or ''. */
export function isoDayOf(value: string): string {
  if (!value) return '';
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

/** hs_lastmodifieddate as ms since the epoch (ISO or ms), or NaN. */
export function msOf(value: string | null | undefined): number {
  if (!value) return NaN;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

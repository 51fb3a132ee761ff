import {
  LeadForHubSpot,
  companyBody,
  companyByDomainSearch,
  dealByLeadSearch,
  dealProperties,
  dealUpdateBody,
  decideDeal,
  newDealBody,
  readRecord,
  readSearchPage,
  HubSpotRecord,
} from '../domain/hubspot/crm';
import { HubSpotMapping } from '../domain/hubspot/mapping';
import { HubSpotClient, HubSpotRequestError } from './client';
import { SyncLogRow } from './sync-log';

/**
 * One lead to HubSpot (no spreadsheet call: the leads were read before): its deal is found by
 * the lead ID property (so a retried or repeated push updates, never duplicates), else its
 * company by domain (created when there is none) and the company's deals checked for another
 * partner's open deal (a conflict: nothing is written), else the deal is created, associated
 * with the company in the create body (type 341) and carrying the partner and lead properties.
 *
 * Calls: an update 2 (search, PATCH); a create 4 to 6 (search, company search, company create
 * when new, the company's deals and their properties, the deal).
 */
export function pushLead(client: HubSpotClient, lead: LeadForHubSpot, mapping: HubSpotMapping): SyncLogRow {
  const base = { direction: 'To HubSpot', leadId: lead.id } as const;
  try {
    const byLead = searchOrFail(client, 'deals', dealByLeadSearch(lead.id, mapping));
    const existing = decideDeal(lead, byLead, [], mapping);
    if (existing.kind === 'conflict') return { ...base, dealId: existing.dealId, companyId: '', outcome: 'Conflict', note: existing.reason };
    if (existing.kind === 'update') {
      client.patch(`/crm/v3/objects/deals/${encodeURIComponent(existing.dealId)}`, dealUpdateBody(lead, mapping));
      return { ...base, dealId: existing.dealId, companyId: '', outcome: 'Updated', note: `deal ${existing.dealId} updated` };
    }
    const company = lead.domain ? findOrCreateCompany(client, lead, mapping) : null;
    const decision = decideDeal(lead, byLead, company ? companyDeals(client, company.id, mapping) : [], mapping);
    if (decision.kind === 'conflict') return { ...base, dealId: decision.dealId, companyId: company?.id ?? '', outcome: 'Conflict', note: decision.reason };
    const created = readRecord(client.post('/crm/v3/objects/deals', newDealBody(lead, mapping, company?.id ?? null)));
    if (!created) throw new Error('HubSpot answered the deal create with something that is not a deal');
    const companyNote = company ? `${company.created ? 'new' : 'existing'} company ${company.id} (${lead.domain})` : 'no company: the lead has no company domain';
    return { ...base, dealId: created.id, companyId: company?.id ?? '', outcome: 'Created', note: `deal ${created.id} created with ${companyNote}` };
  } catch (e) {
    if (e instanceof HubSpotRequestError) return { ...base, dealId: '', companyId: '', outcome: 'Failed', note: e.message };
    throw e;
  }
}

function searchOrFail(client: HubSpotClient, type: 'deals' | 'companies', body: unknown): HubSpotRecord[] {
  const page = readSearchPage(client.post(`/crm/v3/objects/${type}/search`, body));
  if (!page) throw new Error(`HubSpot answered a ${type} search with something that is not a search result`);
  return page.results;
}

function findOrCreateCompany(client: HubSpotClient, lead: LeadForHubSpot, mapping: HubSpotMapping): { id: string; created: boolean } {
  const found = searchOrFail(client, 'companies', companyByDomainSearch(lead.domain));
  // The oldest company of the domain (HubSpot may hold duplicates; the first made is the one people use).
  const oldest = found.sort((a, b) => Number(a.id) - Number(b.id))[0];
  if (oldest) return { id: oldest.id, created: false };
  const created = readRecord(client.post('/crm/v3/objects/companies', companyBody(lead, mapping)));
  if (!created) throw new Error('HubSpot answered the company create with something that is not a company');
  return { id: created.id, created: true };
}

/** The company's deals (v4 associations, paged) with their stage and partner (batch read, 100 at a time). */
function companyDeals(client: HubSpotClient, companyId: string, mapping: HubSpotMapping): HubSpotRecord[] {
  const ids: string[] = [];
  let after = '';
  do {
    const page = client.get(`/crm/v4/objects/companies/${encodeURIComponent(companyId)}/associations/deals?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`) as {
      results?: Array<{ toObjectId?: unknown }>;
      paging?: { next?: { after?: unknown } };
    } | null;
    for (const r of page?.results ?? []) if (r && (typeof r.toObjectId === 'number' || typeof r.toObjectId === 'string')) ids.push(String(r.toObjectId));
    after = typeof page?.paging?.next?.after === 'string' ? page.paging.next.after : '';
  } while (after && ids.length < 2000);
  const deals: HubSpotRecord[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const batch = client.post('/crm/v3/objects/deals/batch/read', { inputs: ids.slice(i, i + 100).map((id) => ({ id })), properties: dealProperties(mapping) }) as { results?: unknown[] } | null;
    for (const r of batch?.results ?? []) {
      const rec = readRecord(r);
      if (rec) deals.push(rec);
    }
  }
  return deals;
}

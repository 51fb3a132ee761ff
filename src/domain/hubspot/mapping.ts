/**
 * The HubSpot sync's Settings rows, parsed (pure): which HubSpot deal stages move a lead, which
 * lead fields go to which HubSpot properties, and the two custom deal properties that tie a deal
 * to its partner and its lead. Each parser says what is wrong with a value, naming the part.
 *
 * HubSpot's internal property names are lowercase letters, digits and underscores, starting with
 * a letter (developers.hubspot.com/docs/api-reference/crm-properties-v3/guide: "name", the
 * internal name); stage IDs are the pipeline's internal stage IDs (e.g. `closedwon`,
 * `appointmentscheduled` in the default pipeline, a number in a custom one).
 */

export type MappedStatus = 'Qualified' | 'Closed Won' | 'Closed Lost';
export const MAPPED_STATUSES: readonly MappedStatus[] = ['Qualified', 'Closed Won', 'Closed Lost'];

/** The lead fields the sync can send, by the Leads tab's header. */
export const LEAD_FIELDS = {
  'Lead ID': 'id',
  Company: 'company',
  Website: 'website',
  'Company Domain': 'domain',
  'Contact Name': 'contactName',
  'Contact Email': 'contactEmail',
  Product: 'product',
  'Estimated Value': 'estimatedValue',
  'Expected Close': 'expectedClose',
  Notes: 'notes',
} as const;
export type LeadFieldHeader = keyof typeof LEAD_FIELDS;
export type LeadField = (typeof LEAD_FIELDS)[LeadFieldHeader];

export interface FieldMapping {
  object: 'deal' | 'company';
  property: string;
  field: LeadField;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export const PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;
const STAGE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** `pairs` of "left=right" separated by ; or new lines; blank parts are skipped. */
function pairsOf(text: string): Parsed<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const part of text.split(/[;\n]/)) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq < 0) return fail(`"${item}" needs an = (like closedwon=Closed Won)`);
    out.push([item.slice(0, eq).trim(), item.slice(eq + 1).trim()]);
  }
  return { ok: true, value: out };
}

/** "closedwon=Closed Won; closedlost=Closed Lost; qualifiedtobuy=Qualified": HubSpot stage ID → the status it moves a lead to. */
export function parseStageMap(text: string): Parsed<Map<string, MappedStatus>> {
  const pairs = pairsOf(text);
  if (!pairs.ok) return pairs;
  const map = new Map<string, MappedStatus>();
  for (const [stage, status] of pairs.value) {
    if (!STAGE_ID.test(stage)) return fail(`"${stage}" is not a HubSpot stage ID (letters, digits, - and _)`);
    const to = MAPPED_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase());
    if (!to) return fail(`stage ${stage} maps to "${status}"; a stage can move a lead to ${MAPPED_STATUSES.join(', ')} only`);
    if (map.has(stage)) return fail(`stage ${stage} is mapped twice`);
    map.set(stage, to);
  }
  if (![...map.values()].includes('Closed Won')) return fail('no stage maps to Closed Won');
  return { ok: true, value: map };
}

/** "deal.amount=Estimated Value; company.domain=Company Domain": HubSpot object.property ← the lead field (its Leads header). */
export function parseFieldMap(text: string): Parsed<FieldMapping[]> {
  const pairs = pairsOf(text);
  if (!pairs.ok) return pairs;
  const out: FieldMapping[] = [];
  for (const [target, header] of pairs.value) {
    const m = /^(deal|company)\.(.+)$/.exec(target);
    if (!m) return fail(`"${target}" must be deal.<property> or company.<property>`);
    if (!PROPERTY_NAME.test(m[2])) return fail(`"${m[2]}" is not a HubSpot property's internal name (lowercase letters, digits and _)`);
    const key = (Object.keys(LEAD_FIELDS) as LeadFieldHeader[]).find((h) => h.toLowerCase() === header.toLowerCase());
    if (!key) return fail(`"${header}" is not a lead field the sync can send (${Object.keys(LEAD_FIELDS).join(', ')})`);
    if (out.some((o) => o.object === m[1] && o.property === m[2])) return fail(`${target} is mapped twice`);
    out.push({ object: m[1] as 'deal' | 'company', property: m[2], field: LEAD_FIELDS[key] });
  }
  if (!out.some((o) => o.object === 'deal' && o.property === 'dealname')) return fail('deal.dealname must be mapped (HubSpot requires a deal name)');
  return { ok: true, value: out };
}

/** Everything the sync needs from Settings (settings.ts checks each row's shape; the maps' meaning is checked here, by the sync only). */
export interface HubSpotMapping {
  on: boolean;
  pipeline: string;
  newDealStage: string;
  stages: Map<string, MappedStatus>;
  fields: FieldMapping[];
  partnerProperty: string;
  leadProperty: string;
}

export function hubSpotMapping(s: {
  hubspotSync: boolean;
  hubspotPipeline: string;
  hubspotNewDealStage: string;
  hubspotStages: string;
  hubspotFields: string;
  hubspotPartnerProperty: string;
  hubspotLeadProperty: string;
}): Parsed<HubSpotMapping> {
  const stages = parseStageMap(s.hubspotStages);
  if (!stages.ok) return fail(`Settings' HubSpot stages to statuses: ${stages.reason}`);
  const fields = parseFieldMap(s.hubspotFields);
  if (!fields.ok) return fail(`Settings' HubSpot fields: ${fields.reason}`);
  return {
    ok: true,
    value: {
      on: s.hubspotSync,
      pipeline: s.hubspotPipeline,
      newDealStage: s.hubspotNewDealStage,
      stages: stages.value,
      fields: fields.value,
      partnerProperty: s.hubspotPartnerProperty,
      leadProperty: s.hubspotLeadProperty,
    },
  };
}

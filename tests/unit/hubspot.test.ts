import {
  HubSpotRecord,
  LeadForHubSpot,
  changedDealsSearch,
  companyBody,
  decideDeal,
  dealUpdateBody,
  isoDayOf,
  moveOf,
  newDealBody,
  readError,
  readSearchPage,
  retryAfterSeconds,
} from '../../src/domain/hubspot/crm';
import { hubSpotMapping, parseFieldMap, parseStageMap } from '../../src/domain/hubspot/mapping';
import { SETTING_DEFS, checkSettingValue, parseSettings } from '../../src/domain/settings';

/** The HubSpot sync's pure parts: the Settings mapping, the request bodies, HubSpot's answers and the conflict decision. */
const defaults = parseSettings(new Map()).settings;
const parsedMapping = hubSpotMapping(defaults);
if (!parsedMapping.ok) throw new Error(parsedMapping.reason);
const mapping = parsedMapping.value;

const lead: LeadForHubSpot = {
  id: 'L-000007',
  partnerId: 'P-000001',
  status: 'Accepted',
  company: 'Globex',
  website: 'https://www.globex.example',
  domain: 'globex.example',
  contactName: 'Hank',
  contactEmail: 'hank@globex.example',
  product: '',
  estimatedValue: 1250050,
  expectedClose: '2026-04-30',
  notes: '',
};
const deal = (id: string, properties: Record<string, string | null>): HubSpotRecord => ({ id, properties, updatedAt: '' });

describe('the Settings mapping', () => {
  test('the defaults parse: sync Off, the standard pipeline, won and lost mapped, the five fields', () => {
    expect(mapping).toMatchObject({ on: false, pipeline: 'default', newDealStage: 'appointmentscheduled', partnerProperty: 'partner_tracker_partner_id', leadProperty: 'partner_tracker_lead_id' });
    expect([...mapping.stages]).toEqual([
      ['closedwon', 'Closed Won'],
      ['closedlost', 'Closed Lost'],
    ]);
    expect(mapping.fields.map((f) => `${f.object}.${f.property}=${f.field}`)).toEqual([
      'deal.dealname=company',
      'deal.amount=estimatedValue',
      'deal.closedate=expectedClose',
      'company.name=company',
      'company.domain=domain',
    ]);
  });

  test('stage maps: statuses in any case, new lines or ; between pairs; each mistake named', () => {
    const ok = parseStageMap('closedwon=closed won\n 123456 = Qualified ; lost-1=Closed Lost');
    expect(ok.ok && [...ok.value]).toEqual([
      ['closedwon', 'Closed Won'],
      ['123456', 'Qualified'],
      ['lost-1', 'Closed Lost'],
    ]);
    expect(parseStageMap('closedwon')).toEqual({ ok: false, reason: '"closedwon" needs an = (like closedwon=Closed Won)' });
    expect(parseStageMap('closedwon=Won')).toEqual({ ok: false, reason: 'stage closedwon maps to "Won"; a stage can move a lead to Qualified, Closed Won, Closed Lost only' });
    expect(parseStageMap('closedlost=Closed Lost')).toEqual({ ok: false, reason: 'no stage maps to Closed Won' });
    expect(parseStageMap('closedwon=Closed Won; closedwon=Closed Lost')).toEqual({ ok: false, reason: 'stage closedwon is mapped twice' });
    expect(parseStageMap('closed won=Closed Won')).toEqual({ ok: false, reason: '"closed won" is not a HubSpot stage ID (letters, digits, - and _)' });
  });

  test('field maps: deal. or company. and an internal name, a lead field by its header; deal.dealname required', () => {
    expect(parseFieldMap('deal.dealname=Company; deal.partner_notes=notes')).toMatchObject({ ok: true, value: [{ field: 'company' }, { object: 'deal', property: 'partner_notes', field: 'notes' }] });
    expect(parseFieldMap('deal.amount=Estimated Value')).toEqual({ ok: false, reason: 'deal.dealname must be mapped (HubSpot requires a deal name)' });
    expect(parseFieldMap('contact.email=Contact Email')).toEqual({ ok: false, reason: '"contact.email" must be deal.<property> or company.<property>' });
    expect(parseFieldMap('deal.Deal Name=Company')).toEqual({ ok: false, reason: `"Deal Name" is not a HubSpot property's internal name (lowercase letters, digits and _)` });
    expect(parseFieldMap('deal.dealname=Partner')).toMatchObject({ ok: false, reason: expect.stringContaining('"Partner" is not a lead field the sync can send') });
  });

  test('a bad value: the edit trigger names the setting for a bad shape, the sync names the row and the mistake in a map', () => {
    expect(hubSpotMapping({ ...defaults, hubspotStages: 'closedwon=Won' })).toEqual({
      ok: false,
      reason: `Settings' HubSpot stages to statuses: stage closedwon maps to "Won"; a stage can move a lead to Qualified, Closed Won, Closed Lost only`,
    });
    expect(hubSpotMapping({ ...defaults, hubspotFields: 'deal.amount=Estimated Value' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Settings' HubSpot fields: deal.dealname must be mapped"),
    });
    expect(parseSettings(new Map([['HubSpot pipeline ID', 'my pipeline']]))).toMatchObject({
      ok: false,
      problems: [{ label: 'HubSpot pipeline ID', message: 'must be a HubSpot ID (letters, digits, - and _): using the default, default' }],
    });
    expect(checkSettingValue('HubSpot sync', 'maybe')).toBe('HubSpot sync must be On or Off');
    expect(checkSettingValue('HubSpot partner property', 'Partner ID')).toBe("HubSpot partner property must be a HubSpot property's internal name (lowercase letters, digits and _)");
    expect(checkSettingValue('HubSpot sync', 'on')).toBeNull();
    expect(SETTING_DEFS.filter((d) => d.key.startsWith('hubspot'))).toHaveLength(7);
  });
});

describe('request bodies', () => {
  test("a new deal: the mapped fields (money in units, the date as midnight UTC in ms), the pipeline's first stage, the partner and lead, associated with its company (type 341)", () => {
    expect(newDealBody(lead, mapping, '901')).toEqual({
      properties: {
        dealname: 'Globex',
        amount: '12500.5',
        closedate: String(Date.UTC(2026, 3, 30)),
        pipeline: 'default',
        dealstage: 'appointmentscheduled',
        partner_tracker_partner_id: 'P-000001',
        partner_tracker_lead_id: 'L-000007',
      },
      associations: [{ to: { id: '901' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 341 }] }],
    });
    expect(newDealBody({ ...lead, domain: '' }, mapping, null)).not.toHaveProperty('associations');
  });

  test("an update leaves the stage and pipeline to HubSpot, and a blank lead field never clears HubSpot's value", () => {
    const body = dealUpdateBody({ ...lead, estimatedValue: null, expectedClose: '' }, mapping);
    expect(body.properties).toEqual({ dealname: 'Globex', partner_tracker_partner_id: 'P-000001', partner_tracker_lead_id: 'L-000007' });
    expect(companyBody(lead, mapping)).toEqual({ properties: { name: 'Globex', domain: 'globex.example' } });
  });

  test('the changed-deals search: the pipeline, modified at or after the mark, with a lead ID; oldest first; the page after', () => {
    const body = changedDealsSearch(mapping, 1767225600000, '200', 50);
    expect(body.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'pipeline', operator: 'EQ', value: 'default' },
          { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '1767225600000' },
          { propertyName: 'partner_tracker_lead_id', operator: 'HAS_PROPERTY' },
        ],
      },
    ]);
    expect(body).toMatchObject({ sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }], limit: 50, after: '200' });
    expect(changedDealsSearch(mapping, 0, null)).not.toHaveProperty('after');
  });
});

describe("HubSpot's answers", () => {
  test('a search page, its next page, and what is not one', () => {
    expect(readSearchPage({ total: 3, results: [{ id: '1', properties: { amount: 5 } }], paging: { next: { after: '1' } } })).toEqual({
      results: [{ id: '1', properties: { amount: '5' }, updatedAt: '' }],
      after: '1',
    });
    expect(readSearchPage({ total: 0, results: [] })).toEqual({ results: [], after: null });
    expect(readSearchPage({ results: [{ properties: {} }] })).toBeNull();
    expect(readSearchPage('nope')).toBeNull();
  });

  test("errors in HubSpot's shape, or the status when the body is not; Retry-After in seconds", () => {
    expect(readError(400, JSON.stringify({ status: 'error', message: 'Property values were not valid', correlationId: 'c-1', category: 'VALIDATION_ERROR' }))).toEqual({
      status: 400,
      message: 'Property values were not valid',
      category: 'VALIDATION_ERROR',
      correlationId: 'c-1',
    });
    expect(readError(502, '<html>Bad gateway</html>')).toEqual({ status: 502, message: 'HTTP 502 with no message', category: '', correlationId: '' });
    expect(retryAfterSeconds({ 'retry-after': '2' })).toBe(2);
    expect(retryAfterSeconds({ 'Retry-After': '0.5' })).toBe(1);
    expect(retryAfterSeconds({ 'Retry-After': 'soon' })).toBeNull();
    expect(retryAfterSeconds({})).toBeNull();
  });

  test('a deal in a mapped stage is a move with its amount in cents and its close day; an unmapped stage or no lead ID is none', () => {
    expect(moveOf(deal('5', { dealstage: 'closedwon', amount: '1234.565', closedate: '2026-03-02T23:30:00Z', partner_tracker_lead_id: 'L-1' }), mapping)).toEqual({
      leadId: 'L-1',
      dealId: '5',
      partnerId: '',
      to: 'Closed Won',
      amountCents: 123457,
      closedOn: '2026-03-02',
    });
    expect(moveOf(deal('5', { dealstage: 'closedlost', amount: null, partner_tracker_lead_id: 'L-1' }), mapping)).toMatchObject({ to: 'Closed Lost', amountCents: null, closedOn: '' });
    expect(moveOf(deal('5', { dealstage: 'contractsent', partner_tracker_lead_id: 'L-1' }), mapping)).toBeNull();
    expect(moveOf(deal('5', { dealstage: 'closedwon' }), mapping)).toBeNull();
    expect(isoDayOf(String(Date.UTC(2026, 0, 31)))).toBe('2026-01-31');
  });
});

describe('the conflict decision', () => {
  const mine = deal('10', { partner_tracker_lead_id: 'L-000007', partner_tracker_partner_id: 'P-000001', dealstage: 'appointmentscheduled' });
  const theirsOpen = deal('11', { partner_tracker_lead_id: 'L-000002', partner_tracker_partner_id: 'P-000002', dealstage: 'qualifiedtobuy' });
  const theirsLost = deal('12', { partner_tracker_partner_id: 'P-000002', dealstage: 'closedlost' });
  const direct = deal('13', { dealstage: 'qualifiedtobuy' });
  const sameP = deal('14', { partner_tracker_partner_id: 'P-000001', partner_tracker_lead_id: 'L-000001', dealstage: 'qualifiedtobuy' });

  test("the lead's own deal is updated, whatever else the company has", () => {
    expect(decideDeal(lead, [mine], [theirsOpen], mapping)).toEqual({ kind: 'update', dealId: '10' });
  });

  test("another partner's open deal on the company is a conflict, and its reason does not name that partner", () => {
    const d = decideDeal(lead, [], [direct, theirsOpen], mapping);
    expect(d).toMatchObject({ kind: 'conflict', dealId: '11' });
    expect(d.kind === 'conflict' && d.reason).not.toContain('P-000002');
  });

  test("a closed deal of another partner, a deal with no partner, or the same partner's other deal is no conflict", () => {
    expect(decideDeal(lead, [], [theirsLost, direct, sameP], mapping)).toEqual({ kind: 'create' });
  });

  test("a deal carrying this lead's ID but another partner (changed in HubSpot) is not taken over", () => {
    expect(decideDeal(lead, [deal('15', { partner_tracker_lead_id: 'L-000007', partner_tracker_partner_id: 'P-000009' })], [], mapping)).toMatchObject({ kind: 'conflict', dealId: '15' });
  });
});

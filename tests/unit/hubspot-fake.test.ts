import { LocalServer, startLocalServer } from '../support/local-server';

/**
 * The HubSpot fake (tests/support/servers/hubspot-fake.mjs) behaves as HubSpot documents the parts
 * the sync relies on: search's filter groups (OR of ANDs), operators, limits, sorts and paging,
 * Bearer tokens, errors in HubSpot's shape, 429 with Retry-After. Over HTTP, no tracker.
 */
const TOKEN = 'pat-test';
let hub: LocalServer;

beforeAll(async () => {
  hub = await startLocalServer('hubspot-fake.mjs', { token: TOKEN });
  await hub.post('/__seed', {
    deals: [
      { properties: { dealname: 'Alpha Corp renewal', amount: '100', dealstage: 'closedwon', pipeline: 'default', partner_tracker_lead_id: 'L-1' } },
      { properties: { dealname: 'Beta', amount: '250', dealstage: 'appointmentscheduled', pipeline: 'default' } },
      { properties: { dealname: 'Gamma', amount: '50', dealstage: 'closedlost', pipeline: 'other', partner_tracker_lead_id: 'L-3' } },
    ],
  });
});
afterAll(() => hub.stop());

async function call(method: string, path: string, body?: unknown, token = TOKEN) {
  const res = await fetch(hub.url + path, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { results?: Array<{ properties: Record<string, string> }> } };
}
const names = (r: { body: { results?: Array<{ properties: Record<string, string> }> } }) => (r.body.results ?? []).map((d) => d.properties.dealname);
const search = (body: unknown) => call('POST', '/crm/v3/objects/deals/search', body);

test('filter groups are ORed, their filters ANDed; EQ ignores case; GT, IN, HAS_PROPERTY, NOT_HAS_PROPERTY and CONTAINS_TOKEN', async () => {
  const f = (propertyName: string, operator: string, value?: string, values?: string[]) => ({ propertyName, operator, value, values });
  expect(names(await search({ filterGroups: [{ filters: [f('pipeline', 'EQ', 'DEFAULT'), f('amount', 'GT', '150')] }, { filters: [f('dealstage', 'EQ', 'closedlost')] }] }))).toEqual([
    'Beta',
    'Gamma',
  ]);
  expect(names(await search({ filterGroups: [{ filters: [f('dealstage', 'IN', undefined, ['closedwon', 'closedlost'])] }] }))).toEqual(['Alpha Corp renewal', 'Gamma']);
  expect(names(await search({ filterGroups: [{ filters: [f('partner_tracker_lead_id', 'HAS_PROPERTY')] }] }))).toEqual(['Alpha Corp renewal', 'Gamma']);
  expect(names(await search({ filterGroups: [{ filters: [f('partner_tracker_lead_id', 'NOT_HAS_PROPERTY')] }] }))).toEqual(['Beta']);
  expect(names(await search({ filterGroups: [{ filters: [f('dealname', 'CONTAINS_TOKEN', 'corp')] }] }))).toEqual(['Alpha Corp renewal']);
});

test('sorts and pages with after; total counts every match; limit over 200, too many groups or an unknown property is a 400 in HubSpot’s shape', async () => {
  const first = await search({ sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }], limit: 2, properties: ['dealname'] });
  expect(names(first)).toEqual(['Beta', 'Alpha Corp renewal']);
  expect(first.body).toMatchObject({ total: 3, paging: { next: { after: '2' } } });
  const second = await search({ sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }], limit: 2, after: '2' });
  expect(names(second)).toEqual(['Gamma']);
  expect(second.body.paging).toBeUndefined();
  expect(await search({ limit: 201 })).toMatchObject({ status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) } });
  expect((await search({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [{ propertyName: 'amount', operator: 'GT', value: '0' }] })) })).status).toBe(400);
  expect((await search({ filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: '1' }] }] })).status).toBe(400);
});

test('a wrong token is a 401; an armed rate limit answers 429 with Retry-After, then serves again', async () => {
  expect(await call('POST', '/crm/v3/objects/deals/search', {}, 'pat-wrong')).toMatchObject({ status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION' } });
  await hub.post('/__arm', { rateLimited: 1, retryAfter: 7 });
  const limited = await search({});
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('7');
  expect(limited.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
  expect((await search({})).status).toBe(200);
});

import { HubSpotView } from '../../src/sidebar-api/contract';
import { tab } from '../../src/tracker/schema';
import { LocalServer, startLocalServer } from '../support/local-server';
import { Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * HubSpot sync both ways through the built add-on, against the local fake of HubSpot's CRM v3 API
 * (tests/support/servers/hubspot-fake.mjs), reached at https://api.hubapi.com through the
 * emulator's UrlFetchApp routes. One fake for the file, reset before each test; one tracker built
 * once (partners, a rule, sync On, HubSpot connected) and restored for each test.
 */
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
let hub: LocalServer;
let t: Tracker;

interface FakeRecord {
  id: string;
  properties: Record<string, string | null>;
}
interface FakeState {
  companies: FakeRecord[];
  deals: FakeRecord[];
  links: Record<string, string[]>;
}
interface FakeRequest {
  method: string;
  path: string;
  body: { after?: string; limit?: number } | null;
  bearer: boolean;
}

beforeAll(async () => {
  hub = await startLocalServer('hubspot-fake.mjs', { token: TOKEN });
});
afterAll(() => hub.stop());

function addRule() {
  const keys = tab('rules').columns.map((c) => c.key);
  const rule: Record<string, string | number> = { id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 30 };
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, keys.length)
    .setValues([keys.map((k) => rule[k] ?? '')]);
}

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z', urlFetch: { routes: { 'https://api.hubapi.com': hub.url } } });
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acmepartners.example' });
  t.addPartner({ name: 'Blue Resellers', code: 'BLUE', contactEmail: 'sam@blue.example' });
  addRule();
  t.setSetting('HubSpot sync', 'On');
  t.ok('apiConnectHubSpot', TOKEN);
  return { t };
});

beforeEach(async () => {
  ({ t } = fresh());
  await hub.post('/__reset');
  await hub.post('/__config', { token: TOKEN });
});

const state = () => hub.get<FakeState>('/__state');
const requests = () => hub.get<FakeRequest[]>('/__requests');
const syncRows = () => t.rows('HubSpot Sync');

function register(partnerId: string, company: string, website: string): string {
  return t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId, company, website, contactEmail: `ceo@${website}`, estimatedValue: 12000, expectedClose: '2026-04-30' }).lead.id;
}

function hourlyStep(): Record<string, unknown> | { failed: string } {
  const [run] = t.hourly();
  if (!run.ok) throw new Error(`the hourly run failed: ${run.error}`);
  // The run logs its steps' outcomes (maintenance/entry-points.ts).
  const line = t.emu.services.log
    .list()
    .reverse()
    .find((e) => e.message.startsWith('maintenance: '));
  return (JSON.parse((line?.message ?? 'maintenance: {}').slice('maintenance: '.length)) as Record<string, Record<string, unknown>>).hubspot;
}

test('a registered lead creates its company and deal, associated, with the partner and lead properties; a second sync updates, never duplicates', async () => {
  const id = register('P-000001', 'Globex', 'globex.example');
  expect(hourlyStep()).toMatchObject({ pushed: 1, conflicts: 0, unsynced: 0 });
  let s = await state();
  expect(s.companies).toHaveLength(1);
  expect(s.companies[0].properties).toMatchObject({ name: 'Globex', domain: 'globex.example' });
  expect(s.deals).toHaveLength(1);
  const deal = s.deals[0];
  expect(deal.properties).toMatchObject({
    dealname: 'Globex',
    amount: '12000',
    pipeline: 'default',
    dealstage: 'appointmentscheduled',
    partner_tracker_partner_id: 'P-000001',
    partner_tracker_lead_id: id,
    closedate: '2026-04-30T00:00:00.000Z',
  });
  expect(s.links[`deals:${deal.id}`]).toEqual([`companies:${s.companies[0].id}`]);
  expect(syncRows()).toEqual([expect.objectContaining({ Direction: 'To HubSpot', 'Lead ID': id, 'HubSpot Deal ID': deal.id, 'HubSpot Company ID': s.companies[0].id, Outcome: 'Created' })]);
  // Every call carried the token as a Bearer header.
  expect((await requests()).every((r) => r.bearer)).toBe(true);

  // The lead moves on in the tracker: the next run updates the same deal.
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  expect(hourlyStep()).toMatchObject({ pushed: 1 });
  s = await state();
  expect(s.deals).toHaveLength(1);
  expect(s.companies).toHaveLength(1);
  expect(syncRows()[1]).toMatchObject({ 'Lead ID': id, 'HubSpot Deal ID': deal.id, Outcome: 'Updated' });
  // Nothing changed since: the run after sends nothing.
  expect(hourlyStep()).toMatchObject({ pushed: 0, pulled: 0 });
});

test('a deal won in HubSpot becomes Closed Won with its amount, close date and commissions, audited as from HubSpot, once; a lost one Closed Lost; a move the tracker refuses is logged with why', async () => {
  const won = register('P-000001', 'Globex', 'globex.example');
  const lost = register('P-000002', 'Initech', 'initech.example');
  const fresh = register('P-000001', 'Hooli', 'hooli.example');
  t.ok('apiMoveLead', won, { to: 'Accepted' });
  t.ok('apiMoveLead', lost, { to: 'Accepted' });
  hourlyStep();
  const deals = (await state()).deals;
  const dealOf = (id: string) => deals.find((d) => d.properties.partner_tracker_lead_id === id)?.id as string;
  await hub.post(`/__deal/${dealOf(won)}`, { properties: { dealstage: 'closedwon', amount: '50000', closedate: '2026-03-02T10:00:00Z' } });
  await hub.post(`/__deal/${dealOf(lost)}`, { properties: { dealstage: 'closedlost' } });
  await hub.post(`/__deal/${dealOf(fresh)}`, { properties: { dealstage: 'closedwon', amount: '900', closedate: '2026-03-02T10:00:00Z' } });

  expect(hourlyStep()).toMatchObject({ pulled: 2 });
  const leads = t.rows('Leads');
  const lead = (id: string) => leads.find((r) => r['Lead ID'] === id) as Record<string, string>;
  expect(lead(won)).toMatchObject({ Status: 'Closed Won', 'Deal Amount': '50,000.00', 'Closed On': '2026-03-02' });
  // Its expected close date (still ahead) is not when it was lost: today is.
  expect(lead(lost)).toMatchObject({ Status: 'Closed Lost', 'Status Reason': `Lost in HubSpot (deal ${dealOf(lost)})`, 'Closed On': '2026-03-02' });
  expect(lead(fresh).Status).toBe('New');
  expect(
    t
      .rows('Commissions')
      .filter((c) => c['Lead ID'] === won)
      .map((c) => c.Amount),
  ).toEqual(['5,000.00']);
  const audited = t.rows('Audit Log').filter((r) => r['Record ID'] === won && r.Field === 'status');
  expect(audited.map((r) => [r.Source, r['New Value']])).toEqual([
    ['sidebar', 'Accepted'],
    ['hubspot', 'Qualified'],
    ['hubspot', 'Closed Won'],
  ]);
  const pulled = syncRows().filter((r) => r.Direction === 'From HubSpot');
  expect(pulled).toEqual([
    expect.objectContaining({ 'Lead ID': won, Outcome: 'Moved' }),
    expect.objectContaining({ 'Lead ID': lost, Outcome: 'Moved' }),
    expect.objectContaining({ 'Lead ID': fresh, Outcome: 'Refused', Note: expect.stringContaining(`${fresh} is New; it cannot move to Closed Won`) }),
  ]);
  // Read again (nothing changed in HubSpot): no second move, no second commission, no new log row.
  expect(hourlyStep()).toMatchObject({ pulled: 0 });
  expect(t.rows('Commissions').filter((c) => c['Lead ID'] === won)).toHaveLength(1);
  expect(syncRows().filter((r) => r.Direction === 'From HubSpot')).toHaveLength(3);
});

test("another partner's open deal on the same company is a conflict: not overwritten, no deal created, reported on the log and the HubSpot view without naming the other partner", async () => {
  const seeded = await hub.post<Record<string, string>>('/__seed', {
    companies: [{ key: 'co', properties: { name: 'Globex', domain: 'globex.example' } }],
    deals: [
      {
        key: 'theirs',
        company: 'co',
        properties: { dealname: 'Globex (Blue)', pipeline: 'default', dealstage: 'qualifiedtobuy', partner_tracker_partner_id: 'P-000002', partner_tracker_lead_id: 'L-999999' },
      },
    ],
  });
  const id = register('P-000001', 'Globex', 'www.globex.example');
  expect(hourlyStep()).toMatchObject({ pushed: 1, conflicts: 1 });
  const s = await state();
  expect(s.deals).toHaveLength(1);
  expect(s.deals[0].properties).toMatchObject({ partner_tracker_partner_id: 'P-000002', dealname: 'Globex (Blue)' });
  const [row] = syncRows();
  expect(row).toMatchObject({ 'Lead ID': id, 'HubSpot Deal ID': seeded.theirs, Outcome: 'Conflict' });
  expect(row.Note).toMatch(/another partner/);
  expect(row.Note).not.toContain('P-000002');
  const view = t.ok<HubSpotView>('apiGetHubSpot');
  expect(view).toMatchObject({ connected: true, conflicts: [id] });
  expect(view.recent[0]).toMatchObject({ leadId: id, outcome: 'Conflict' });
  // Home's attention list says so, and links to the HubSpot view.
  const home = t.ok<{ items: Array<{ key: string; target: string; text: string }> }>('apiGetAttention');
  expect(home.items).toContainEqual(expect.objectContaining({ key: 'hubspot-conflicts', target: 'hubspot', text: expect.stringContaining("1 lead meets another partner's open HubSpot deal") }));
  // Rejected in the tracker, the lead is no longer in conflict with anything.
  t.ok('apiMoveLead', id, { to: 'Rejected', reason: 'The deal is Blue Resellers’' });
  hourlyStep();
  expect(t.ok<HubSpotView>('apiGetHubSpot').conflicts).toEqual([]);
});

test("HubSpot's 429: a short Retry-After is waited out within the run; a long one, or a 5xx, stops the sync, which resumes next run", async () => {
  const first = register('P-000001', 'Globex', 'globex.example');
  await hub.post('/__arm', { rateLimited: 2, retryAfter: 1 });
  const out = hourlyStep() as { pushed: number; waitedMs: number; stopped?: string };
  expect(out).toMatchObject({ pushed: 1, waitedMs: 2000 });
  expect(out.stopped).toBeUndefined();
  expect((await state()).deals).toHaveLength(1);

  const second = register('P-000002', 'Initech', 'initech.example');
  await hub.post('/__arm', { rateLimited: 1, retryAfter: 3600 });
  expect(hourlyStep()).toMatchObject({ pushed: 0, stopped: expect.stringContaining('wait 3600 s') });
  expect(syncRows().pop()).toMatchObject({ Direction: 'Sync', Outcome: 'Waiting', Note: expect.stringContaining('resumes next run') });
  expect((await state()).deals).toHaveLength(1);
  // The next run sends the lead the stopped one did not.
  expect(hourlyStep()).toMatchObject({ pushed: 1 });
  const deals = (await state()).deals.map((d) => d.properties.partner_tracker_lead_id);
  expect(deals.sort()).toEqual([first, second].sort());

  // HubSpot failing (502): stopped, said so, tried again next run.
  const third = register('P-000001', 'Hooli', 'hooli.example');
  await hub.post('/__arm', { failing: 1, status: 502 });
  expect(hourlyStep()).toMatchObject({ pushed: 0, stopped: expect.stringContaining('HubSpot answered 502') });
  expect(hourlyStep()).toMatchObject({ pushed: 1 });
  expect((await state()).deals.map((d) => d.properties.partner_tracker_lead_id)).toContain(third);
});

test('the pull pages through more changed deals than one search page holds', async () => {
  const id = register('P-000001', 'Globex', 'globex.example');
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  hourlyStep();
  // 120 deals of other leads changed after it (in a stage the mapping leaves alone), then ours won last.
  await hub.post('/__seed', {
    deals: Array.from({ length: 120 }, (_, i) => ({
      properties: { dealname: `Other ${i}`, pipeline: 'default', dealstage: 'appointmentscheduled', partner_tracker_lead_id: `L-9${String(i).padStart(5, '0')}` },
    })),
  });
  const ours = (await state()).deals.find((d) => d.properties.partner_tracker_lead_id === id)?.id as string;
  await hub.post(`/__deal/${ours}`, { properties: { dealstage: 'closedwon', amount: '800', closedate: '2026-03-02T12:00:00Z' } });
  await hub.post('/__reset-requests');
  expect(hourlyStep()).toMatchObject({ pulled: 1 });
  const searches = (await requests()).filter((r) => r.path === '/crm/v3/objects/deals/search' && r.body && 'sorts' in r.body);
  expect(searches.map((r) => r.body?.after ?? null).slice(-2)).toEqual([null, '100']);
  expect(t.rows('Leads').find((r) => r['Lead ID'] === id)?.Status).toBe('Closed Won');
});

test('a refused token pauses the sync with the reason, on the log and the automation; connecting again resumes it; the token is never in a cell', async () => {
  register('P-000001', 'Globex', 'globex.example');
  await hub.post('/__config', { token: 'pat-na1-rotated' });
  const failed = hourlyStep() as { failed: string };
  expect(failed.failed).toMatch(/HubSpot refused the token \(401 INVALID_AUTHENTICATION\)/);
  expect(syncRows().pop()).toMatchObject({ Outcome: 'Failed', Note: expect.stringContaining('Paused') });
  expect(t.ok<HubSpotView>('apiGetHubSpot').paused).toMatch(/401/);
  // Paused: the next run does not call HubSpot.
  const before = (await requests()).length;
  expect((hourlyStep() as { failed: string }).failed).toMatch(/paused/);
  expect((await requests()).length).toBe(before);
  // A teammate's sidebar sees whether it is connected, never the token, and cannot connect.
  t.addTeam('ana@example.com', 'Partner team');
  expect(t.okAs<HubSpotView>('ana@example.com', 'apiGetHubSpot')).toMatchObject({ connected: true, youAreOwner: false });
  expect(t.apiAs('ana@example.com', 'apiConnectHubSpot', 'pat-na1-rotated')).toMatchObject({ ok: false, error: { message: expect.stringContaining("Only the tracker's owner") } });
  // A wrong token is refused and not kept; the right one resumes the sync.
  expect(t.api('apiConnectHubSpot', 'pat-na1-wrong-token')).toMatchObject({ ok: false, error: { message: expect.stringContaining('Not connected: HubSpot refused the token') } });
  t.ok('apiConnectHubSpot', 'pat-na1-rotated');
  expect(hourlyStep()).toMatchObject({ pushed: 1 });
  for (const token of [TOKEN, 'pat-na1-rotated', 'pat-na1-wrong-token']) {
    for (const sheet of t.ss.getSheets()) {
      const text = JSON.stringify(sheet.getDataRange().getValues());
      expect(text).not.toContain(token);
    }
    expect(JSON.stringify(t.emu.services.log.list())).not.toContain(token);
  }
});

import { LocalServer, startLocalServer } from '../support/local-server';
import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Signed webhooks through the built add-on, received by a real local HTTP server that verifies
 * every delivery with the official `standardwebhooks` package (tests/support/servers/webhook-receiver.mjs).
 * The endpoint's URL is https://hooks.example.com, which the emulator routes to the receiver like a
 * hosts file. Changes are made as the owner (a teammate's audit rows wait for the owner's next run
 * with a document: partner-updates.test.ts); only the owner's hourly run sends.
 */
const BOSS = 'boss@example.com';
const HOOK = 'https://hooks.example.com/partner-events';

interface Received {
  id: string;
  timestamp: string;
  contentType: string;
  body: string;
  type: string;
  data: Record<string, unknown> | null;
  verified: boolean;
  error: string;
  status: number;
}
interface Shown {
  id: string;
  secret: string;
  message: string;
}

let receiver: LocalServer;
let t: Tracker;

const fresh = restoredFixture(() => {
  t = trackerOnBundle({ now: '2026-12-01T15:00:00Z' });
  t.addTeam(BOSS, 'Manager');
  t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
  return { t };
});

beforeAll(async () => {
  receiver = await startLocalServer('webhook-receiver.mjs');
});
afterAll(async () => {
  await receiver.stop();
});

beforeEach(async () => {
  ({ t } = fresh());
  t.emu.services.network.route('https://hooks.example.com', receiver.url);
  await receiver.post('/__reset');
});

/** A manager adds the endpoint; the receiver is given its secret. */
async function addEndpoint(events: string[] = ['*']): Promise<Shown> {
  const shown = t.okAs<Shown>(BOSS, 'apiAddWebhook', { url: HOOK, events, description: 'CRM' });
  await receiver.post('/__secret', { secret: shown.secret });
  return shown;
}

/** The owner's hourly run, with the receiver's clock at the emulator's (Webhook.verify checks the timestamp is within 5 minutes). */
async function hourly(): Promise<void> {
  await receiver.post('/__clock', { nowMs: t.emu.clock.nowMs() });
  t.hourly();
}

const received = async (since = 0) => (await receiver.get<Received[]>('/__requests')).slice(since);
const register = (company: string) =>
  t.ok<{ lead: { id: string } }>('apiRegisterLead', { partnerId: 'P-000001', company, website: `${company.toLowerCase()}.example`, contactEmail: `ceo@${company.toLowerCase()}.example` }).lead.id;
const deliveries = () => t.rows('Deliveries');
const webhooks = () => t.rows('Webhooks');

test('an endpoint added in the sidebar: its secret is shown once and kept out of the sheet; changes reach the receiver signed, within the hour, never from the person’s action', async () => {
  const shown = await addEndpoint();
  expect(shown.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(shown.message).toMatch(/shown only this once/);
  expect(webhooks()).toEqual([
    expect.objectContaining({ 'Endpoint ID': 'W-000001', URL: HOOK, Events: '*', Active: 'Yes', 'Created By': BOSS, 'Secret Ends With': `…${shown.secret.slice(-4)}`, Problems: '' }),
  ]);
  // Never again: the list has no secret, and no cell, note, property or metadata value holds it.
  const list = t.okAs<{ endpoints: Array<Record<string, unknown>> }>(BOSS, 'apiListWebhooks');
  expect(JSON.stringify(list)).not.toContain(shown.secret.slice(6));
  expect(list.endpoints[0]).toMatchObject({ id: 'W-000001', hasSecret: true, active: true, problems: [] });
  const everything = [
    ...t.ss.getSheets().flatMap((s) => s.getDataRange().getValues().flat().map(String)),
    ...t.ss.getDeveloperMetadata().map((m) => String(m.getValue())),
    JSON.stringify(t.emu.services.properties.save()),
  ].join('\n');
  expect(everything).not.toContain(shown.secret.slice(6));

  const before = t.emu.services.network.requests.length;
  const lead = register('Initech');
  t.ok('apiMoveLead', lead, { to: 'Accepted' });
  // The person's actions made no request: deliveries wait for the hourly run.
  expect(t.emu.services.network.requests.length).toBe(before);
  await hourly();
  const got = await received();
  expect(got.map((r) => [r.type, r.verified, r.error])).toEqual([
    ['lead.registered', true, ''],
    ['lead.status_changed', true, ''],
  ]);
  expect(got[0].id).toMatch(/^msg_[0-9a-f]{24}$/);
  expect(got[0].contentType).toMatch(/^application\/json/);
  expect(JSON.parse(got[1].body)).toMatchObject({
    type: 'lead.status_changed',
    timestamp: expect.stringMatching(/^2026-12-01T/),
    data: { id: lead, partnerId: 'P-000001', company: 'Initech', status: 'Accepted', previousStatus: 'New', currency: 'USD' },
  });
  expect(deliveries()).toEqual([
    expect.objectContaining({
      'Webhook ID': got[0].id,
      Endpoint: 'W-000001',
      Event: 'lead.registered',
      Record: lead,
      Attempts: '1',
      Status: 'Delivered',
      'Response Code': '200',
      'Body Sent': got[0].body,
    }),
    expect.objectContaining({ Event: 'lead.status_changed', Status: 'Delivered' }),
  ]);
  expect(webhooks()[0]['Last Delivery']).toMatch(/· lead\.status_changed · HTTP 200 · Delivered$/);
  // Nothing is sent twice: the next run finds nothing new.
  await hourly();
  expect(await received(2)).toEqual([]);
});

test('500 twice, then 200: the 5-second retry in the same run, the 5-minute one at the next run, each with the same webhook-id and body', async () => {
  await addEndpoint(['lead.registered']);
  await receiver.post('/__script', { answers: [500, 500] });
  const lead = register('Globex');
  t.ok('apiMoveLead', lead, { to: 'Accepted' });
  await hourly();
  const [first, second] = await received();
  expect([first.status, second.status, first.verified, second.verified]).toEqual([500, 500, true, true]);
  expect(second.id).toBe(first.id);
  expect(second.body).toBe(first.body);
  // A fresh timestamp (and signature) per attempt: 5 seconds apart.
  expect(Number(second.timestamp) - Number(first.timestamp)).toBe(5);
  const [row] = deliveries();
  expect(row).toMatchObject({ Event: 'lead.registered', Attempts: '2', Status: 'Failed – retrying', 'Response Code': '500', Note: 'HTTP 500: answered 500' });
  const next = new Date(`${row['Next Attempt (UTC)'].replace(' ', 'T')}Z`).getTime();
  expect(next - Number(second.timestamp) * 1000).toBe(5 * 60_000);
  t.emu.clock.advance(3600_000);
  await hourly();
  const third = (await received())[2];
  expect([third.id, third.body, third.status, third.verified]).toEqual([first.id, first.body, 200, true]);
  expect(deliveries()).toEqual([expect.objectContaining({ Attempts: '3', Status: 'Delivered', 'Response Code': '200', Note: '' })]);
});

test('a 410 disables the endpoint, with the reason, in the Audit Log and by email to the managers; nothing more is sent to it', async () => {
  await addEndpoint();
  await receiver.post('/__script', { answers: [410] });
  register('Hooli');
  register('Umbrella');
  await hourly();
  const got = await received();
  expect(got.map((r) => r.status)).toEqual([410]);
  expect(webhooks()[0]).toMatchObject({
    Active: 'No',
    'Disabled Reason': expect.stringMatching(/^The receiver answered 410 Gone on .* \(lead\.registered, msg_[0-9a-f]{24}\): it wants no more events\.$/),
  });
  expect(deliveries().map((d) => [d.Status, d.Note])).toEqual([
    ['Endpoint disabled', 'HTTP 410 Gone: the endpoint was disabled.'],
    ['Endpoint disabled', 'The endpoint was disabled (410 Gone); not sent.'],
  ]);
  const audit = t.rows('Audit Log').filter((r) => r.Tab === 'Webhooks');
  expect(audit.map((r) => r.Field)).toEqual(expect.arrayContaining(['active', '(endpoint disabled)']));
  const [mail] = t.emu.services.mail.sentTo(BOSS).filter((m) => m.subject.includes('webhook'));
  expect(mail.subject).toMatch(/webhook endpoint W-000001 was turned off/);
  expect(mail.body).not.toContain('whsec_');
  register('Vandelay');
  await hourly();
  expect(await received(1)).toEqual([]);
});

test('a row typed into the tab is checked: a bad URL or event is refused with the reason; a good one waits for its secret, made in the sidebar', async () => {
  const tab = t.sheet('Webhooks');
  tab.getRange(2, 2, 2, 3).setValues([
    ['http://hooks.example.com/x', 'lead.created', ''],
    [HOOK, 'lead.registered, payout.paid', ''],
  ]);
  await hourly();
  const [bad, good] = webhooks();
  expect(bad['Endpoint ID']).toBe('W-000001');
  expect(bad.Problems).toMatch(/must start with https:\/\//);
  expect(bad.Problems).toMatch(/Unknown event "lead\.created"/);
  expect(good).toMatchObject({ 'Endpoint ID': 'W-000002', Active: 'Yes', Problems: expect.stringMatching(/^No signing secret yet/) });
  const shown = t.okAs<Shown>(BOSS, 'apiRollWebhookSecret', { id: 'W-000002', row: 3 });
  expect(shown.message).toMatch(/shown only this once/);
  await receiver.post('/__secret', { secret: shown.secret });
  register('Soylent');
  await hourly();
  expect(webhooks()[1].Problems).toBe('');
  expect((await received()).map((r) => [r.type, r.verified])).toEqual([['lead.registered', true]]);
  // Rolled again: the old secret no longer verifies what is sent.
  t.okAs<Shown>(BOSS, 'apiRollWebhookSecret', { id: 'W-000002', row: 3 });
  const test = t.okAs<{ delivered: boolean; code: number; message: string }>(BOSS, 'apiSendWebhookTest', { id: 'W-000002', row: 3 });
  expect(test).toMatchObject({ delivered: false, code: 401 });
  const [, sent] = await received();
  expect(sent).toMatchObject({ type: '', verified: false, error: 'No matching signature found' });
});

test('only managers manage endpoints, and every refusal says why', () => {
  expect(t.apiAs('fin@example.com', 'apiAddWebhook', { url: HOOK, events: ['*'] })).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/^Managing webhooks .* needs the Manager role/) },
  });
  expect(t.apiAs(BOSS, 'apiAddWebhook', { url: 'http://example.com', events: ['nope'] })).toMatchObject({
    ok: false,
    error: { fieldErrors: { url: expect.stringMatching(/https/), events: expect.stringMatching(/Unknown event "nope"/) } },
  });
  t.okAs(BOSS, 'apiAddWebhook', { url: HOOK, events: ['*'] });
  expect(t.apiAs(BOSS, 'apiAddWebhook', { url: HOOK, events: ['*'] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^W-000001 already sends to this URL/) } });
  expect(t.okAs(BOSS, 'apiSetWebhookActive', { id: 'W-000001', row: 2 }, false)).toMatchObject({ message: expect.stringMatching(/is off/) });
  expect(t.ok<{ endpoints: Array<{ active: boolean }> }>('apiListWebhooks').endpoints[0].active).toBe(false);
  void OWNER;
});

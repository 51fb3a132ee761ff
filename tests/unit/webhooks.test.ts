import { Webhook } from 'standardwebhooks';
import { checkEndpointUrl, parseEvents } from '../../src/domain/webhooks/endpoint-rules';
import { AuditRowLike, webhookBody, webhookChangesIn } from '../../src/domain/webhooks/events';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, afterFailure, answerKind, isDue, retryAfterMs, waitsInRun } from '../../src/domain/webhooks/schedule';
import { openSecret, sealSecret } from '../../src/domain/webhooks/secret-box';
import { base64Decode, base64Encode, messageId, newWebhookSecret, secretKey, signature, webhookHeaders } from '../../src/domain/webhooks/signing';

/** Standard Webhooks, pure (domain/webhooks): signing checked against the official `standardwebhooks` library, the retry schedule, events from audit rows. */
const UUIDS = ['3f2b8c1e-7a4d-4e4b-9c1a-2b6f0e5d7a11', '9d0c6a52-1e3f-4b7a-8d2c-5e6f7a8b9c0d', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'];
const SECRET = newWebhookSecret(UUIDS);

describe('signing', () => {
  test('base64 matches Node for every length mod 3, and back', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 33]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64Decode(base64Encode(bytes)))).toEqual(Buffer.from(bytes));
    }
    expect(() => base64Decode('no spaces!')).toThrow();
  });

  test('a secret is whsec_ and 32 random bytes (the spec: 24 to 64), different for different entropy', () => {
    expect(SECRET).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(SECRET)).toHaveLength(32);
    expect(newWebhookSecret([UUIDS[1], UUIDS[0]])).not.toBe(SECRET);
    expect(() => newWebhookSecret(['short'])).toThrow();
  });

  test('the signature is the one the official library makes, and its verify accepts the headers', () => {
    const body = webhookBody('lead.registered', '2026-12-06T09:00:00.000Z', { id: 'L-000001', company: 'Zoë & Co — ünïcode' });
    const at = new Date();
    const id = messageId('hash-1', 'lead.registered', 'W-000001');
    const wh = new Webhook(SECRET);
    const ts = Math.floor(at.getTime() / 1000);
    expect(signature(SECRET, id, ts, body)).toBe(wh.sign(id, new Date(ts * 1000), body));
    const headers = webhookHeaders(SECRET, id, at, body);
    expect(headers['webhook-timestamp']).toBe(String(ts));
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body));
    // Another secret, or another body, does not verify.
    expect(() => new Webhook(newWebhookSecret([UUIDS[2], UUIDS[1]])).verify(body, headers)).toThrow();
    expect(() => wh.verify(body.replace('L-000001', 'L-000002'), headers)).toThrow();
  });

  test('the message ID is msg_ and stable per audit row, event and endpoint', () => {
    const id = messageId('h', 'lead.registered', 'W-000001');
    expect(id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(messageId('h', 'lead.registered', 'W-000001')).toBe(id);
    expect(messageId('h', 'lead.registered', 'W-000002')).not.toBe(id);
    expect(messageId('h2', 'lead.registered', 'W-000001')).not.toBe(id);
  });
});

describe('sealed secrets', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i);
  test('open with the same key and endpoint; not with another endpoint, key, or a changed byte', () => {
    const sealed = sealSecret(key, 'W-000001', SECRET, 'nonce-1');
    expect(sealed).not.toContain(SECRET.slice(6, 20));
    expect(sealSecret(key, 'W-000001', SECRET, 'nonce-2')).not.toBe(sealed);
    expect(openSecret(key, 'W-000001', sealed)).toBe(SECRET);
    expect(openSecret(key, 'W-000002', sealed)).toBeNull();
    expect(
      openSecret(
        Uint8Array.from({ length: 32 }, () => 7),
        'W-000001',
        sealed,
      ),
    ).toBeNull();
    const bytes = base64Decode(sealed);
    bytes[20] ^= 1;
    expect(openSecret(key, 'W-000001', base64Encode(bytes))).toBeNull();
    expect(openSecret(key, 'W-000001', 'not base64!')).toBeNull();
  });
});

describe('retry schedule', () => {
  test("the specification's example schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    expect(MAX_ATTEMPTS).toBe(10);
    // Time since start of the last attempt: 75 h 35 min 5 s.
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe((75 * 3600 + 35 * 60 + 5) * 1000);
  });

  test('each failure schedules the next from its own time; the tenth gives up', () => {
    const t = Date.UTC(2026, 11, 6, 9);
    expect(afterFailure(1, t)).toEqual({ status: 'Failed – retrying', nextAtMs: t + 5000 });
    expect(afterFailure(2, t)).toEqual({ status: 'Failed – retrying', nextAtMs: t + 300_000 });
    expect(afterFailure(9, t).nextAtMs).toBe(t + 24 * 3600_000);
    expect(afterFailure(10, t)).toEqual({ status: 'Gave up', nextAtMs: null });
    // A Retry-After longer than the schedule's wait is honoured; a shorter one is not.
    expect(afterFailure(1, t, 120_000).nextAtMs).toBe(t + 120_000);
    expect(afterFailure(3, t, 120_000).nextAtMs).toBe(t + 1800_000);
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT')).toBe(0);
  });

  test('mapped onto the hourly run: the 5-second retry in the same run, the rest at the first run at or after their time', () => {
    const now = 1_000_000;
    expect(waitsInRun(now + 5000, now)).toBe(true);
    expect(waitsInRun(now + 300_000, now)).toBe(false);
    expect(isDue('Pending', null, now)).toBe(true);
    expect(isDue('Failed – retrying', now + 1, now)).toBe(false);
    expect(isDue('Failed – retrying', now, now)).toBe(true);
    expect(isDue('Delivered', null, now)).toBe(false);
  });

  test('2xx delivers, 410 disables, anything else (3xx, 4xx, 5xx, no answer) retries', () => {
    expect([200, 204, 299].map(answerKind)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(answerKind(410)).toBe('gone');
    expect([0, 301, 400, 404, 429, 500, 502].map(answerKind).every((k) => k === 'retry')).toBe(true);
  });
});

describe('events from the Audit Log', () => {
  const tabs = { partners: 'Partners', leads: 'Leads', commissions: 'Commissions', payouts: 'Payouts' };
  let n = 0;
  const row = (tab: string, recordId: string, field: string, oldValue: string, newValue: string, source = 'sidebar'): AuditRowLike => ({
    hash: `h${++n}`,
    at: `2026-12-06T09:0${n % 10}:00.000Z`,
    source,
    tab,
    recordId,
    field,
    oldValue,
    newValue,
  });

  test('each event, in log order, with its audit row as source', () => {
    const rows = [
      row('Partners', 'P-000001', '(new partner)', '', 'Acme (ACME), Active'),
      row('Partners', 'P-000001', 'region', 'EMEA', 'APAC'),
      row('Partners', 'P-000001', 'type', 'Reseller', 'Referral'),
      row('Partners', 'P-000001', 'tier', 'Silver', 'Gold'),
      row('Leads', 'L-000001', '(new lead)', '', 'Globex'),
      row('Leads', 'L-000001', 'status', 'New', 'Accepted'),
      row('Leads', 'L-000001', 'status', 'Accepted', 'Closed Won'),
      row('Commissions', 'C-000001', '(new commission)', '', 'standard …'),
      row('Commissions', 'C-000002', '(new commission)', '', 'clawback …'),
      row('Commissions', 'C-000001', 'status', 'Payable', 'Approved'),
      row('Payouts', 'PO-000001', '(new payout)', '', '…'),
      row('Payouts', 'PO-000001', 'status', 'Draft', 'Approved'),
      row('Payouts', 'PO-000001', 'status', 'Approved', 'Paid on 2026-12-06'),
      row('Audit Log', '', '(setup)', '', 'x'),
    ];
    const changes = webhookChangesIn(rows, tabs);
    expect(changes.map((c) => `${c.event} ${c.recordId}`)).toEqual([
      'partner.created P-000001',
      'partner.updated P-000001',
      'tier.changed P-000001',
      'lead.registered L-000001',
      'lead.status_changed L-000001',
      'lead.status_changed L-000001',
      'commission.created C-000001',
      'commission.created C-000002',
      'commission.approved C-000001',
      'payout.created PO-000001',
      'payout.approved PO-000001',
      'payout.paid PO-000001',
    ]);
    expect(changes[1].fields).toEqual(['region', 'type']);
    expect(changes[1].source).toBe(rows[1].hash);
    expect(changes[2]).toMatchObject({ from: 'Silver', to: 'Gold' });
    expect(changes[5]).toMatchObject({ from: 'Accepted', to: 'Closed Won' });
  });

  test("an import's updates: the partner's fields, a lead's status", () => {
    const rows = [
      row('Partners', 'P-000003', '(imported changes)', 'region: EMEA; type: Reseller', 'region: APAC; type: Referral'),
      row('Leads', 'L-000004', '(imported changes)', 'status: New; company: A', 'status: Accepted; company: B'),
      row('Leads', 'L-000005', '(imported changes)', 'company: A', 'company: B'),
    ];
    const changes = webhookChangesIn(rows, tabs);
    expect(changes.map((c) => [c.event, c.recordId, c.fields ?? [], c.from ?? '', c.to ?? ''])).toEqual([
      ['partner.updated', 'P-000003', ['region', 'type'], '', ''],
      ['lead.status_changed', 'L-000004', [], 'New', 'Accepted'],
    ]);
  });

  test('a typed change the tracker put back is no event; a tier typed the same is none either', () => {
    const rows = [row('Leads', 'L-000009', 'Status', 'New', 'Closed Won', 'edit'), row('Leads', 'L-000009', '(put back)', '', 'Status'), row('Partners', 'P-000002', 'Tier', 'Gold', 'gold', 'edit')];
    expect(webhookChangesIn(rows, tabs)).toEqual([]);
  });

  test('the body is {type, timestamp, data}, minified, a clawback amount negative as given', () => {
    const body = webhookBody('commission.created', '2026-12-06T09:00:00.000Z', { id: 'C-000002', kind: 'clawback', amountCents: -12345 });
    expect(body).toBe('{"type":"commission.created","timestamp":"2026-12-06T09:00:00.000Z","data":{"id":"C-000002","kind":"clawback","amountCents":-12345}}');
  });
});

describe('endpoint rows', () => {
  test('https only; http for loopback; no credentials; a host', () => {
    expect(checkEndpointUrl(' https://hooks.example.com/in?x=1 ')).toEqual({ url: 'https://hooks.example.com/in?x=1' });
    expect(checkEndpointUrl('http://127.0.0.1:8080/hook')).toEqual({ url: 'http://127.0.0.1:8080/hook' });
    expect(checkEndpointUrl('http://localhost/hook')).toEqual({ url: 'http://localhost/hook' });
    for (const [bad, why] of [
      ['', /missing/],
      ['http://example.com/x', /https/],
      ['https://user:pw@example.com/', /password/],
      ['ftp://example.com', /not a web address/],
      ['https://exa mple.com', /not a web address/],
      ['https://ex_ample!.com/', /not a host name/],
    ] as const)
      expect((checkEndpointUrl(bad) as { problem: string }).problem).toMatch(why);
  });

  test('events: a list or *, unknown names refused with the catalogue', () => {
    expect(parseEvents('lead.registered, payout.paid\nlead.registered')).toEqual({ events: ['lead.registered', 'payout.paid'] });
    expect(parseEvents('*')).toEqual({ events: ['*'] });
    expect((parseEvents('lead.created') as { problem: string }).problem).toMatch(/Unknown event "lead\.created".*partner\.created/);
    expect((parseEvents(' ') as { problem: string }).problem).toMatch(/empty/);
  });
});

/**
 * The webhook events and how each is found in the Audit Log (pure). Every change to a partner, a
 * lead, a commission line or a payout is in the log whoever made it and wherever (the sidebar, a
 * typed cell, the form, the hourly run), so the webhooks step reads the log's tail and needs no
 * code in the places that change things. Each event carries the audit row it came from (its hash),
 * which makes its message ID stable (signing.ts messageId).
 */
export const WEBHOOK_EVENTS = [
  'partner.created',
  'partner.updated',
  'lead.registered',
  'lead.status_changed',
  'commission.created',
  'commission.approved',
  'payout.created',
  'payout.approved',
  'payout.paid',
  'tier.changed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by "Send a test event" in the sidebar, to the one endpoint, whatever its Events say. */
export const TEST_EVENT = 'webhook.test';

export type RecordKind = 'partner' | 'lead' | 'commission' | 'payout';
export const kindOf = (event: string): RecordKind => (event.split('.')[0] === 'tier' ? 'partner' : (event.split('.')[0] as RecordKind));

/** The audit row's fields an event is read from (audit/audit-tail.ts AuditTailRow). */
export interface AuditRowLike {
  hash: string;
  at: string;
  source: string;
  tab: string;
  recordId: string;
  field: string;
  oldValue: string;
  newValue: string;
}

export interface WebhookChange {
  event: WebhookEvent;
  recordId: string;
  /** ISO instant of the audit row: the payload's timestamp. */
  at: string;
  /** The audit row's hash: what the message ID is made from. */
  source: string;
  /** lead.status_changed, tier.changed: the value before and after. */
  from?: string;
  to?: string;
  /** partner.updated: the fields changed (as the log names them). */
  fields?: string[];
}

/** The tabs' names as this tracker has them (a tab can be renamed; its audit rows carry the name it had). */
export interface WebhookTabNames {
  partners: string;
  leads: string;
  commissions: string;
  payouts: string;
}

const CREATED = ['(row adopted)', '(ID assigned)'];
const isStatus = (field: string) => field === 'status' || field === 'Status';
const isTier = (field: string) => field === 'tier' || field === 'Tier';
/** An import's update of a row (import/run-import.ts): its fields as "field: value; field: value". */
const IMPORTED = '(imported changes)';
const importedPairs = (text: string) =>
  text
    .split('; ')
    .map((part) => /^([^:]+): (.*)$/.exec(part))
    .filter((m): m is RegExpExecArray => !!m);
const importedFields = (text: string) => importedPairs(text).map((m) => m[1]);
const importedValue = (text: string, which: (field: string) => boolean) => {
  const value = importedPairs(text).find((m) => which(m[1]))?.[2] ?? '';
  return value === '(blank)' ? '' : value.trim();
};
/** Columns that are the tracker's bookkeeping, not the partner's data. */
const NOT_DATA = new Set(['check', 'Tracker Check', 'problems', 'Problems', 'partnerSheet', 'Partner Sheet']);

/**
 * The events in these audit rows, in log order. A typed change the tracker put back (a
 * "(put back)" row for the same record after it) did not count and is left out. partner.updated
 * is one event per partner per stretch of the log (listing the fields); the others, one per row
 * (a lead moved twice is two status changes), and an (event, record) created once.
 */
export function webhookChangesIn(rows: readonly AuditRowLike[], tabs: WebhookTabNames): WebhookChange[] {
  const putBackAfter = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.field === '(put back)' || r.field === '(status put back)') putBackAfter.set(`${r.tab}|${r.recordId}`, i);
  });
  const out: WebhookChange[] = [];
  const updated = new Map<string, WebhookChange>();
  const created = new Set<string>();
  const add = (change: WebhookChange) => {
    const key = `${change.event}|${change.recordId}`;
    if (change.event.endsWith('.created') || change.event === 'lead.registered') {
      if (created.has(key)) return;
      created.add(key);
    }
    out.push(change);
  };
  rows.forEach((r, i) => {
    if (!r.recordId) return;
    const undone = putBackAfter.get(`${r.tab}|${r.recordId}`);
    if (r.source === 'edit' && undone !== undefined && undone > i) return;
    const base = { recordId: r.recordId, at: r.at, source: r.hash };
    const from = r.oldValue.trim();
    const to = r.newValue.trim();
    if (r.tab === tabs.partners) {
      if (r.field === '(new partner)' || CREATED.includes(r.field)) return add({ ...base, event: 'partner.created' });
      if (isTier(r.field)) {
        if (to && to.toLowerCase() !== from.toLowerCase()) add({ ...base, event: 'tier.changed', from, to });
        return;
      }
      // An import's update is one row listing its fields ("region: EMEA; type: Referral").
      const fields = r.field === IMPORTED ? importedFields(r.newValue) : [r.field];
      if ((r.field !== IMPORTED && r.field.startsWith('(')) || NOT_DATA.has(r.field) || from === to || fields.length === 0) return;
      const known = updated.get(r.recordId);
      if (known) {
        for (const f of fields) if (!known.fields?.includes(f)) known.fields?.push(f);
        known.at = r.at;
        return;
      }
      const change: WebhookChange = { ...base, event: 'partner.updated', fields };
      updated.set(r.recordId, change);
      out.push(change);
      return;
    }
    if (r.tab === tabs.leads) {
      if (r.field === '(new lead)' || CREATED.includes(r.field)) return add({ ...base, event: 'lead.registered' });
      if (r.field === IMPORTED) {
        const [was, now] = [importedValue(r.oldValue, isStatus), importedValue(r.newValue, isStatus)];
        if (now && now !== was) add({ ...base, event: 'lead.status_changed', from: was, to: now });
        return;
      }
      if (isStatus(r.field) && to && to !== from) add({ ...base, event: 'lead.status_changed', from, to });
      return;
    }
    if (r.tab === tabs.commissions) {
      if (r.field === '(new commission)') return add({ ...base, event: 'commission.created' });
      if (isStatus(r.field) && to === 'Approved' && from !== 'Approved') add({ ...base, event: 'commission.approved' });
      return;
    }
    if (r.tab === tabs.payouts) {
      if (r.field === '(new payout)') return add({ ...base, event: 'payout.created' });
      if (!isStatus(r.field) || to === from) return;
      if (to === 'Approved') add({ ...base, event: 'payout.approved' });
      else if (to === 'Paid' || to.startsWith('Paid on ')) add({ ...base, event: 'payout.paid' });
    }
  });
  return out;
}

/** Whether an endpoint's Events (a list, or `*` for all) takes this event. */
export const takesEvent = (events: readonly string[], event: string) => events.includes('*') || events.includes(event);

/**
 * The body of a message: `{type, timestamp, data}` as the specification's "Payload structure"
 * recommends, minified (what is signed is exactly what is sent, and kept on the Deliveries tab so
 * every retry sends the same bytes).
 */
export function webhookBody(type: string, timestamp: string, data: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ type, timestamp, data });
}

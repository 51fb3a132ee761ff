import { readAuditTailForRun } from '../audit/audit-tail';
import { RecordKind, WebhookChange, kindOf, takesEvent, webhookBody, webhookChangesIn } from '../domain/webhooks/events';
import { messageId } from '../domain/webhooks/signing';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { tab } from '../tracker/schema';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { Endpoint } from './endpoints';
import { recordData } from './record-data';

/**
 * The webhooks step's first half: the Audit Log's rows since the step's cursor become Deliveries
 * rows, Pending, one per event and endpoint that takes it, each with its message ID and the body
 * that every attempt will send.
 *
 * The cursor lives in the tracker's record (the hourly run has no document properties) and moves
 * in the same critical section as the rows it led to. An append is bracketed by a marker (the rows
 * after row N, up to cursor C): a run that died between the rows and the cursor is followed by one
 * that reads those rows' Webhook IDs back and does not queue them again (the IDs are stable:
 * signing.ts messageId).
 *
 * Cost: the tail is found by one search of the log's hash column and read in one call per batch;
 * each tab the events name is read once (a few columns); one append. With no live endpoint the
 * feed is stopped (no read at all).
 */
import { QUEUE_KEY } from './feed-state';

type Section = <T>(task: () => T) => T;

interface QueueFeed {
  cursor: string;
  appending?: { to: string; after: number; count: number };
}

function parseQueueFeed(text: string | null): QueueFeed {
  try {
    const raw = text ? (JSON.parse(text) as Partial<QueueFeed>) : {};
    const a = raw.appending;
    return { cursor: typeof raw.cursor === 'string' ? raw.cursor : '', ...(a && typeof a.to === 'string' && typeof a.after === 'number' && typeof a.count === 'number' ? { appending: a } : {}) };
  } catch {
    return { cursor: '' };
  }
}

export interface QueueOutcome {
  read: number;
  queued: number;
  more: boolean;
  note?: string;
}

export function queueDeliveries(ctx: TrackerContext, critical: Section, live: readonly Endpoint[], currency: string): QueueOutcome {
  const store = new KeyStore(ctx.ss);
  const raw = store.read(QUEUE_KEY);
  const feed = parseQueueFeed(raw);
  if (live.length === 0) {
    // Nothing to send to: the feed stops (blank), and adding or turning on an endpoint starts it at the log's end (feed-state.ts).
    if (raw) critical(() => store.write(QUEUE_KEY, ''));
    return { read: 0, queued: 0, more: false, note: 'no live endpoint' };
  }
  const deliveries = TrackerTable.open(ctx.ss, 'deliveries');
  const landed = feed.appending ? landedIds(deliveries, feed.appending) : new Set<string>();
  const { rows, cursor, more } = readAuditTailForRun(ctx.ss, feed.cursor, ctx.timeZone);
  const changes = webhookChangesIn(rows, { partners: tab('partners').name, leads: tab('leads').name, commissions: tab('commissions').name, payouts: tab('payouts').name });
  const wanted = changes.filter((c) => live.some((e) => takesEvent(e.events, c.event)));
  const records = wanted.length ? recordsFor(ctx, wanted, currency) : new Map<string, Record<string, unknown>>();
  const now = utcDateTimeCell(ctx.now);
  const out: Array<Partial<Record<string, CellValue>>> = [];
  for (const change of wanted) {
    const data = records.get(`${kindOf(change.event)}|${change.recordId}`);
    if (!data) continue; // Gone since (a row deleted by hand): nothing true to say about it.
    const body = webhookBody(change.event, change.at, { ...data, ...extra(change) });
    for (const endpoint of live) {
      if (!takesEvent(endpoint.events, change.event)) continue;
      const id = messageId(change.source, change.event, endpoint.id);
      if (landed.has(id)) continue;
      out.push({
        webhookId: id,
        endpointId: endpoint.id,
        event: change.event,
        recordId: textCell(change.recordId),
        createdAt: now,
        attempts: 0,
        status: 'Pending',
        lastAttempt: '',
        nextAttempt: '',
        responseCode: '',
        note: '',
        body: textCell(body),
      });
    }
  }
  const outcome = critical(() => {
    if (store.read(QUEUE_KEY) !== raw) return { queued: 0, note: 'another run was reading the log' };
    if (out.length === 0) {
      if (cursor !== feed.cursor || feed.appending) store.write(QUEUE_KEY, JSON.stringify({ cursor }));
      return { queued: 0 };
    }
    const after = deliveries.lastRow();
    store.write(QUEUE_KEY, JSON.stringify({ cursor: feed.cursor, appending: { to: cursor, after, count: out.length } }));
    deliveries.append(out as never, after + 1);
    store.write(QUEUE_KEY, JSON.stringify({ cursor }));
    return { queued: out.length };
  });
  return { read: rows.length, more, ...outcome };
}

/** What the event adds to the record: the status or tier moved from and to, the fields a partner.updated changed. */
function extra(change: WebhookChange): Record<string, unknown> {
  if (change.event === 'lead.status_changed') return { previousStatus: change.from ?? '' };
  if (change.event === 'tier.changed') return { previousTier: change.from ?? '', tier: change.to ?? '' };
  if (change.event === 'partner.updated') return { changedFields: change.fields ?? [] };
  return {};
}

function recordsFor(ctx: TrackerContext, changes: readonly WebhookChange[], currency: string) {
  const wanted = new Map<RecordKind, Set<string>>();
  for (const c of changes) {
    const kind = kindOf(c.event);
    wanted.set(kind, (wanted.get(kind) ?? new Set<string>()).add(c.recordId));
  }
  return recordData(ctx, wanted, currency);
}

/** The Webhook IDs a run that died mid-append left after row `after` (one read of one column, as many rows as it appended). */
function landedIds(table: TrackerTable<'deliveries'>, appending: { after: number; count: number }): Set<string> {
  const last = Math.min(table.lastRow(), appending.after + appending.count);
  if (last <= appending.after) return new Set();
  const cells = table.sheet.getRange(appending.after + 1, table.column('webhookId'), last - appending.after, 1).getValues() as CellValue[][];
  return new Set(cells.map((r) => readText(r[0])));
}

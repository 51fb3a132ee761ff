import { InputError } from '../domain/input-error';
import { MAX_ENDPOINTS, checkEndpointUrl, eventsText, parseEvents } from '../domain/webhooks/endpoint-rules';
import { TEST_EVENT, WEBHOOK_EVENTS, webhookBody } from '../domain/webhooks/events';
import { OPEN_STATUSES, answerKind } from '../domain/webhooks/schedule';
import { secretHint } from '../domain/webhooks/signing';
import type { WebhookEndpointInput, WebhookList, WebhookRef, WebhookSecretShown, WebhookTestResult } from '../sidebar-api/contract';
import { requireRole, whyNot } from '../team/access';
import { readText, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import { fetchAnswers, lastDeliveryText, requestFor } from './deliver';
import { EndpointRow, checkEndpoint, nextEndpointId, readEndpointRows } from './endpoints';
import { endpointAudit, writeEndpointRows } from './endpoint-writes';
import { endpointsWithSecrets, makeSecret, openSecrets } from './secrets';
import { startWebhookFeed } from './feed-state';

/**
 * The sidebar's Webhooks view (managers): the endpoints and how their deliveries stand; adding one
 * (its secret is returned once, to be copied, and kept only sealed in the tracker's record);
 * rolling a secret (the same); turning an endpoint on or off; and sending it a test event now.
 *
 * Only the test event calls out from a person's action, because that is what the person asked
 * for; every other event goes out from the owner's hourly run (step.ts). These calls are not
 * answered from the request cache on a retry (it would keep the secret for hours): adding the
 * same URL twice is refused instead, and a lost secret is replaced by rolling it.
 */
const NO_TAB = 'This tracker has no Webhooks tab yet: its owner runs "Set up tracker" from the add-on menu to add it.';

function openTab(ctx: TrackerContext): TrackerTable<'webhooks'> {
  const table = TrackerTable.tryOpen(ctx.ss, 'webhooks');
  if (!table) throw new InputError(NO_TAB);
  return table;
}

export function listWebhooks(ctx: TrackerContext): WebhookList {
  const events = [...WEBHOOK_EVENTS];
  const why = whyNot(ctx, 'manageWebhooks');
  if (why) return { endpoints: [], events, canManage: false, whyNot: why };
  const table = TrackerTable.tryOpen(ctx.ss, 'webhooks');
  if (!table) return { endpoints: [], events, canManage: false, whyNot: NO_TAB };
  const withSecret = endpointsWithSecrets(ctx.ss);
  const waiting = waitingByEndpoint(ctx);
  const endpoints = readEndpointRows(table, ctx.timeZone).flatMap((row) => {
    const e = checkEndpoint(row, !!row.id && withSecret.has(row.id));
    if (!e) return [];
    return [
      {
        id: e.id,
        row: e.row,
        url: row.url,
        events: row.eventsText,
        active: e.active !== 'No',
        description: e.description,
        secretHint: withSecret.has(e.id) ? e.secretHint : '',
        hasSecret: withSecret.has(e.id),
        disabledReason: e.disabledReason,
        lastDelivery: e.lastDelivery,
        waiting: waiting.get(e.id) ?? 0,
        problems: e.problems,
      },
    ];
  });
  return { endpoints, events, canManage: true, whyNot: null };
}

/** Open deliveries per endpoint: two searches of the Deliveries tab's Status column, whatever its length. */
function waitingByEndpoint(ctx: TrackerContext): Map<string, number> {
  const out = new Map<string, number>();
  const table = TrackerTable.tryOpen(ctx.ss, 'deliveries');
  if (!table || table.rowCount() === 0) return out;
  for (const status of OPEN_STATUSES) for (const f of findRows(table, 'status', status)) out.set(readText(f.record.endpointId), (out.get(readText(f.record.endpointId)) ?? 0) + 1);
  return out;
}

function checkInput(input: WebhookEndpointInput): { url: string; events: string[] } {
  const url = checkEndpointUrl(input.url);
  const events = parseEvents(input.events.join(', '));
  const fieldErrors: Record<string, string> = {};
  if ('problem' in url) fieldErrors.url = url.problem;
  if ('problem' in events) fieldErrors.events = events.problem;
  if (Object.keys(fieldErrors).length) throw new InputError('Some fields need attention.', fieldErrors);
  return { url: (url as { url: string }).url, events: (events as { events: string[] }).events };
}

export function addWebhook(ctx: TrackerContext, input: WebhookEndpointInput): WebhookSecretShown {
  requireRole(ctx, 'manageWebhooks');
  const table = openTab(ctx);
  const { url, events } = checkInput(input);
  const description = (input.description ?? '').trim().slice(0, 200);
  return withDocumentLock(ctx.ss, () => {
    const rows = readEndpointRows(table, ctx.timeZone);
    const same = rows.find((r) => r.url === url);
    if (same)
      throw new InputError(`${same.id || `Row ${same.row}`} already sends to this URL. To get a new secret for it, use "Roll secret"; to send other events, change its Events.`, {
        url: 'Already an endpoint',
      });
    if (rows.filter((r) => r.id || r.url).length >= MAX_ENDPOINTS)
      throw new InputError(`A tracker keeps at most ${MAX_ENDPOINTS} endpoints. Remove one you no longer use from the Webhooks tab first.`);
    const id = nextEndpointId(rows, endpointsWithSecrets(ctx.ss));
    const secret = makeSecret(ctx.ss, id);
    startWebhookFeed(ctx.ss, ctx.timeZone);
    const row = Math.max(table.lastRow(), 1) + 1;
    const change = {
      id,
      url,
      events: eventsText(events),
      active: 'Yes' as const,
      description,
      createdBy: ctx.actor,
      createdAt: utcDateTimeCell(ctx.now),
      secretHint: secretHint(secret),
      disabledReason: '',
      lastDelivery: '',
      problems: '',
    };
    writeEndpointRows(ctx, table, [{ row, expectId: '', change }], [endpointAudit(ctx, row, id, '(new endpoint)', '', `${url}: ${eventsText(events)} (secret ${secretHint(secret)})`)]);
    return { id, secret, message: `Endpoint ${id} added. Copy its signing secret now: it is shown only this once. Events go out with the tracker's hourly run.` };
  });
}

/** A new secret for an endpoint (or the first, for a row typed into the tab): the old one stops working at once. */
export function rollWebhookSecret(ctx: TrackerContext, ref: WebhookRef): WebhookSecretShown {
  requireRole(ctx, 'manageWebhooks');
  const table = openTab(ctx);
  return withDocumentLock(ctx.ss, () => {
    const rows = readEndpointRows(table, ctx.timeZone);
    const row = findEndpoint(rows, ref);
    const withSecrets = endpointsWithSecrets(ctx.ss);
    const id = row.id || nextEndpointId(rows, withSecrets);
    const had = withSecrets.has(id);
    const secret = makeSecret(ctx.ss, id);
    startWebhookFeed(ctx.ss, ctx.timeZone);
    const change = { id, secretHint: secretHint(secret), ...(row.createdBy ? {} : { createdBy: ctx.actor, createdAt: utcDateTimeCell(ctx.now) }) };
    writeEndpointRows(ctx, table, [{ row: row.row, expectId: row.id, change }], [endpointAudit(ctx, row.row, id, had ? '(secret rolled)' : '(secret created)', row.secretHint, secretHint(secret))]);
    const message = had
      ? `A new signing secret for ${id}. Copy it now: it is shown only this once. The old secret no longer signs anything: give the receiver the new one.`
      : `The signing secret for ${id}. Copy it now: it is shown only this once.`;
    return { id, secret, message };
  });
}

export function setWebhookActive(ctx: TrackerContext, ref: WebhookRef, active: boolean): { message: string } {
  requireRole(ctx, 'manageWebhooks');
  const table = openTab(ctx);
  return withDocumentLock(ctx.ss, () => {
    const row = findEndpoint(readEndpointRows(table, ctx.timeZone), ref);
    if (!row.id) throw new InputError('This row has no Endpoint ID yet: create its secret first.');
    const value = active ? 'Yes' : 'No';
    if (active) startWebhookFeed(ctx.ss, ctx.timeZone);
    if ((row.active || 'Yes') === value) return { message: `${row.id} is already ${active ? 'active' : 'inactive'}.` };
    writeEndpointRows(
      ctx,
      table,
      [{ row: row.row, expectId: row.id, change: { active: value, disabledReason: active ? '' : `Turned off by ${ctx.actor || 'a manager'} on ${ctx.now.toISOString().slice(0, 10)}.` } }],
      [endpointAudit(ctx, row.row, row.id, 'active', row.active || 'Yes', value)],
    );
    return {
      message: active ? `${row.id} is active: the next hourly run sends it the events it takes.` : `${row.id} is off: nothing more is sent to it; messages waiting for it are closed by the next run.`,
    };
  });
}

/** A `webhook.test` message to one endpoint, now (signed like any other; recorded in Last Delivery, not on the Deliveries tab, which is the hourly run's). */
export function sendWebhookTest(ctx: TrackerContext, ref: WebhookRef): WebhookTestResult {
  requireRole(ctx, 'manageWebhooks');
  const table = openTab(ctx);
  const rows = readEndpointRows(table, ctx.timeZone);
  const row = findEndpoint(rows, ref);
  const secret = row.id ? openSecrets(ctx.ss).get(row.id) : undefined;
  if (!secret) throw new InputError(`${row.id || `Row ${row.row}`} has no signing secret yet: create it first ("Create secret").`);
  const url = checkEndpointUrl(row.url);
  if ('problem' in url) throw new InputError(url.problem);
  const at = new Date();
  const id = `msg_test${Utilities.getUuid().replace(/-/g, '').slice(0, 20)}`;
  const body = webhookBody(TEST_EVENT, at.toISOString(), { endpointId: row.id, message: 'A test event from the Partnership Tracker.', sentBy: ctx.actor });
  // Sent outside any lock: the network may take seconds.
  const [answer] = fetchAnswers([requestFor(url.url, secret, id, body, at)]);
  const delivered = answerKind(answer.code) === 'delivered';
  const text = lastDeliveryText(at, TEST_EVENT, answer.code, delivered ? 'Delivered' : 'Failed');
  withDocumentLock(ctx.ss, () =>
    writeEndpointRows(
      ctx,
      table,
      [{ row: row.row, expectId: row.id, change: { lastDelivery: text } }],
      [endpointAudit(ctx, row.row, row.id, '(test event sent)', '', `${id}: ${answer.code ? `HTTP ${answer.code}` : 'no answer'}`)],
    ),
  );
  const message = delivered
    ? `Delivered: the receiver answered HTTP ${answer.code} to ${id}.`
    : `Not delivered: ${answer.note || `HTTP ${answer.code}`}. Check the URL and that the receiver verifies with this endpoint's secret.`;
  return { id: row.id, delivered, code: answer.code, message };
}

function findEndpoint(rows: readonly EndpointRow[], ref: WebhookRef): EndpointRow {
  const row = ref.id ? rows.find((r) => r.id === ref.id) : rows.find((r) => r.row === ref.row && !r.id);
  if (!row) throw new InputError(`${ref.id || `Row ${ref.row}`} is no longer on the Webhooks tab. Refresh the list.`);
  return row;
}

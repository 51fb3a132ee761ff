import { escapeHtml } from '../domain/html';
import { holders } from '../domain/roles';
import { eventsText } from '../domain/webhooks/endpoint-rules';
import { sendMessages } from '../mail/mailer';
import { Outgoing } from '../mail/mail-types';
import { rosterOf, runsAsOwner } from '../team/access';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { SendOutcome, sendDueDeliveries } from './deliver';
import { Endpoint, checkEndpoint, isLive, nextEndpointId, readEndpointRows } from './endpoints';
import { EndpointChange, endpointAudit, writeEndpointRows } from './endpoint-writes';
import { QueueOutcome, queueDeliveries } from './queue';
import { endpointsWithSecrets, openSecrets } from './secrets';
import { AuditEntry } from '../domain/audit-chain';

/**
 * The hourly run's "webhooks" step (the owner's; right after the partner updates): the Webhooks
 * tab's rows are checked (a row typed into the grid is given its ID, and its Problems say what it
 * lacks: a valid URL, known events, a secret), the Audit Log's new rows become Deliveries
 * (queue.ts), and the due deliveries go out (deliver.ts). An endpoint that answered 410 Gone is set
 * Active = No with the reason, audited, and the managers are told by email.
 *
 * Nobody's action waits on a delivery: the sidebar, the form and typed cells only write the Audit
 * Log, as they always did; only this step, in the owner's time-driven run, calls UrlFetchApp.
 */
type Section = <T>(task: () => T) => T;

export type WebhooksOutcome = { endpoints: number; live: number } & Partial<QueueOutcome> & Partial<SendOutcome>;

export function webhooksStep(ctx: TrackerContext, critical: Section, startedAtMs: number): WebhooksOutcome | string {
  if (!runsAsOwner(ctx)) return "not the tracker's account";
  const table = TrackerTable.tryOpen(ctx.ss, 'webhooks');
  if (!table || !TrackerTable.tryOpen(ctx.ss, 'deliveries')) return 'no Webhooks tab yet (the owner runs Set up tracker)';
  const withSecret = endpointsWithSecrets(ctx.ss);
  const endpoints = checkRows(ctx, table, withSecret, critical);
  const live = endpoints.filter(isLive);
  const settings = readSettings(ctx.ss).settings;
  const queued = queueDeliveries(ctx, critical, live, settings.currency);
  const byId = new Map(endpoints.filter((e) => e.id).map((e) => [e.id, e]));
  const secrets = live.length ? openSecrets(ctx.ss) : new Map<string, string>();
  const sent = sendDueDeliveries(ctx, critical, byId, secrets, startedAtMs);
  recordResults(ctx, table, byId, sent, critical, settings.programmeName);
  return { endpoints: endpoints.length, live: live.length, ...queued, ...sent };
}

/** The rows as typed, checked; IDs given to rows without one, Problems and a blank Active written where they changed. */
function checkRows(ctx: TrackerContext, table: TrackerTable<'webhooks'>, withSecret: ReadonlySet<string>, critical: Section): Endpoint[] {
  const rows = readEndpointRows(table, ctx.timeZone);
  const out: Endpoint[] = [];
  const changes: Array<{ row: number; expectId: string; change: EndpointChange }> = [];
  const audit: AuditEntry[] = [];
  let taken = rows;
  for (const row of rows) {
    let endpoint = checkEndpoint(row, !!row.id && withSecret.has(row.id));
    if (!endpoint) continue;
    // An ID typed over with another row's: neither is sent to until one is put right (a secret belongs to one endpoint).
    if (row.id && rows.some((r) => r.id === row.id && r.row !== row.row))
      endpoint = { ...endpoint, problems: [...endpoint.problems, `Endpoint ID ${row.id} is on another row too: give this row back its own ID, or clear it and create a secret in the sidebar.`] };
    const change: EndpointChange = {};
    if (!row.id && row.url) {
      const id = nextEndpointId(taken, withSecret);
      taken = [...taken, { ...row, id }];
      change.id = id;
      audit.push(endpointAudit(ctx, row.row, id, '(ID assigned)', '', `${row.url}: typed into the tab, given its Endpoint ID`));
      endpoint = { ...endpoint, id };
    }
    if (!row.active && endpoint.id) change.active = 'Yes';
    const problems = endpoint.problems.join('\n');
    if (problems !== row.problemsText) {
      change.problems = problems;
      audit.push(endpointAudit(ctx, row.row, endpoint.id, problems ? '(problems marked)' : '(problems cleared)', row.problemsText, problems || 'fixed: events are sent to it'));
    }
    if (Object.keys(change).length) changes.push({ row: row.row, expectId: row.id, change });
    out.push({ ...endpoint, active: change.active ?? endpoint.active });
  }
  if (changes.length)
    critical(() => {
      // IDs given out here are checked against the tab as it is now: a manager may have added an endpoint since the read.
      const now = readEndpointRows(table, ctx.timeZone);
      for (const c of changes) {
        if (!c.change.id || !now.some((r) => r.id === c.change.id && r.row !== c.row)) continue;
        const id = nextEndpointId([...now, ...changes.map((o) => ({ id: o.change.id ?? '' }))], withSecret);
        for (const e of audit) if (e.recordId === c.change.id && e.range === `row ${c.row}`) e.recordId = id;
        const endpoint = out.find((o) => o.row === c.row);
        if (endpoint) endpoint.id = id;
        c.change.id = id;
      }
      writeEndpointRows(ctx, table, changes, audit);
    });
  return out;
}

/** Last Delivery for each endpoint sent to; an endpoint that answered 410 set inactive, audited, and the managers told. */
function recordResults(ctx: TrackerContext, table: TrackerTable<'webhooks'>, byId: ReadonlyMap<string, Endpoint>, sent: SendOutcome, critical: Section, programme: string): void {
  const changes: Array<{ row: number; expectId: string; change: EndpointChange }> = [];
  const audit: AuditEntry[] = [];
  for (const [id, text] of Object.entries(sent.last)) {
    const e = byId.get(id);
    if (!e) continue;
    const reason = sent.disabled[id];
    changes.push({ row: e.row, expectId: id, change: reason ? { lastDelivery: text, active: 'No', disabledReason: reason } : { lastDelivery: text } });
    if (reason) audit.push(endpointAudit(ctx, e.row, id, 'active', e.active || 'Yes', 'No'), endpointAudit(ctx, e.row, id, '(endpoint disabled)', '', reason));
  }
  if (changes.length) critical(() => writeEndpointRows(ctx, table, changes, audit));
  const disabled = Object.keys(sent.disabled)
    .map((id) => byId.get(id))
    .filter((e): e is Endpoint => !!e);
  if (disabled.length === 0) return;
  const to = holders(rosterOf(ctx), 'Manager');
  const owner = rosterOf(ctx).owner;
  const recipients = to.length ? to : owner ? [owner] : [];
  if (recipients.length === 0) return;
  const messages: Outgoing[] = disabled.map((e) => {
    const reason = sent.disabled[e.id];
    const body = `The webhook endpoint ${e.id} (${e.url}; events ${eventsText(e.events)}) was turned off: ${reason}\n\nNothing more is sent to it. When the receiver is ready again, set Active to Yes on the Webhooks tab (or in the sidebar's Webhooks view); messages not sent meanwhile are on the Deliveries tab.`;
    return {
      id: `webhookDisabled:${e.id}:${todayIn(ctx.timeZone, ctx.now)}`,
      to: recipients,
      subject: `${programme}: webhook endpoint ${e.id} was turned off`,
      body,
      htmlBody: `<p>${escapeHtml(body).replace(/\n\n/g, '</p><p>')}</p>`,
      purpose: `webhook endpoint ${e.id} disabled`,
      senderName: programme,
    };
  });
  sendMessages(ctx, critical, messages);
}

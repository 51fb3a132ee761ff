import { readAuditTail } from '../audit/audit-tail';
import { KeyStore } from '../tracker/state';

/**
 * Where the webhooks step (queue.ts) keeps its place in the Audit Log: the tracker's record. Blank
 * while no endpoint is live; an endpoint added, given its secret or turned on starts it at the
 * log's end, so an endpoint hears of the changes made from then on, not the programme's history.
 * Inside the caller's critical section.
 */
export const QUEUE_KEY = 'partnershipTracker.webhooksFeed';

export function startWebhookFeed(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): void {
  const store = new KeyStore(ss);
  if (store.read(QUEUE_KEY)) return;
  const end = readAuditTail(ss, '', 1, timeZone).cursor;
  if (end) store.write(QUEUE_KEY, JSON.stringify({ cursor: end }));
}

import { checkEndpointUrl, parseEvents } from '../domain/webhooks/endpoint-rules';
import { CellValue, readText, readUtcDateTime } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';

/** The Webhooks tab's rows as the tracker reads them (one read of the small tab), and what stops each from being sent to. */
export interface EndpointRow {
  row: number;
  id: string;
  url: string;
  eventsText: string;
  active: string;
  description: string;
  createdBy: string;
  createdAt: string;
  secretHint: string;
  disabledReason: string;
  lastDelivery: string;
  problemsText: string;
}

export interface Endpoint extends EndpointRow {
  events: string[];
  /** Why nothing is sent to it now ([] when it is usable and has a secret). */
  problems: string[];
}

export const NO_SECRET = 'No signing secret yet: a manager opens Webhooks in the sidebar and presses "Create secret" (it is shown once).';

export function readEndpointRows(table: TrackerTable<'webhooks'>, timeZone: string): EndpointRow[] {
  const last = table.lastRow();
  if (last < 2) return [];
  return table.readRows(2, last).map((r, i) => ({
    row: i + 2,
    id: readText(r.id),
    url: readText(r.url),
    eventsText: readText(r.events),
    active: readText(r.active),
    description: readText(r.description),
    createdBy: readText(r.createdBy),
    createdAt: readUtcDateTime(r.createdAt as CellValue, timeZone)?.toISOString() ?? '',
    secretHint: readText(r.secretHint),
    disabledReason: readText(r.disabledReason),
    lastDelivery: readText(r.lastDelivery),
    problemsText: readText(r.problems),
  }));
}

/** A row's checks: its URL and Events as typed, whether it has an ID and a secret. A blank row is no endpoint (null). */
export function checkEndpoint(row: EndpointRow, hasSecret: boolean): Endpoint | null {
  if (!row.id && !row.url && !row.eventsText) return null;
  const problems: string[] = [];
  const url = checkEndpointUrl(row.url);
  if ('problem' in url) problems.push(url.problem);
  const events = parseEvents(row.eventsText);
  if ('problem' in events) problems.push(events.problem);
  if (row.active && row.active !== 'Yes' && row.active !== 'No') problems.push(`Active is "${row.active}": Yes or No.`);
  if (!hasSecret) problems.push(NO_SECRET);
  return { ...row, url: 'url' in url ? url.url : row.url, events: 'events' in events ? events.events : [], problems };
}

/** Whether events go to it now: active (blank counts as Yes), valid, with a secret. */
export const isLive = (e: Endpoint) => e.active !== 'No' && e.problems.length === 0 && !!e.id;

/** The next free endpoint ID (W-000001…): the tab is small and read whole. */
export function nextEndpointId(rows: ReadonlyArray<{ id: string }>, withSecrets: ReadonlySet<string>): string {
  // IDs with a secret count too: a deleted row's secret (and its waiting deliveries) stays under its ID, which must never name another endpoint.
  const ids = [...rows.map((r) => r.id), ...withSecrets];
  const max = ids.reduce((m, id) => Math.max(m, /^W-(\d+)$/.test(id) ? Number(id.slice(2)) : 0), 0);
  return `W-${String(max + 1).padStart(6, '0')}`;
}

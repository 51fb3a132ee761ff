import { AttemptResult, IN_RUN_WAIT_MS, OPEN_STATUSES, afterFailure, answerKind, isDue, retryAfterMs, waitsInRun } from '../domain/webhooks/schedule';
import { webhookHeaders } from '../domain/webhooks/signing';
import { CellValue, readText, readUtcDateTime, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { FoundRow, findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import { Endpoint, isLive } from './endpoints';

/**
 * The webhooks step's second half: the open deliveries (Pending, Failed – retrying) that are due
 * go out through UrlFetchApp, OUTSIDE any lock, each signed afresh (a new webhook-timestamp per
 * attempt, the same webhook-id and body); the answers are then written in one batch. A retry due
 * within seconds (the schedule's 5-second one) is made in this run after the wait.
 *
 * A run that dies after sending and before writing leaves the rows as they were: the next run
 * sends them again with the same webhook-id, which the specification tells receivers to dedupe on.
 *
 * Cost: the open rows are found by two searches of the Status column and read in a few calls; the
 * results are written with one read and one write over their span, whatever the tab's length.
 */
/** Messages one run sends at most. */
const PER_RUN = 100;
/** The step stops sending once the run is this old (the steps after it need their time too). */
const SEND_UNTIL_MS = 3 * 60_000;
/** The longest Note kept (a receiver's answer can be long). */
const NOTE_CHARS = 300;

type Section = <T>(task: () => T) => T;

interface OpenRow {
  row: number;
  webhookId: string;
  endpointId: string;
  event: string;
  status: string;
  attempts: number;
  nextAtMs: number | null;
  body: string;
}

export interface Answer {
  code: number;
  note: string;
  retryAfterMs: number;
}

export interface SendOutcome {
  open: number;
  sent: number;
  delivered: number;
  /** Failed and due again later (not `failed`: the hourly run's log marks a failed step so). */
  retrying: number;
  gaveUp: number;
  /** Endpoints that answered 410, with the reason to record. */
  disabled: Record<string, string>;
  /** Each endpoint's last attempt in this run, as the Webhooks tab's Last Delivery shows it. */
  last: Record<string, string>;
}

interface RowChange {
  attempts: number;
  status: string;
  lastAttempt: string;
  nextAttempt: string;
  responseCode: number | string;
  note: string;
}

/** One POST of a message to an endpoint, signed now. The secret goes into a header only, never into a note or error. */
export function requestFor(url: string, secret: string, id: string, body: string, at: Date): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  return {
    url,
    method: 'post',
    contentType: 'application/json',
    payload: body,
    headers: webhookHeaders(secret, id, at, body),
    muteHttpExceptions: true,
    followRedirects: false,
  };
}

/**
 * Sends the requests and gives each its answer. fetchAll throws for the whole batch when one
 * request gets no answer at all (DNS, a refused connection, a timeout), so such a batch is sent
 * again one by one to learn which.
 */
export function fetchAnswers(requests: readonly GoogleAppsScript.URL_Fetch.URLFetchRequest[]): Answer[] {
  if (requests.length === 0) return [];
  try {
    return UrlFetchApp.fetchAll([...requests]).map(answerOf);
  } catch {
    return requests.map((r) => {
      try {
        return answerOf(UrlFetchApp.fetch(r.url, r));
      } catch (e) {
        return { code: 0, note: `No answer: ${errorText(e)}`, retryAfterMs: 0 };
      }
    });
  }
}

function answerOf(response: GoogleAppsScript.URL_Fetch.HTTPResponse): Answer {
  const code = response.getResponseCode();
  const headers = response.getHeaders() as Record<string, string>;
  const retryAfter = Object.keys(headers).find((h) => h.toLowerCase() === 'retry-after');
  let text = '';
  if (answerKind(code) !== 'delivered') {
    try {
      text = response.getContentText().trim().slice(0, 120);
    } catch {
      text = '';
    }
  }
  const note = answerKind(code) === 'delivered' ? '' : `HTTP ${code}${text ? `: ${text}` : ''}`;
  return { code, note, retryAfterMs: retryAfter ? retryAfterMs(String(headers[retryAfter])) : 0 };
}

/** An error's message, with anything that looks like a secret cut out. */
function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/whsec_[A-Za-z0-9+/=]+/g, 'whsec_…').slice(0, NOTE_CHARS);
}

export function sendDueDeliveries(ctx: TrackerContext, critical: Section, endpoints: ReadonlyMap<string, Endpoint>, secrets: ReadonlyMap<string, string>, startedAtMs: number): SendOutcome {
  const outcome: SendOutcome = { open: 0, sent: 0, delivered: 0, retrying: 0, gaveUp: 0, disabled: {}, last: {} };
  const table = TrackerTable.tryOpen(ctx.ss, 'deliveries');
  if (!table || table.rowCount() === 0) return outcome;
  const open = OPEN_STATUSES.flatMap((status) => findRows(table, 'status', status))
    .map((f) => openRow(f, ctx.timeZone))
    .sort((a, b) => a.row - b.row);
  outcome.open = open.length;
  if (open.length === 0) return outcome;
  const changes = new Map<number, RowChange>();
  const gone = new Map<string, string>();
  const nowMs = Date.now();
  // Rows whose endpoint no longer takes messages are closed with the reason; rows without a secret yet wait.
  const due: OpenRow[] = [];
  for (const r of open) {
    const endpoint = endpoints.get(r.endpointId);
    if (!endpoint || endpoint.active === 'No') {
      changes.set(
        r.row,
        closed(r, endpoint ? `The endpoint is inactive${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}; not sent.` : 'The endpoint is no longer on the Webhooks tab; not sent.'),
      );
      continue;
    }
    if (!isLive(endpoint) || !secrets.has(endpoint.id)) continue;
    if (isDue(r.status, r.nextAtMs, nowMs) && due.length < PER_RUN) due.push(r);
  }
  // Each endpoint's messages in order, one at a time; endpoints side by side (one fetchAll per round). An endpoint that
  // fails is left for this run after that message (its 5-second retry is made after the wait; the rest wait for the next
  // run), and one that answers 410 gets nothing more.
  const queues = new Map<string, OpenRow[]>();
  for (const r of due) queues.set(r.endpointId, [...(queues.get(r.endpointId) ?? []), r]);
  const again: OpenRow[] = [];
  const send = (batch: OpenRow[]): void => {
    const at = new Date();
    const answers = fetchAnswers(batch.map((r) => requestFor((endpoints.get(r.endpointId) as Endpoint).url, secrets.get(r.endpointId) as string, r.webhookId, r.body, at)));
    batch.forEach((r, k) => {
      const change = afterAttempt(r, answers[k], at);
      outcome.sent++;
      changes.set(r.row, change);
      outcome.last[r.endpointId] = lastDeliveryText(at, r.event, answers[k].code, change.status);
      r.attempts = change.attempts;
      if (change.status === 'Delivered') return;
      queues.delete(r.endpointId);
      if (answerKind(answers[k].code) === 'gone')
        gone.set(r.endpointId, `The receiver answered 410 Gone on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC (${r.event}, ${r.webhookId}): it wants no more events.`);
      else if (change.status === 'Failed – retrying' && waitsInRun(readUtcMs(change.nextAttempt), Date.now())) again.push(r);
    });
  };
  while (queues.size && Date.now() - startedAtMs < SEND_UNTIL_MS) {
    const batch: OpenRow[] = [];
    for (const [id, queue] of queues) {
      const next = queue.shift();
      if (next) batch.push(next);
      if (queue.length === 0) queues.delete(id);
    }
    send(batch);
  }
  if (again.length && Date.now() - startedAtMs + IN_RUN_WAIT_MS < SEND_UNTIL_MS) {
    Utilities.sleep(IN_RUN_WAIT_MS);
    send(again.splice(0));
  }
  // An endpoint that answered 410 takes nothing more: its other open rows are closed too.
  for (const r of open) if (gone.has(r.endpointId) && !changes.get(r.row)?.responseCode) changes.set(r.row, closed(r, 'The endpoint was disabled (410 Gone); not sent.'));
  for (const c of changes.values()) {
    if (c.status === 'Delivered') outcome.delivered++;
    else if (c.status === 'Failed – retrying') outcome.retrying++;
    else if (c.status === 'Gave up') outcome.gaveUp++;
  }
  outcome.disabled = Object.fromEntries(gone);
  writeChanges(table, open, changes, critical);
  return outcome;
}

/** "2026-12-06 10:12 UTC · lead.registered · HTTP 200 · Delivered". */
export function lastDeliveryText(at: Date, event: string, code: number, status: string): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${event} · ${code ? `HTTP ${code}` : 'no answer'} · ${status}`;
}

function readUtcMs(cell: string): number {
  return new Date(`${cell.replace(' ', 'T')}Z`).getTime();
}

function afterAttempt(r: OpenRow, answer: Answer, at: Date): RowChange {
  const attempts = r.attempts + 1;
  const kind = answerKind(answer.code);
  const base = { attempts, lastAttempt: utcDateTimeCell(at), responseCode: answer.code || '', note: answer.note.slice(0, NOTE_CHARS) };
  if (kind === 'delivered') return { ...base, status: 'Delivered', nextAttempt: '' };
  if (kind === 'gone') return { ...base, status: 'Endpoint disabled', nextAttempt: '', note: 'HTTP 410 Gone: the endpoint was disabled.' };
  const next: AttemptResult = afterFailure(attempts, at.getTime(), answer.retryAfterMs);
  return {
    ...base,
    status: next.status,
    nextAttempt: next.nextAtMs === null ? '' : utcDateTimeCell(new Date(next.nextAtMs)),
    note: next.status === 'Gave up' ? `${base.note} (the last of ${attempts} attempts)` : base.note,
  };
}

function closed(r: OpenRow, note: string): RowChange {
  return { attempts: r.attempts, status: 'Endpoint disabled', lastAttempt: '', nextAttempt: '', responseCode: '', note };
}

function openRow(f: FoundRow, timeZone: string): OpenRow {
  const r = f.record;
  const next = readUtcDateTime(r.nextAttempt, timeZone);
  return {
    row: f.row,
    webhookId: readText(r.webhookId),
    endpointId: readText(r.endpointId),
    event: readText(r.event),
    status: readText(r.status),
    attempts: typeof r.attempts === 'number' ? r.attempts : Number(readText(r.attempts)) || 0,
    nextAtMs: next ? next.getTime() : null,
    body: readText(r.body),
  };
}

/**
 * Writes Attempts…Note of the changed rows inside one critical section: one read and one write over
 * their span; a row whose Webhook ID or Status changed meanwhile is left as it is.
 */
function writeChanges(table: TrackerTable<'deliveries'>, open: readonly OpenRow[], changes: ReadonlyMap<number, RowChange>, critical: Section): void {
  if (changes.size === 0) return;
  const byRow = new Map(open.map((r) => [r.row, r]));
  const keys = ['webhookId', 'status', 'attempts', 'lastAttempt', 'nextAttempt', 'responseCode', 'note'] as const;
  const from = Math.min(...keys.map((k) => table.column(k)));
  const to = Math.max(...keys.map((k) => table.column(k)));
  const first = Math.min(...changes.keys());
  const last = Math.max(...changes.keys());
  const at = (k: Parameters<typeof table.column>[0]) => table.column(k) - from;
  critical(() => {
    const range = table.sheet.getRange(first, from, last - first + 1, to - from + 1);
    const grid = range.getValues() as CellValue[][];
    for (const [row, c] of changes) {
      const cells = grid[row - first];
      const known = byRow.get(row);
      if (!known || readText(cells[at('webhookId')]) !== known.webhookId || readText(cells[at('status')]) !== known.status) continue;
      cells[at('attempts')] = c.attempts;
      cells[at('status')] = c.status;
      cells[at('lastAttempt')] = c.lastAttempt || cells[at('lastAttempt')];
      cells[at('nextAttempt')] = c.nextAttempt;
      cells[at('responseCode')] = c.responseCode;
      cells[at('note')] = textCell(c.note);
    }
    // Text read back loses the apostrophe that shields it: every text column in the span is shielded again.
    for (const cells of grid) for (const key of ['webhookId', 'endpointId', 'event', 'recordId', 'note'] as const) cells[at(key)] = textCell(readText(cells[at(key)]));
    range.setValues(grid);
  });
}

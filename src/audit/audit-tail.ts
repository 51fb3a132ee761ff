import { readText, readUtcDateTime } from '../tracker/cells';
import { candidateRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';

/**
 * The Audit Log as a change feed: the rows written since a reader last looked, for work that
 * follows every change wherever it was made (the sidebar, a typed cell, the form, the hourly
 * run), such as partners' status updates and their partner sheets. The log holds every change,
 * so a reader of it misses none and adds no code to the places that change things.
 *
 * A reader keeps its cursor (the hash of the last row it handled) in a document property; the
 * hash is found by a search, so reading the tail costs the same however long the log is. Each
 * reader commits its cursor with the writes the rows led to, so a run that dies before that
 * reads the same rows again (its writes must therefore be keyed by the rows' hashes, or checked).
 */
export interface AuditTailRow {
  /** The row's hash: unique, and what a reader's cursor names. */
  hash: string;
  at: string;
  user: string;
  source: string;
  tab: string;
  recordId: string;
  field: string;
  oldValue: string;
  newValue: string;
}

export interface AuditTail {
  rows: AuditTailRow[];
  /** The cursor after these rows (the cursor given, when there are none). */
  cursor: string;
  /** More rows wait after these (the read stopped at `max`). */
  more: boolean;
}

const TAIL_KEYS = ['at', 'user', 'source', 'tab', 'recordId', 'field', 'oldValue', 'newValue', 'hash'] as const;

/**
 * The rows after `cursor`, at most `max`. A blank cursor (a reader's first look) starts at the
 * end: the reader begins with the changes made from now on, not the programme's whole history.
 * A cursor no longer in the live log (its row was moved to a yearly archive, which moves only
 * the oldest rows) starts at the first live row. `at` is the row's UTC instant (ISO); the
 * spreadsheet's time zone is asked for unless given.
 */
export function readAuditTail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, cursor: string, max: number, timeZone?: string): AuditTail {
  const table = TrackerTable.open(ss, 'audit');
  const last = table.lastRow();
  if (last < 2) return { rows: [], cursor, more: false };
  if (!cursor) {
    const endHash = readText(table.sheet.getRange(last, table.column('hash')).getValue());
    return { rows: [], cursor: endHash, more: false };
  }
  const [found] = candidateRows(table, 'hash', cursor);
  const first = found === undefined ? 2 : found + 1;
  if (first > last) return { rows: [], cursor, more: false };
  const until = Math.min(last, first + max - 1);
  // The At cell holds UTC digits, which Sheets reads as wall-clock time in the spreadsheet's zone (cells.ts readUtcDateTime).
  const zone = timeZone ?? ss.getSpreadsheetTimeZone();
  const rows = table.readRows(first, until).map((r) => {
    const row = {} as Record<(typeof TAIL_KEYS)[number], string>;
    for (const key of TAIL_KEYS) row[key] = readText(r[key]);
    row.at = readUtcDateTime(r.at, zone)?.toISOString() ?? readText(r.at);
    return row as AuditTailRow;
  });
  return { rows, cursor: rows.length ? rows[rows.length - 1].hash : cursor, more: until < last };
}

/** Audit rows a reader takes in one read, and the reads it makes in one run: a busier hour leaves the rest for the next run. */
const RUN_BATCH = 500;
const RUN_BATCHES = 4;

/**
 * The rows after `cursor` that one run of a reader takes (the partner updates, the webhooks, the
 * HubSpot push): up to four reads of 500; `more` says rows are left for the next run.
 */
export function readAuditTailForRun(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, cursor: string, timeZone?: string): AuditTail {
  const rows: AuditTailRow[] = [];
  let at = cursor;
  let more = false;
  for (let i = 0; i < RUN_BATCHES; i++) {
    const tail = readAuditTail(ss, at, RUN_BATCH, timeZone);
    rows.push(...tail.rows);
    at = tail.cursor;
    more = tail.more;
    if (!more) break;
  }
  return { rows, cursor: at, more };
}

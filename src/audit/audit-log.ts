import { AuditEntry, auditCells, chainHash } from '../domain/audit-chain';
import { cellText as cleanCellText, neutraliseForCell } from '../domain/cell-text';
import { readText, readUtcDateTime } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { AUDIT_APPENDING_KEY, AUDIT_HEAD_KEY, KeyStore, StoredAuditHead, TrackerState, sectionState } from '../tracker/state';
import { CELL_KEYS, LEGACY_HEAD_PROPERTY, cellText } from './verify';

/**
 * Appends the tracker's own changes to the Audit Log (script writes fire no
 * edit trigger, so the add-on records what it does itself), hash-chained.
 *
 * The chain is anchored outside the sheet: every writer — sidebar, triggers,
 * the hourly run — chains new rows to the head kept in the tracker's record
 * (developer metadata no one can edit from the sheet) and moves it. Rows cut
 * from the end of the log or rewritten there are therefore never re-anchored
 * by the next write: Verify sees the new rows chained to a hash that is no
 * longer in the log. A fixed number of calls per batch; the caller holds the
 * document lock (or the hourly run's).
 *
 * The head comes from the state the critical section read (no read of the log):
 * the rows go right below the head's last row, and a marker set before them and
 * cleared after the head moves says whether the last append finished. Only when
 * it did not (a run died between its rows and its head) is the log's end read,
 * to catch the head up with rows chained to it. The Audit Log is protected: rows
 * past the head come only from such a run or from the owner's own hand, and
 * rows cut from the end leave the new rows below a gap, chained to a hash no
 * longer in the log, as before — Verify reports both.
 *
 * Only the tracker's owner may write the Audit Log, but sidebar actions run as
 * whoever uses the sidebar. An entry a teammate cannot write waits in the
 * document's properties (which every user of the add-on can write, and no one
 * can edit from the sheet) and is chained into the log, oldest first, by the
 * next owner's run that has them: the edit and form triggers, the owner's
 * sidebar, setup. (The hourly run has no document properties: Google gives an
 * add-on's time-driven run no document.) Each waiting entry is cut to fit
 * Google's 9 KB per value; a malformed one is set aside, reported, and never
 * blocks a write.
 */
const PENDING_PREFIX = 'tracker.auditPending.';
const SET_ASIDE_PREFIX = 'tracker.auditPendingSetAside.';
const BATCH_PROPERTY = 'tracker.auditPendingBatch';
const PROTECTED = /protected cell|protected range|protected sheet/i;
/** Google: 9 KB per property value. Keep a margin for the key and JSON quoting. */
const VALUE_LIMIT = 8500;
/** Google: 500 KB per property store; past this share the sidebar warns. */
export const PENDING_STORE_LIMIT = 500 * 1024;
export const PENDING_WARNING_SHARE = 0.8;

export interface AuditTarget {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  properties: GoogleAppsScript.Properties.Properties | null;
  /**
   * false: this run is known not to be the owner's, so Google would refuse its write to the
   * Audit Log (protected, owner only): its entries wait for the owner's next run at once,
   * without a write that fails and the reads before it. Left out: try, and queue on refusal.
   */
  mayWriteLog?: boolean;
}

export function appendAudit(target: AuditTarget, entries: readonly AuditEntry[]): 'written' | 'pending' {
  if (target.mayWriteLog === false && target.properties) {
    if (entries.length) queue(target, target.properties, entries);
    return 'pending';
  }
  const marker = sectionState(target.ss);
  // The store is read when an entry may wait there: the state says none has since the last drain ("0"), or it may.
  const mayWait = !!target.properties && marker?.value(AUDIT_QUEUED_KEY) !== NONE_WAITING;
  const waiting = mayWait && target.properties ? readPending(target.properties) : [];
  if (entries.length === 0 && waiting.length === 0) return 'written';
  // Entries already in the log are not chained in again: a drain that died after writing them and before
  // deleting them here, or a teammate's run that queued them and died before taking its audit note off
  // (the owner's hourly run, which cannot see this store, added them from the note, marked recovered).
  const logged = waiting.length ? loggedTail(target) : new Set<string>();
  const pending = waiting.filter((p) => !logged.has(entryKey(p.entry.at, p.entry.user, p.entry.recordId, p.entry.field)));
  try {
    writeChained(target, [...pending.map((p) => p.entry), ...entries]);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!PROTECTED.test(message) || !target.properties) throw e;
    queue(target, target.properties, entries);
    return 'pending';
  }
  if (waiting.length && target.properties) for (const p of waiting) target.properties.deleteProperty(p.key);
  // Drained (or found empty): said in the state, whose write joins the section's.
  if (mayWait && marker) marker.write(AUDIT_QUEUED_KEY, NONE_WAITING);
  return 'written';
}

/**
 * Whether teammates' entries may wait in the document properties, kept in the tracker's state
 * so that an owner's run need not read the store on every append (a round trip): a queue sets
 * it to its batch number (before the entries are written; the next batch counts on from it) and
 * a drain under the lock sets "0". Absent (a tracker from before it) counts as "may". Queues
 * and drains run inside the document lock.
 */
export const AUDIT_QUEUED_KEY = 'partnershipTracker.auditQueued';
const NONE_WAITING = '0';

const entryKey = (at: Date, user: string, recordId: string, field: string) => JSON.stringify([Math.floor(at.getTime() / 1000), user.toLowerCase(), recordId, field]);
/** How far back a drain looks for waiting entries already logged (as audit-intent.ts looks for a note's entries). */
const LOGGED_TAIL_ROWS = 300;

/** [second, user, recordId, field] of the log's last rows. */
function loggedTail(target: AuditTarget): Set<string> {
  const out = new Set<string>();
  const table = TrackerTable.open(target.ss, 'audit');
  const last = table.lastRow();
  if (last < 2) return out;
  for (const r of table.readRows(Math.max(2, last - LOGGED_TAIL_ROWS + 1), last)) {
    const at = readUtcDateTime(r.at, target.timeZone);
    if (at) out.add(entryKey(at, readText(r.user), readText(r.recordId), readText(r.field)));
  }
  return out;
}

/**
 * Entries found waiting while the state says none do (written by something else than queue(): an
 * older version of the add-on mid-deploy, a hand in the script editor): the marker is raised, so
 * the owner's next run writes them. The sidebar's Home looks whenever it opens.
 */
export function announceWaitingEntries(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const store = new KeyStore(ss);
  if (store.read(AUDIT_QUEUED_KEY) === NONE_WAITING) store.write(AUDIT_QUEUED_KEY, '1');
}

/** How many entries wait for someone who may write the Audit Log, how full their store is, and how many were set aside. */
export function pendingAuditState(properties: GoogleAppsScript.Properties.Properties): { waiting: number; share: number; setAside: number } {
  const all = properties.getProperties();
  let bytes = 0;
  let waiting = 0;
  let setAside = 0;
  for (const [k, v] of Object.entries(all)) {
    bytes += k.length + v.length;
    if (k.startsWith(PENDING_PREFIX)) waiting++;
    if (k.startsWith(SET_ASIDE_PREFIX)) setAside++;
  }
  return { waiting, share: bytes / PENDING_STORE_LIMIT, setAside };
}

function writeChained(target: AuditTarget, entries: readonly AuditEntry[]): StoredAuditHead {
  const table = TrackerTable.open(target.ss, 'audit');
  // Before any write of this append: a read here would split its writes into two batches.
  table.confirmColumns();
  const store = sectionState(target.ss);
  const state = store ?? TrackerState.read(target.ss);
  const stored = state.auditHead();
  // An append under way when its run died, or a head the log cannot hold (the tab was recreated): read the log's end.
  const unfinished = !!state.value(AUDIT_APPENDING_KEY);
  const fits = stored !== null && stored.rows + 1 <= table.sheet.getMaxRows();
  const head = stored ? (unfinished || !fits ? caughtUp(table, stored) : stored) : legacyHead(target, table);
  let previous = head.hash;
  const keys = ['at', 'localTime', 'user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;
  // A batch usually shares one timestamp: format it once, not once per row.
  const localTimes = new Map<number, string>();
  const localTime = (at: Date) => {
    let text = localTimes.get(at.getTime());
    if (text === undefined) localTimes.set(at.getTime(), (text = Utilities.formatDate(at, target.timeZone, 'yyyy-MM-dd HH:mm:ss')));
    return text;
  };
  const records = entries.map((entry) => {
    // Hashed as stored: cleaned of invisible characters and cut to a cell's limit.
    const cells = auditCells(entry, localTime(entry.at)).map((text) => cleanCellText(text));
    const hash = chainHash(previous, cells);
    const record: Record<string, string> = { hash };
    if (table.has('previousHash')) record.previousHash = previous;
    previous = hash;
    // Cells hold exactly the hashed text; an apostrophe shields formula-like text and is not part of the value.
    keys.forEach((key, i) => (record[key] = neutraliseForCell(cells[i])));
    return record;
  });
  const next: StoredAuditHead = { rows: head.rows + records.length, hash: previous, at: new Date().toISOString() };
  // Writes only, in one batch: the marker, the rows below the head (or below the log's end when it was read), the head, the marker off.
  state.write(AUDIT_APPENDING_KEY, JSON.stringify({ from: head, to: next }));
  table.append(records, head === stored && !unfinished && fits ? head.rows + 2 : undefined);
  state.write(AUDIT_HEAD_KEY, JSON.stringify(next));
  state.write(AUDIT_APPENDING_KEY, '');
  return next;
}

/** How many rows past the head a writer checks (a run that died between its rows and its head wrote one batch). */
const CATCH_UP_ROWS = 500;

/**
 * The head, moved past rows that are chained to it: a run that appended its rows and died
 * before moving the head left them. Chaining the next rows to the old head would make those
 * rows look cut out of the log (Verify: "rows were deleted"). Rows past the head that are not
 * chained to it (typed or pasted into the log) are left for Verify to report. Reads the rows
 * only when the log is longer than the head says.
 */
function caughtUp(table: TrackerTable, head: StoredAuditHead): StoredAuditHead {
  const last = table.lastRow();
  const first = head.rows + 2;
  if (last < first || last - first + 1 > CATCH_UP_ROWS) return head;
  let { rows, hash } = head;
  for (const r of table.readRows(first, last)) {
    const linked = (table.has('previousHash') ? readText(r.previousHash) : '') || hash;
    if (
      linked !== hash ||
      chainHash(
        hash,
        CELL_KEYS.map((k) => cellText(r[k])),
      ) !== readText(r.hash)
    )
      break;
    hash = readText(r.hash);
    rows++;
  }
  return rows === head.rows ? head : { rows, hash, at: head.at };
}

/** A tracker from before the head moved to the record: its head in document properties, else the log's last row. */
function legacyHead(target: AuditTarget, table: TrackerTable): StoredAuditHead {
  const raw = target.properties?.getProperty(LEGACY_HEAD_PROPERTY);
  if (raw) {
    try {
      const head = JSON.parse(raw) as { hash?: unknown; rows?: unknown };
      if (typeof head.hash === 'string' && typeof head.rows === 'number') return { rows: head.rows, hash: head.hash, at: '' };
    } catch {
      // fall through to the sheet
    }
  }
  const lastRow = table.lastRow();
  const hash = lastRow >= 2 ? String(table.sheet.getRange(lastRow, table.column('hash')).getValue()) : '';
  return { rows: Math.max(0, lastRow - 1), hash, at: '' };
}

interface PendingEntry {
  key: string;
  entry: AuditEntry;
}

function readPending(properties: GoogleAppsScript.Properties.Properties): PendingEntry[] {
  const all = properties.getProperties();
  const out: PendingEntry[] = [];
  const setAside: Record<string, string> = {};
  for (const key of Object.keys(all)
    .filter((k) => k.startsWith(PENDING_PREFIX))
    .sort()) {
    const entry = parsePending(all[key]);
    if (entry) out.push({ key, entry });
    else setAside[SET_ASIDE_PREFIX + key.slice(PENDING_PREFIX.length)] = all[key];
  }
  const aside = Object.keys(setAside);
  if (aside.length) {
    // Kept, under another name, for a person to look at; the log goes on without them.
    properties.setProperties(setAside);
    for (const k of aside) properties.deleteProperty(PENDING_PREFIX + k.slice(SET_ASIDE_PREFIX.length));
    console.error(`audit: set aside ${aside.length} malformed pending entr${aside.length === 1 ? 'y' : 'ies'} (${aside.join(', ')})`);
  }
  return out;
}

function parsePending(raw: string): AuditEntry | null {
  try {
    const e = JSON.parse(raw) as Record<string, unknown>;
    const text = ['user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;
    if (typeof e.at !== 'string' || Number.isNaN(new Date(e.at).getTime()) || text.some((k) => typeof e[k] !== 'string')) return null;
    return {
      at: new Date(e.at),
      user: e.user as string,
      source: e.source as string,
      tab: e.tab as string,
      range: e.range as string,
      recordId: e.recordId as string,
      field: e.field as string,
      oldValue: e.oldValue as string,
      newValue: e.newValue as string,
    };
  } catch {
    return null;
  }
}

function queue(target: AuditTarget, properties: GoogleAppsScript.Properties.Properties, entries: readonly AuditEntry[]): void {
  // The marker (the batch number) first: a run that dies between the two leaves "may wait", never entries no one looks for.
  const state = new KeyStore(target.ss);
  const values: Record<string, string> = {};
  // A batch counter keeps batches from the same millisecond in order (in the state, with the marker: no read of the store).
  const batch = Number(state.read(AUDIT_QUEUED_KEY) || properties.getProperty(BATCH_PROPERTY) || '0') + 1;
  state.write(AUDIT_QUEUED_KEY, String(batch));
  entries.forEach((entry, i) => {
    // Sortable key: time, batch, order within the batch, then a random part against other users' batches.
    const key = `${PENDING_PREFIX}${String(entry.at.getTime()).padStart(15, '0')}.${String(batch).padStart(9, '0')}.${String(i).padStart(4, '0')}.${Utilities.getUuid()}`;
    values[key] = fitValue(entry);
  });
  properties.setProperties(values);
}

/** The entry as JSON within Google's 9 KB per value: long old and new values are cut, and say so. */
function fitValue(entry: AuditEntry): string {
  const json = (e: AuditEntry) => JSON.stringify({ ...e, at: e.at.toISOString() });
  let text = json(entry);
  if (text.length <= VALUE_LIMIT) return text;
  const room = Math.max(200, Math.floor((VALUE_LIMIT - (text.length - entry.oldValue.length - entry.newValue.length)) / 2) - 60);
  const cut = (v: string) => (v.length > room ? `${v.slice(0, room)}… [cut: ${v.length - room} more characters]` : v);
  text = json({ ...entry, oldValue: cut(entry.oldValue), newValue: cut(entry.newValue) });
  return text.length <= VALUE_LIMIT ? text : json({ ...entry, oldValue: '[too long to keep]', newValue: '[too long to keep]' });
}

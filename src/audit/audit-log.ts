import { AuditEntry, auditCells, chainHash } from '../domain/audit-chain';
import { cellText, neutraliseForCell } from '../domain/cell-text';
import { TrackerTable } from '../tracker/table';
import { AUDIT_HEAD_KEY, KeyStore, StoredAuditHead, readAuditHead } from '../tracker/state';
import { LEGACY_HEAD_PROPERTY } from './verify';

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
}

export function appendAudit(target: AuditTarget, entries: readonly AuditEntry[]): 'written' | 'pending' {
  const pending = target.properties ? readPending(target.properties) : [];
  if (entries.length === 0 && pending.length === 0) return 'written';
  try {
    writeChained(target, [...pending.map((p) => p.entry), ...entries]);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!PROTECTED.test(message) || !target.properties) throw e;
    queue(target.properties, entries);
    return 'pending';
  }
  if (pending.length && target.properties) for (const p of pending) target.properties.deleteProperty(p.key);
  return 'written';
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
  const store = new KeyStore(target.ss);
  let head = readAuditHead(store);
  if (!head) head = legacyHead(target, table);
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
    const cells = auditCells(entry, localTime(entry.at)).map((text) => cellText(text));
    const hash = chainHash(previous, cells);
    const record: Record<string, string> = { hash };
    if (table.has('previousHash')) record.previousHash = previous;
    previous = hash;
    // Cells hold exactly the hashed text; an apostrophe shields formula-like text and is not part of the value.
    keys.forEach((key, i) => (record[key] = neutraliseForCell(cells[i])));
    return record;
  });
  table.append(records);
  const next: StoredAuditHead = { rows: head.rows + records.length, hash: previous, at: new Date().toISOString() };
  store.write(AUDIT_HEAD_KEY, JSON.stringify(next));
  return next;
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
  for (const key of Object.keys(all).filter((k) => k.startsWith(PENDING_PREFIX)).sort()) {
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
      at: new Date(e.at), user: e.user as string, source: e.source as string, tab: e.tab as string, range: e.range as string,
      recordId: e.recordId as string, field: e.field as string, oldValue: e.oldValue as string, newValue: e.newValue as string,
    };
  } catch {
    return null;
  }
}

function queue(properties: GoogleAppsScript.Properties.Properties, entries: readonly AuditEntry[]): void {
  const values: Record<string, string> = {};
  // A batch counter keeps batches from the same millisecond in order.
  const batch = Number(properties.getProperty(BATCH_PROPERTY) ?? '0') + 1;
  values[BATCH_PROPERTY] = String(batch);
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

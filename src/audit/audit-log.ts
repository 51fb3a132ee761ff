import { AuditEntry, auditCells, chainHash } from '../domain/audit-chain';
import { neutraliseForCell } from '../domain/cell-text';
import { AuditHead } from '../domain/audit-verify';
import { TrackerTable } from '../tracker/table';
import { AUDIT_HEAD_PROPERTY } from './verify';

/**
 * Appends the tracker's own changes to the Audit Log (script writes fire no
 * edit trigger, so the add-on records what it does itself). Hash-chained to the
 * last row. A fixed number of calls per batch; the caller holds the script lock.
 *
 * Only the tracker's owner may write the Audit Log, but sidebar actions run as
 * whoever uses the sidebar. An entry a teammate cannot write waits in the
 * document's properties (which every user of the add-on can write, and no one
 * can edit from the sheet) and is chained into the log, oldest first, by the
 * next run that can: the owner's sidebar, the form trigger, setup.
 */
const PENDING_PREFIX = 'tracker.auditPending.';
const BATCH_PROPERTY = 'tracker.auditPendingBatch';
const PROTECTED = /protected cell|protected range|protected sheet/i;

export interface AuditTarget {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  properties: GoogleAppsScript.Properties.Properties | null;
}

export function appendAudit(target: AuditTarget, entries: readonly AuditEntry[]): 'written' | 'pending' {
  const pending = target.properties ? readPending(target.properties) : [];
  if (entries.length === 0 && pending.length === 0) return 'written';
  try {
    const head = writeChained(target.ss, [...pending.map((p) => p.entry), ...entries], target.timeZone);
    // The last row written, so "Verify audit log" can tell when the last rows were deleted.
    target.properties?.setProperty(AUDIT_HEAD_PROPERTY, JSON.stringify(head));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!PROTECTED.test(message) || !target.properties) throw e;
    queue(target.properties, entries);
    return 'pending';
  }
  if (pending.length && target.properties) for (const p of pending) target.properties.deleteProperty(p.key);
  return 'written';
}

/** How many entries wait for someone who may write the Audit Log. */
export function pendingAuditCount(properties: GoogleAppsScript.Properties.Properties): number {
  return Object.keys(properties.getProperties()).filter((k) => k.startsWith(PENDING_PREFIX)).length;
}

function writeChained(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: readonly AuditEntry[], timeZone: string): AuditHead {
  const table = TrackerTable.open(ss, 'audit');
  const hashColumn = table.column('hash');
  const lastRow = table.lastRow();
  let previous = lastRow >= 2 ? String(table.sheet.getRange(lastRow, hashColumn).getValue()) : '';
  const keys = ['at', 'localTime', 'user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;
  // A batch usually shares one timestamp: format it once, not once per row.
  const localTimes = new Map<number, string>();
  const localTime = (at: Date) => {
    let text = localTimes.get(at.getTime());
    if (text === undefined) localTimes.set(at.getTime(), (text = Utilities.formatDate(at, timeZone, 'yyyy-MM-dd HH:mm:ss')));
    return text;
  };
  const records = entries.map((entry) => {
    const cells = auditCells(entry, localTime(entry.at));
    const hash = chainHash(previous, cells);
    const record: Record<string, string> = { hash };
    if (table.has('previousHash')) record.previousHash = previous;
    previous = hash;
    // Cells hold exactly the hashed text; an apostrophe shields formula-like text and is not part of the value.
    keys.forEach((key, i) => (record[key] = neutraliseForCell(cells[i])));
    return record;
  });
  const first = table.append(records);
  return { hash: previous, rows: first + records.length - 2 };
}

interface PendingEntry {
  key: string;
  entry: AuditEntry;
}

function readPending(properties: GoogleAppsScript.Properties.Properties): PendingEntry[] {
  const all = properties.getProperties();
  return Object.keys(all)
    .filter((k) => k.startsWith(PENDING_PREFIX))
    .sort()
    .map((key) => {
      const raw = JSON.parse(all[key]) as Omit<AuditEntry, 'at'> & { at: string };
      return { key, entry: { ...raw, at: new Date(raw.at) } };
    });
}

function queue(properties: GoogleAppsScript.Properties.Properties, entries: readonly AuditEntry[]): void {
  const values: Record<string, string> = {};
  // A batch counter keeps batches from the same millisecond in order.
  const batch = Number(properties.getProperty(BATCH_PROPERTY) ?? '0') + 1;
  values[BATCH_PROPERTY] = String(batch);
  entries.forEach((entry, i) => {
    // Sortable key: time, batch, order within the batch, then a random part against other users' batches.
    const key = `${PENDING_PREFIX}${String(entry.at.getTime()).padStart(15, '0')}.${String(batch).padStart(9, '0')}.${String(i).padStart(4, '0')}.${Utilities.getUuid()}`;
    values[key] = JSON.stringify({ ...entry, at: entry.at.toISOString() });
  });
  properties.setProperties(values);
}

import { StoredAuditRow } from '../domain/audit-verify';
import { readText } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { CELL_KEYS, cellText } from '../audit/verify';

/**
 * What the rollover reads of the live Audit Log, and no more: the timestamp and hash columns
 * to choose and check rows (three columns, not twelve), and the full rows of a segment only.
 */
export interface LiveIndex {
  table: TrackerTable;
  at: string[];
  hash: string[];
  previousHash: string[];
}

export function liveIndex(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): LiveIndex {
  const table = TrackerTable.open(ss, 'audit');
  const cols = table.readColumns(['at', 'hash', 'previousHash'] as const, ['previousHash']);
  return { table, at: cols.at.map(cellText), hash: cols.hash.map(readText), previousHash: cols.previousHash.map(readText) };
}

/** The first `count` live rows as stored (what is hashed, untrimmed): one read. */
export function firstLiveRows(table: TrackerTable, count: number): StoredAuditRow[] {
  return table.readRows(2, count + 1).map((r, i) => ({
    row: i + 2,
    cells: CELL_KEYS.map((k) => cellText(r[k])),
    hash: readText(r.hash),
    previousHash: table.has('previousHash') ? readText(r.previousHash) : '',
  }));
}

/** The Record IDs of the last `count` live rows: one read. */
export function lastRecordIds(table: TrackerTable, count: number): string[] {
  const last = table.lastRow();
  if (last < 2) return [];
  const first = Math.max(2, last - count + 1);
  return table.sheet
    .getRange(first, table.column('recordId'), last - first + 1, 1)
    .getValues()
    .map((r) => readText(r[0]));
}

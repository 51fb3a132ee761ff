import { AuditHead, ChainReport, ReceiptReport, StoredAuditRow, checkReceipt, verifyChain } from '../domain/audit-verify';
import { readText } from '../tracker/cells';
import { TrackerState } from '../tracker/state';
import { TrackerTable } from '../tracker/table';

/**
 * "Verify audit log": recomputes the whole chain from one read of the tab and
 * compares its end with the head the tracker keeps outside the sheet; given a
 * receipt from an email, says whether the log still holds the row it vouches
 * for. A fixed number of spreadsheet calls, and no service call per row.
 */
/** Where trackers before the team version kept the head (document properties). */
export const LEGACY_HEAD_PROPERTY = 'tracker.audit.head';
export const CELL_KEYS = ['at', 'localTime', 'user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;

function readLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredAuditRow[] {
  const table = TrackerTable.open(ss, 'audit');
  const cols = table.readColumns([...CELL_KEYS, 'hash', 'previousHash'] as const, ['previousHash']);
  const rows: StoredAuditRow[] = [];
  for (let i = 0; i < cols.hash.length; i++) {
    rows.push({
      row: i + 2,
      // Exactly what was hashed: stored text, untrimmed.
      cells: CELL_KEYS.map((k) => cellText(cols[k][i])),
      hash: readText(cols.hash[i]),
      previousHash: readText(cols.previousHash[i]),
    });
  }
  return rows;
}

export function verifyAuditLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties | null, receipt = ''): ChainReport & { receipt: ReceiptReport | null } {
  const rows = readLog(ss);
  const head = TrackerState.read(ss).auditHead() ?? readLegacyHead(properties);
  return { ...verifyChain(rows, head), receipt: receipt.trim() ? checkReceipt(rows, receipt) : null };
}

/** A hashed cell's text as stored (what Verify hashes). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function readLegacyHead(properties: GoogleAppsScript.Properties.Properties | null): AuditHead | null {
  const raw = properties?.getProperty(LEGACY_HEAD_PROPERTY);
  if (!raw) return null;
  try {
    const head = JSON.parse(raw) as AuditHead;
    return typeof head.hash === 'string' && typeof head.rows === 'number' ? head : null;
  } catch {
    return null;
  }
}

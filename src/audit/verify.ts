import { AuditHead, ChainReport, ReceiptReport, StoredAuditRow, checkReceipt, verifyChain } from '../domain/audit-verify';
import { readText } from '../tracker/cells';
import { TrackerState } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { verifyArchives } from '../capacity/archive-verify';

/**
 * "Verify audit log": recomputes the whole chain from one read of the tab and
 * compares its end with the head the tracker keeps outside the sheet; given a
 * receipt from an email, says whether the log still holds the row it vouches
 * for. A fixed number of spreadsheet calls, and no service call per row.
 */
/** Where trackers before the team version kept the head (document properties). */
export const LEGACY_HEAD_PROPERTY = 'tracker.audit.head';
export const CELL_KEYS = ['at', 'localTime', 'user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;

/** The live Audit Log's rows as stored: one read per run of adjacent columns. */
export function readLiveLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredAuditRow[] {
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
  const rows = readLiveLog(ss);
  const head = TrackerState.read(ss).auditHead() ?? readLegacyHead(properties);
  const archives = verifyArchives(ss, rows[0]?.previousHash ?? '');
  const live = verifyChain(rows, head, archives.endHash);
  // Receipts count rows along the whole chain, archives first.
  const checked = receipt.trim() ? checkReceipt([...archives.rows, ...rows], receipt) : null;
  if (archives.files === 0 && archives.problems.length === 0) return { ...live, receipt: checked };
  const inArchives = archives.rows.length;
  const prefix = `Archives: ${archives.files} file${archives.files === 1 ? '' : 's'}, ${inArchives.toLocaleString('en-US')} rows`;
  if (archives.problems.length) {
    const message = `${prefix}: ${archives.problems.join(' ')}\nLive log: ${live.message}`;
    return { intact: false, rows: live.rows, row: live.intact ? 1 : live.row, problem: live.intact ? 'altered' : live.problem, message, receipt: checked };
  }
  return { ...live, message: `${prefix}, intact.\nLive log: ${live.message}`, receipt: checked };
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

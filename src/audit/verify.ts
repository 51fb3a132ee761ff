import { AuditHead, ChainReport, StoredAuditRow, verifyChain } from '../domain/audit-verify';
import { readText } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';

/**
 * "Verify audit log": recomputes the whole chain from one read of the tab.
 * A fixed number of spreadsheet calls, and no service call per row.
 */
export const AUDIT_HEAD_PROPERTY = 'tracker.audit.head';
const CELL_KEYS = ['at', 'localTime', 'user', 'source', 'tab', 'range', 'recordId', 'field', 'oldValue', 'newValue'] as const;

export function verifyAuditLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, properties: GoogleAppsScript.Properties.Properties | null): ChainReport {
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
  return verifyChain(rows, readHead(properties));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function readHead(properties: GoogleAppsScript.Properties.Properties | null): AuditHead | null {
  const raw = properties?.getProperty(AUDIT_HEAD_PROPERTY);
  if (!raw) return null;
  try {
    const head = JSON.parse(raw) as AuditHead;
    return typeof head.hash === 'string' && typeof head.rows === 'number' ? head : null;
  } catch {
    return null;
  }
}

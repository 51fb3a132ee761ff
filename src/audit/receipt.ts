import { receiptText } from '../domain/audit-verify';
import { KeyStore, readAuditHead } from '../tracker/state';
import { archivedRows } from '../domain/capacity';
import { ArchiveJournal } from '../capacity/journal';

/**
 * The Audit Log's current head as a receipt line for emails (the digest, the
 * payout summary): kept in people's mailboxes, outside the spreadsheet, it lets
 * "Verify audit log" prove later that nothing before it was cut or rewritten.
 * '' before the log has a head.
 */
export function currentReceipt(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const head = readAuditHead(new KeyStore(ss));
  // Rows counted along the whole chain (archived rows first), as Verify counts them.
  return head && head.hash ? receiptText({ ...head, rows: archivedRows(new ArchiveJournal(ss).segments()) + head.rows }) : '';
}

import { chainHash } from './audit-chain';

/**
 * Verifies the Audit Log's hash chain. Each row stores its hash and the hash it
 * was chained to, so the first broken row tells what happened:
 * - altered: the row links to the row above, but its content no longer hashes to its hash;
 * - inserted: the row breaks the chain, and the row below links over it to the row above;
 * - deleted: the row is intact in itself, but links to a hash that is no longer above it.
 * Deleting the last rows leaves no broken link, so the log's last known head
 * (hash and row count, kept by the tracker) is checked too.
 * Rows written before the Previous Hash column existed are chained to the row above.
 */
export interface StoredAuditRow {
  /** Sheet row, for the report. */
  row: number;
  /** The ten hashed cells, Timestamp … New Value, as stored. */
  cells: string[];
  hash: string;
  /** '' for the first row and for rows from before schema 4. */
  previousHash: string;
}

export interface AuditHead {
  hash: string;
  rows: number;
}

export type ChainReport = { intact: true; rows: number; message: string } | { intact: false; rows: number; row: number; problem: 'altered' | 'inserted' | 'deleted'; message: string };

/** `start`: the hash the first row chains to ('' for a log that begins here; an archive's last hash after a rollover). */
export function verifyChain(rows: readonly StoredAuditRow[], head: AuditHead | null = null, start = ''): ChainReport {
  let previous = start;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const linkedTo = r.previousHash || previous;
    const linkOk = linkedTo === previous;
    const selfOk = chainHash(linkedTo, r.cells) === r.hash;
    if (linkOk && selfOk) {
      previous = r.hash;
      continue;
    }
    const next = rows[i + 1];
    if (next && (next.previousHash || '') === previous && chainHash(previous, next.cells) === next.hash) {
      return broken(rows.length, r.row, 'inserted', `Row ${r.row} was inserted: the row below it is chained directly to row ${r.row - 1}.`);
    }
    if (selfOk && !linkOk) {
      return broken(
        rows.length,
        r.row,
        'deleted',
        i === 0
          ? `Rows were deleted before row ${r.row}: it is chained to a row that is no longer in the log.`
          : `Rows were deleted between rows ${rows[i - 1].row} and ${r.row}: row ${r.row} is chained to a row that is no longer there.`,
      );
    }
    return broken(rows.length, r.row, 'altered', `Row ${r.row} was altered: its content no longer matches its hash.`);
  }
  if (head && head.hash) {
    const at = rows.findIndex((r) => r.hash === head.hash);
    // Every row rolled over into archives, none written since: the head is the archives' last row.
    if (at < 0 && rows.length === 0 && head.rows === 0 && head.hash === start) return { intact: true, rows: 0, message: 'Intact, 0 rows.' };
    if (at < 0 && rows.length < head.rows) {
      const last = rows.length ? rows[rows.length - 1].row : 1;
      return broken(rows.length, last + 1, 'deleted', `The last ${head.rows - rows.length} row(s) were deleted: the log had ${head.rows} rows, it has ${rows.length}.`);
    }
    if (at < 0) return broken(rows.length, rows.length ? rows[rows.length - 1].row : 1, 'altered', 'The log no longer contains the last row the tracker wrote.');
  }
  return { intact: true, rows: rows.length, message: `Intact, ${rows.length} row${rows.length === 1 ? '' : 's'}.` };
}

function broken(rows: number, row: number, problem: 'altered' | 'inserted' | 'deleted', message: string): ChainReport {
  return { intact: false, rows, row, problem, message };
}

/**
 * A receipt: the log's head as an email carried it ("Audit receipt: 1,234 rows ·
 * 9f86d081884c7d65"). Kept outside the spreadsheet, it proves later that the log
 * still holds, unchanged, every row up to that one.
 */
export const RECEIPT_HASH_CHARS = 16;

export function receiptText(head: AuditHead): string {
  return `Audit receipt: ${head.rows.toLocaleString('en-US')} rows · ${head.hash.slice(0, RECEIPT_HASH_CHARS)}`;
}

export interface ReceiptReport {
  contained: boolean;
  message: string;
}

export function checkReceipt(rows: readonly StoredAuditRow[], receipt: string): ReceiptReport {
  // At least the receipt's 16 hex digits: a shorter hash would be a check an owner could forge.
  const m = new RegExp(`([\\d,]+)\\s*rows?\\s*[·.:-]?\\s*([0-9a-f]{${RECEIPT_HASH_CHARS},64})`, 'i').exec(receipt);
  if (!m) return { contained: false, message: 'That is not a receipt: paste the line "Audit receipt: N rows · …" from a digest or payout summary email.' };
  const count = Number(m[1].replace(/,/g, ''));
  const hash = m[2].toLowerCase();
  const report = verifyChain(rows.slice(0, count));
  const row = rows[count - 1];
  if (!row || !row.hash.startsWith(hash)) {
    return {
      contained: false,
      message: `The log no longer holds the receipt's row ${count + 1} as it was (${rows.length} rows now${row ? `; row ${count + 1} has another hash` : ''}): rows were deleted or rewritten since.`,
    };
  }
  if (!report.intact) return { contained: false, message: `The receipt's row is there, but the log before it was changed: ${report.message}` };
  return { contained: true, message: `The log still holds the receipt's ${count} rows, unchanged.` };
}

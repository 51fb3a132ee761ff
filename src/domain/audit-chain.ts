/**
 * The Audit Log's hash chain. Each row's hash is SHA-256 over the previous
 * row's hash and the row's own cells, so altering, inserting or deleting a row
 * breaks every hash after it. The hash function is injected (Utilities in Apps
 * Script, node:crypto in tests) to keep this module pure.
 */
export interface AuditEntry {
  /** UTC instant. */
  at: Date;
  user: string;
  /** Who made the change: edit (a person), sidebar, form, expiry, setup, … */
  source: string;
  tab: string;
  range: string;
  recordId: string;
  field: string;
  oldValue: string;
  newValue: string;
}

/** The cells of an audit row before its hash, in column order (Timestamp … New Value). */
export function auditCells(entry: AuditEntry, localTime: string): string[] {
  return [
    entry.at.toISOString(), localTime, entry.user, entry.source, entry.tab, entry.range, entry.recordId, entry.field, entry.oldValue, entry.newValue,
  ];
}

/** Unit separator: cannot be typed into a cell by accident, so fields cannot run into each other. */
const SEPARATOR = '\u001f';

export function chainInput(previousHash: string, cells: readonly string[]): string {
  return [previousHash, ...cells].join(SEPARATOR);
}

/** Utilities.computeDigest's signed bytes (or any byte array) as lower-case hex. */
export function bytesToHex(bytes: readonly number[]): string {
  let out = '';
  for (const b of bytes) out += ((b + 256) % 256).toString(16).padStart(2, '0');
  return out;
}

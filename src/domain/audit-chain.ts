import { sha256 } from '@noble/hashes/sha256';

/**
 * The Audit Log's hash chain. Each row's hash is SHA-256 over the previous
 * row's hash and the row's own cells, so altering, inserting or deleting a row
 * breaks every hash after it. Hashing is pure JavaScript (@noble/hashes, about
 * 6 KB): verifying 100k rows must not cost 100k Utilities.computeDigest calls.
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
  return [entry.at.toISOString(), localTime, entry.user, entry.source, entry.tab, entry.range, entry.recordId, entry.field, entry.oldValue, entry.newValue];
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

/** UTF-8 bytes of a string (Apps Script has no TextEncoder). Lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(Array.from(sha256(utf8Bytes(text))));
}

/** The hash of an audit row chained to the previous row's hash. */
export function chainHash(previousHash: string, cells: readonly string[]): string {
  return sha256Hex(chainInput(previousHash, cells));
}

import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8Bytes } from './audit-chain';

/**
 * A row's seal: the values of its authority fields (ID, status, sign-offs) as
 * the tracker last confirmed them, and an HMAC over them that only the
 * tracker's code can make (its key lives in the add-on's properties, which no
 * one can read from the sheet).
 *
 * Google's protections decide who may type into a cell; the seal tells what the
 * tracker itself wrote. Any change that did not go through the tracker — a
 * paste, a fill, a clear, a copied seal, a row typed in by hand — shows up as a
 * difference between the visible cells and the seal, whatever shape the edit
 * had and even if no trigger saw it. The seal also holds what to put back.
 *
 *   ["L-000001","P-000001","New","ana@example.com"]#9f86d081884c7d659a2feaa0
 *
 * A seal without its values ("#mac") only vouches for the row (the Mail Queue,
 * where a copy of the email body would not fit in a cell).
 */
const MAC_HEX = 24;
const SEPARATOR = '#';

export type SealState =
  | { kind: 'sealed'; confirmed: string[] | null }
  /** No seal: the row was not written by the tracker (typed or pasted in). */
  | { kind: 'unsealed' }
  /** A seal the tracker did not make for this row (altered, copied from another row, or corrupt). */
  | { kind: 'forged' };

function mac(key: Uint8Array, tab: string, values: readonly string[]): string {
  return bytesToHex(Array.from(hmac(sha256, key, utf8Bytes(JSON.stringify([tab, ...values]))))).slice(0, MAC_HEX);
}

/** The seal cell for a row's confirmed values. `copy` false leaves the values out (they stay verifiable against the row). */
export function sealCell(key: Uint8Array, tab: string, values: readonly string[], copy = true): string {
  return `${copy ? JSON.stringify(values) : ''}${SEPARATOR}${mac(key, tab, values)}`;
}

/**
 * Reads a seal cell. With a copy, the confirmed values come from the seal; a
 * copy-less seal is checked against `visible` (the row's values now).
 */
export function openSeal(key: Uint8Array, tab: string, cell: string, fieldCount: number, visible: readonly string[]): SealState {
  const text = cell.trim();
  if (!text) return { kind: 'unsealed' };
  const at = text.lastIndexOf(SEPARATOR);
  if (at < 0) return { kind: 'forged' };
  const body = text.slice(0, at);
  const code = text.slice(at + 1);
  if (!body) return mac(key, tab, visible) === code ? { kind: 'sealed', confirmed: null } : { kind: 'forged' };
  let values: unknown;
  try {
    values = JSON.parse(body);
  } catch {
    return { kind: 'forged' };
  }
  if (!Array.isArray(values) || values.length !== fieldCount || values.some((v) => typeof v !== 'string')) return { kind: 'forged' };
  return mac(key, tab, values as string[]) === code ? { kind: 'sealed', confirmed: values as string[] } : { kind: 'forged' };
}

/** A new signing key from two UUIDs' randomness (Apps Script has no crypto API): 64 hex characters. */
export function newSealKeyHex(uuids: readonly string[]): string {
  return bytesToHex(Array.from(sha256(utf8Bytes(uuids.join('|')))));
}

export function sealKeyBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('The tracker\'s signing key is damaged. Run "Set up tracker" as the owner to repair it.');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { utf8Bytes } from '../audit-chain';
import { base64Decode, base64Encode } from './signing';

/**
 * An endpoint's signing secret, sealed for keeping in the tracker's record (pure). Apps Script
 * gives the owner's hourly run no document properties, and a manager's sidebar cannot write the
 * owner's user properties, so the secret is kept in the tracker's developer metadata, which both
 * can read but which Google says may be visible to people who can view the file: it is kept there
 * encrypted under the tracker's own key (the seal key, which only the add-on's code can read: the
 * document's properties and the owner's user properties).
 *
 * The cipher is built from HMAC-SHA256 alone (the only primitive at hand in Apps Script): a
 * keystream HMAC(kEnc, nonce ‖ counter) XORed with the secret, then HMAC(kMac, endpoint ‖ nonce ‖
 * ciphertext) as its tag (encrypt-then-MAC), keys derived from the seal key by HMAC with distinct
 * labels. The endpoint ID is under the tag, so a sealed secret copied to another endpoint does not open.
 */
const TAG_BYTES = 16;
const NONCE_BYTES = 16;

const derive = (key: Uint8Array, label: string) => hmac(sha256, key, utf8Bytes(`webhook-secret ${label}`));

function keystream(kEnc: Uint8Array, nonce: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 32 < length; block++) {
    const input = new Uint8Array(nonce.length + 4);
    input.set(nonce);
    input.set([block >>> 24, (block >>> 16) & 255, (block >>> 8) & 255, block & 255], nonce.length);
    const bytes = hmac(sha256, kEnc, input);
    out.set(bytes.slice(0, Math.min(32, length - block * 32)), block * 32);
  }
  return out;
}

function tagOf(key: Uint8Array, endpointId: string, nonce: Uint8Array, cipher: Uint8Array): Uint8Array {
  const id = utf8Bytes(`${endpointId}\u0000`);
  const input = new Uint8Array(id.length + nonce.length + cipher.length);
  input.set(id);
  input.set(nonce, id.length);
  input.set(cipher, id.length + nonce.length);
  return hmac(sha256, derive(key, 'mac'), input).slice(0, TAG_BYTES);
}

/** `nonceSeed`: fresh randomness (a UUID), so sealing the same secret twice gives two texts. */
export function sealSecret(key: Uint8Array, endpointId: string, secret: string, nonceSeed: string): string {
  const nonce = sha256(utf8Bytes(`nonce\u0000${nonceSeed}`)).slice(0, NONCE_BYTES);
  const plain = utf8Bytes(secret);
  const stream = keystream(derive(key, 'enc'), nonce, plain.length);
  const cipher = plain.map((b, i) => b ^ stream[i]);
  const out = new Uint8Array(NONCE_BYTES + cipher.length + TAG_BYTES);
  out.set(nonce);
  out.set(cipher, NONCE_BYTES);
  out.set(tagOf(key, endpointId, nonce, cipher), NONCE_BYTES + cipher.length);
  return base64Encode(out);
}

/** The secret, or null when the text is not one this key sealed for this endpoint. */
export function openSecret(key: Uint8Array, endpointId: string, sealed: string): string | null {
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(sealed);
  } catch {
    return null;
  }
  if (bytes.length <= NONCE_BYTES + TAG_BYTES) return null;
  const nonce = bytes.slice(0, NONCE_BYTES);
  const cipher = bytes.slice(NONCE_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.slice(bytes.length - TAG_BYTES);
  const expected = tagOf(key, endpointId, nonce, cipher);
  let diff = 0;
  for (let i = 0; i < TAG_BYTES; i++) diff |= tag[i] ^ expected[i];
  if (diff !== 0) return null;
  const stream = keystream(derive(key, 'enc'), nonce, cipher.length);
  return String.fromCharCode(...cipher.map((b, i) => b ^ stream[i]));
}

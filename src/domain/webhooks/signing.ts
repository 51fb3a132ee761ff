import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha256';
import { utf8Bytes } from '../audit-chain';

/**
 * Standard Webhooks signing (pure). The specification (github.com/standard-webhooks/standard-webhooks,
 * spec/standard-webhooks.md, "Signature scheme"): the signed content is `${webhook-id}.${webhook-timestamp}.${body}`,
 * signed with HMAC-SHA256 keyed by the secret's bytes (the base64 after `whsec_`), sent as
 * `webhook-signature: v1,<base64 signature>`; `webhook-timestamp` is integer seconds since the epoch,
 * taken at each attempt; `webhook-id` is the same for every attempt of one message (receivers dedupe on it).
 * Secrets are 24 to 64 random bytes ("whsec_" + base64). Apps Script has no btoa/atob: base64 is here.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const SECRET_PREFIX = 'whsec_';

export function base64Encode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Standard base64 (padding optional); throws on any other character. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base64');
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** The key bytes of a `whsec_…` secret. */
export function secretKey(secret: string): Uint8Array {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('internal: a webhook secret starts with whsec_');
  return base64Decode(secret.slice(SECRET_PREFIX.length));
}

/**
 * A new secret: 32 bytes (the spec asks for 24 to 64) from the entropy given, which the caller
 * takes from Utilities.getUuid() (random version-4 UUIDs, 122 random bits each; Apps Script has no
 * crypto.getRandomValues), hashed so the bytes are uniform.
 */
export function newWebhookSecret(entropy: readonly string[]): string {
  if (entropy.join('').length < 64) throw new Error('internal: a webhook secret needs at least two UUIDs of entropy');
  return SECRET_PREFIX + base64Encode(sha256(utf8Bytes(`whsec\u0000${entropy.join('\u0000')}`)));
}

/** The last 4 characters of a secret: enough to tell two apart, never enough to use. */
export const secretHint = (secret: string) => `…${secret.slice(-4)}`;

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>`. */
export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  if (!Number.isSafeInteger(timestampSeconds)) throw new Error('internal: webhook-timestamp is whole seconds');
  return `v1,${base64Encode(hmac(sha256, secretKey(secret), utf8Bytes(`${id}.${timestampSeconds}.${body}`)))}`;
}

/** The three headers of one attempt. */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature(secret, id, timestamp, body) };
}

/**
 * The message ID: `msg_` and 24 hex digits of a hash of what the message is (the Audit Log row it
 * came from, the event) and where it goes (the endpoint): the same however often the step that
 * queues it runs again, so a run that died half way queues no second message, and every retry
 * carries it.
 */
export function messageId(source: string, event: string, endpointId: string): string {
  const digest = sha256(utf8Bytes(`${source}\u0000${event}\u0000${endpointId}`));
  return `msg_${Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

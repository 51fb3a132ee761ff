/**
 * Sidebar writes carry a request ID the sidebar makes (sidebar/server.ts): the
 * same submission retried — after a timeout, a lost connection, an error the
 * person saw after the change was already made — returns the first outcome
 * instead of doing it twice. Outcomes are kept six hours (Google's longest) in
 * the document's cache: one call to look one up, one to keep it, nothing to
 * sweep, and never a byte of the document properties' 500 KB, which hold the
 * audit entries teammates leave. Google may evict a cached outcome early, and
 * one over 100 KB is not kept: then the operation's own idempotency — a
 * registration's request key, a payout run per period, a move already made —
 * answers the retry. A full cache or a refused value only loses the shortcut.
 */
import { utf8Bytes } from '../domain/utf8';

const PREFIX = 'tracker.request.';
const KEEP_SECONDS = 21600;
/** Google: 100 KB per cache value. */
const VALUE_LIMIT = 100 * 1024;
export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

type Cache = GoogleAppsScript.Cache.Cache;

let current: string | null = null;

/** The request ID of the sidebar call being served, or null (menus, triggers, an old sidebar). */
export function currentRequestId(): string | null {
  return current;
}

export function withRequestId<T>(id: string | null, task: () => T): T {
  const previous = current;
  current = id;
  try {
    return task();
  } finally {
    current = previous;
  }
}

export function storedOutcome(cache: Cache | null, id: string): { found: true; result: unknown } | { found: false } {
  const raw = cache?.get(PREFIX + id);
  if (!raw) return { found: false };
  try {
    return { found: true, result: (JSON.parse(raw) as { result: unknown }).result };
  } catch {
    return { found: false };
  }
}

/** Keeps an outcome for retries: one call. */
export function storeOutcome(cache: Cache | null, id: string, result: unknown, now: Date): void {
  if (!cache) return;
  const value = JSON.stringify({ at: now.toISOString(), result });
  if (utf8Bytes(value) <= VALUE_LIMIT) cache.put(PREFIX + id, value, KEEP_SECONDS);
}

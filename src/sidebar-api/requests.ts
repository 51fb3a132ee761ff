/**
 * Sidebar writes carry a request ID the sidebar makes (sidebar/server.ts): the
 * same submission retried — after a timeout, a lost connection, an error the
 * person saw after the change was already made — returns the first outcome
 * instead of doing it twice. Outcomes are kept a day in the document's
 * properties (each within Google's 9 KB per value; a larger one is not kept,
 * and the operation's own idempotency — a registration's request key, a
 * payout run per period — answers the retry instead).
 */
const PREFIX = 'tracker.request.';
const KEEP_MS = 24 * 60 * 60 * 1000;
const VALUE_LIMIT = 8500;
export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

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

export function storedOutcome(properties: GoogleAppsScript.Properties.Properties | null, id: string): { found: true; result: unknown } | { found: false } {
  const raw = properties?.getProperty(PREFIX + id);
  if (!raw) return { found: false };
  try {
    return { found: true, result: (JSON.parse(raw) as { result: unknown }).result };
  } catch {
    return { found: false };
  }
}

/** Keeps an outcome for retries, and forgets outcomes older than a day (one read of the store). */
export function storeOutcome(properties: GoogleAppsScript.Properties.Properties | null, id: string, result: unknown, now: Date): void {
  if (!properties) return;
  const value = JSON.stringify({ at: now.toISOString(), result });
  const all = properties.getProperties();
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(PREFIX)) continue;
    const at = /"at":"([^"]+)"/.exec(raw)?.[1];
    if (!at || now.getTime() - new Date(at).getTime() > KEEP_MS) properties.deleteProperty(key);
  }
  if (value.length <= VALUE_LIMIT) properties.setProperty(PREFIX + id, value);
}

import { currentSectionState } from './state';

/**
 * Record IDs (P-000001, L-000123): the next number after both the highest ID in
 * the tab and the highest ever issued, so a deleted last row never gives its ID
 * to a new record. Call under the document lock.
 *
 * Where the highest issued is kept: in the tracker's state (COUNTERS_KEY), which
 * the critical section has read already and whose write joins the section's
 * other writes, so a counter costs no round trip; the time-driven run, which has
 * no document properties, has them too. Trackers from before kept them in the
 * document properties (PROPERTY_PREFIX): read there while the state has none.
 */
const PROPERTY_PREFIX = 'tracker.lastId.';
export const COUNTERS_KEY = 'partnershipTracker.lastIds';

function stateCounters(): Record<string, number> | null {
  const state = currentSectionState();
  if (!state) return null;
  try {
    const parsed = JSON.parse(state.value(COUNTERS_KEY) || '{}') as Record<string, unknown>;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function highestIdNumber(prefix: string, ids: readonly unknown[]): number {
  let max = 0;
  const pattern = new RegExp(`^${prefix.replace(/[-]/g, '\\-')}(\\d+)$`);
  for (const id of ids) {
    const m = pattern.exec(String(id).trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export function formatId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/** The highest number issued for `prefix` as the counter records it, or null when it is missing or unreadable. */
function issuedCounter(properties: GoogleAppsScript.Properties.Properties | null, prefix: string): number | null {
  const kept = stateCounters()?.[prefix];
  if (kept !== undefined) return kept;
  const text = properties?.getProperty(PROPERTY_PREFIX + prefix) ?? null;
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export class IdAllocator {
  private next: number;
  private taken = false;

  constructor(
    private readonly prefix: string,
    existingIds: readonly unknown[],
    private readonly properties: GoogleAppsScript.Properties.Properties | null,
    issued?: number | null,
  ) {
    const counter = issued === undefined ? issuedCounter(properties, prefix) : issued;
    this.next = Math.max(highestIdNumber(prefix, existingIds), counter ?? 0) + 1;
  }

  /**
   * `count` IDs from the counter alone when it holds and none of the IDs it
   * would give is in the tab (`inUse`: one search); otherwise — the counter
   * missing (a tracker from before it, a time-driven run without document
   * properties) or behind (rows written by an older version, a run that died
   * before its commit) — from the whole ID column (`allIds`), as before.
   */
  static forNew(prefix: string, count: number, properties: GoogleAppsScript.Properties.Properties | null, inUse: (numbers: number[]) => boolean, allIds: () => readonly unknown[]): IdAllocator {
    const issued = issuedCounter(properties, prefix);
    if (count === 0) return new IdAllocator(prefix, [], properties, issued);
    if (issued !== null && !inUse(Array.from({ length: count }, (_, i) => issued + 1 + i))) {
      return new IdAllocator(prefix, [], properties, issued);
    }
    return new IdAllocator(prefix, allIds(), properties, issued);
  }

  take(): string {
    this.taken = true;
    return formatId(this.prefix, this.next++);
  }

  /** An ID adopted from a migration (P-000050 typed in): the counter moves past it, so no generated ID ever collides with it. */
  bumpPast(id: string): void {
    const n = highestIdNumber(this.prefix, [id]);
    if (n === 0) return;
    this.next = Math.max(this.next, n + 1);
    this.taken = true;
  }

  /** Records the highest ID issued (nothing when none was taken); call after the rows are written. */
  commit(): void {
    if (!this.taken) return;
    const counters = stateCounters();
    const state = currentSectionState();
    if (counters && state) state.write(COUNTERS_KEY, JSON.stringify({ ...counters, [this.prefix]: this.next - 1 }));
    else this.properties?.setProperty(PROPERTY_PREFIX + this.prefix, String(this.next - 1));
  }
}

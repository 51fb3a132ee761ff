import { SCHEMA_VERSION, TABS, TabKey, ListKey } from './schema';
import { readList, readSettingValues } from './settings-tab';
import { StoredPartner, readPartners } from '../partners/partner-store';
import { TrackerTable } from './table';
import { TrackerState, sectionGeneration } from './state';
import { Roster } from '../domain/roles';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Reference data: what nearly every operation reads and almost nothing
 * changes — each tab's header positions, the settings, the lists, the partners,
 * the spreadsheet's time zone. Read at most once per execution (a memo), and
 * kept between executions in the document cache (one getAll for all of it).
 *
 * Which cache: CacheService.getDocumentCache() where the run has a document.
 * The owner's hourly run opens the tracker by ID and has none; it reads
 * directly (the memo only). A script-cache copy keyed by the spreadsheet's ID
 * would be a second copy every invalidation had to clear too, in a cache every
 * customer of the add-on shares (1,000 items), for a run no one waits on.
 *
 * Google may evict any entry at any time: a miss reads the sheet and puts it
 * back. Entries live six hours at most (CACHE_SECONDS, Google's maximum), which
 * bounds how long a change Google never reports (a dropped burst of edits,
 * another tool, the spreadsheet's time zone changed) is read through a stale
 * copy; every change Google does report drops it at once (below), and writes
 * never go through a stale copy.
 *
 * Invalidation: the edit trigger drops what an edit touched (Settings, Lists,
 * Partners, any header row); the change trigger drops the headers on structural
 * changes (columns inserted or removed, tabs renamed, added, removed); the
 * tracker's own writes to those tabs drop them (TrackerTable writes, settings
 * writes, setup).
 *
 * Writes never trust a cached header map: a TrackerTable opened from the cache
 * reads its header row once before its first write in the execution
 * (TrackerTable.confirmColumns: one read of one row) and compares it with the
 * copy. A copy that no longer fits is dropped and the write refused (nothing
 * written), so a stale copy can make a run fail and be retried, never write
 * into the wrong column. (Checking the columns' identities instead would cost
 * no round trip — the state read could return them — but a getter call for each
 * of the ~150 identity entries on every run.)
 */
const CACHE_SECONDS = 21600;
/** Keys carry the schema version: a new version of the add-on with new columns never reads an older version's copy. */
const VERSION = `pt.ref.1.s${SCHEMA_VERSION}.`;
/** Google: 100 KB per cached value. A larger partners list is read, not cached. */
const VALUE_LIMIT = 90 * 1024;

export interface HeaderMap {
  sheetId: number;
  sheetName: string;
  /** The header row's trimmed display values (its full width). */
  header: string[];
  /** Column key → 1-based position. */
  positions: Array<[string, number]>;
  width: number;
}

type Part = 'core' | 'settings' | 'lists' | 'partners' | 'rules' | 'roster' | `headers.${TabKey}`;
const HEADER_PARTS = TABS.map((t) => `headers.${t.key}` as Part);
const ALL_PARTS: Part[] = ['core', 'settings', 'lists', 'partners', 'rules', 'roster', ...HEADER_PARTS];

/** What an invalidation names. */
export type ReferenceKind = 'headers' | 'settings' | 'lists' | 'partners' | 'rules' | 'roster' | 'timeZone';

export class Reference {
  private loaded: Partial<Record<Part, string>> | null = null;
  /** Others' cache keys (the match index) to fetch in the same getAll, and what it brought back for them. */
  private readonly extraKeys: string[] = [];
  private extras: { values: Record<string, string>; section: number } | null = null;
  private readonly memo = new Map<Part, unknown>();
  /** Header maps read from the sheet, or confirmed, in this execution. */
  private readonly confirmed = new Set<TabKey>();

  constructor(
    private readonly ss: Spreadsheet,
    private readonly cache: GoogleAppsScript.Cache.Cache | null,
  ) {}

  /** The spreadsheet's time zone (calendar dates in cells are in it). */
  timeZone(): string {
    return this.get('core', () => ({ timeZone: this.ss.getSpreadsheetTimeZone() })).timeZone;
  }

  /** A tab's column key → 1-based position (TrackerTable.open: cached, else its header row); null when the tab is missing. */
  headers(key: TabKey): ReadonlyMap<string, number> | null {
    return TrackerTable.tryOpen(this.ss, key)?.positions ?? null;
  }

  /** A tab's header positions as cached, or null (the caller reads the sheet and calls rememberHeaders). */
  cachedHeaders(key: TabKey): HeaderMap | null {
    const part: Part = `headers.${key}`;
    if (this.memo.has(part)) return this.memo.get(part) as HeaderMap;
    const raw = this.raw(part);
    const parsed = raw ? parseHeaderMap(raw) : null;
    if (parsed) this.memo.set(part, parsed);
    return parsed;
  }

  /** Stores a tab's header positions read from the sheet in this execution (confirmed). */
  rememberHeaders(key: TabKey, map: HeaderMap): void {
    const part: Part = `headers.${key}`;
    this.memo.set(part, map);
    this.confirmed.add(key);
    this.put(part, JSON.stringify(map));
  }

  /** Whether this execution read or checked the tab's header positions. */
  isConfirmed(key: TabKey): boolean {
    return this.confirmed.has(key);
  }

  markConfirmed(key: TabKey): void {
    this.confirmed.add(key);
  }

  /** Settings label → value as the tab shows them. */
  settings(): Map<string, string> {
    return new Map(this.get('settings', () => [...readSettingValues(this.ss)]));
  }

  /** A dropdown list the team keeps on the Lists tab. */
  list(key: ListKey): string[] {
    return this.get('lists', () => ({ products: readList(this.ss, 'products'), regions: readList(this.ss, 'regions') }))[key];
  }

  /** Every partner (the Partners tab, a small one), as readPartners gives them. */
  partners(): StoredPartner[] {
    return this.get('partners', () => readPartners(this.ss, this.timeZone()));
  }

  /** The partners if this execution has them or the cache holds them (no read of the tab); else null. */
  partnersIfAtHand(): StoredPartner[] | null {
    if (this.memo.has('partners') || this.raw('partners')) return this.partners();
    return null;
  }

  /**
   * The Commission Rules tab's rows (a small tab), as `read` gives them: commissions/commission-store.ts
   * passes its reader, so code that never reads rules does not carry it (each group of the bundle).
   */
  ruleRows<T>(read: () => T): T {
    return this.get('rules', read);
  }

  /**
   * The owner and the team as the tracker's record last held them: for planning before the
   * document lock only (who may try, whose run this is). Every decision is taken again inside
   * the lock on the state the critical section reads (team/access.ts), so a stale copy can
   * only make a run read a little more or refuse later, never let anyone do more.
   */
  rosterHint(): Roster {
    return this.get('roster', () => TrackerState.read(this.ss).roster());
  }

  /**
   * Asks the one getAll that loads the reference data to fetch these keys of the same cache too
   * (no effect once it has run). fetched() hands back what it found.
   */
  alsoFetch(keys: readonly string[]): void {
    if (!this.loaded) this.extraKeys.push(...keys);
  }

  /**
   * What the shared getAll found for these keys (absent keys are missing from the record); null
   * when it did not fetch them, or fetched them before the critical section now open (or outside
   * one), since what another run wrote meanwhile must be read.
   */
  fetched(keys: readonly string[]): Record<string, string> | null {
    if (!this.extras || this.extras.section !== sectionGeneration()) return null;
    const asked = new Set(this.extraKeys);
    if (!keys.every((k) => asked.has(k))) return null;
    return this.extras.values;
  }

  /** Forgets what a change touched, here and in the cache (one call). */
  drop(...kinds: ReferenceKind[]): void {
    const parts = new Set<Part>();
    for (const kind of kinds) {
      if (kind === 'headers') HEADER_PARTS.forEach((p) => parts.add(p));
      else parts.add(kind === 'timeZone' ? 'core' : kind);
    }
    for (const part of parts) {
      this.memo.delete(part);
      if (this.loaded) delete this.loaded[part];
    }
    if (kinds.includes('headers')) this.confirmed.clear();
    if (this.cache && parts.size) this.cache.removeAll([...parts].map((p) => VERSION + p));
  }

  /** Drops one tab's header positions (they no longer fit the sheet). */
  dropHeaders(key: TabKey): void {
    const part: Part = `headers.${key}`;
    this.memo.delete(part);
    this.confirmed.delete(key);
    if (this.loaded) delete this.loaded[part];
    if (this.cache) this.cache.remove(VERSION + part);
  }

  private get<T>(part: Part, read: () => T): T {
    if (this.memo.has(part)) return this.memo.get(part) as T;
    const raw = this.raw(part);
    if (raw) {
      try {
        const value = JSON.parse(raw) as T;
        this.memo.set(part, value);
        return value;
      } catch {
        // a damaged entry: read it again
      }
    }
    const value = read();
    this.memo.set(part, value);
    this.put(part, JSON.stringify(value));
    return value;
  }

  /** The cached text of one part: the first miss in an execution fetches every part at once. */
  private raw(part: Part): string | undefined {
    if (!this.cache) return undefined;
    if (!this.loaded) {
      try {
        const all = this.cache.getAll([...ALL_PARTS.map((p) => VERSION + p), ...this.extraKeys]);
        this.loaded = {};
        for (const p of ALL_PARTS) if (all[VERSION + p]) this.loaded[p] = all[VERSION + p];
        if (this.extraKeys.length) this.extras = { values: all, section: sectionGeneration() };
      } catch {
        // The cache is a convenience: without it, read the sheet.
        this.loaded = {};
      }
    }
    return this.loaded[part];
  }

  private put(part: Part, text: string): void {
    if (!this.cache || text.length > VALUE_LIMIT) return;
    try {
      this.cache.put(VERSION + part, text, CACHE_SECONDS);
    } catch {
      // not kept: the next execution reads the sheet again
    }
  }
}

function parseHeaderMap(raw: string): HeaderMap | null {
  try {
    const m = JSON.parse(raw) as HeaderMap;
    return typeof m.sheetId === 'number' && typeof m.sheetName === 'string' && Array.isArray(m.header) && Array.isArray(m.positions) && typeof m.width === 'number' ? m : null;
  } catch {
    return null;
  }
}

/**
 * This execution's reference data for a spreadsheet. Apps Script starts every execution
 * with fresh globals; the emulator keeps one context per loaded bundle, so each entry point
 * starts a new scope (beginExecution, called by trackerContext and the hourly run's context).
 */
let scope: Map<string, Reference> = new Map();
/** The last spreadsheet object asked about, so a loop asking again costs no getId call. */
let last: { ss: Spreadsheet; ref: Reference } | null = null;

export function beginExecution(): void {
  scope = new Map();
  last = null;
}

export function reference(ss: Spreadsheet): Reference {
  if (last && last.ss === ss) return last.ref;
  const id = ss.getId();
  let ref = scope.get(id);
  if (!ref) scope.set(id, (ref = new Reference(ss, documentCacheFor(ss))));
  last = { ss, ref };
  return ref;
}

/** The document cache when `ss` is the run's own document; null in a run without one (the hourly run) or for another file. */
function documentCacheFor(ss: Spreadsheet): GoogleAppsScript.Cache.Cache | null {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (!active || active.getId() !== ss.getId()) return null;
  return CacheService.getDocumentCache();
}

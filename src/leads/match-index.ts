import { Conflict, MatchKeys, RegistrationToMatch, matchKeysOf } from '../domain/matching';
import { INDEXED_STATUSES, IndexCoverage, IndexedLead, conflictIndexOf, decodeChunks, encodeChunks, sameEntry } from '../domain/matching/lead-index';
import { CellValue, readIsoDate, readText } from '../tracker/cells';
import { highestArchivedLeadId } from '../capacity/lead-archive-journal';
import { highestIdNumber } from '../tracker/ids';
import { TrackerTable } from '../tracker/table';
import { reference } from '../tracker/reference';

/**
 * The open leads a registration is matched against, kept in the document's cache between
 * executions (domain/matching/lead-index.ts says what it holds), so a registration costs the
 * same at 100k leads as at 1k: one cache read, the tab's last row, and one row read for the
 * lead it collides with.
 *
 * Why it can be trusted:
 * - Any lead it names is read back from the sheet before a registration is told it collides:
 *   a lead since closed, expired, renamed or moved (its row no longer holds its ID) is
 *   corrected and matching runs again; a moved row means the index is rebuilt.
 * - Rows added below what it covers (by anyone) are read and added before matching.
 * - What could hide a collision is a lead that became open, or changed what it matches on, in
 *   place: the tracker's own moves that open a lead (Conflict → Accepted) and grid edits of a
 *   lead's company, website, domain, email, status or protection drop it (forgetMatchIndex).
 *   An edit Google reports no event for is seen when the cached copy expires (6 hours, Google's
 *   maximum) or is evicted (Google may evict any time).
 * - Eviction, a damaged chunk, or chunks of two builds: the index is rebuilt from the tab's
 *   columns (the cost every registration used to pay) and cached again.
 * Where there is no document cache (an add-on's time-driven run has no document) it is built
 * from the columns for that execution. Call under the document lock.
 */
const PREFIX = 'tracker.matchIndex.';
const META_KEY = `${PREFIX}meta`;
/** Chunks of ~95 KB: 120 hold ~11 MB, about 100k open leads. Past that the index is not cached. */
const MAX_CHUNKS = 120;
const CHUNK_KEYS = Array.from({ length: MAX_CHUNKS }, (_, i) => `${PREFIX}${i + 1}`);
/** Every key the index may use: a registration asks for them with the reference data (one getAll; see prefetchMatchIndex). */
const MATCH_INDEX_KEYS: readonly string[] = [META_KEY, ...CHUNK_KEYS];
const EXPIRY_SECONDS = 21600;
/** A lead the index names and the sheet contradicts is corrected and matching runs again: at most this often before rebuilding. */
const MAX_CORRECTIONS = 5;

const ROW_KEYS = ['id', 'registeredAt', 'partnerId', 'company', 'domain', 'contactEmail', 'status', 'protectedUntil'] as const;

interface Meta extends IndexCoverage {
  v: 1;
  token: string;
  chunks: number;
}

type Cache = GoogleAppsScript.Cache.Cache;

export class MatchIndex {
  /** Chunks to write back: all of them after a build, the last one (and the meta) after an append. */
  private dirty: 'none' | 'tail' | 'all' = 'none';
  /** Rows of leads planned in this run but not yet written (addUnwritten). */
  private readonly unwritten = new Set<number>();

  private constructor(
    private readonly table: TrackerTable,
    private readonly cache: Cache | null,
    private readonly timeZone: string,
    private entries: IndexedLead[],
    private coverage: IndexCoverage,
    private token: string,
  ) {}

  /** The index for this execution: from the cache, caught up with rows added since; or built from the tab. */
  static open(table: TrackerTable, timeZone: string, cache: Cache | null = documentCache()): MatchIndex {
    const lastRow = table.lastRow();
    const cached = cache ? readCached(cache, reference(table.ss).fetched(MATCH_INDEX_KEYS)) : null;
    if (cached && cached.coverage.lastRow <= lastRow) {
      const index = new MatchIndex(table, cache, timeZone, cached.entries, cached.coverage, cached.token);
      index.catchUp(lastRow);
      return index;
    }
    return MatchIndex.build(table, timeZone, cache);
  }

  private static build(table: TrackerTable, timeZone: string, cache: Cache | null): MatchIndex {
    const cols = table.readColumns(ROW_KEYS, ['protectedUntil']);
    const entries: IndexedLead[] = [];
    const hostDomains = new Map<string, string>();
    for (let i = 0; i < cols.id.length; i++) {
      const entry = entryOf(i + 2, (k) => cols[k][i], timeZone, hostDomains);
      if (entry) entries.push(entry);
    }
    // Archived leads left the tab but keep their IDs: a new lead never gets one (capacity/lead-archive.ts).
    const highestId = Math.max(highestIdNumber('L-', cols.id), highestArchivedLeadId(table.ss));
    const index = new MatchIndex(table, cache, timeZone, entries, { lastRow: table.lastRow(), highestId }, newToken());
    index.dirty = 'all';
    return index;
  }

  /** Highest lead ID number in the tab or ever archived (for the ID allocator, with the counter in properties). */
  get highestId(): number {
    return this.coverage.highestId;
  }

  /**
   * The earliest open, protected lead the registration collides with, checked against the
   * sheet. `partnerName` names a lead's partner in the conflict's description.
   */
  findConflict(candidate: RegistrationToMatch, today: string, partnerName: (id: string) => string, ownRow?: number): Conflict | null {
    // A lead typed into the tab is matched where it stands: never against its own row.
    const others = () => (ownRow === undefined ? this.entries : this.entries.filter((e) => e.row !== ownRow));
    for (let attempt = 0; attempt <= MAX_CORRECTIONS; attempt++) {
      const { index, entryOf: entryBehind } = conflictIndexOf(others(), today, partnerName);
      const found = index.findConflict(candidate);
      if (!found) return null;
      const entry = entryBehind.get(found.lead) as IndexedLead;
      // A lead planned in this run and not yet written is as the run planned it (the sheet's row is still empty).
      const fresh = this.unwritten.has(entry.row) ? entry : this.readEntry(entry.row);
      if (fresh && sameEntry(fresh, entry)) return found;
      if (!fresh || fresh.id !== entry.id) {
        // Rows moved (sorted, deleted): the row numbers are no longer to be trusted.
        this.rebuild();
      } else {
        // Closed, expired, renamed…: what the sheet says now replaces it (a lead that can no longer collide leaves the index).
        this.entries = this.entries.flatMap((e) => (e !== entry ? [e] : INDEXED_STATUSES.has(fresh.status) ? [fresh] : []));
        this.dirty = 'all';
      }
    }
    this.rebuild();
    const { index } = conflictIndexOf(others(), today, partnerName);
    return index.findConflict(candidate);
  }

  /** Adds a lead just written at `row` (the index then covers it). */
  add(row: number, cells: Readonly<Record<string, CellValue>>): void {
    const entry = entryOf(row, (k) => cells[k], this.timeZone, new Map());
    if (entry) this.entries.push(entry);
    this.coverage = { lastRow: Math.max(this.coverage.lastRow, row), highestId: Math.max(this.coverage.highestId, highestIdNumber('L-', [cells.id])) };
    if (this.dirty === 'none') this.dirty = 'tail';
  }

  /**
   * A lead planned for `row` that the caller writes later with others (one append for a batch:
   * the Inbound tab's rows): matched against from now on, and not read back from its empty row.
   */
  addUnwritten(row: number, cells: Readonly<Record<string, CellValue>>): void {
    this.add(row, cells);
    this.unwritten.add(row);
  }

  /** A lead written over `row` (a typed lead adopted where it stands): replaces what the index held for the row. */
  put(row: number, cells: Readonly<Record<string, CellValue>>): void {
    this.entries = this.entries.filter((e) => e.row !== row);
    this.add(row, cells);
    this.dirty = 'all';
  }

  /** Writes what changed back to the cache: one call. A cache that refuses (full, too big) only costs the next run a rebuild. */
  save(): void {
    if (!this.cache || this.dirty === 'none') return;
    const chunks = encodeChunks(this.token, this.entries);
    if (chunks.length > MAX_CHUNKS) {
      this.cache.remove(META_KEY);
      return;
    }
    const meta: Meta = { v: 1, token: this.token, chunks: chunks.length, ...this.coverage };
    const values: Record<string, string> = { [META_KEY]: JSON.stringify(meta) };
    // After an append only the last chunk changed, unless the new entry opened another one (the meta says how many there are).
    const from = this.dirty === 'tail' ? Math.max(0, chunks.length - 2) : 0;
    for (let i = from; i < chunks.length; i++) values[CHUNK_KEYS[i]] = chunks[i];
    try {
      this.cache.putAll(values, EXPIRY_SECONDS);
      this.dirty = 'none';
    } catch {
      // Google's cache may refuse a value; the next registration rebuilds the index.
      this.cache.remove(META_KEY);
    }
  }

  private catchUp(lastRow: number): void {
    if (lastRow <= this.coverage.lastRow) return;
    const rows = this.table.readRows(this.coverage.lastRow + 1, lastRow);
    const hostDomains = new Map<string, string>();
    rows.forEach((record, i) => {
      const entry = entryOf(this.coverage.lastRow + 1 + i, (k) => record[k], this.timeZone, hostDomains);
      if (entry) this.entries.push(entry);
    });
    this.coverage = {
      lastRow,
      highestId: Math.max(
        this.coverage.highestId,
        highestIdNumber(
          'L-',
          rows.map((r) => r.id),
        ),
      ),
    };
    this.dirty = 'all';
  }

  private rebuild(): void {
    const built = MatchIndex.build(this.table, this.timeZone, this.cache);
    // Leads planned but not yet written are not on the sheet to rebuild from: they are kept.
    const planned = this.entries.filter((e) => this.unwritten.has(e.row));
    this.entries = [...built.entries.filter((e) => !this.unwritten.has(e.row)), ...planned];
    this.coverage = planned.length
      ? { ...built.coverage, lastRow: Math.max(built.coverage.lastRow, this.coverage.lastRow), highestId: Math.max(built.coverage.highestId, this.coverage.highestId) }
      : built.coverage;
    this.token = built.token;
    this.dirty = 'all';
  }

  private readEntry(row: number): IndexedLead | null {
    if (row < 2 || row > this.table.lastRow()) return null;
    const record = this.table.readRows(row, row)[0];
    return entryOf(row, (k) => record[k], this.timeZone, new Map(), true);
  }
}

/** Drops the cached index: the next registration rebuilds it. For changes that may open a lead or change what it matches on. */
export function forgetMatchIndex(cache: Cache | null = documentCache()): void {
  cache?.remove(META_KEY);
}

/** Leads columns whose change in place can hide a collision from the index (a website's domain is its Company Domain). */
const MATCHED_COLUMNS: ReadonlySet<string> = new Set([...ROW_KEYS, 'website']);

/**
 * For the edit trigger: drops the index when a change to Leads columns `first`..`first + count - 1`
 * touched what matching reads (a status typed back to open, a company renamed…). One cache call,
 * only then; other columns (notes, amounts) leave it.
 */
/** Inside the critical section, before the reference data is first read: the index comes in the same cache call. */
export function prefetchMatchIndex(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  reference(ss).alsoFetch(MATCH_INDEX_KEYS);
}

export function forgetMatchIndexIfEdited(table: TrackerTable, first: number, count: number): void {
  for (const [key, at] of table.positions) {
    if (at >= first && at < first + count && MATCHED_COLUMNS.has(key)) {
      forgetMatchIndex();
      return;
    }
  }
}

function documentCache(): Cache | null {
  return typeof CacheService === 'undefined' ? null : CacheService.getDocumentCache();
}

/** `prefetched`: what the reference data's getAll already fetched for these keys in this critical section. */
function readCached(cache: Cache, prefetched: Record<string, string> | null): { entries: IndexedLead[]; coverage: IndexCoverage; token: string } | null {
  const found = prefetched ?? cache.getAll([...MATCH_INDEX_KEYS]);
  const raw = found[META_KEY];
  if (!raw) return null;
  let meta: Meta;
  try {
    meta = JSON.parse(raw) as Meta;
  } catch {
    return null;
  }
  if (meta.v !== 1 || typeof meta.token !== 'string' || !(meta.chunks >= 1 && meta.chunks <= MAX_CHUNKS)) return null;
  const entries = decodeChunks(
    meta.token,
    CHUNK_KEYS.slice(0, meta.chunks).map((k) => found[k]),
  );
  return entries ? { entries, coverage: { lastRow: meta.lastRow, highestId: meta.highestId }, token: meta.token } : null;
}

/**
 * A row's index entry, or null for a lead that can never collide again (a final status).
 * `always`: an entry for any row with an ID (verification compares what the row says now).
 */
function entryOf(row: number, cell: (key: (typeof ROW_KEYS)[number]) => CellValue | undefined, timeZone: string, hostDomains: Map<string, string>, always = false): IndexedLead | null {
  const id = readText(cell('id'));
  const status = readText(cell('status'));
  if (!id || (!always && !INDEXED_STATUSES.has(status))) return null;
  const registeredAt = cell('registeredAt');
  const company = readText(cell('company'));
  const keys: MatchKeys = matchKeysOf({ company, domain: readText(cell('domain')), contactEmail: readText(cell('contactEmail')) }, hostDomains);
  return {
    row,
    id,
    partnerId: readText(cell('partnerId')),
    // The raw cell instant orders registrations (as the sheet holds them); a cell that is not a date sorts first, as before.
    registeredAtMs: registeredAt instanceof Date ? registeredAt.getTime() : 0,
    status,
    protectedUntil: readIsoDate(cell('protectedUntil'), timeZone),
    company,
    keys,
  };
}

function newToken(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

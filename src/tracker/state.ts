import { Roster, TeamMember } from '../domain/roles';
import { reference } from './reference';
import { forgetLastSectionUnless, lastSectionState, sectionState } from './section';

export { closeSection, currentSectionState, forgetSections, lastSectionState, openSection, sectionGeneration, sectionState } from './section';

/**
 * The tracker's own record of itself, kept in the spreadsheet's developer
 * metadata with PROJECT visibility: only this add-on's code can read or write
 * it (no one can edit it from the sheet, and other scripts cannot see it), and
 * unlike document properties it is there in every execution, the add-on's
 * time-driven runs included (they open the spreadsheet by ID and have no
 * document properties). It holds:
 * - who owns the automation, and the team's roles as last confirmed;
 * - the settings as last confirmed (what an unaccepted edit is put back to);
 * - once-a-day markers and the automation's heartbeat;
 * - work a teammate's action left for the owner's automation (commission
 *   lines need the owner: only the tracker may write their amounts);
 * - the two flags of the lock between document runs and the hourly run.
 * Google's reference says project metadata should not hold secrets (it can be
 * exposed to people who can view the file); nothing here is secret.
 */
const PREFIX = 'partnershipTracker.';
export const RECORD_KEY = `${PREFIX}record`;
export const DAILY_KEY = `${PREFIX}daily`;
export const PENDING_KEY = `${PREFIX}pending`;
export const AUDIT_HEAD_KEY = `${PREFIX}auditHead`;
export const DOCUMENT_FLAG_KEY = `${PREFIX}lock.document`;
export const MAINTENANCE_FLAG_KEY = `${PREFIX}lock.maintenance`;
/** Set while an audit append is under way (audit-log.ts): the head it starts from and the one it will leave. */
export const AUDIT_APPENDING_KEY = `${PREFIX}auditAppending`;

export interface TrackerRecord {
  /** Incremented on every write: the newest wins if two entries ever exist. */
  rev: number;
  owner: string;
  ownerSince: string;
  members: TeamMember[];
  /** Settings label → value as last accepted. */
  settings: Record<string, string>;
}

export interface DailyMarkers {
  /** When the owner's hourly run last finished (ISO), and whether it did everything. */
  lastRunAt: string;
  lastRunOk: boolean;
  lastRunNote: string;
  /** The spreadsheet-local date the digest was last sent (yyyy-MM-dd). */
  digestSentOn: string;
  /** The spreadsheet-local date the daily Check tracker last ran (yyyy-MM-dd). */
  trackerCheckedOn?: string;
}

/** The Audit Log's head as the tracker last wrote it: rows, the last row's hash, when. */
export interface StoredAuditHead {
  rows: number;
  hash: string;
  at: string;
}

/** A won or refunded deal whose commission lines the owner's automation still has to write. */
export interface PendingCommissionWork {
  leadId: string;
  kind: 'won' | 'refunded';
  by: string;
  at: string;
  reason: string;
}

export interface LockFlag {
  id: string;
  /** ISO instant after which a flag left by a dead execution no longer counts. */
  until: string;
}

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export class TrackerState {
  private constructor(
    private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    private readonly entries: Map<string, Metadata[]>,
    private readonly values: Map<string, string>,
    /** Each entry's value as read: another run may remove an entry (its flag) after this read, and a removed entry's getters fail. */
    private readonly read_: Map<Metadata, string>,
  ) {}

  /** Reads every tracker entry at once (one finder). */
  static read(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TrackerState {
    const entries = new Map<string, Metadata[]>();
    const values = new Map<string, string>();
    const asRead = new Map<Metadata, string>();
    const found = ss.createDeveloperMetadataFinder().withVisibility(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT).find();
    let bestRev = -1;
    for (const m of found) {
      const read = readEntry(m);
      if (!read || !read.key.startsWith(PREFIX)) continue;
      const { key, value } = read;
      entries.set(key, [...(entries.get(key) ?? []), m]);
      asRead.set(m, value);
      if (key === RECORD_KEY) {
        // Two setups racing could leave two records: the highest revision wins.
        const rev = parseRecord(value)?.rev ?? -1;
        if (rev <= bestRev) continue;
        bestRev = rev;
      }
      // A key with several entries (lock flags: one per raiser) keeps its first non-empty value here; flagsUp reads them all.
      if (!values.get(key) || key === RECORD_KEY) values.set(key, value);
    }
    return new TrackerState(ss, entries, values, asRead);
  }

  record(): TrackerRecord | null {
    return parseRecord(this.values.get(RECORD_KEY) ?? '');
  }

  roster(): Roster {
    const r = this.record();
    return { owner: r?.owner ?? '', members: r?.members ?? [] };
  }

  daily(): DailyMarkers {
    const parsed = parseJson(this.values.get(DAILY_KEY) ?? '') as Partial<DailyMarkers> | null;
    return {
      lastRunAt: typeof parsed?.lastRunAt === 'string' ? parsed.lastRunAt : '',
      lastRunOk: parsed?.lastRunOk === true,
      lastRunNote: typeof parsed?.lastRunNote === 'string' ? parsed.lastRunNote : '',
      digestSentOn: typeof parsed?.digestSentOn === 'string' ? parsed.digestSentOn : '',
      trackerCheckedOn: typeof parsed?.trackerCheckedOn === 'string' ? parsed.trackerCheckedOn : '',
    };
  }

  auditHead(): StoredAuditHead | null {
    return parseAuditHead(this.values.get(AUDIT_HEAD_KEY) ?? '');
  }

  writeRecord(record: Omit<TrackerRecord, 'rev'>): TrackerRecord {
    const next: TrackerRecord = { ...record, rev: (this.record()?.rev ?? 0) + 1 };
    this.write(RECORD_KEY, JSON.stringify(next));
    // The cached copy of the team (reference.rosterHint) no longer fits.
    reference(this.ss).drop('roster');
    return next;
  }

  writeDaily(markers: DailyMarkers): void {
    this.write(DAILY_KEY, JSON.stringify(markers));
  }

  /** One entry's value as read (or as this execution last wrote it); null when there is none. */
  value(key: string): string | null {
    return this.values.has(key) ? (this.values.get(key) ?? '') : null;
  }

  /** Writes one entry through the handle this read found: one write call (an entry not there yet costs a find more, once). */
  write(key: string, value: string): void {
    // A write through another copy than the last section's makes that one stale.
    forgetLastSectionUnless(this);
    const existing = this.entries.get(key) ?? [];
    if (existing.length) {
      existing[0].setValue(value);
      for (const extra of existing.slice(1)) extra.remove();
      this.entries.set(key, [existing[0]]);
    } else {
      const visibility = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
      this.ss.addDeveloperMetadata(key, value, visibility);
      // addDeveloperMetadata returns the spreadsheet, not the entry: find it, so a second write updates it.
      this.entries.set(key, this.ss.createDeveloperMetadataFinder().withKey(key).withVisibility(visibility).find());
    }
    this.values.set(key, value);
  }

  /**
   * Adds an empty entry for each key that has none, so that every later write of it is one
   * setValue through the handle a section's read finds (a missing entry costs an add and a find).
   * Setup calls it; writes only.
   */
  ensureEntries(keys: readonly string[]): void {
    const missing = keys.filter((key) => !this.entries.has(key));
    if (missing.length === 0) return;
    for (const key of missing) this.ss.addDeveloperMetadata(key, '', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    // Their handles, so this execution's later writes of them go through them (not a second entry).
    const fresh = TrackerState.read(this.ss);
    for (const key of missing) {
      const found = fresh.entries.get(key) ?? [];
      this.entries.set(key, found);
      for (const m of found) this.read_.set(m, fresh.read_.get(m) ?? '');
      if (!this.values.has(key)) this.values.set(key, '');
    }
  }

  /** Whether a lock flag of `key` other than `ownId` is up (not lowered, not expired). */
  flagUp(key: string, now: Date, ownId = ''): boolean {
    return (this.entries.get(key) ?? []).some((m) => {
      const flag = parseFlag(this.read_.get(m) ?? '', now);
      return flag !== null && flag.id !== ownId;
    });
  }

  /**
   * Takes a lock flag down: its own entry and the key's dead ones (lowered, expired, or a
   * run's that died), never another live one. Writes only: they join the section's last batch.
   */
  lowerFlag(key: string, ownId: string, now: Date): void {
    const all = this.entries.get(key) ?? [];
    const kept = all.filter((m) => {
      const flag = parseFlag(this.read_.get(m) ?? '', now);
      if (flag && flag.id !== ownId) return true;
      if (flag) m.remove();
      else {
        // A dead run's entry: tidied when found, unless another run tidied it first.
        try {
          m.remove();
        } catch {
          // already gone
        }
      }
      return false;
    });
    this.entries.set(key, kept);
  }
}

/** An entry's key and value, or null when another run removed it since the finder saw it (a lowered flag). */
function readEntry(m: Metadata): { key: string; value: string } | null {
  try {
    return { key: m.getKey(), value: m.getValue() ?? '' };
  } catch {
    return null;
  }
}

/**
 * Raises a lock flag and reads the state in the next call (Dekker: raise, then look).
 * The flag is a new entry (a write that needs no handle, so no read before it); it is taken
 * down with lowerFlag. Two spreadsheet round trips: the write, and the read that commits it.
 */
export function raiseFlagAndRead(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: string, flag: LockFlag): TrackerState {
  ss.addDeveloperMetadata(key, JSON.stringify(flag), SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  return TrackerState.read(ss);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseRecord(text: string): TrackerRecord | null {
  const raw = parseJson(text) as Partial<TrackerRecord> | null;
  if (!raw || typeof raw.owner !== 'string') return null;
  const members = Array.isArray(raw.members)
    ? raw.members
        .filter((m): m is TeamMember => !!m && typeof m.email === 'string' && typeof m.role === 'string')
        .map((m) => ({ email: m.email, role: m.role, name: typeof m.name === 'string' ? m.name : '' }))
    : [];
  const settings: Record<string, string> = {};
  if (raw.settings && typeof raw.settings === 'object') for (const [k, v] of Object.entries(raw.settings)) if (typeof v === 'string') settings[k] = v;
  return { rev: typeof raw.rev === 'number' ? raw.rev : 0, owner: raw.owner, ownerSince: typeof raw.ownerSince === 'string' ? raw.ownerSince : '', members, settings };
}

/**
 * One entry of the record, read and written on its own: a lock flag (every
 * write's critical section raises and looks at flags) or the audit head (every
 * audit append reads and moves it) costs a single finder by key, not a read of
 * the whole record, and the entry found is kept for the execution, so writing
 * it again is one call.
 */
export class KeyStore {
  private readonly handles = new Map<string, Metadata>();

  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  read(key: string): string | null {
    // Inside a section, what it read; after one, what it ended with (the freshest this execution has).
    const state = sectionState(this.ss) ?? lastSectionState(this.ss);
    if (state) return state.value(key);
    const found = this.find(key);
    if (found.length === 0) return null;
    // As TrackerState.read takes it: the first non-empty value of the key's entries.
    for (const m of found) {
      const value = m.getValue() ?? '';
      if (value) return value;
    }
    return '';
  }

  write(key: string, value: string): void {
    const state = sectionState(this.ss);
    if (state) {
      state.write(key, value);
      return;
    }
    // Written outside a section: the state the last one ended with no longer holds.
    forgetLastSectionUnless(null);
    const handle = this.handles.get(key) ?? this.find(key)[0];
    if (handle) {
      handle.setValue(value);
      return;
    }
    this.ss.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    this.find(key);
  }

  private find(key: string): Metadata[] {
    const found = this.ss.createDeveloperMetadataFinder().withKey(key).withVisibility(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT).find();
    if (found[0]) this.handles.set(key, found[0]);
    return found;
  }
}

function parseFlag(text: string, now: Date): LockFlag | null {
  const parsed = parseJson(text) as Partial<LockFlag> | null;
  if (parsed && typeof parsed.id === 'string' && typeof parsed.until === 'string' && new Date(parsed.until).getTime() > now.getTime()) {
    return { id: parsed.id, until: parsed.until };
  }
  return null;
}

/** The audit head, read and moved by every writer of the Audit Log. */
export function readAuditHead(store: KeyStore): StoredAuditHead | null {
  return parseAuditHead(store.read(AUDIT_HEAD_KEY) ?? '');
}

function parseAuditHead(text: string): StoredAuditHead | null {
  const parsed = parseJson(text) as Partial<StoredAuditHead> | null;
  if (!parsed || typeof parsed.rows !== 'number' || typeof parsed.hash !== 'string') return null;
  return { rows: parsed.rows, hash: parsed.hash, at: typeof parsed.at === 'string' ? parsed.at : '' };
}

function parsePending(text: string): PendingCommissionWork[] {
  const parsed = parseJson(text);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((p): p is PendingCommissionWork => !!p && typeof p.leadId === 'string' && (p.kind === 'won' || p.kind === 'refunded'))
    .map((p) => ({ leadId: p.leadId, kind: p.kind, by: String(p.by ?? ''), at: String(p.at ?? ''), reason: String(p.reason ?? '') }));
}

/**
 * The commission work log: a deal's move to Closed Won or Refunded is noted
 * here before the lead's status is written, and the note is taken off once its
 * lines (or clawbacks) are written. A run that dies in between leaves the note,
 * and the owner's next run finishes the work; work a teammate may not do (only
 * the owner writes amounts) waits here the same way. Read and written on its own.
 */
export class CommissionWorkLog {
  private readonly store: KeyStore;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  list(): PendingCommissionWork[] {
    return parsePending(this.store.read(PENDING_KEY) ?? '');
  }

  add(work: PendingCommissionWork): void {
    const list = this.list();
    if (list.some((p) => p.leadId === work.leadId && p.kind === work.kind)) return;
    this.store.write(PENDING_KEY, JSON.stringify([...list, work]));
  }

  remove(leadId: string, kind: PendingCommissionWork['kind']): void {
    const list = this.list();
    const left = list.filter((p) => !(p.leadId === leadId && p.kind === kind));
    if (left.length !== list.length) this.store.write(PENDING_KEY, left.length ? JSON.stringify(left) : '');
  }
}

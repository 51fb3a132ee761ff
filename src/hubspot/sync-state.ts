import { KeyStore } from '../tracker/state';

/**
 * Where the sync stands, in the tracker's record (developer metadata: the add-on's hourly run has
 * no document properties): the Audit Log cursor of the push, leads a stopped run still owes
 * HubSpot, how far the pull has read HubSpot's deal changes, and a pause for a refused token.
 * Written only by the owner's hourly run (the connection is a key of its own, connection.ts).
 */
export const SYNC_KEY = 'partnershipTracker.hubspotSync';

export interface SyncState {
  /** The hash of the last Audit Log row whose leads are all in HubSpot (a run that stops early leaves it before the first lead it did not push). */
  cursor: string;
  /** hs_lastmodifieddate (ms) the next pull searches from (GTE). 0: not started. */
  pulledFromMs: number;
  /** Deals handled whose change is at exactly pulledFromMs. */
  boundary?: string[];
  /** A 401/403 paused the sync for this token; a new token (another stamp) lifts it. */
  paused?: { tokenStamp: string; at: string; reason: string };
  /** The last run's one-line summary, for the sidebar. */
  lastRun?: { at: string; summary: string };
  /** Leads whose latest push was a conflict (another partner's deal): Home lists them until a later push succeeds. */
  conflicts?: string[];
}

export function readSyncState(store: KeyStore): SyncState {
  try {
    const raw = JSON.parse(store.read(SYNC_KEY) || '{}') as Partial<SyncState>;
    return {
      cursor: typeof raw.cursor === 'string' ? raw.cursor : '',
      pulledFromMs: Number(raw.pulledFromMs) || 0,
      boundary: Array.isArray(raw.boundary) ? raw.boundary.filter((x): x is string => typeof x === 'string') : [],
      ...(raw.paused && typeof raw.paused.tokenStamp === 'string' ? { paused: raw.paused } : {}),
      ...(raw.lastRun ? { lastRun: raw.lastRun } : {}),
      conflicts: Array.isArray(raw.conflicts) ? raw.conflicts.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return { cursor: '', pulledFromMs: 0, conflicts: [] };
  }
}

/** Kept small (a spreadsheet's developer metadata holds 30,000 characters in all): Home names at most 50 conflicts (the HubSpot Sync tab has them all). */
export function writeSyncState(store: KeyStore, state: SyncState): void {
  const fitted = { ...state, conflicts: (state.conflicts ?? []).slice(-50) };
  store.write(SYNC_KEY, JSON.stringify(fitted));
}

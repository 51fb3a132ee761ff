import { KeyStore, readAuditHead } from '../tracker/state';

/**
 * Where the partner updates step (feed.ts) keeps its place in the Audit Log: the tracker's record
 * (developer metadata), which the add-on's hourly run can read (it has no document properties).
 * A module of its own so that setup, which starts the feed, loads nothing else of the step.
 */
export const FEED_KEY = 'partnershipTracker.partnerUpdates';

export interface Feed {
  /** The hash of the last Audit Log row handled; '' before the first look. */
  cursor: string;
  /** When the feed started (YYYY-MM-DD). */
  since: string;
  /** Set while an append is under way: the rows after `after`, `count` of them, the first keyed `first`; the cursor they lead to. */
  appending?: { to: string; after: number; count: number; first: string };
}

export function parseFeed(text: string | null): Feed {
  try {
    const raw = text ? (JSON.parse(text) as Partial<Feed>) : {};
    const a = raw.appending;
    return {
      cursor: typeof raw.cursor === 'string' ? raw.cursor : '',
      since: typeof raw.since === 'string' ? raw.since : '',
      ...(a && typeof a.to === 'string' && typeof a.after === 'number' && typeof a.count === 'number' && typeof a.first === 'string' ? { appending: a } : {}),
    };
  } catch {
    return { cursor: '', since: '' };
  }
}

/**
 * Setup starts the feed at the Audit Log's head, once: a new tracker's partners hear of every
 * change from the start, and an upgraded one's are not told its history. Inside setup's section.
 */
export function startPartnerUpdateFeed(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, today: string): void {
  const store = new KeyStore(ss);
  if (parseFeed(store.read(FEED_KEY)).cursor) return;
  const head = readAuditHead(store);
  if (head?.hash) store.write(FEED_KEY, JSON.stringify({ cursor: head.hash, since: today }));
}

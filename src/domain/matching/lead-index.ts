import { utf8Bytes } from '../utf8';
import { ConflictIndex, MatchKeys, MatchableLead } from './conflicts';

/**
 * The match index's contents, and how they travel as cache values (pure: src/leads/match-index.ts
 * reads and writes them). A registration checks the new lead against every open lead; reading
 * the Leads tab's columns for that grows with the tab (900,000 cells at 100k leads), so the
 * index keeps what matching needs of each lead that is, or may become, open — its row, ID,
 * partner, registration instant, status, protection end, company and match keys — and
 * registrations verify any lead it names against the sheet before trusting it.
 */
export interface IndexedLead {
  /** Sheet row when indexed: verification reads it and checks the ID is still there. */
  row: number;
  id: string;
  partnerId: string;
  registeredAtMs: number;
  status: string;
  /** YYYY-MM-DD, or '' for none. */
  protectedUntil: string;
  company: string;
  keys: MatchKeys;
}

/** What the index covers: rows 2..lastRow of the tab, and the highest lead ID number in them. */
export interface IndexCoverage {
  lastRow: number;
  highestId: number;
}

/** Statuses whose leads are indexed: open ones, and Conflict (the team may accept one, which opens it). */
export const INDEXED_STATUSES: ReadonlySet<string> = new Set(['New', 'Accepted', 'Qualified', 'Conflict']);
/** Statuses a registration can collide with (lead-lifecycle OPEN_STATUSES). */
const COLLIDING_STATUSES: ReadonlySet<string> = new Set(['New', 'Accepted', 'Qualified']);

/** Whether a lead in this state owns its deal today: open and its protection not ended. */
export function collides(lead: Pick<IndexedLead, 'status' | 'protectedUntil'>, today: string): boolean {
  return COLLIDING_STATUSES.has(lead.status) && !(lead.protectedUntil !== '' && lead.protectedUntil < today);
}

/** Whether two index entries say the same thing (a verified entry equals what the sheet holds now). */
export function sameEntry(a: IndexedLead, b: IndexedLead): boolean {
  return (
    a.row === b.row &&
    a.id === b.id &&
    a.partnerId === b.partnerId &&
    a.registeredAtMs === b.registeredAtMs &&
    a.status === b.status &&
    a.protectedUntil === b.protectedUntil &&
    a.company === b.company &&
    a.keys.domain === b.keys.domain &&
    a.keys.mailDomain === b.keys.mailDomain &&
    a.keys.name === b.keys.name
  );
}

/** The conflict index over the entries that collide today, and the entry behind each matchable lead. */
export function conflictIndexOf(entries: Iterable<IndexedLead>, today: string, partnerName: (id: string) => string): { index: ConflictIndex; entryOf: Map<MatchableLead, IndexedLead> } {
  const leads: MatchableLead[] = [];
  const keys: MatchKeys[] = [];
  const entryOf = new Map<MatchableLead, IndexedLead>();
  for (const entry of entries) {
    if (!collides(entry, today)) continue;
    const lead: MatchableLead = {
      id: entry.id,
      partnerId: entry.partnerId,
      partnerName: partnerName(entry.partnerId),
      registeredAt: new Date(entry.registeredAtMs),
      company: entry.company,
      domain: entry.keys.domain,
      contactEmail: '',
    };
    leads.push(lead);
    keys.push(entry.keys);
    entryOf.set(lead, entry);
  }
  return { index: new ConflictIndex(leads, keys), entryOf };
}

// ---- cache values ----------------------------------------------------------------------------

/** Google: 100 KB per cache value. A margin for the chunk's first line. */
export const CHUNK_BYTES = 95 * 1024;
const FIELD = '\t';
const RECORD = '\n';

/** Text as one field: tabs and line breaks would split it. */
function field(text: string): string {
  return /[\t\n\r]/.test(text) ? text.replace(/[\t\n\r]/g, ' ') : text;
}

export function encodeEntry(e: IndexedLead): string {
  return [e.row.toString(36), e.id, e.partnerId, e.registeredAtMs.toString(36), e.status, e.protectedUntil, field(e.company), e.keys.domain, e.keys.mailDomain, field(e.keys.name)].join(FIELD);
}

export function decodeEntry(line: string): IndexedLead | null {
  const f = line.split(FIELD);
  if (f.length !== 10) return null;
  const row = parseInt(f[0], 36);
  const registeredAtMs = parseInt(f[3], 36);
  if (!Number.isFinite(row) || !Number.isFinite(registeredAtMs)) return null;
  return {
    row,
    id: f[1],
    partnerId: f[2],
    registeredAtMs,
    status: f[4],
    protectedUntil: f[5],
    company: f[6],
    keys: { domain: f[7], mailDomain: f[8], name: f[9] },
  };
}

/**
 * Entries as chunks of at most CHUNK_BYTES, each starting with `token` on its own line, so a
 * reader can tell chunks of one build from a mix of two.
 */
export function encodeChunks(token: string, entries: Iterable<IndexedLead>): string[] {
  const chunks: string[] = [];
  let lines: string[] = [token];
  let bytes = utf8Bytes(token);
  for (const entry of entries) {
    const line = encodeEntry(entry);
    const size = utf8Bytes(line) + 1;
    if (bytes + size > CHUNK_BYTES && lines.length > 1) {
      chunks.push(lines.join(RECORD));
      lines = [token];
      bytes = utf8Bytes(token);
    }
    lines.push(line);
    bytes += size;
  }
  if (lines.length > 1 || chunks.length === 0) chunks.push(lines.join(RECORD));
  return chunks;
}

/** The entries of chunks written by encodeChunks with `token`; null when any chunk is missing, foreign or damaged. */
export function decodeChunks(token: string, chunks: ReadonlyArray<string | undefined>): IndexedLead[] | null {
  const out: IndexedLead[] = [];
  for (const chunk of chunks) {
    if (chunk === undefined) return null;
    const lines = chunk.split(RECORD);
    if (lines[0] !== token) return null;
    for (let i = 1; i < lines.length; i++) {
      const entry = decodeEntry(lines[i]);
      if (!entry) return null;
      out.push(entry);
    }
  }
  return out;
}

import { AuditEntry } from '../domain/audit-chain';
import { readText, readUtcDateTime } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TABS } from '../tracker/schema';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { runsAsOwner } from '../team/access';
import { appendAudit } from './audit-log';

/**
 * A change and its audit rows land together, or the owner's next run adds the
 * missing rows, marked recovered. Sheets has no transactions, so a write that
 * will be audited is announced first: its entries are noted (in the
 * tracker's developer metadata, which no one can edit from the sheet),
 * the write is made, the entries appended, and the note taken off. A run that
 * dies in between leaves the note. Once that run is surely over (Apps Script
 * ends a run at 6 minutes), recoverAuditIntents looks for the entries in the
 * log's last rows: found, the note goes; not found, each entry whose change is
 * in the sheet is appended as recovered, and those whose change is not are
 * named in one entry, so the trail says what an interrupted run left.
 */
export const INTENTS_KEY = 'partnershipTracker.auditIntents';
/** The spreadsheet's developer metadata (shared with the tracker's record, the audit head, the lock flags) holds about 30,000 characters; notes stay within this. */
const INTENTS_BUDGET = 8000;
const VALUE_CUT = 160;
/** A run lives at most 6 minutes; a note older than this belongs to a run that has ended. */
const STALE_MS = 7 * 60 * 1000;
/** How far back in the log recovery looks for an interrupted write's entries. */
const TAIL_ROWS = 300;

interface Intent {
  id: string;
  at: string;
  user: string;
  source: string;
  /** tab, range, recordId, field, oldValue, newValue, each cut to VALUE_CUT. */
  entries: string[][];
  /** Entries not kept (the note would not fit): only counted. */
  more: number;
}

function parse(raw: string | null): Intent[] {
  try {
    const list = JSON.parse(raw || '[]') as unknown;
    return Array.isArray(list) ? list.filter((i): i is Intent => typeof i === 'object' && i !== null && typeof (i as Intent).id === 'string' && Array.isArray((i as Intent).entries)) : [];
  } catch {
    return [];
  }
}

const save = (store: KeyStore, intents: readonly Intent[]) => store.write(INTENTS_KEY, intents.length ? JSON.stringify(intents) : '');

const cut = (v: string) => (v.length > VALUE_CUT ? `${v.slice(0, VALUE_CUT)}…` : v);

function noteOf(ctx: TrackerContext, entries: readonly AuditEntry[], room: number): Intent {
  const intent: Intent = { id: Utilities.getUuid(), at: ctx.now.toISOString(), user: entries[0].user, source: entries[0].source, entries: [], more: 0 };
  let size = JSON.stringify(intent).length;
  for (const e of entries) {
    const row = [e.tab, e.range, e.recordId, e.field, cut(e.oldValue), cut(e.newValue)];
    const cost = JSON.stringify(row).length + 1;
    if (size + cost > room) intent.more++;
    else {
      intent.entries.push(row);
      size += cost;
    }
  }
  return intent;
}

/**
 * Checks the Audit Log's cached column positions now, if this run writes the log (once per
 * execution): a caller about to write calls it with its other reads, before its first write.
 */
export function confirmAuditColumns(ctx: TrackerContext): void {
  if (runsAsOwner(ctx)) TrackerTable.open(ctx.ss, 'audit').confirmColumns();
}

/**
 * Notes `entries`, runs `write`, appends them, takes the note off. The caller
 * holds the document lock (or the hourly run's), so the notes are not raced.
 */
export function auditedWrite<T>(ctx: TrackerContext, entries: readonly AuditEntry[], change: () => T): T {
  if (entries.length === 0) return change();
  // Only the owner's runs write the Audit Log (Google enforces it); a teammate's entries wait in the document properties.
  const mayWriteLog = runsAsOwner(ctx);
  // The Audit Log's cached positions are checked before the note is written, so the note, the change and the rows can go in one batch.
  confirmAuditColumns(ctx);
  const store = new KeyStore(ctx.ss);
  const raw = store.read(INTENTS_KEY);
  const notes = withoutRemade(parse(raw), entries);
  save(store, [...notes, noteOf(ctx, entries, Math.max(300, INTENTS_BUDGET - (raw ?? '').length))]);
  const result = change();
  try {
    appendAudit(
      {
        ss: ctx.ss,
        properties: ctx.properties,
        mayWriteLog,
        get timeZone() {
          return ctx.timeZone;
        },
      },
      entries,
    );
  } catch (e) {
    // The change stands; its note stays, and the owner's hourly run records it, marked recovered.
    console.error(`audit: entries for a change that was made could not be written now (${e instanceof Error ? e.message : String(e)}); left for the hourly run`);
    return result;
  }
  save(store, notes);
  return result;
}

/**
 * Notes left by runs that died, less the changes this write makes again (a retry, the next
 * form run): those are recorded by this write. A change is only audited when it changes the
 * cell, so the same change made again means the dead run's had not landed (or was undone,
 * which was recorded then); recovering it too would record it twice.
 */
function withoutRemade(notes: Intent[], entries: readonly AuditEntry[]): Intent[] {
  const key = (tab: string, recordId: string, field: string, newValue: string) => JSON.stringify([tab, recordId, field, field.startsWith('(new ') ? '' : newValue]);
  const remade = new Set(entries.filter((e) => e.recordId).map((e) => key(e.tab, e.recordId, e.field, cut(e.newValue))));
  if (remade.size === 0) return notes;
  const out: Intent[] = [];
  for (const n of notes) {
    const kept = n.entries.filter((e) => !remade.has(key(e[0], e[2], e[3], e[5])));
    if (kept.length === n.entries.length) out.push(n);
    else if (kept.length || n.more) out.push({ ...n, entries: kept });
  }
  return out;
}

/**
 * Whether a run that died was changing this record (its note is still there). Notes are
 * written and taken off inside one critical section, so a caller holding the lock sees only
 * dead runs' notes. One read.
 */
export function interruptedChangeOf(ctx: TrackerContext, recordId: string): boolean {
  return parse(new KeyStore(ctx.ss).read(INTENTS_KEY)).some((n) => n.entries.some((e) => e[2] === recordId));
}

/** The owner's runs: interrupted writes' entries added as recovered (see above). Returns how many notes were settled. */
export function recoverAuditIntents(ctx: TrackerContext): number {
  const store = new KeyStore(ctx.ss);
  const notes = parse(store.read(INTENTS_KEY));
  const stale = notes.filter((n) => ctx.now.getTime() - new Date(n.at).getTime() >= STALE_MS);
  if (stale.length === 0) return 0;
  const logged = loggedTail(ctx);
  const recovered: AuditEntry[] = [];
  for (const n of stale) {
    const at = new Date(n.at);
    const key = (e: string[]) => JSON.stringify([Math.floor(at.getTime() / 1000), n.user.toLowerCase(), e[2], e[3]]);
    // Appended before the run died (its own rows, or a recovery's summary row a run wrote before it could take the note off): nothing is missing.
    if (n.entries.some((e) => logged.has(key(e))) || logged.has(key(['', '', '', '(interrupted change)']))) continue;
    const missed: string[] = [];
    for (const e of n.entries) {
      const [tab, range, recordId, field, oldValue, newValue] = e;
      const landed = changeLanded(ctx, tab, recordId, field, newValue);
      if (landed === false) {
        missed.push(`${recordId || range} ${field}`);
        continue;
      }
      recovered.push({
        at,
        user: n.user,
        source: `${n.source} (recovered)`,
        tab,
        range,
        recordId,
        field,
        oldValue,
        newValue: `${newValue} — recovered: the run that made this change stopped before recording it${landed === null ? '; the tracker could not check the sheet for it' : ''}`,
      });
    }
    if (missed.length || n.more) {
      recovered.push({
        at,
        user: n.user,
        source: `${n.source} (recovered)`,
        tab: '',
        range: '',
        recordId: '',
        field: '(interrupted change)',
        oldValue: '',
        newValue: [
          missed.length ? `A run stopped half way; these changes it announced are not in the sheet (never made, or changed since): ${missed.join(', ')}` : '',
          n.more ? `${n.more} more change(s) it announced could not be kept to check` : '',
        ]
          .filter(Boolean)
          .join('. '),
      });
    }
  }
  appendAudit(ctx, recovered);
  const settled = new Set(stale.map((n) => n.id));
  save(
    store,
    notes.filter((n) => !settled.has(n.id)),
  );
  return stale.length;
}

/** [second, user, recordId, field] of the log's last rows: another writer's entry for the same cell in the same second is not this note's. */
function loggedTail(ctx: TrackerContext): Set<string> {
  const table = TrackerTable.open(ctx.ss, 'audit');
  const last = table.lastRow();
  const out = new Set<string>();
  if (last < 2) return out;
  const first = Math.max(2, last - TAIL_ROWS + 1);
  for (const r of table.readRows(first, last)) {
    const at = readUtcDateTime(r.at, ctx.timeZone);
    if (at) out.add(JSON.stringify([Math.floor(at.getTime() / 1000), readText(r.user).toLowerCase(), readText(r.recordId), readText(r.field)]));
  }
  return out;
}

/** Whether the sheet holds the announced change: true, false, or null when it cannot be told (a summary entry, an unknown field, a cut value). */
function changeLanded(ctx: TrackerContext, tabName: string, recordId: string, field: string, newValue: string): boolean | null {
  const def = TABS.find((t) => t.name === tabName);
  if (!def || !recordId || !def.columns.some((c) => c.key === 'id')) return null;
  const table = TrackerTable.open(ctx.ss, def.key);
  const ids = table.readColumns(['id'] as const).id.map(readText);
  const at = ids.indexOf(recordId);
  // A new row: it landed if the row is there.
  if (field.startsWith('(new ')) return at >= 0;
  if (at < 0) return false;
  const col = def.columns.find((c) => c.key === field || c.header === field);
  if (!col || !table.has(col.key) || newValue.endsWith('…')) return null;
  const now = readText(table.sheet.getRange(at + 2, table.column(col.key)).getDisplayValue());
  const raw = readText(table.sheet.getRange(at + 2, table.column(col.key)).getValue());
  return [now, raw].some((v) => v === newValue || (v !== '' && newValue.startsWith(`${v}:`)));
}

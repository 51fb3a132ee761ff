import { dailyWork } from '../maintenance/daily-work';
import { appendAudit } from '../audit/audit-log';
import { TrackerTable } from '../tracker/table';
import { ArchiveSegment, CELL_LIMIT, MAX_SEGMENT_ROWS, ROLLOVER_SHARE, archivedRows, nextRolloverBatch, segmentRows } from '../domain/capacity';
import { TrackerContext } from '../tracker/context';
import { AUDIT_HEAD_KEY, KeyStore, readAuditHead } from '../tracker/state';
import { LiveIndex, firstLiveRows, lastRecordIds, liveIndex } from './live-log';
import { fileArchive } from './archive-folder';
import { createArchive, readArchiveRows, writeArchiveRows } from './archive-file';
import { ArchiveJournal } from './journal';
import { linkArchivesInSettings } from './settings-links';
import { spreadsheetCells } from './usage';

/**
 * The Audit Log's rollover, a step of the owner's hourly run (domain/capacity.ts says when
 * and what). Each segment of rows goes through recorded phases, so a run that dies anywhere
 * leaves work the next run finishes, and no row is lost or held twice:
 * 1. the archive file is created (or the year's existing one reused) and the segment recorded
 *    as 'copying'; a new file is then moved into the archives' Drive folder (archive-folder.ts);
 * 2. the rows are written to the archive at a fixed place, read back and compared cell by cell,
 *    then recorded 'copied';
 * 3. in the maintenance lock: the live rows are deleted (only if the live log still starts with
 *    exactly those rows; a retry sees whether they are gone by the first row's previous hash),
 *    the head's row count is set to the rows still live up to the head (its hash does not
 *    change), Settings relinked, the move audited, and the segment recorded 'done'.
 * Unfinished segments are finished every hour; new ones are started once a day.
 */
export interface RolloverOutcome {
  finished: number;
  moved: number;
  segments: string[];
  /** What went wrong without stopping the rollover (an archive left outside its folder). */
  notes: string[];
}

/** Leave the rest of the hour's steps their time: no new segment after this much of the run. */
const TIME_BUDGET_MS = 3 * 60 * 1000;

type Critical = <T>(task: () => T) => T;

export function rolloverAuditLog(ctx: TrackerContext, critical: Critical, startedAtMs: number): RolloverOutcome {
  const journal = new ArchiveJournal(ctx.ss);
  const outcome: RolloverOutcome = { finished: 0, moved: 0, segments: [], notes: [] };
  for (const segment of journal.segments().filter((s) => s.phase !== 'done')) {
    outcome.notes.push(...finishSegment(ctx, journal, segment, critical));
    outcome.finished++;
  }
  const { due, today } = dailyWork(ctx, journal.checkedOn() ?? undefined);
  if (!due) return outcome;
  let thisYearMoved = false;
  while (Date.now() - startedAtMs < TIME_BUDGET_MS) {
    const segment = startSegment(ctx, journal, thisYearMoved);
    if (!segment) break;
    outcome.notes.push(...finishSegment(ctx, journal, segment, critical));
    outcome.moved += segmentRows(segment);
    outcome.segments.push(`${segment.name}: rows ${segment.first}–${segment.last}`);
    thisYearMoved = thisYearMoved || segment.year >= ctx.now.getUTCFullYear();
  }
  journal.markChecked(today);
  return outcome;
}

/** Picks the next rows to move and records where they go (phase 'copying'), or null. */
function startSegment(ctx: TrackerContext, journal: ArchiveJournal, thisYearMoved: boolean): ArchiveSegment | null {
  // The cell count first (no cell read): below the threshold the daily check reads nothing of the log.
  const used = spreadsheetCells(ctx.ss).used;
  if (used < CELL_LIMIT * ROLLOVER_SHARE) return null;
  const live = liveIndex(ctx.ss);
  const years = live.at.map((at) => Number(at.slice(0, 4)) || 0);
  const batch = nextRolloverBatch(used, years, ctx.now.getUTCFullYear(), thisYearMoved);
  if (!batch || batch.count > MAX_SEGMENT_ROWS) return null;
  const segments = journal.segments();
  const first = archivedRows(segments) + 1;
  const existing = segments.find((s) => s.year === batch.year && s.phase === 'done');
  const name = `${ctx.ss.getName()} — Audit Log ${batch.year}`;
  const file = existing ? null : createArchive(name);
  const lastAt = batch.from + batch.count - 1;
  const segment: ArchiveSegment = {
    year: batch.year,
    fileId: existing ? existing.fileId : (file as GoogleAppsScript.Spreadsheet.Spreadsheet).getId(),
    url: existing ? existing.url : (file as GoogleAppsScript.Spreadsheet.Spreadsheet).getUrl(),
    name: existing ? existing.name : name,
    first,
    last: first + batch.count - 1,
    firstPreviousHash: live.previousHash[batch.from],
    firstHash: live.hash[batch.from],
    lastHash: live.hash[lastAt],
    phase: 'copying',
    at: ctx.now.toISOString(),
  };
  journal.save(segment);
  return segment;
}

function finishSegment(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment, critical: Critical): string[] {
  const notes: string[] = [];
  if (segment.phase === 'copying') {
    const note = copySegment(ctx, journal, segment);
    if (note) notes.push(note);
    segment.phase = 'copied';
    journal.save(segment);
  }
  critical(() => {
    removeFromLiveLog(ctx, journal, segment);
    // Linked and audited before it is recorded done: a retry redoes both (each checks what is there).
    linkArchivesInSettings(
      ctx.ss,
      journal.segments().map((s) => (s.first === segment.first ? { ...s, phase: 'done' as const } : s)),
    );
    auditOnce(ctx, segment);
    segment.phase = 'done';
    journal.save(segment);
  });
  return notes;
}

/**
 * Writes the segment's rows into its archive and reads them back: a copy that differs is never
 * recorded as copied. Returns why a new archive could not be filed in its folder, or ''.
 */
function copySegment(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment): string {
  const segments = journal.segments();
  const live = liveIndex(ctx.ss);
  if (!startsWith(live, segments, segment))
    throw new Error(`The Audit Log no longer starts with the rows being archived (${segment.first}–${segment.last}); nothing was moved. Run "Verify audit log".`);
  const rows = firstLiveRows(live.table, segmentRows(segment));
  const offset = segments.filter((s) => s.fileId === segment.fileId && s.first < segment.first).reduce((sum, s) => sum + segmentRows(s), 0);
  const file = SpreadsheetApp.openById(segment.fileId);
  // A new archive is filed in the archives' folder first (a retry files it again, harmlessly).
  const note = offset === 0 ? fileArchive(ctx.ss, segment.fileId) : '';
  writeArchiveRows(file, offset, rows);
  const copied = readArchiveRows(file).slice(offset);
  const same = copied.length === rows.length && rows.every((r, i) => copied[i].hash === r.hash && copied[i].previousHash === r.previousHash && copied[i].cells.every((c, j) => c === r.cells[j]));
  if (!same) throw new Error(`The copy in "${segment.name}" does not read back as the Audit Log's rows ${segment.first}–${segment.last}; they stay in the log.`);
  return note;
}

/** Whether the live log (after the finished archives) starts with exactly the segment's rows. */
function startsWith(live: LiveIndex, segments: readonly ArchiveSegment[], segment: ArchiveSegment): boolean {
  const n = segmentRows(segment);
  return archivedRows(segments) + 1 === segment.first && live.hash.length >= n && live.hash[0] === segment.firstHash && live.hash[n - 1] === segment.lastHash;
}

/** Deletes the archived rows from the live log unless a run before already did, then sets the head's row count. Holds the lock. */
function removeFromLiveLog(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment): void {
  const live = liveIndex(ctx.ss);
  const n = segmentRows(segment);
  let rest: string[];
  if (startsWith(live, journal.segments(), segment)) {
    live.table.sheet.deleteRows(2, n);
    rest = live.hash.slice(n);
  } else if (live.hash.length === 0 || live.previousHash[0] === segment.lastHash) {
    rest = live.hash; // deleted by a run that died before recording it
  } else {
    throw new Error(
      `The Audit Log's first row is neither the first archived row nor chained to the last one (archive "${segment.name}", rows ${segment.first}–${segment.last}); nothing was deleted. Run "Verify audit log".`,
    );
  }
  const store = new KeyStore(ctx.ss);
  const head = readAuditHead(store);
  if (!head) return;
  // The head's meaning: rows = data rows of the live log up to the head's row, hash = that row's hash.
  const at = rest.indexOf(head.hash);
  const rows = at >= 0 ? at + 1 : head.hash === segment.lastHash ? 0 : null;
  if (rows !== null && rows !== head.rows) store.write(AUDIT_HEAD_KEY, JSON.stringify({ ...head, rows }));
}

/** How far back a retry looks for the rollover's own audit entry. */
const AUDIT_TAIL_ROWS = 50;

/** The rollover's own audit entry, once: a retry finds it in the log's last rows. */
function auditOnce(ctx: TrackerContext, segment: ArchiveSegment): void {
  const recordId = `archive ${segment.first}-${segment.last}`;
  if (lastRecordIds(TrackerTable.open(ctx.ss, 'audit'), AUDIT_TAIL_ROWS).includes(recordId)) return;
  appendAudit({ ss: ctx.ss, timeZone: ctx.timeZone, properties: ctx.properties }, [
    {
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: 'Audit Log',
      range: `rows ${segment.first}-${segment.last}`,
      recordId,
      field: 'Archived to',
      oldValue: '',
      newValue: `${segment.name} (${segment.url}), hashes ${segment.firstHash.slice(0, 12)}…${segment.lastHash.slice(0, 12)}`,
    },
  ]);
}

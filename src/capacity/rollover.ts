import { appendAudit } from '../audit/audit-log';
import { StoredAuditRow } from '../domain/audit-verify';
import { ArchiveSegment, MAX_SEGMENT_ROWS, archivedRows, nextRolloverBatch, segmentRows } from '../domain/capacity';
import { readLiveLog } from '../audit/verify';
import { TrackerContext } from '../tracker/context';
import { AUDIT_HEAD_KEY, KeyStore, readAuditHead } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { todayIn } from '../tracker/cells';
import { createArchive, readArchiveRows, writeArchiveRows } from './archive-file';
import { ArchiveJournal } from './journal';
import { linkArchivesInSettings } from './settings-links';
import { spreadsheetCells } from './usage';

/**
 * The Audit Log's rollover, a step of the owner's hourly run (domain/capacity.ts says when
 * and what). Each segment of rows goes through recorded phases, so a run that dies anywhere
 * leaves work the next run finishes, and no row is lost or held twice:
 * 1. the archive file is created (or the year's existing one reused) and the segment recorded
 *    as 'copying';
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
  note?: string;
}

/** Leave the rest of the hour's steps their time: no new segment after this much of the run. */
const TIME_BUDGET_MS = 3 * 60 * 1000;

type Critical = <T>(task: () => T) => T;

export function rolloverAuditLog(ctx: TrackerContext, critical: Critical, startedAtMs: number): RolloverOutcome {
  const journal = new ArchiveJournal(ctx.ss);
  const outcome: RolloverOutcome = { finished: 0, moved: 0, segments: [] };
  for (const segment of journal.segments().filter((s) => s.phase !== 'done')) {
    finishSegment(ctx, journal, segment, critical);
    outcome.finished++;
  }
  const today = todayIn(ctx.timeZone, ctx.now);
  if (journal.checkedOn() === today) return outcome;
  let thisYearMoved = false;
  while (Date.now() - startedAtMs < TIME_BUDGET_MS) {
    const segment = startSegment(ctx, journal, thisYearMoved);
    if (!segment) break;
    finishSegment(ctx, journal, segment, critical);
    outcome.moved += segmentRows(segment);
    outcome.segments.push(`${segment.name}: rows ${segment.first}–${segment.last}`);
    thisYearMoved = thisYearMoved || segment.year >= ctx.now.getUTCFullYear();
  }
  journal.markChecked(today);
  return outcome;
}

/** Picks the next rows to move and records where they go (phase 'copying'), or null. */
function startSegment(ctx: TrackerContext, journal: ArchiveJournal, thisYearMoved: boolean): ArchiveSegment | null {
  const live = readLiveLog(ctx.ss);
  const years = live.map((r) => Number(r.cells[0].slice(0, 4)) || 0);
  const batch = nextRolloverBatch(spreadsheetCells(ctx.ss).used, years, ctx.now.getUTCFullYear(), thisYearMoved);
  if (!batch || batch.count > MAX_SEGMENT_ROWS) return null;
  const rows = live.slice(batch.from, batch.from + batch.count);
  const segments = journal.segments();
  const first = archivedRows(segments) + 1;
  const existing = segments.find((s) => s.year === batch.year && s.phase === 'done');
  const name = `${ctx.ss.getName()} — Audit Log ${batch.year}`;
  const file = existing ? null : createArchive(name);
  const segment: ArchiveSegment = {
    year: batch.year,
    fileId: existing ? existing.fileId : (file as GoogleAppsScript.Spreadsheet.Spreadsheet).getId(),
    url: existing ? existing.url : (file as GoogleAppsScript.Spreadsheet.Spreadsheet).getUrl(),
    name: existing ? existing.name : name,
    first,
    last: first + rows.length - 1,
    firstPreviousHash: rows[0].previousHash,
    firstHash: rows[0].hash,
    lastHash: rows[rows.length - 1].hash,
    phase: 'copying',
    at: ctx.now.toISOString(),
  };
  journal.save(segment);
  return segment;
}

function finishSegment(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment, critical: Critical): void {
  if (segment.phase === 'copying') {
    copySegment(ctx, journal, segment);
    segment.phase = 'copied';
    journal.save(segment);
  }
  critical(() => {
    removeFromLiveLog(ctx, journal, segment);
    // Linked and audited before it is recorded done: a retry redoes both (each checks what is there).
    linkArchivesInSettings(ctx.ss, journal.segments().map((s) => (s.first === segment.first ? { ...s, phase: 'done' as const } : s)));
    auditOnce(ctx, segment);
    segment.phase = 'done';
    journal.save(segment);
  });
}

/** Writes the segment's rows into its archive and reads them back: a copy that differs is never recorded as copied. */
function copySegment(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment): void {
  const segments = journal.segments();
  const rows = segmentInLiveLog(readLiveLog(ctx.ss), segments, segment);
  if (!rows) throw new Error(`The Audit Log no longer starts with the rows being archived (${segment.first}–${segment.last}); nothing was moved. Run "Verify audit log".`);
  const offset = segments.filter((s) => s.fileId === segment.fileId && s.first < segment.first).reduce((sum, s) => sum + segmentRows(s), 0);
  const file = SpreadsheetApp.openById(segment.fileId);
  writeArchiveRows(file, offset, rows);
  const copied = readArchiveRows(file).slice(offset);
  const same = copied.length === rows.length && rows.every((r, i) => copied[i].hash === r.hash && copied[i].previousHash === r.previousHash && copied[i].cells.every((c, j) => c === r.cells[j]));
  if (!same) throw new Error(`The copy in "${segment.name}" does not read back as the Audit Log's rows ${segment.first}–${segment.last}; they stay in the log.`);
}

/** The live rows the segment holds, if the live log (after the finished archives) starts with them. */
function segmentInLiveLog(live: readonly StoredAuditRow[], segments: readonly ArchiveSegment[], segment: ArchiveSegment): StoredAuditRow[] | null {
  if (archivedRows(segments) + 1 !== segment.first) return null;
  const rows = live.slice(0, segmentRows(segment));
  if (rows.length !== segmentRows(segment) || rows[0].hash !== segment.firstHash || rows[rows.length - 1].hash !== segment.lastHash) return null;
  return rows;
}

/** Deletes the archived rows from the live log unless a run before already did, then sets the head's row count. Holds the lock. */
function removeFromLiveLog(ctx: TrackerContext, journal: ArchiveJournal, segment: ArchiveSegment): void {
  const live = readLiveLog(ctx.ss);
  let rest: StoredAuditRow[];
  if (segmentInLiveLog(live, journal.segments(), segment)) {
    TrackerTable.open(ctx.ss, 'audit').sheet.deleteRows(2, segmentRows(segment));
    rest = live.slice(segmentRows(segment));
  } else if (live.length === 0 || live[0].previousHash === segment.lastHash) {
    rest = live; // deleted by a run that died before recording it
  } else {
    throw new Error(`The Audit Log's first row is neither the first archived row nor chained to the last one (archive "${segment.name}", rows ${segment.first}–${segment.last}); nothing was deleted. Run "Verify audit log".`);
  }
  const store = new KeyStore(ctx.ss);
  const head = readAuditHead(store);
  if (!head) return;
  // The head's meaning: rows = data rows of the live log up to the head's row, hash = that row's hash.
  const at = rest.findIndex((r) => r.hash === head.hash);
  const rows = at >= 0 ? at + 1 : head.hash === segment.lastHash ? 0 : null;
  if (rows !== null && rows !== head.rows) store.write(AUDIT_HEAD_KEY, JSON.stringify({ ...head, rows }));
}

/** The rollover's own audit entry, once: a retry finds it in the log's last rows. */
function auditOnce(ctx: TrackerContext, segment: ArchiveSegment): void {
  const recordId = `archive ${segment.first}-${segment.last}`;
  const tail = readLiveLog(ctx.ss).slice(-50);
  if (tail.some((r) => r.cells[6] === recordId)) return;
  appendAudit({ ss: ctx.ss, timeZone: ctx.timeZone, properties: ctx.properties }, [{
    at: ctx.now, user: ctx.actor, source: ctx.source, tab: 'Audit Log', range: `rows ${segment.first}-${segment.last}`, recordId,
    field: 'Archived to', oldValue: '', newValue: `${segment.name} (${segment.url}), hashes ${segment.firstHash.slice(0, 12)}…${segment.lastHash.slice(0, 12)}`,
  }]);
}

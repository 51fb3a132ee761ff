import { StoredAuditRow, verifyChain } from '../domain/audit-verify';
import { ArchiveSegment, segmentRows } from '../domain/capacity';
import { readArchiveRows } from './archive-file';
import { ArchiveJournal } from './journal';
import { archiveLinksInSettings } from './settings-links';

/**
 * Verify's part for the archives: every archive the tracker recorded (journal.ts) is opened,
 * its chain checked from the hash the previous file ended on, and its rows matched against
 * what was moved into it. A missing file, a changed, cut or extended one, and an archive link
 * in Settings the tracker never made are reported. Returns the archived rows in chain order
 * (for receipts) and the hash the live log's first row must chain to.
 */
export interface ArchivesReport {
  files: number;
  rows: StoredAuditRow[];
  problems: string[];
  /** The last archived row's hash as read ('' without archives). */
  endHash: string;
}

export function verifyArchives(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, liveFirstPreviousHash: string): ArchivesReport {
  const recorded = new ArchiveJournal(ss).segments();
  // A rollover that died after deleting its rows and before recording it done: its copy (read back
  // identical before the delete) holds them; the owner's next hourly run finishes recording it.
  const segments = recorded.map((s) => (s.phase === 'copied' && liveFirstPreviousHash && s.lastHash === liveFirstPreviousHash ? { ...s, phase: 'done' as const } : s));
  const report: ArchivesReport = { files: 0, rows: [], problems: [], endHash: '' };
  const done = segments.filter((s) => s.phase === 'done');
  let previous = '';
  for (const fileId of [...new Set(done.map((s) => s.fileId))]) {
    report.files++;
    const own = done.filter((s) => s.fileId === fileId);
    const unfinished = segments.some((s) => s.fileId === fileId && s.phase !== 'done');
    const checked = checkFile(fileId, own, unfinished, previous);
    report.problems.push(...checked.problems);
    report.rows.push(...checked.rows);
    previous = own[own.length - 1].lastHash;
  }
  report.endHash = previous;
  const known = new Set(segments.map((s) => s.url));
  for (const [label, url] of archiveLinksInSettings(ss)) {
    if (!known.has(url)) report.problems.push(`Settings lists "${label}" (${url || 'no link'}), which is not an archive the tracker made.`);
  }
  return report;
}

function checkFile(fileId: string, own: readonly ArchiveSegment[], unfinished: boolean, start: string): { rows: StoredAuditRow[]; problems: string[] } {
  const name = `The archive "${own[0].name}"`;
  let rows: StoredAuditRow[];
  try {
    rows = readArchiveRows(SpreadsheetApp.openById(fileId));
  } catch (e) {
    return { rows: [], problems: [`${name} (${own[0].url}) is missing or cannot be opened: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const expected = own.reduce((sum, s) => sum + segmentRows(s), 0);
  const problems: string[] = [];
  if (rows.length < expected) problems.push(`${name} has ${rows.length} rows; ${expected} were moved into it: rows were deleted.`);
  if (rows.length > expected && !unfinished) problems.push(`${name} has ${rows.length - expected} row(s) more than were moved into it: rows were added.`);
  const held = rows.slice(0, expected);
  const chain = verifyChain(held, null, start);
  if (!chain.intact) problems.push(`${name}: ${chain.message}`);
  let offset = 0;
  for (const s of own) {
    const first = held[offset];
    const last = held[offset + segmentRows(s) - 1];
    if (chain.intact && (!first || !last || first.hash !== s.firstHash || last.hash !== s.lastHash)) {
      problems.push(`${name} no longer holds the log's rows ${s.first}–${s.last} as they were moved.`);
    }
    offset += segmentRows(s);
  }
  return { rows: held, problems };
}

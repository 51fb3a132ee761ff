/**
 * How full the spreadsheet is, and when the Audit Log rolls over (pure).
 *
 * Google limits a spreadsheet to 10 million cells, counted by every tab's grid
 * (max rows × max columns), empty or not. The Audit Log gains a row per change,
 * so it is what fills a tracker. The rule: once the spreadsheet's grids pass
 * ROLLOVER_SHARE of the limit, the owner's daily run moves the log's rows of
 * past years (oldest year first) into one archive spreadsheet per year; if that
 * is not enough, the older half of this year's rows follows (once a day).
 * The whole workbook is what Google counts, so that is what we measure: a limit
 * on the Audit Log alone would miss growth elsewhere (leads, form responses).
 * 80% leaves two million cells (about 140,000 audit rows) of room for the days
 * between checks and for the run itself; nothing moves below it, so a small
 * tracker keeps its whole history in one place.
 */
export const CELL_LIMIT = 10_000_000;
export const ROLLOVER_SHARE = 0.8;
/** Rows moved per archive segment: one copy, one verify, one delete, well inside a 6-minute run. */
export const MAX_SEGMENT_ROWS = 20_000;

export interface TabCells {
  name: string;
  rows: number;
  columns: number;
}

export interface CellUse {
  used: number;
  limit: number;
  share: number;
  tabs: Array<TabCells & { cells: number }>;
}

export function cellUse(tabs: readonly TabCells[]): CellUse {
  const withCells = tabs.map((t) => ({ ...t, cells: t.rows * t.columns }));
  const used = withCells.reduce((sum, t) => sum + t.cells, 0);
  return { used, limit: CELL_LIMIT, share: used / CELL_LIMIT, tabs: withCells.sort((a, b) => b.cells - a.cells) };
}

/** A run of consecutive live Audit Log rows to move: 0-based indexes into the live rows, and their year. */
export interface RolloverBatch {
  year: number;
  from: number;
  count: number;
}

/**
 * The next batch to move, or null when nothing should: the spreadsheet is below the
 * threshold, or the log has no rows to give. `years` are the live rows' UTC years, oldest
 * first. Past years go whole (a segment at a time); when only this year's rows are left,
 * the older half of them goes, once a run (`thisYearMoved`), so a tracker that is full for
 * other reasons (a huge tab) does not lose its whole recent log to the archive in one day.
 */
export function nextRolloverBatch(use: number, years: readonly number[], currentYear: number, thisYearMoved: boolean): RolloverBatch | null {
  if (use < CELL_LIMIT * ROLLOVER_SHARE || years.length === 0) return null;
  const year = years[0];
  if (year >= currentYear && thisYearMoved) return null;
  let count = 0;
  while (count < years.length && years[count] === year && count < MAX_SEGMENT_ROWS) count++;
  if (year >= currentYear) count = Math.max(1, Math.floor(count / 2));
  return { year, from: 0, count };
}

/** What the sidebar says about growth: rows a day, and the date the threshold is reached at that rate. */
export interface GrowthForecast {
  rowsPerDay: number;
  /** yyyy-MM-dd (UTC), or '' when the log does not grow or the date is more than ten years away. */
  rolloverOn: string;
  /** The year of the live log's oldest row (what the next rollover moves first); 0 with no rows. */
  oldestYear: number;
}

/**
 * The Audit Log's growth over the days its live rows span (first to last timestamp), and when,
 * at that rate, the spreadsheet passes the rollover threshold. Rows are added to the grid as
 * they come (a tab grows by a thousand rows at a time), so cells per day = rows a day × columns.
 */
export function forecastRollover(use: number, first: Date | null, last: Date | null, rows: number, columns: number, now: Date): GrowthForecast {
  const days = first && last ? (last.getTime() - first.getTime()) / 86_400_000 : 0;
  const rowsPerDay = days >= 1 ? rows / days : rows;
  const room = CELL_LIMIT * ROLLOVER_SHARE - use;
  let rolloverOn = '';
  if (room <= 0) rolloverOn = now.toISOString().slice(0, 10);
  else if (rowsPerDay > 0) {
    const daysLeft = room / (rowsPerDay * Math.max(1, columns));
    if (daysLeft < 3650) rolloverOn = new Date(now.getTime() + daysLeft * 86_400_000).toISOString().slice(0, 10);
  }
  return { rowsPerDay: Math.round(rowsPerDay * 10) / 10, rolloverOn, oldestYear: first ? first.getUTCFullYear() : 0 };
}

/**
 * One move of Audit Log rows into an archive spreadsheet, as the tracker records it
 * (its own record, which no one can edit from the sheet). `first`/`last` number the rows
 * along the whole chain (1 = the log's first row ever), so they never change.
 * phase: 'copying' (the file is known, rows are being written), 'copied' (written and
 * read back identical; the live rows may or may not be deleted yet), 'done'.
 */
export interface ArchiveSegment {
  year: number;
  fileId: string;
  url: string;
  name: string;
  first: number;
  last: number;
  firstPreviousHash: string;
  firstHash: string;
  lastHash: string;
  phase: 'copying' | 'copied' | 'done';
  at: string;
}

export function segmentRows(s: ArchiveSegment): number {
  return s.last - s.first + 1;
}

/** Rows already out of the live log: those of finished segments. */
export function archivedRows(segments: readonly ArchiveSegment[]): number {
  return segments.filter((s) => s.phase === 'done').reduce((sum, s) => sum + segmentRows(s), 0);
}

/** The hash the live log's first row chains to: the last finished segment's last hash ('' with no archive). */
export function liveStartHash(segments: readonly ArchiveSegment[]): string {
  const done = segments.filter((s) => s.phase === 'done');
  return done.length ? done[done.length - 1].lastHash : '';
}

export function parseSegments(text: string): ArchiveSegment[] {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : [];
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return raw
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && typeof (s as { fileId?: unknown }).fileId === 'string')
    .map((s) => ({
      year: Number(s.year) || 0,
      fileId: str(s.fileId),
      url: str(s.url),
      name: str(s.name),
      first: Number(s.first) || 0,
      last: Number(s.last) || 0,
      firstPreviousHash: str(s.firstPreviousHash),
      firstHash: str(s.firstHash),
      lastHash: str(s.lastHash),
      phase: s.phase === 'done' || s.phase === 'copied' ? s.phase : 'copying',
      at: str(s.at),
    }));
}

/**
 * Finished segments that follow each other in one file, as one: the record stays one entry per
 * archive file (developer metadata is small), however many days a year's rows took to move.
 */
export function mergeFinished(segments: readonly ArchiveSegment[]): ArchiveSegment[] {
  const out: ArchiveSegment[] = [];
  for (const s of segments) {
    const previous = out[out.length - 1];
    if (previous && previous.phase === 'done' && s.phase === 'done' && previous.fileId === s.fileId && previous.last + 1 === s.first) {
      out[out.length - 1] = { ...previous, last: s.last, lastHash: s.lastHash, at: s.at };
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/** An archive file as Settings lists it: the rows and hashes it holds. */
export function archiveSummary(segments: readonly ArchiveSegment[]): string {
  const done = segments.filter((s) => s.phase === 'done');
  if (!done.length) return 'being written';
  const first = done[0];
  const last = done[done.length - 1];
  return `rows ${first.first.toLocaleString('en-US')}–${last.last.toLocaleString('en-US')} of the log · hashes ${first.firstHash.slice(0, 12)}…${last.lastHash.slice(0, 12)}`;
}

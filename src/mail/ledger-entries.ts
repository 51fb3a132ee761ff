import { readText, readUtcDateTime } from '../tracker/cells';
import { matchedRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import { contiguous } from './mail-rows';
import { Entry } from './mail-types';

/**
 * The Mail Queue rows a claim has to know about, found by TextFinder searches of the Status
 * and Message ID columns instead of reading those columns whole: the ledger gains a row per
 * email for ever (every confirmation, digest and statement), and a claim must not read more as
 * it grows. They are every row still Queued or Sending (work, or a stopped run's to report),
 * and every row holding one of the IDs being claimed (sent already, or waiting). Two searches
 * on Google's side, then one read per cluster of found rows.
 */
const WORK_STATUSES = ['Queued', 'Sending'] as const;
/** Found rows within this many of each other are read with one call. */
const SPAN_GAP = 25;

export function ledgerEntries(table: TrackerTable<'mail'>, ids: readonly string[], timeZone: string): Entry[] {
  if (table.lastRow() < 2) return [];
  const rows = new Set<number>(search(table, 'status', WORK_STATUSES));
  if (ids.length) for (const row of search(table, 'messageId', ids)) rows.add(row);
  if (rows.size === 0) return [];
  const columns = (['status', 'attempts', 'messageId', 'claimedUntil'] as const).map((key) => ({ key, at: table.column(key) }));
  const first = Math.min(...columns.map((c) => c.at));
  const width = Math.max(...columns.map((c) => c.at)) - first + 1;
  const entries: Entry[] = [];
  for (const span of spans([...rows].sort((a, b) => a - b))) {
    const grid = table.sheet.getRange(span[0], first, span[1] - span[0] + 1, width).getValues();
    grid.forEach((cells, i) => {
      const cell = (key: (typeof columns)[number]['key']) => cells[(columns.find((c) => c.key === key)?.at ?? first) - first];
      entries.push({
        row: span[0] + i,
        id: readText(cell('messageId')),
        status: readText(cell('status')),
        attempts: Number(cell('attempts')) || 0,
        claimedUntil: readUtcDateTime(cell('claimedUntil'), timeZone)?.getTime() ?? 0,
      });
    });
  }
  return entries;
}

/** Whether a row holds this message ID (one search). */
export function ledgerHas(table: TrackerTable<'mail'>, id: string): boolean {
  return table.lastRow() >= 2 && search(table, 'messageId', [id]).length > 0;
}

/** Rows whose cell in `column` is exactly one of `values` (one search: a regular expression of the values, each escaped). */
function search(table: TrackerTable<'mail'>, column: 'status' | 'messageId', values: readonly string[]): number[] {
  // Anchored and grouped here too: whether Google applies matchEntireCell to a whole alternation is not documented.
  return matchedRows(table, column, `^(?:${values.map((v) => v.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|')})$`, true);
}

/** [first, last] row spans covering the rows, merging rows closer than SPAN_GAP. */
function spans(sorted: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const group of contiguous(sorted)) {
    const last = out[out.length - 1];
    if (last && group[0] - last[1] <= SPAN_GAP) last[1] = group[group.length - 1];
    else out.push([group[0], group[group.length - 1]]);
  }
  return out;
}

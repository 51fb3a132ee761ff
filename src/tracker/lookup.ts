import { CellValue, readText } from './cells';
import { TrackerTable } from './table';

/**
 * Rows found by their key (a Lead ID, a Commission ID, a commission's Lead ID…)
 * through a TextFinder on the key column: one search on Google's side, then the
 * matched rows read, so a lookup costs the same on a tab of any length.
 *
 * What the search matches, and how a match is confirmed:
 * - it compares the cell's displayed text (a formula cell's result, not its
 *   formula: matchFormulaText(false)), case exactly (matchCase(true)) and
 *   with its accents (ignoreDiacritics(false)), the whole cell (matchEntireCell(true));
 * - the key is searched as plain text, never as a regular expression, so a key
 *   holding ".", "*" or "(" means itself;
 * - every match is read back and kept only when the cell's value, normalised
 *   as the tracker reads it (readText: trimmed), equals the key: a number
 *   whose display happens to read like the key, or a display format that
 *   differs from the value, is no false positive of ours.
 * A key cell typed with stray spaces around it is not found (the displayed text
 * differs); such a cell was typed by hand, so the row is held anyway.
 */
export interface FoundRow {
  /** Sheet row. */
  row: number;
  record: Record<string, CellValue>;
}

/** Rows within this many of each other are read with one call (reading a few extra rows beats another round trip). */
const SPAN_GAP = 25;
/** Clusters of matches read one by one at most; more, and one read spans them all. */
const MAX_CLUSTER_READS = 3;

/** The rows whose `column` holds exactly `key`, in sheet order: one search, then one to MAX_CLUSTER_READS reads. */
export function findRows(table: TrackerTable, column: string, key: string): FoundRow[] {
  const wanted = readText(key);
  const rows = matchedRows(table, column, wanted, false);
  if (rows.length === 0) return [];
  return readMatched(table, rows).filter((found) => readText(found.record[column]) === wanted);
}

/** The last row (the newest) whose `column` holds exactly `key`, or null. */
export function findLastRow(table: TrackerTable, column: string, key: string): FoundRow | null {
  const rows = findRows(table, column, key);
  return rows.length ? rows[rows.length - 1] : null;
}

/**
 * The rows whose `column` displays `key`, in sheet order, unconfirmed (one
 * search, nothing read): for a caller that reads the row later anyway, and
 * then checks the key itself (falling back to findRows when it does not hold).
 */
export function candidateRows(table: TrackerTable, column: string, key: string): number[] {
  return matchedRows(table, column, readText(key), false);
}

/**
 * Whether any cell of `column` displays one of these IDs (prefix then the
 * number, with any zero padding): one search, nothing read. The pattern is
 * built here from the tracker's own prefix and numbers, never from user text.
 */
export function anyIdInUse(table: TrackerTable, column: string, prefix: string, numbers: readonly number[]): boolean {
  if (numbers.length === 0) return false;
  if (!/^[A-Z]+-$/.test(prefix) || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) throw new Error(`internal: bad ID probe ${prefix} ${numbers.join(',')}`);
  return matchedRows(table, column, `${prefix}0*(?:${numbers.join('|')})`, true).length > 0;
}

/**
 * The rows whose `column` displays `text` exactly (as a regular expression when `regex`: the
 * caller builds it from values it escapes, never from raw user text), in sheet order: one search.
 */
export function matchedRows(table: TrackerTable, column: string, text: string, regex: boolean): number[] {
  const maxRows = table.sheet.getMaxRows();
  if (!text || maxRows < 2) return [];
  const range = table.sheet.getRange(2, table.column(column), maxRows - 1, 1);
  const matches = range.createTextFinder(text).matchCase(true).matchEntireCell(true).ignoreDiacritics(false).matchFormulaText(false).useRegularExpression(regex).findAll();
  return [...new Set(matches.map((m) => m.getRow()))].sort((a, b) => a - b);
}

/** Reads the matched rows: each cluster of nearby rows with one call, or, past a few clusters, one span over them all. */
function readMatched(table: TrackerTable, rows: readonly number[]): FoundRow[] {
  const clusters: Array<[number, number]> = [];
  for (const row of rows) {
    const last = clusters[clusters.length - 1];
    if (last && row - last[1] <= SPAN_GAP) last[1] = row;
    else clusters.push([row, row]);
  }
  const spans = clusters.length <= MAX_CLUSTER_READS ? clusters : [[rows[0], rows[rows.length - 1]] as [number, number]];
  const wanted = new Set(rows);
  const out: FoundRow[] = [];
  for (const [first, last] of spans) {
    table.readRows(first, last).forEach((record, i) => {
      if (wanted.has(first + i)) out.push({ row: first + i, record });
    });
  }
  return out;
}

import { RuleProblem } from '../domain/commissions';
import { AuditEntry } from '../domain/audit-chain';
import { CellValue, readText, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';
import { TabKey, tab } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * What adoption (this folder) shares: rows as read (whole, every column, so a write puts back
 * what it does not change, columns the tracker does not know included), their Problems cell,
 * the highlight, and writes batched by blocks of adjacent rows.
 */
export const PROBLEM_BACKGROUND = '#fce8e6';

/** Tabs whose typed and pasted rows the tracker adopts or explains. */
export const ADOPTED_TABS: readonly TabKey[] = ['partners', 'leads', 'rules', 'lists', 'tiers'];

export interface RawRow {
  row: number;
  /** The sheet row's cells, as wide as the table. */
  cells: CellValue[];
}

/** What the person did, when the edit trigger calls: who (when Google says) and, for one typed cell, what it held. */
export interface EditFacts {
  editor: string;
  single: { column: number; oldValue: unknown } | null;
  /** The edited columns. */
  columns: { first: number; last: number };
}

/** One tab's adoption: what it did, what the audit trail and the toast say, and its writes (run inside the audited write). */
export interface TabAdoption {
  adopted: number;
  idsAssigned: number;
  /** Rows of the tab in scope that have problems after the run. */
  problemRows: number;
  notes: string[];
  /** Changes put back (a required field of a counted row cleared), each with why. */
  refused: string[];
  audit: AuditEntry[];
  apply: () => void;
  /** Commission Rules only: every rule row's problems as the rule parser gave them (the edit trigger's one toast per burst tells them). */
  ruleProblems?: RuleProblem[];
}

export const emptyAdoption = (): TabAdoption => ({ adopted: 0, idsAssigned: 0, problemRows: 0, notes: [], refused: [], audit: [], apply: () => undefined });

/** Rows first..last, whole: one read. */
export function readRawRows(table: TrackerTable, first: number, last: number): RawRow[] {
  if (last < first) return [];
  const grid = table.sheet.getRange(first, 1, last - first + 1, table.width).getValues() as CellValue[][];
  return grid.map((cells, i) => ({ row: first + i, cells }));
}

/** A raw row as column key → value. */
export function recordOf(table: TrackerTable, raw: RawRow): Record<string, CellValue> {
  const record: Record<string, CellValue> = {};
  for (const [key, at] of table.positions) record[key] = raw.cells[at - 1] ?? '';
  return record;
}

/** A column's header, as problems and messages name it. */
export function headerOf(key: TabKey, column: string): string {
  return tab(key).columns.find((c) => c.key === column)?.header ?? column;
}

/** Where a row's problem is said as "Header: why" (domain/row-checks.ts). */
export { problemLine } from '../domain/row-checks';

export function problemsText(lines: readonly string[]): string {
  return lines.join('\n');
}

/** A row's problems as the cell holds them (one per line). */
export function problemsOf(table: TrackerTable, raw: RawRow): string {
  return table.has('problems') ? readText(raw.cells[table.column('problems') - 1]) : '';
}

/** Whether a row holds nothing a person typed (the tracker's own columns aside). */
export function isBlankRow(table: TrackerTable, raw: RawRow): boolean {
  const computed = new Set(
    tab(table.key)
      .columns.filter((c) => c.computed)
      .map((c) => c.key),
  );
  for (const [key, at] of table.positions) if (!computed.has(key) && readText(raw.cells[at - 1]) !== '') return false;
  return true;
}

/** A row to write whole (with its Problems cell and highlight). */
export interface RowWrite {
  row: number;
  cells: CellValue[];
  problems: readonly string[];
}

/** Sets a raw row's cells by column key (missing columns are left out: an older tracker). */
export function withCells(table: TrackerTable, raw: RawRow, values: Record<string, CellValue>): CellValue[] {
  const cells = [...raw.cells];
  while (cells.length < table.width) cells.push('');
  for (const [key, value] of Object.entries(values)) if (table.has(key)) cells[table.column(key) - 1] = value;
  return cells;
}

/**
 * Writes whole rows, each block of adjacent rows with one setValues and one setBackgrounds
 * (highlighted while the row has problems, cleared when it has none).
 */
export function writeRows(table: TrackerTable, writes: readonly RowWrite[]): void {
  if (writes.length === 0) return;
  table.confirmColumns();
  const at = table.column('problems');
  const blocks: RowWrite[][] = [];
  for (const w of [...writes].sort((a, b) => a.row - b.row)) {
    const last = blocks[blocks.length - 1];
    if (last && last[last.length - 1].row === w.row - 1) last.push(w);
    else blocks.push([w]);
  }
  for (const block of blocks) {
    const grid = block.map((w) => {
      const cells = [...w.cells];
      cells[at - 1] = textCell(problemsText(w.problems));
      return cells;
    });
    const range = table.sheet.getRange(block[0].row, 1, block.length, table.width);
    range.setValues(grid);
    range.setBackgrounds(block.map((w) => new Array<string | null>(table.width).fill(w.problems.length ? PROBLEM_BACKGROUND : null)));
  }
  if (table.key === 'partners' || table.key === 'rules' || table.key === 'lists') reference(table.ss).drop(table.key);
}

/** For a counted row: only its Problems cell and highlight (its other cells are left as they are). */
export function writeProblemsOnly(table: TrackerTable, row: number, problems: readonly string[]): void {
  table.confirmColumns();
  table.sheet.getRange(row, table.column('problems')).setValue(textCell(problemsText(problems)));
  table.sheet.getRange(row, 1, 1, table.width).setBackground(problems.length ? PROBLEM_BACKGROUND : null);
  if (table.key === 'partners') reference(table.ss).drop('partners');
}

/** An audit entry of adoption's. */
export function adoptionEntry(ctx: TrackerContext, table: TrackerTable, row: number, recordId: string, field: string, oldValue: string, newValue: string): AuditEntry {
  return { at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${row}`, recordId, field, oldValue, newValue };
}

/** "row 3" / "rows 3, 4". */
export function rowsText(rows: readonly number[]): string {
  return `row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}`;
}

/** The audit entries for a row whose problems changed: marked (each reason) or cleared. */
export function problemEntries(ctx: TrackerContext, table: TrackerTable, row: number, recordId: string, before: string, after: readonly string[]): AuditEntry[] {
  const now = problemsText(after);
  if (now === before) return [];
  return [adoptionEntry(ctx, table, row, recordId, now ? '(problems marked)' : '(problems cleared)', before, now || 'fixed: the row counts')];
}

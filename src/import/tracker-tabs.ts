import { ruleRowOf } from '../commissions/commission-store';
import { ExistingLead } from '../domain/import/plan-leads';
import { ExistingPartner } from '../domain/import/plan-partners';
import { ExistingRule } from '../domain/import/plan-rules';
import { recordToLead } from '../leads/lead-store';
import { recordToPartner } from '../partners/partner-store';
import { CellValue, readText } from '../tracker/cells';
import { TrackerTable } from '../tracker/table';
import { reference } from '../tracker/reference';
import { TabKey } from '../tracker/schema';

/**
 * A tab read whole, once (one getValues of its data rows), for an import to plan against and
 * to write its updates back into. Rows are records by column key; `grid` is the cells as read.
 */
export interface ReadTab<T extends TabKey> {
  table: TrackerTable<T>;
  grid: CellValue[][];
  records: Array<Record<string, CellValue>>;
}

export function readTab<T extends TabKey>(table: TrackerTable<T>): ReadTab<T> {
  const rows = table.rowCount();
  const grid = rows > 0 ? (table.sheet.getRange(2, 1, rows, table.width).getValues() as CellValue[][]) : [];
  const records = grid.map((cells) => {
    const record: Record<string, CellValue> = {};
    for (const [key, at] of table.positions) record[key] = cells[at - 1];
    return record;
  });
  return { table, grid, records };
}

/**
 * Writes an import's updates into rows it read: the changed cells set in the grid as read, and
 * the block from the first to the last changed row, over the changed columns, written in one
 * call. The rows were read under the same lock, so the block holds what the tracker just read.
 */
export function writeUpdates<T extends TabKey>(tab: ReadTab<T>, updates: ReadonlyArray<{ row: number; cells: Record<string, CellValue> }>): void {
  if (updates.length === 0) return;
  const { table, grid } = tab;
  table.confirmColumns();
  const rows = updates.map((u) => u.row);
  const columns = updates.flatMap((u) => Object.keys(u.cells).map((k) => table.column(k as never)));
  const firstRow = Math.min(...rows);
  const lastRow = Math.max(...rows);
  const firstColumn = Math.min(...columns);
  const lastColumn = Math.max(...columns);
  for (const u of updates) for (const [key, value] of Object.entries(u.cells)) grid[u.row - 2][table.column(key as never) - 1] = value;
  const block = grid.slice(firstRow - 2, lastRow - 1).map((cells) => cells.slice(firstColumn - 1, lastColumn));
  table.sheet.getRange(firstRow, firstColumn, block.length, lastColumn - firstColumn + 1).setValues(block);
  if (table.key === 'partners' || table.key === 'rules') reference(table.ss).drop(table.key as 'partners' | 'rules');
}

export function partnersOf(tab: ReadTab<'partners'>, timeZone: string): ExistingPartner[] {
  return tab.records.flatMap((r, i) => recordToPartner(i + 2, r, timeZone) ?? []);
}

export function leadsOf(tab: ReadTab<'leads'>, timeZone: string): ExistingLead[] {
  return tab.records.flatMap((r, i) => (readText(r.id) ? [{ ...recordToLead(r, timeZone), row: i + 2 }] : []));
}

export function rulesOf(tab: ReadTab<'rules'>, timeZone: string): ExistingRule[] {
  return tab.records.flatMap((r, i) => (readText(r.id) || readText(r.name) ? [{ ...ruleRowOf(i + 2, (k) => r[k], timeZone), notes: readText(r.notes) }] : []));
}

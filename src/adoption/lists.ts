import { listProblems } from '../domain/row-checks';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { RowWrite, TabAdoption, adoptionEntry, emptyAdoption, headerOf, problemsOf, readRawRows, rowsText } from './rows';
import { writeRows } from './rows';

/**
 * The Lists tab (the Products and Regions dropdowns): a blank cell between values, or a value
 * already higher up in its column, is marked on its row and highlighted until fixed. Nothing
 * is assigned or removed. The tab is small: read whole (one call).
 */
const LIST_KEYS = ['products', 'regions'] as const;

export function adoptLists(ctx: TrackerContext, inScope: (row: number) => boolean): TabAdoption {
  const table = TrackerTable.open(ctx.ss, 'lists');
  const rows = readRawRows(table, 2, table.lastRow());
  const out = emptyAdoption();
  const columns = LIST_KEYS.filter((k) => table.has(k)).map((k) => ({ header: headerOf('lists', k), values: rows.map((raw) => readText(raw.cells[table.column(k) - 1])) }));
  const found = listProblems(columns);
  const writes: RowWrite[] = [];
  const marked: number[] = [];
  rows.forEach((raw, i) => {
    if (!inScope(raw.row)) return;
    const before = problemsOf(table, raw);
    const problems = found.get(i) ?? [];
    if (problems.length) out.problemRows++;
    if (problems.join('\n') === before) return;
    writes.push({ row: raw.row, cells: raw.cells, problems });
    out.audit.push(adoptionEntry(ctx, table, raw.row, '', problems.length ? '(problems marked)' : '(problems cleared)', before, problems.join('\n') || 'fixed'));
    if (problems.length) marked.push(raw.row);
  });
  if (marked.length) out.notes.push(`Lists ${rowsText(marked)}: the Problems column says what to fix.`);
  out.apply = () => writeRows(table, writes);
  return out;
}

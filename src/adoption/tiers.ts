import { parseTiers } from '../domain/tiers/tiers';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { RowWrite, TabAdoption, adoptionEntry, emptyAdoption, problemsOf, readRawRows, recordOf, rowsText, writeRows } from './rows';

/**
 * The Tiers tab: every problem on a row (a blank or repeated name, an amount or a whole number
 * that is not one, Requires not Either or Both, thresholds on the entry tier) is marked on it,
 * highlighted, until fixed; the tier review leaves such a row out (domain/tiers/tiers.ts). Nothing
 * is assigned. The tab is small: read whole (one call).
 */
export function adoptTiers(ctx: TrackerContext): TabAdoption & { names: string[] | null } {
  const out = { ...emptyAdoption(), names: null as string[] | null };
  const table = TrackerTable.tryOpen(ctx.ss, 'tiers');
  if (!table || !table.has('problems')) return out;
  const rows = readRawRows(table, 2, table.lastRow());
  const parsed = parseTiers(
    rows.map((raw) => {
      const r = recordOf(table, raw);
      return { row: raw.row, name: r.name, minRevenue: r.minRevenue, minDeals: r.minDeals, requires: r.requires, graceDays: r.graceDays };
    }),
  );
  // The names Check tracker then checks partners' tiers against, from this same read.
  out.names = parsed.names;
  const found = new Map(parsed.problems.map((p) => [p.row, p.problems]));
  const writes: RowWrite[] = [];
  const marked: number[] = [];
  for (const raw of rows) {
    const before = problemsOf(table, raw);
    const problems = found.get(raw.row) ?? [];
    if (problems.length) out.problemRows++;
    if (problems.join('\n') === before) continue;
    writes.push({ row: raw.row, cells: raw.cells, problems });
    out.audit.push(adoptionEntry(ctx, table, raw.row, '', problems.length ? '(problems marked)' : '(problems cleared)', before, problems.join('\n') || 'fixed'));
    if (problems.length) marked.push(raw.row);
  }
  if (marked.length) out.notes.push(`Tiers ${rowsText(marked)}: the Problems column says what to fix; the tier review leaves the row out until then.`);
  out.apply = () => writeRows(table, writes);
  return out;
}

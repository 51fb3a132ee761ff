import { InputError } from '../domain/input-error';
import { rolesOf } from '../domain/roles';
import { rosterOf } from '../team/access';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TabKey, tab } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * The rows needing attention: every row of Partners, Leads, Commission Rules, Lists, Tiers and Inbound whose
 * Problems cell says why it does not count. Per tab one read of its ID, label and Problems
 * columns (the calls do not grow with the rows). Any team member may look.
 */
export const ROW_PROBLEMS_LIMIT = 50;

const SOURCES: ReadonlyArray<{ key: TabKey; label: string; id?: string }> = [
  { key: 'partners', label: 'name' },
  { key: 'leads', label: 'company' },
  { key: 'rules', label: 'name' },
  { key: 'lists', label: 'products' },
  { key: 'tiers', label: 'name' },
  // Rows Zapier or Make appended that the hourly run refused (src/inbound/): named by their External ID.
  { key: 'inbound', label: 'company', id: 'externalId' },
];

export interface RowProblem {
  tab: string;
  row: number;
  id: string;
  label: string;
  problems: string[];
}

export function listRowProblems(ctx: TrackerContext): { total: number; rows: RowProblem[] } {
  const roster = rosterOf(ctx);
  if (rolesOf(roster, ctx.actor).length === 0) {
    throw new InputError(
      `Rows needing attention are shown to the team; you (${ctx.actor || 'an account Google does not name'}) are not on the Team tab. The owner (${roster.owner || 'not set up yet'}) or a manager can add you.`,
    );
  }
  let total = 0;
  const rows: RowProblem[] = [];
  for (const source of SOURCES) {
    const table = TrackerTable.tryOpen(ctx.ss, source.key);
    if (!table || !table.has('problems')) continue;
    const idKey = source.id ?? 'id';
    const keys = source.key === 'lists' ? ['products', 'regions', 'problems'] : [idKey, source.label, 'problems'];
    const cols = table.readColumns(keys, keys) as Record<string, CellValue[]>;
    cols.problems.forEach((cell, i) => {
      const text = readText(cell);
      if (!text) return;
      total++;
      if (rows.length >= ROW_PROBLEMS_LIMIT) return;
      const label = source.key === 'lists' ? [readText(cols.products[i]), readText(cols.regions[i])].filter(Boolean).join(' / ') : readText(cols[source.label][i]);
      rows.push({ tab: tab(source.key).name, row: i + 2, id: source.key === 'lists' ? '' : readText(cols[idKey][i]), label, problems: text.split('\n').filter(Boolean) });
    });
  }
  return { total, rows };
}

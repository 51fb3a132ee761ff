import { tierNamesOf } from '../tiers/tier-store';
import { ruleRowOf } from '../commissions/commission-store';
import { parseRules } from '../domain/commissions';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { TrackerTable } from '../tracker/table';
import { RowWrite, TabAdoption, adoptionEntry, emptyAdoption, isBlankRow, problemEntries, problemsOf, readRawRows, recordOf, withCells, writeRows } from './rows';

/**
 * Commission rules typed, pasted or appended into the Commission Rules tab: every rule row
 * without a Rule ID gets one (R-000001…; a rule that brought its own keeps it), so no rule is
 * ever silently left out of commissions for want of an ID. Each row is checked by the rule
 * parser commissions use (domain/commissions/rules.ts); a row with problems is kept, marked and
 * highlighted, and makes no commission until fixed. The tab is small: read whole (one call).
 */
export function adoptRules(ctx: TrackerContext, inScope: (row: number) => boolean): TabAdoption {
  const table = TrackerTable.open(ctx.ss, 'rules');
  const rows = readRawRows(table, 2, table.lastRow());
  const out = emptyAdoption();
  const records = rows.map((raw) => ({ raw, record: recordOf(table, raw) }));
  const ids = new IdAllocator(
    'R-',
    records.map((r) => readText(r.record.id)),
    ctx.properties,
  );
  const assigned = new Map<number, string>();
  for (const { raw, record } of records) {
    if (!inScope(raw.row) || isBlankRow(table, raw) || readText(record.id)) continue;
    const id = ids.take();
    assigned.set(raw.row, id);
    out.idsAssigned++;
  }
  const parsed = parseRules(
    records.map(({ raw, record }) => ruleRowOf(raw.row, (k) => (k === 'id' && assigned.has(raw.row) ? assigned.get(raw.row) : record[k]), ctx.timeZone)),
    tierNamesOf(ctx.ss),
  );
  const problemsAt = new Map<number, string[]>();
  for (const p of parsed.problems) problemsAt.set(p.row, [...(problemsAt.get(p.row) ?? []), p.message.replace(/^.*? \(row \d+\): /, '')]);

  const writes: RowWrite[] = [];
  for (const { raw, record } of records) {
    if (!inScope(raw.row)) continue;
    const before = problemsOf(table, raw);
    const problems = isBlankRow(table, raw) ? [] : (problemsAt.get(raw.row) ?? []);
    const id = assigned.get(raw.row);
    if (problems.length) out.problemRows++;
    if (!id && problems.join('\n') === before) continue;
    const values: Record<string, CellValue> = id ? { id } : {};
    writes.push({ row: raw.row, cells: withCells(table, raw, values), problems });
    const recordId = id ?? readText(record.id);
    if (id) {
      out.adopted++;
      out.audit.push(adoptionEntry(ctx, table, raw.row, id, '(ID assigned)', '', `${readText(record.name)}: typed into the tab, given its Rule ID`));
    }
    out.audit.push(...problemEntries(ctx, table, raw.row, recordId, before, problems));
  }
  if (assigned.size) out.notes.push(`Commission Rules: Rule ID ${[...assigned.values()].join(', ')} assigned.`);
  // Rows marked are told by the edit trigger's one toast per burst (edits/rule-problem-toast.ts), not once per cell typed.
  out.ruleProblems = parsed.problems;
  out.apply = () => {
    writeRows(table, writes);
    ids.commit();
  };
  return out;
}

import { RulePlan, planRules } from '../domain/import/plan-rules';
import { CellValue, dateCell, moneyCell, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { TrackerTable } from '../tracker/table';
import { ImportRequest, Planned, auditEntries, auditedImport } from './run-import';
import { readTab, rulesOf, writeUpdates } from './tracker-tabs';

/** Commission rules from a file: planned against the Commission Rules tab (read once), written in one append and one block of updates. */
export function planRuleImport(ctx: TrackerContext, request: ImportRequest): Planned {
  const table = TrackerTable.open(ctx.ss, 'rules');
  const tab = readTab(table);
  const existing = rulesOf(tab, ctx.timeZone);
  const ids = new IdAllocator(
    'R-',
    existing.map((r) => r.id),
    ctx.properties,
  );
  const result: RulePlan = planRules(request.lines, existing, () => ids.take());
  const first = table.lastRow() + 1;
  const rowOf = new Map<string, number>([...result.creates.map((r, i): [string, number] => [r.id, first + i]), ...result.updates.map((u): [string, number] => [u.id, u.row])]);
  const cell = (key: string, value: unknown): CellValue => {
    if (value === null || value === undefined) return '';
    if (key === 'flatAmount' || key === 'acceleratorThreshold' || key === 'capPerDeal') return moneyCell(value as number);
    if (key === 'rate' || key === 'acceleratorRate' || key === 'holdingDays') return value as number;
    if (key === 'effectiveFrom' || key === 'effectiveTo') return dateCell(String(value));
    return textCell(String(value));
  };
  const audit = auditEntries(
    ctx,
    table.name,
    request,
    result.rows,
    (r) => rowOf.get(r.recordId) ?? null,
    (r) => `${r.label}, from ${request.source}`,
  );
  const write = () => {
    table.confirmColumns();
    auditedImport(ctx, audit, () => {
      table.append(
        result.creates.map((r) =>
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => k === 'id' || table.has(k as never))
              .map(([k, v]) => [k, k === 'id' ? v : cell(k, v)]),
          ),
        ),
      );
      writeUpdates(
        tab,
        result.updates.map((u) => ({ row: u.row, cells: Object.fromEntries(Object.entries(u.values).map(([k, v]) => [k, cell(k, v)])) })),
      );
      ids.commit();
    });
  };
  return { rows: result.rows, lineCount: 0, auditBytes: () => JSON.stringify(audit).length, write };
}

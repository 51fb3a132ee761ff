import { tierNamesOf } from '../tiers/tier-store';
import { PartnerPlan, planPartners } from '../domain/import/plan-partners';
import { dateCell, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { reference } from '../tracker/reference';
import { TrackerTable } from '../tracker/table';
import { partnerCells } from '../partners/partner-store';
import { whyNot } from '../team/access';
import { ImportRequest, Planned, auditEntries, auditedImport } from './run-import';
import { partnersOf, readTab, writeUpdates } from './tracker-tabs';

/** Partners from a file: planned against the Partners tab (read once) and written in one append and one block of updates. */
export function planPartnerImport(ctx: TrackerContext, request: ImportRequest): Planned {
  const table = TrackerTable.open(ctx.ss, 'partners');
  const tab = readTab(table);
  const existing = partnersOf(tab, ctx.timeZone);
  const ref = reference(ctx.ss);
  const ids = new IdAllocator(
    'P-',
    existing.map((p) => p.id),
    ctx.properties,
  );
  const result: PartnerPlan = planPartners(
    request.lines,
    {
      partners: existing,
      regions: ref.list('regions'),
      products: ref.list('products'),
      tiers: tierNamesOf(ctx.ss),
      today: todayIn(ctx.timeZone, ctx.now),
      payoutDetailsRefusal: whyNot(ctx, 'setPayoutDetails'),
    },
    () => ids.take(),
  );
  const first = table.lastRow() + 1;
  const createdAt = new Map(result.creates.map((p, i) => [p.id, first + i]));
  const updatedAt = new Map(result.updates.map((u) => [u.id, u.row]));
  const audit = auditEntries(
    ctx,
    table.name,
    request,
    result.rows,
    (r) => createdAt.get(r.recordId) ?? updatedAt.get(r.recordId) ?? null,
    (r) => `${r.label}, from ${request.source}`,
  );
  const write = () => {
    table.confirmColumns();
    auditedImport(ctx, audit, () => {
      table.append(result.creates.map((p) => ({ id: p.id, ...partnerCells(table, p), createdAt: utcDateTimeCell(ctx.now) })));
      writeUpdates(
        tab,
        result.updates.map((u) => ({ row: u.row, cells: Object.fromEntries(Object.entries(u.values).map(([k, v]) => [k, k === 'joinedOn' ? dateCell(String(v)) : textCell(String(v))])) })),
      );
      ids.commit();
    });
  };
  return { rows: result.rows, lineCount: 0, auditBytes: () => JSON.stringify(audit).length, write };
}

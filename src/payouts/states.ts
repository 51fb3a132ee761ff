import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { Action } from '../domain/roles';
import { requireRole } from '../team/access';
import { CellValue, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { StoredPayout, readPayoutLines, readPayouts } from './payout-store';

/** What a bulk change did: the payouts it changed, and each one it refused with why. */
export interface PayoutChanges {
  changed: string[];
  refused: Array<{ id: string; reason: string }>;
}

/**
 * Payout states: Draft → Approved (a manager) → Paid (finance, with a payment
 * reference and date), which marks the payout's commission lines Paid. Each
 * change is audited; refusals are per payout, with the reason; a payout
 * changed by hand is held until the tracker puts it back. The caller holds the
 * document lock.
 */
export function approvePayouts(ctx: TrackerContext, ids: readonly string[]): PayoutChanges {
  const { changed, refused, audit, apply } = movePayouts(ctx, ids, 'approvePayouts', 'Draft', 'approved', () => ({
    cells: { status: 'Approved', approvedBy: textCell(ctx.actor), approvedAt: utcDateTimeCell(ctx.now) },
    audited: 'Approved',
  }));
  auditedWrite(ctx, audit, apply);
  return { changed, refused };
}

/** From how many payouts a change is written column by column over their rows' span rather than row by row. */
const SPAN_FROM = 3;

/** Plans each payout's move from one status to the next: refusals per payout with the reason; the caller applies the writes with their audit. */
function movePayouts(
  ctx: TrackerContext,
  ids: readonly string[],
  action: Action,
  from: 'Draft' | 'Approved',
  verb: string,
  change: (p: StoredPayout, table: TrackerTable<'payouts'>) => { cells: Record<string, CellValue>; audited: string },
  read?: { table: TrackerTable<'payouts'>; payouts: readonly StoredPayout[] },
): PayoutChanges & { audit: AuditEntry[]; apply: () => void } {
  requireRole(ctx, action);
  const table = read?.table ?? TrackerTable.open(ctx.ss, 'payouts');
  const payouts = new Map((read?.payouts ?? readPayouts(table, ctx.timeZone)).map((p) => [p.id, p]));
  const changed: string[] = [];
  const refused: Array<{ id: string; reason: string }> = [];
  const audit: AuditEntry[] = [];
  const writes: Array<{ row: number; values: Record<string, CellValue>; base: Record<string, CellValue> }> = [];
  for (const id of ids) {
    const p = payouts.get(id);
    if (!p) {
      refused.push({ id, reason: `${id} is not on the Payouts tab.` });
      continue;
    }
    if (p.held) {
      refused.push({ id, reason: `${id} is held: ${p.held}; until then it cannot move.` });
      continue;
    }
    if (p.status !== from) {
      refused.push({ id, reason: `${id} is ${p.status}; only ${from} payouts can be ${verb}.` });
      continue;
    }
    const { cells, audited } = change(p, table);
    writes.push({ row: p.row, values: cells, base: p.base });
    audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${p.row}`, recordId: id, field: 'status', oldValue: from, newValue: audited });
    changed.push(id);
  }
  // A few rows are written cell by cell; many (a provider's result file) column by column over their span, so calls do not grow with them.
  const apply = () => (writes.length > SPAN_FROM ? table.writeRowsSpan(writes) : writes.forEach((w) => table.writeCells(w.row, w.values, w.base)));
  return { changed, refused, audit, apply };
}

export function markPayoutsPaid(ctx: TrackerContext, ids: readonly string[], reference: string, paidOn: string): PayoutChanges {
  return markEachPaid(
    ctx,
    ids.map((id) => ({ id, reference, paidOn })),
  );
}

/**
 * Marks payouts Paid, each with its own reference and date (a provider's result file): one audited write.
 * `read`: the Payouts tab as the caller read it under the same lock (read once).
 */
export function markEachPaid(
  ctx: TrackerContext,
  items: ReadonlyArray<{ id: string; reference: string; paidOn: string }>,
  read?: { table: TrackerTable<'payouts'>; payouts: readonly StoredPayout[] },
): PayoutChanges {
  const byId = new Map(items.map((i) => [i.id, i]));
  const { changed, refused, audit, apply } = movePayouts(
    ctx,
    [...byId.keys()],
    'markPaid',
    'Approved',
    'marked paid',
    (p, table) => {
      const { reference, paidOn } = byId.get(p.id) as { reference: string; paidOn: string };
      return {
        cells: { status: 'Paid', paidAt: `${paidOn} 00:00:00`, paymentReference: textCell(reference), ...(table.has('paidBy') ? { paidBy: textCell(ctx.actor) } : {}) },
        audited: `Paid on ${paidOn}, reference ${reference}`,
      };
    },
    read,
  );
  let paidLines = () => {};
  if (changed.length) {
    // The payout's commission lines are Paid too: one write over the span of their rows.
    const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
    const paid = new Set(changed);
    const lines = commissions.lines.filter((l) => paid.has(l.payoutId) && l.status !== 'Paid' && l.status !== 'Void' && !l.held);
    if (lines.length) {
      const first = Math.min(...lines.map((l) => l.row));
      const last = Math.max(...lines.map((l) => l.row));
      const statuses = commissions.table.sheet
        .getRange(first, commissions.table.column('status'), last - first + 1, 1)
        .getValues()
        .map((r) => r[0] as CellValue);
      const bases: Array<Record<string, CellValue> | null> = statuses.map(() => null);
      for (const l of lines) {
        statuses[l.row - first] = 'Paid';
        bases[l.row - first] = l.base;
        audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: commissions.table.name, range: `row ${l.row}`, recordId: l.id, field: 'status', oldValue: l.status, newValue: 'Paid' });
      }
      paidLines = () => commissions.table.writeSealedColumn('status', first, statuses, bases);
    }
  }
  // Lines first: a run that dies between the two writes leaves the payout Approved, so a retry finds it and
  // finishes (lines already Paid are skipped); payouts first would leave a Paid payout whose lines no retry reaches.
  auditedWrite(ctx, audit, () => {
    paidLines();
    apply();
  });
  return { changed, refused };
}

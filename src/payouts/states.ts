import { appendAudit } from '../audit/audit-log';
import { cannotApprove } from '../commissions/engine';
import { AuditEntry } from '../domain/audit-chain';
import { InputError } from '../domain/input-error';
import { BulkCommissionResult } from '../sidebar-api/contract';
import { CellValue, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { StoredPayout, readPayoutLines, readPayouts } from './payout-store';

/**
 * Payout states: Draft → Approved (a manager) → Paid (with a payment reference
 * and date), which marks the payout's commission lines Paid. Each change is
 * audited; refusals are per payout, with the reason. The caller holds the script lock.
 */
export function approvePayouts(ctx: TrackerContext, ids: readonly string[]): BulkCommissionResult {
  const { changed, refused, audit } = movePayouts(ctx, ids, 'Draft', 'approved', () => ({
    cells: { status: 'Approved', approvedBy: textCell(ctx.actor), approvedAt: utcDateTimeCell(ctx.now) }, audited: 'Approved',
  }));
  appendAudit(ctx, audit);
  return { changed, refused };
}

/** Moves each payout from one status to the next: refusals per payout with the reason; the caller appends the audit. */
function movePayouts(
  ctx: TrackerContext, ids: readonly string[], from: 'Draft' | 'Approved', verb: string,
  change: (p: StoredPayout, table: TrackerTable) => { cells: Record<string, CellValue>; audited: string },
): BulkCommissionResult & { audit: AuditEntry[] } {
  requireManager(ctx);
  const table = TrackerTable.open(ctx.ss, 'payouts');
  const payouts = new Map(readPayouts(table, ctx.timeZone).map((p) => [p.id, p]));
  const changed: string[] = [];
  const refused: Array<{ id: string; reason: string }> = [];
  const audit: AuditEntry[] = [];
  for (const id of ids) {
    const p = payouts.get(id);
    if (!p) { refused.push({ id, reason: `${id} is not on the Payouts tab.` }); continue; }
    if (p.status !== from) { refused.push({ id, reason: `${id} is ${p.status}; only ${from} payouts can be ${verb}.` }); continue; }
    const { cells, audited } = change(p, table);
    table.writeCells(p.row, cells);
    audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${p.row}`, recordId: id, field: 'status', oldValue: from, newValue: audited });
    changed.push(id);
  }
  return { changed, refused, audit };
}

export function markPayoutsPaid(ctx: TrackerContext, ids: readonly string[], reference: string, paidOn: string): BulkCommissionResult {
  const { changed, refused, audit } = movePayouts(ctx, ids, 'Approved', 'marked paid', (_p, table) => ({
    cells: { status: 'Paid', paidAt: `${paidOn} 00:00:00`, paymentReference: textCell(reference), ...(table.has('paidBy') ? { paidBy: textCell(ctx.actor) } : {}) },
    audited: `Paid on ${paidOn}, reference ${reference}`,
  }));
  if (changed.length) {
    // The payout's commission lines are Paid too: one write over the span of their rows.
    const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
    const paid = new Set(changed);
    const lines = commissions.lines.filter((l) => paid.has(l.payoutId) && l.status !== 'Paid' && l.status !== 'Void');
    if (lines.length) {
      const first = Math.min(...lines.map((l) => l.row));
      const last = Math.max(...lines.map((l) => l.row));
      const statusRange = commissions.table.sheet.getRange(first, commissions.table.column('status'), last - first + 1, 1);
      const statuses = statusRange.getValues();
      for (const l of lines) {
        statuses[l.row - first][0] = 'Paid';
        audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: commissions.table.name, range: `row ${l.row}`, recordId: l.id, field: 'status', oldValue: l.status, newValue: 'Paid' });
      }
      commissions.table.writeColumn('status', first, statuses.map((r) => r[0] as CellValue));
    }
  }
  appendAudit(ctx, audit);
  return { changed, refused };
}

function requireManager(ctx: TrackerContext): void {
  const why = cannotApprove(readSettings(ctx.ss).settings.managerEmails, ctx.actor);
  if (why) throw new InputError(why.replace('approve commissions', 'approve and pay payouts'));
}

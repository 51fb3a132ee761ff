import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { isDueForPayable } from '../domain/commissions';
import { sameEmail } from '../domain/roles';
import { whyNot } from '../team/access';
import { CellValue, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { StoredCommission, readCommissions } from './commission-store';

/**
 * What happens to a commission line after the engine (engine.ts) wrote it: the daily run makes it
 * Payable once its holding period is over, and a manager approves or voids it. Every change is
 * audited. Callers hold the document lock.
 */

/**
 * Pending lines whose holding period is over become Payable: the daily run, and the Approvals view
 * when a line is due before the daily run has come round. Returns their IDs.
 */
export function promotePayable(ctx: TrackerContext): string[] {
  const table = TrackerTable.open(ctx.ss, 'commissions');
  if (table.rowCount() === 0) return [];
  const today = todayIn(ctx.timeZone, ctx.now);
  const sealKeys = table.sealKeys();
  const cols = table.readColumns(['id', 'status', 'payableOn', ...sealKeys]) as Record<string, CellValue[]>;
  const base = (i: number) => Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
  const due: number[] = [];
  cols.status.forEach((s, i) => {
    const payableOn = readIsoDate(cols.payableOn[i], ctx.timeZone);
    // A row changed by hand waits until it is put back.
    if (isDueForPayable({ status: readText(s), payableOn }, today) && !table.heldReason(base(i))) due.push(i);
  });
  if (due.length === 0) return [];
  const first = Math.min(...due);
  const last = Math.max(...due);
  const statuses = cols.status.slice(first, last + 1);
  const bases: Array<Record<string, CellValue> | null> = statuses.map(() => null);
  for (const i of due) {
    statuses[i - first] = 'Payable';
    bases[i - first] = base(i);
  }
  const audit = due.map((i) => lineAuditEntry(ctx, table, i + 2, readText(cols.id[i]), 'status', 'Pending', 'Payable'));
  auditedWrite(ctx, audit, () => table.writeSealedColumn('status', first + 2, statuses, bases));
  return due.map((i) => readText(cols.id[i]));
}

/** What a decision did: lines changed, and each line refused with why; or, when the person may not decide at all, why not. */
export type DecisionOutcome = { ok: true; changed: string[]; refused: Array<{ id: string; reason: string }> } | { ok: false; reason: string };

/** Approve (manager) or void (with a reason) a set of lines. Refusals are per line, with the reason. */
export function decideCommissions(ctx: TrackerContext, ids: readonly string[], decision: { kind: 'approve' } | { kind: 'void'; reason: string }): DecisionOutcome {
  const notAllowed = whyNot(ctx, decision.kind === 'approve' ? 'approveCommissions' : 'voidCommissions');
  if (notAllowed) return { ok: false, reason: notAllowed };
  const table = TrackerTable.open(ctx.ss, 'commissions');
  const lines = new Map(readCommissions(table, ctx.timeZone).map((c) => [c.id, c]));
  const registeredBy = leadRegistrants(ctx);
  const today = todayIn(ctx.timeZone, ctx.now);
  const changed: StoredCommission[] = [];
  const refused: Array<{ id: string; reason: string }> = [];
  for (const id of ids) {
    const c = lines.get(id);
    if (!c) {
      refused.push({ id, reason: `${id} is not on the Commissions tab.` });
      continue;
    }
    if (c.held) {
      refused.push({ id, reason: `${id} is held: ${c.held}; until then it cannot be decided.` });
      continue;
    }
    if (decision.kind === 'approve') {
      // A Pending line whose holding period is over is payable, whether or not a run has said so yet.
      if (c.status !== 'Payable' && !isDueForPayable(c, today)) {
        refused.push({ id, reason: `${id} is ${c.status}; only Payable lines can be approved.` });
        continue;
      }
      const by = registeredBy.get(c.leadId);
      if (by === undefined) {
        refused.push({ id, reason: `${id}: its lead ${c.leadId} is not on the Leads tab as the tracker wrote it, so who registered it cannot be checked.` });
        continue;
      }
      if (by && sameEmail(by, ctx.actor)) {
        refused.push({ id, reason: `${id}: you registered ${c.leadId} yourself; another manager must approve it.` });
        continue;
      }
    } else if (c.status === 'Paid' || c.status === 'Void' || c.payoutId) {
      refused.push({ id, reason: `${id} is ${c.payoutId ? `in payout ${c.payoutId}` : c.status}; it cannot be voided.` });
      continue;
    }
    changed.push(c);
  }
  const audit = changed.map((c) => lineAuditEntry(ctx, table, c.row, c.id, 'status', c.status, decision.kind === 'approve' ? 'Approved' : `Void: ${decision.reason}`));
  auditedWrite(ctx, audit, () => {
    for (const c of changed) {
      if (decision.kind === 'approve') table.writeCells(c.row, { status: 'Approved', approvedBy: textCell(ctx.actor), approvedAt: utcDateTimeCell(ctx.now) }, c.base);
      else table.writeCells(c.row, { status: 'Void', voidReason: textCell(decision.reason) }, c.base);
    }
  });
  return { ok: true, changed: changed.map((c) => c.id), refused };
}

/**
 * Who registered each lead, as the tracker sealed it (Registered By can be
 * typed over; the seal cannot). Leads whose seal does not hold are left out.
 */
function leadRegistrants(ctx: TrackerContext): Map<string, string> {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const sealKeys = leads.sealKeys();
  const cols = leads.readColumns(['id', 'registeredBy', ...sealKeys], ['registeredBy']) as Record<string, CellValue[]>;
  const out = new Map<string, string>();
  cols.id.forEach((id, i) => {
    const record = Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
    if (sealKeys.length && leads.heldReason(record)) return;
    out.set(readText(id), readText(cols.registeredBy[i]));
  });
  return out;
}

/** An audit entry for one cell of a commission line the tracker changes. */
export function lineAuditEntry(ctx: TrackerContext, table: TrackerTable, row: number, id: string, field: string, oldValue: string, newValue: string): AuditEntry {
  return { at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${row}`, recordId: id, field, oldValue, newValue };
}

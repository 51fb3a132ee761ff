import { auditedWrite, interruptedChangeOf } from '../audit/audit-intent';
import { CommissionOutcome, createCommissionsForWonLead, noteCommissionWork, refundCommissions } from '../commissions/engine';
import { AuditEntry } from '../domain/audit-chain';
import { InputError } from '../domain/input-error';
import { Lead, LeadTransition } from '../domain/lead';
import { planTransition } from '../domain/lead-lifecycle';
import { LeadSeen, changedSinceSeen } from '../domain/stale-change';
import { CellValue, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { currentRequestId } from '../sidebar-api/requests';
import { requireRole } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { LeadKey, cellsForTable, findLeadRow, leadToCells, recordToLead } from './lead-store';

/**
 * Moves a lead along its pipeline (the sidebar's actions). Illegal moves are
 * refused with what is allowed instead; each changed cell is audited. Closed
 * Won creates the deal's commissions; Refunded claws them back.
 * A fixed number of spreadsheet calls: the ID column, the row, the changed cells.
 * A lead changed by hand (its seal does not match) cannot move until it is put back.
 */
export function moveLead(ctx: TrackerContext, leadId: string, move: LeadTransition, seen?: LeadSeen): { lead: Lead; commissions: CommissionOutcome | null } {
  // Refunding a won deal claws back commissions: a manager's call; the rest of the pipeline is the partner team's.
  requireRole(ctx, move.to === 'Refunded' ? 'refundDeals' : 'moveLeads');
  const settings = readSettings(ctx.ss).settings;
  return withDocumentLock(ctx.ss, () => {
    const table = TrackerTable.open(ctx.ss, 'leads');
    const row = findLeadRow(table, leadId);
    if (row === null) throw new InputError(`There is no lead ${leadId}; it may have been deleted from the Leads tab.`);
    const record = table.readRows(row, row)[0];
    const held = table.heldReason(record);
    if (held) {
      // A run that died between its writes to this row left it looking changed by hand: say so, not "by hand".
      const why = interruptedChangeOf(ctx, leadId) ? 'a change to it stopped half way (the tracker finishes or puts it right within the hour)' : held;
      throw new InputError(`${leadId} cannot move now: ${why}.`);
    }
    const before = recordToLead(record, ctx.timeZone);
    // Re-read under the lock: a move decided on what someone else has changed since is refused, saying what changed.
    const stale = seen ? changedSinceSeen(before, seen) : null;
    // Unless the change is this very move: a retried request whose first run died after its change landed (or a
    // teammate made the same move meanwhile). Its commission work was noted before the change was written; the
    // owner's next run finishes it. A person who saw the lead already there is refused below, as before.
    if (currentRequestId() && alreadyMade(before, move) && (!seen || stale)) return { lead: before, commissions: null };
    if (stale) throw new InputError(stale, { seen: stale });
    const today = todayIn(ctx.timeZone, ctx.now);
    const plan = planTransition(before, move, today, settings.protectionDays);
    if (!plan.ok) throw new InputError(plan.message, plan.field ? { [plan.field]: plan.message } : {});

    const after: Lead = { ...before, ...plan.change, updatedAt: ctx.now } as Lead;
    const oldCells = leadToCells(before);
    const newCells = leadToCells(after);
    const changed: Partial<Record<LeadKey, CellValue>> = {};
    const audit: AuditEntry[] = [];
    for (const key of Object.keys(newCells) as LeadKey[]) {
      if (String(oldCells[key]) === String(newCells[key])) continue;
      changed[key] = newCells[key];
      if (key !== 'updatedAt') {
        audit.push({
          at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${row}`, recordId: before.id,
          field: key, oldValue: String(oldCells[key]), newValue: String(newCells[key]),
        });
      }
    }
    // Write-ahead: the commission work this move needs is noted first, so a run dying after the status is written leaves it to be finished.
    noteCommissionWork(ctx, before.id, after.status, after.statusReason);
    auditedWrite(ctx, audit, () => table.writeCells(row, cellsForTable(table, changed), record));
    const commissions = after.status === 'Closed Won'
      ? createCommissionsForWonLead(ctx, after)
      : after.status === 'Refunded' ? refundCommissions(ctx, after, after.statusReason) : null;
    return { lead: after, commissions };
  });
}

/** Whether the lead already stands where `move` would take it (status, and the move's reason, amount and date). */
function alreadyMade(lead: Lead, move: LeadTransition): boolean {
  if (lead.status !== move.to) return false;
  if (move.reason && lead.statusReason !== move.reason) return false;
  if (move.to === 'Closed Won') return lead.dealAmountCents === move.dealAmount && lead.closedOn === move.closedOn;
  if (move.to === 'Closed Lost' && move.closedOn) return lead.closedOn === move.closedOn;
  return true;
}

/** Reads one lead by ID (no lock: a read). */
export function getLead(ctx: TrackerContext, leadId: string): Lead | null {
  const table = TrackerTable.open(ctx.ss, 'leads');
  const row = findLeadRow(table, leadId);
  if (row === null) return null;
  const lead = recordToLead(table.readRows(row, row)[0], ctx.timeZone);
  return readText(lead.id) ? lead : null;
}

import { auditedWrite, confirmAuditColumns, interruptedChangeOf } from '../audit/audit-intent';
import { CommissionOutcome, WonDealInputs, createCommissionsForWonLead, noteCommissionWork, readWonDealInputs, refundCommissions } from '../commissions/engine';
import { AuditEntry } from '../domain/audit-chain';
import { LeadStatus } from '../domain/enums';
import { Lead, LeadTransition } from '../domain/lead';
import { OPEN_STATUSES, planTransition } from '../domain/lead-lifecycle';
import { LeadSeen, changedSinceSeen } from '../domain/stale-change';
import { StoredPartner, findPartner } from '../partners/partner-store';
import { CellValue, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { likelyRunsAsOwner, runsAsOwner, whyNot } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { FoundRow, candidateRows } from '../tracker/lookup';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { LeadKey, cellsForTable, findLead, leadToCells, recordToLead, registeredOn } from './lead-store';
import { forgetMatchIndex } from './match-index';
import { archivedLeadReason } from '../capacity/lead-archive-lookup';

/**
 * Moves a lead along its pipeline (the sidebar's actions). Illegal moves are
 * refused with what is allowed instead; each changed cell is audited. Closed
 * Won creates the deal's commissions; Refunded claws them back.
 *
 * The same cost at any size: the lead is found by a search on its ID, its
 * commission lines by a search on their Lead ID. What can be read before the
 * document lock is (the lead's row number, partners, settings, rules); under
 * the lock the row is read again, so every decision is made on the lead as it
 * stands. A lead changed by hand (its seal does not match) cannot move until it is put back.
 */
export type MoveOutcome = { ok: true; lead: Lead; partner: StoredPartner | null; commissions: CommissionOutcome | null } | MoveRefusal;

/** Why the move was not made: `fields` names the inputs it concerns (the sidebar shows the reason beside them). */
export interface MoveRefusal {
  ok: false;
  reason: string;
  fields: Record<string, string>;
}

/**
 * `seen`: what the person saw of the lead (a move decided on a lead changed
 * since is refused). `retryable`: the request may be a retry of one whose
 * change already landed (the sidebar's keyed requests), so a lead already
 * where the move would take it is the move's own outcome, not a refusal.
 */
export interface MoveRequest {
  seen?: LeadSeen;
  retryable?: boolean;
  /**
   * The owner's automation moving a lead for a source Google names no one for (a row of the
   * Inbound tab): the audit trail records `ctx.actor` as it is (not a person), and the move may
   * be only one the Partner team may make — never a refund.
   */
  forUnnamedSource?: boolean;
}

export function moveLead(ctx: TrackerContext, leadId: string, move: LeadTransition, request: MoveRequest = {}): MoveOutcome {
  const { seen, retryable = false } = request;
  const settings = readSettings(ctx.ss).settings;
  const table = TrackerTable.open(ctx.ss, 'leads');
  const located = findLeadRow(table, leadId);
  if (located === null) return refused(archivedLeadReason(ctx.ss, leadId, `moved to ${move.to}`) ?? `There is no lead ${leadId}; it may have been deleted from the Leads tab.`);
  // The owner's Closed Won reads what the lines need now, for the lead as it stands before the lock (a teammate's are left to the owner's automation).
  const won = move.to === 'Closed Won' && likelyRunsAsOwner(ctx) ? wonDealInputsAt(ctx, table, located, settings.holdingDays) : null;
  const commissions = won?.commissions ?? (move.to === 'Refunded' ? TrackerTable.open(ctx.ss, 'commissions') : null);
  // The seal's key is read now, not while the lock is held.
  table.sealer()?.loadKey();

  const moved = withDocumentLock(ctx.ss, (): { ok: true; lead: Lead; commissions: CommissionOutcome | null } | MoveRefusal => {
    // Checked on the state the section read (no read of its own before the lock). Refunding a won deal claws back
    // commissions: a manager's call; the rest of the pipeline is the partner team's.
    const notAllowed = request.forUnnamedSource ? unnamedSourceRefusal(ctx, move) : whyNot(ctx, move.to === 'Refunded' ? 'refundDeals' : 'moveLeads');
    if (notAllowed) return refused(notAllowed);
    const found = rowUnderLock(table, located, leadId);
    if (!found) return refused(archivedLeadReason(ctx.ss, leadId, `moved to ${move.to}`) ?? `There is no lead ${leadId}; it was deleted from the Leads tab just now.`);
    const { row, record } = found;
    const held = table.heldReason(record);
    if (held) {
      // A run that died between its writes to this row left it looking changed by hand: say so, not "by hand".
      const why = interruptedChangeOf(ctx, leadId) ? 'a change to it stopped half way (the tracker finishes or puts it right within the hour)' : held;
      return refused(`${leadId} cannot move now: ${why}.`);
    }
    const before = recordToLead(record, ctx.timeZone);
    // A move decided on what someone else has changed since is refused, saying what changed.
    const stale = seen ? changedSinceSeen(before, seen) : null;
    // Unless the change is this very move: a retried request whose first run died after its change landed (or a
    // teammate made the same move meanwhile). Its commission work was noted before the change was written; the
    // owner's next run finishes it. A person who saw the lead already there is refused below, as before.
    if (retryable && alreadyMade(before, move) && (!seen || stale)) return { ok: true, lead: before, commissions: null };
    if (stale) return refused(stale, { seen: stale });
    const today = todayIn(ctx.timeZone, ctx.now);
    const plan = planTransition({ ...before, registeredOn: registeredOn(ctx, before) }, move, today, settings.protectionDays);
    if (!plan.ok) return refused(plan.message, plan.field ? { [plan.field]: plan.message } : {});

    const after: Lead = { ...before, ...plan.change, updatedAt: ctx.now } as Lead;
    const { changed, audit } = changesOf(ctx, table.name, row, before, after);
    // Every column check before the first write, so the note, the change and the audit rows go in one batch.
    confirmAuditColumns(ctx);
    table.confirmColumns();
    if (commissions && runsAsOwner(ctx)) commissions.confirmColumns();
    // Write-ahead: the commission work this move needs is noted first, so a run dying after the status is written leaves it to be finished.
    noteCommissionWork(ctx, before.id, after.status, after.statusReason);
    auditedWrite(ctx, audit, () => table.writeCells(row, cellsForTable(table, changed), record));
    // A lead that becomes open (Conflict → Accepted) can now collide: the match index, which left it out, is dropped.
    if (!OPEN_STATUSES.includes(before.status as LeadStatus) && OPEN_STATUSES.includes(after.status as LeadStatus)) forgetMatchIndex();
    return { ok: true, lead: after, commissions: commissionWork(ctx, after, won, commissions) };
  });
  if (!moved.ok) return moved;
  // The partner's name is for the answer only: read after the lock.
  const partner = won?.partnerId === moved.lead.partnerId ? won.partner : findPartner(ctx.ss, ctx.timeZone, moved.lead.partnerId);
  return { ...moved, partner };
}

/** What the owner's Closed Won needs for the lead at this row (read before the lock; the row is read again under it). */
function wonDealInputsAt(ctx: TrackerContext, table: TrackerTable<'leads'>, row: number, holdingDays: number): WonDealInputs {
  const planned = recordToLead(table.readRows(row, row)[0], ctx.timeZone);
  return readWonDealInputs(ctx, planned.partnerId, { holdingDays, leads: table });
}

/** The lead's row as the search found it before the lock (the newest, when the ID is on several), unconfirmed: it is read under the lock. */
function findLeadRow(table: TrackerTable, leadId: string): number | null {
  const rows = candidateRows(table, 'id', leadId);
  return rows.length ? rows[rows.length - 1] : null;
}

/**
 * The row read under the lock, kept when its ID is the lead's; otherwise (a
 * false match of the search, or rows inserted or deleted meanwhile) searched
 * again and confirmed.
 */
function rowUnderLock(table: TrackerTable, row: number, leadId: string): FoundRow | null {
  const record = table.readRows(row, row)[0];
  return readText(record.id) === readText(leadId) ? { row, record } : findLead(table, leadId);
}

function commissionWork(ctx: TrackerContext, lead: Lead, won: WonDealInputs | null, commissions: TrackerTable<'commissions'> | null): CommissionOutcome | null {
  // Inputs read for another partner (the lead's was changed meanwhile) are read again.
  if (lead.status === 'Closed Won') return createCommissionsForWonLead(ctx, lead, won?.partnerId === lead.partnerId ? won : undefined);
  if (lead.status === 'Refunded') return refundCommissions(ctx, lead, lead.statusReason, commissions ?? undefined);
  return null;
}

/** The cells a move changes, and an audit entry for each (Updated At is not audited). */
function changesOf(ctx: TrackerContext, tab: string, row: number, before: Lead, after: Lead): { changed: Partial<Record<LeadKey, CellValue>>; audit: AuditEntry[] } {
  const oldCells = leadToCells(before);
  const newCells = leadToCells(after);
  const changed: Partial<Record<LeadKey, CellValue>> = {};
  const audit: AuditEntry[] = [];
  for (const key of Object.keys(newCells) as LeadKey[]) {
    if (String(oldCells[key]) === String(newCells[key])) continue;
    changed[key] = newCells[key];
    if (key !== 'updatedAt') {
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab,
        range: `row ${row}`,
        recordId: before.id,
        field: key,
        oldValue: String(oldCells[key]),
        newValue: String(newCells[key]),
      });
    }
  }
  return { changed, audit };
}

/** A source no one is named for moves leads as the Partner team would, and only inside the owner's automation. */
function unnamedSourceRefusal(ctx: TrackerContext, move: LeadTransition): string | null {
  if (!runsAsOwner(ctx)) return "Only the tracker's automation (the owner's hourly run) moves leads for the Inbound tab.";
  if (move.to === 'Refunded') return 'Refunding a won deal claws back commissions, which needs the Manager role: refund it in the sidebar.';
  return null;
}

function refused(reason: string, fields: Record<string, string> = {}): MoveRefusal {
  return { ok: false, reason, fields };
}

/** Whether the lead already stands where `move` would take it (status, and the move's reason, amount and date). */
function alreadyMade(lead: Lead, move: LeadTransition): boolean {
  if (lead.status !== move.to) return false;
  if (move.reason && lead.statusReason !== move.reason) return false;
  if (move.to === 'Closed Won') return lead.dealAmountCents === move.dealAmount && lead.closedOn === move.closedOn;
  if (move.to === 'Closed Lost' && move.closedOn) return lead.closedOn === move.closedOn;
  return true;
}

import { createCommissionsForWonLead, noteCommissionWork, refundCommissions } from '../commissions/engine';
import { AuditEntry } from '../domain/audit-chain';
import { parseSettings } from '../domain/settings';
import { Lead, LeadTransition } from '../domain/lead';
import { LEAD_TRANSITION_RULES } from '../domain/input-rules';
import { checkVariant } from '../domain/rules';
import { LeadStatus } from '../domain/enums';
import { NEXT_STATUSES, planTransition } from '../domain/lead-lifecycle';
import { Role, Roster } from '../domain/roles';
import { cellsForTable, leadToCells, recordToLead, registeredOn } from '../leads/lead-store';
import { approvePayouts, markPayoutsPaid } from '../payouts/states';
import { columnLetter } from '../tracker/a1';
import { CellValue, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';
import { tab } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { EditorIdentity, notCredited } from './identity';

/**
 * Edits to the rows whose authority fields the tracker seals (Partners,
 * Leads, Commissions, Payouts, Payout Runs), whatever their shape: typing,
 * pasting, filling, clearing. Each row in the edited block is compared with
 * its seal; a difference is a request. A request the tracker accepts is
 * carried out as the sidebar would (and the row resealed); anything else is
 * put back from the seal, told and audited with what was typed or pasted.
 * Nothing is approved, paid, voided or sent for a change that did not count.
 */
export interface SealedEditOutcome {
  refused: string[];
  putBack: number[];
  commissions: string[];
  notes: string[];
}

interface Block {
  row0: number;
  rows: number;
  col0: number;
  cols: number;
}

const SET_BY_TRACKER = 'set by the tracker and never changed by hand';

/** Whether an edit reached a sealed field or the Tracker Check (no call). */
export function touchesSeal(table: TrackerTable, block: Block): boolean {
  const sealer = table.sealer();
  return !!sealer && [...sealer.fields, 'check'].some((k) => table.has(k) && table.column(k) >= block.col0 && table.column(k) < block.col0 + block.cols);
}

export function handleSealedEdit(ctx: TrackerContext, table: TrackerTable, block: Block, identity: EditorIdentity, roster: Roster, audit: AuditEntry[]): SealedEditOutcome {
  const out: SealedEditOutcome = { refused: [], putBack: [], commissions: [], notes: [] };
  const sealer = table.sealer();
  if (!sealer || !touchesSeal(table, block)) return out;
  const first = Math.max(2, block.row0);
  const last = Math.min(block.row0 + block.rows - 1, table.lastRow());
  if (last < first) return out;
  const records = table.readRows(first, last);
  const typedIn: number[] = [];
  // Rows refused for the same reason are told once: "Payouts rows 2, 3: …".
  const refusedRows = new Map<string, number[]>();
  records.forEach((record, i) => {
    const row = first + i;
    const seal = sealer.verify(record);
    if (seal.state === 'unsealed') {
      // Partners and leads typed in are adopted or explained by adoption/ (the edit trigger calls it next).
      if (table.key !== 'partners' && table.key !== 'leads' && sealer.fields.some((f) => readText(record[f]) !== '')) typedIn.push(row);
      return;
    }
    if (seal.state === 'forged') {
      out.refused.push(
        `${table.name} row ${row}: its Tracker Check was overwritten, so the tracker can no longer vouch for the row; it does not count (no approval, payout or export) until the owner re-enters it.`,
      );
      note(ctx, table, row, record, '(check overwritten)', 'the row no longer counts', audit);
      return;
    }
    if (seal.altered.length === 0 || !seal.confirmed) return;
    const decision = decide(ctx, table, row, record, seal.confirmed, seal.altered, identity, roster);
    let reason: string;
    if (decision.accepted) {
      try {
        out.commissions.push(...decision.accepted());
        return;
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
      }
    } else {
      reason = decision.reason;
    }
    putBack(ctx, table, row, record, seal.confirmed, seal.altered, reason, audit);
    out.putBack.push(row);
    refusedRows.set(reason, [...(refusedRows.get(reason) ?? []), row]);
  });
  for (const [reason, rows] of refusedRows) out.refused.push(`${table.name} row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}: ${reason}`);
  if (typedIn.length) {
    out.notes.push(
      `${table.name} row${typedIn.length > 1 ? 's' : ''} ${typedIn.join(', ')} ${typedIn.length > 1 ? 'were' : 'was'} not written by the tracker, so ${typedIn.length > 1 ? 'they do' : 'it does'} not count yet: ${typedInAdvice(table)}`,
    );
  }
  return out;
}

function typedInAdvice(table: TrackerTable): string {
  switch (table.key) {
    case 'leads':
      return 'register leads in the sidebar (or through the partner form).';
    case 'partners':
      return 'add partners in the sidebar.';
    case 'commissions':
      return 'commission lines come from Closed Won deals.';
    case 'payouts':
    case 'runs':
      return 'payouts come from a payout run.';
    default:
      return 'only the tracker writes these rows.';
  }
}

type Decision = { accepted: () => string[] } | { accepted?: undefined; reason: string };

/** Whether a change to a sealed row counts, and what doing it means. */
function decide(
  ctx: TrackerContext,
  table: TrackerTable,
  row: number,
  record: Record<string, CellValue>,
  confirmed: Record<string, string>,
  altered: string[],
  identity: EditorIdentity,
  roster: Roster,
): Decision {
  const header = (f: string) => tab(table.key).columns.find((c) => c.key === f)?.header ?? f;
  const fixed = altered.filter((f) => !(f === 'status' && (table.key === 'leads' || table.key === 'payouts')));
  if (fixed.length) return { reason: `${fixed.map(header).join(', ')} ${fixed.length > 1 ? 'are' : 'is'} ${whoWrites(table.key)}; put back.` };
  const from = confirmed.status;
  const to = readText(record.status);
  if (table.key === 'leads') return decideLead(ctx, table, row, record, from, to, identity, roster);
  return decidePayout(ctx, table, row, record, from, to, identity, roster);
}

function whoWrites(key: string): string {
  switch (key) {
    case 'commissions':
      return "written by the tracker only (commission decisions are made in the sidebar's Approvals view)";
    case 'payouts':
      return 'written by the tracker only (payouts are approved and paid in the sidebar or by typing the status)';
    case 'runs':
      return "the tracker's record of its payout runs";
    default:
      return SET_BY_TRACKER;
  }
}

function decideLead(ctx: TrackerContext, table: TrackerTable, row: number, record: Record<string, CellValue>, from: string, to: string, identity: EditorIdentity, roster: Roster): Decision {
  const needed: Role[] = to === 'Refunded' ? ['Manager'] : ['Partner team'];
  const why = notCredited(identity, roster, needed, `moving ${readText(record.id)} to ${to || 'an empty status'}`);
  if (why) return { reason: why };
  const by = identity.kind === 'known' ? identity.email : '';
  const visible = recordToLead(record, ctx.timeZone);
  const today = todayIn(ctx.timeZone, ctx.now);
  const protectionDays = parseSettings(reference(ctx.ss).settings()).settings.protectionDays;
  const legal = NEXT_STATUSES[from as LeadStatus]?.includes(to as LeadStatus) ?? false;
  // An illegal move is told as such, before what the move would need.
  if (!legal) {
    const plan = planTransition({ id: visible.id, status: from as Lead['status'] }, { to: to as 'Accepted', reason: '' }, today, protectionDays);
    return { reason: plan.ok ? `${visible.id} cannot become ${to || 'empty'}.` : plan.message };
  }
  // The rules the sidebar's move schema is built from (domain/input-rules.ts), without zod: the edit trigger's group carries none.
  const move = checkVariant(LEAD_TRANSITION_RULES, {
    to,
    reason: visible.statusReason || (to === 'Rejected' || to === 'Closed Lost' || to === 'Refunded' ? `set in the sheet by ${by}` : ''),
    dealAmount: visible.dealAmountCents === null ? '' : (visible.dealAmountCents / 100).toFixed(2),
    closedOn: visible.closedOn,
  });
  // One message per field: the first thing wrong with it.
  if (!move.ok) return { reason: `${visible.id} cannot become ${to}: ${Object.values(move.errors).join('; ')}.` };
  const plan = planTransition({ id: visible.id, status: from as Lead['status'], registeredOn: registeredOn(ctx, visible) }, move.data as LeadTransition, today, protectionDays);
  if (!plan.ok) return { reason: plan.message };
  return {
    accepted: () => {
      const after: Lead = { ...visible, ...plan.change, status: plan.change.status, updatedAt: ctx.now } as Lead;
      const cells = leadToCells(after);
      const changed: Record<string, CellValue> = {};
      for (const key of ['status', 'statusReason', 'dealAmount', 'closedOn', 'protectedUntil', 'updatedAt'] as const) changed[key] = cells[key];
      noteCommissionWork({ ...ctx, actor: by }, visible.id, after.status, after.statusReason);
      // The seal's base is the confirmed row with what the person typed: the status is what changes.
      table.writeCells(row, cellsForTable(table, changed), { ...record, status: from });
      const job = { ...ctx, actor: by };
      if (after.status === 'Closed Won') return createCommissionsForWonLead(job, after).created;
      if (after.status === 'Refunded') return refundCommissions(job, after, after.statusReason).created;
      return [];
    },
  };
}

function decidePayout(ctx: TrackerContext, table: TrackerTable, row: number, record: Record<string, CellValue>, from: string, to: string, identity: EditorIdentity, roster: Roster): Decision {
  const id = readText(record.id);
  const approving = from === 'Draft' && to === 'Approved';
  const paying = from === 'Approved' && to === 'Paid';
  if (!approving && !paying) return { reason: `A payout goes Draft → Approved → Paid; ${id} is ${from}, so it cannot become ${to || 'empty'} here.` };
  const why = notCredited(identity, roster, approving ? ['Manager'] : ['Finance'], approving ? `approving ${id}` : `marking ${id} paid`);
  if (why) return { reason: why };
  const reference = readText(record.paymentReference);
  if (paying && !reference) return { reason: `Fill in ${id}'s Payment Reference before marking it Paid.` };
  return {
    accepted: () => {
      // The status goes back to what the tracker recorded, and the payout service makes the move, exactly as from the sidebar.
      table.writeCells(row, { status: from }, { ...record, status: from });
      const job = { ...ctx, actor: identity.kind === 'known' ? identity.email : '' };
      const result = approving ? approvePayouts(job, [id]) : markPayoutsPaid(job, [id], reference, todayIn(ctx.timeZone, ctx.now));
      if (result.refused.length) throw new Error(result.refused.map((r) => r.reason).join(' '));
      return [];
    },
  };
}

/** Writes the confirmed values back over what was typed or pasted, and audits both. */
export function putBack(
  ctx: TrackerContext,
  table: TrackerTable,
  row: number,
  record: Record<string, CellValue>,
  confirmed: Record<string, string>,
  altered: string[],
  reason: string,
  audit: AuditEntry[],
): void {
  const sealer = table.sealer();
  if (!sealer) return;
  const cells: Record<string, CellValue> = {};
  for (const f of altered) cells[f] = sealer.cellFor(f, confirmed[f]);
  const base: Record<string, CellValue> = { ...record };
  for (const f of sealer.fields) base[f] = sealer.cellFor(f, confirmed[f]);
  table.writeCells(row, cells, base);
  for (const f of altered) {
    audit.push({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: table.name,
      range: `${columnLetter(table.column(f))}${row}`,
      recordId: confirmed.id ?? '',
      field: '(put back)',
      oldValue: readText(record[f]),
      newValue: `${confirmed[f]}: ${reason}`,
    });
  }
}

function note(ctx: TrackerContext, table: TrackerTable, row: number, record: Record<string, CellValue>, field: string, text: string, audit: AuditEntry[]): void {
  audit.push({ at: ctx.now, user: ctx.actor, source: 'edit', tab: table.name, range: `row ${row}`, recordId: readText(record.id), field, oldValue: '', newValue: text });
}

import { auditedWrite } from '../audit/audit-intent';
import { appendAudit } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { CommissionRule, RuleRow, WonDeal, amountFormula, clawbackLines, commissionLines, parseRules, priorWonInQuarter, selectBaseRule } from '../domain/commissions';
import { CommissionLine } from '../domain/commissions/types';
import { Lead } from '../domain/lead';
import { sameEmail } from '../domain/roles';
import { findLead, recordToLead } from '../leads/lead-store';
import { StoredPartner, findPartner } from '../partners/partner-store';
import { rosterOf, runsAsOwner, whyNot } from '../team/access';
import { CommissionWorkLog } from '../tracker/state';
import { CellValue, readCents, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { anyIdInUse, findRows } from '../tracker/lookup';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { CommissionStatus, StoredCommission, cachedRuleRows, commissionsOfLead, formulaRefs, lineCells, readCommissions } from './commission-store';

/**
 * The commission engine at the spreadsheet's edge: Closed Won creates the
 * lines (base and bonuses) from the rule in effect on the close date; a refund
 * voids unpaid lines and claws back paid ones with negative lines; the daily
 * run makes lines payable after their holding period; managers approve or void.
 * Every change is audited. Callers hold the document lock.
 *
 * Only the tracker's owner may write a commission's amount inputs (Google
 * enforces it), so lines for a deal a teammate won or refunded are left to the
 * owner's automation: the deal goes on the pending list in the tracker's
 * record, and the owner's next run (the edit trigger, the hourly run, the
 * owner's own sidebar) writes them.
 */
export interface CommissionOutcome {
  created: string[];
  /** Why no commission was created (no rule, ambiguous rules, already created). */
  notice: string | null;
}

/** The fallback when a row's note was lost: the plain percentage formula over the row. */
const UNCAPPED_PERCENTAGE: CommissionLine = { kind: 'Base', ruleId: '', dealAmountCents: 0, rate: 0, flatCents: null, capCents: null, amountCents: 0, payableOn: '' };

const OPEN_LINE = (c: StoredCommission) => (c.kind === 'Base' || c.kind === 'Bonus') && c.status !== 'Void';

/**
 * Notes, before a lead's status is written, the commission work its move to
 * Closed Won or Refunded will need: a run that dies before the work is done
 * leaves the note for the owner's next run to finish (see CommissionWorkLog).
 */
export function noteCommissionWork(ctx: TrackerContext, leadId: string, to: string, reason: string): void {
  if (to !== 'Closed Won' && to !== 'Refunded') return;
  new CommissionWorkLog(ctx.ss).add({ leadId, kind: to === 'Closed Won' ? 'won' : 'refunded', by: ctx.actor, at: ctx.now.toISOString(), reason });
}

/**
 * What Closed Won needs besides the lead: read once, before the document lock
 * where the caller can (rules, partners and settings change rarely; the
 * lead's own lines are looked up under the lock, when the lines are written).
 */
export interface WonDealInputs {
  commissions: TrackerTable<'commissions'>;
  /** The Partner ID the partner was looked up by, and the partner (null: not on the Partners tab). */
  partnerId: string;
  partner: StoredPartner | null;
  ruleRows: RuleRow[];
  holdingDays: number;
  /** The Leads tab, when the caller has it open (an accelerated rule reads the partner's other deals from it). */
  leads?: TrackerTable<'leads'>;
}

export function readWonDealInputs(ctx: TrackerContext, partnerId: string, known: { holdingDays?: number; leads?: TrackerTable<'leads'> } = {}): WonDealInputs {
  return {
    leads: known.leads,
    commissions: TrackerTable.open(ctx.ss, 'commissions'),
    partnerId,
    partner: findPartner(ctx.ss, ctx.timeZone, partnerId),
    ruleRows: cachedRuleRows(ctx.ss),
    holdingDays: known.holdingDays ?? readSettings(ctx.ss).settings.holdingDays,
  };
}

export function createCommissionsForWonLead(ctx: TrackerContext, lead: Lead, inputs?: WonDealInputs): CommissionOutcome {
  if (!runsAsOwner(ctx)) return leaveForOwner(ctx, lead, 'won', '');
  const outcome = createLines(ctx, lead, inputs ?? readWonDealInputs(ctx, lead.partnerId));
  new CommissionWorkLog(ctx.ss).remove(lead.id, 'won');
  return outcome;
}

function createLines(ctx: TrackerContext, lead: Lead, inputs: WonDealInputs): CommissionOutcome {
  const table = inputs.commissions;
  const existing = commissionsOfLead(table, lead.id, ctx.timeZone);
  if (existing.some(OPEN_LINE)) return { created: [], notice: `${lead.id} already has its commissions.` };
  const partner = inputs.partner;
  const problems: string[] = [];
  if (!partner) problems.push(`partner ${lead.partnerId || '(blank)'} is not on the Partners tab`);
  if (lead.dealAmountCents === null || lead.dealAmountCents <= 0) problems.push('the deal amount must be greater than zero');
  if (!lead.closedOn) problems.push('the close date is missing');
  if (problems.length || !partner || lead.dealAmountCents === null) {
    return refuse(ctx, lead, `No commission for ${lead.id}: ${problems.join('; ')}.`);
  }
  const { rules } = parseRules(inputs.ruleRows);
  const deal = {
    leadId: lead.id,
    partnerId: partner.id,
    partnerTier: partner.tier,
    partnerType: partner.type,
    product: lead.product,
    dealAmountCents: lead.dealAmountCents,
    closedOn: lead.closedOn,
  };
  // The partner's earlier deals this quarter matter only to an accelerated Base rule: without one they are not read.
  const prior = acceleratedBaseRule(rules, deal) ? priorWonInQuarter(partnerWonDeals(ctx, partner.id, inputs.leads), deal) : 0;
  const planned = commissionLines(deal, rules, prior, inputs.holdingDays);
  if (!planned.ok) return refuse(ctx, lead, planned.message);
  // A split line the cap has already used up pays nothing: it is not written.
  const lines = planned.lines.filter((line) => !(line.amountCents === 0 && line.capCents === 0));
  const ids = newIds(ctx, table, lines.length);
  const created = writeLines(
    ctx,
    table,
    lines.map((line) => ({ line, id: ids.take(), status: 'Pending' as CommissionStatus })),
    lead,
  );
  ids.commit();
  return { created, notice: null };
}

/** Commission IDs for `count` new lines: from the counter, checked by one search; the ID column read only when the counter is missing or behind. */
function newIds(ctx: TrackerContext, table: TrackerTable, count: number): IdAllocator {
  return IdAllocator.forNew(
    'C-',
    count,
    ctx.properties,
    (numbers) => anyIdInUse(table, 'id', 'C-', numbers),
    () => table.readColumns(['id']).id,
  );
}

function acceleratedBaseRule(rules: readonly CommissionRule[], deal: WonDeal): boolean {
  const base = selectBaseRule(rules, deal);
  return base.ok && base.rule.kind !== 'Flat' && base.rule.acceleratorThresholdCents !== null && base.rule.acceleratorRate !== null;
}

/** Closed Won → Refunded: unpaid lines are voided, paid ones get a negative clawback line (paid rows are never edited). */
export function refundCommissions(ctx: TrackerContext, lead: Lead, reason: string, table = TrackerTable.open(ctx.ss, 'commissions')): CommissionOutcome {
  const existing = commissionsOfLead(table, lead.id, ctx.timeZone);
  const lines = existing.filter((c) => OPEN_LINE(c) && !c.held);
  const today = todayIn(ctx.timeZone, ctx.now);
  const paid = lines.filter((c) => c.status === 'Paid' || c.payoutId);
  const unpaid = lines.filter((c) => !(c.status === 'Paid' || c.payoutId));
  const audit = unpaid.map((c) => entry(ctx, table, c.row, c.id, 'status', c.status, 'Void'));
  auditedWrite(ctx, audit, () => {
    for (const c of unpaid) table.writeCells(c.row, { status: 'Void', voidReason: textCell(`Deal refunded: ${reason}`) }, c.base);
  });
  if (!runsAsOwner(ctx)) {
    // Voiding is a status change; a clawback line is a new amount, which only the owner's automation may write.
    const left = paid.length ? leaveForOwner(ctx, lead, 'refunded', reason) : null;
    if (!paid.length) new CommissionWorkLog(ctx.ss).remove(lead.id, 'refunded');
    return { created: [], notice: [unpaid.length ? `Voided ${unpaid.length} unpaid commission line(s).` : '', left?.notice ?? ''].filter(Boolean).join(' ') || null };
  }
  const clawedBack = new Set(existing.filter((c) => c.kind === 'Clawback').map((c) => c.ruleId + '|' + c.leadId));
  const originals: CommissionLine[] = paid
    .filter((c) => !clawedBack.has(c.ruleId + '|' + c.leadId))
    .map((c) => ({
      kind: c.kind as 'Base' | 'Bonus',
      ruleId: c.ruleId,
      dealAmountCents: c.dealAmountCents ?? 0,
      rate: c.rate,
      flatCents: c.rate === null ? c.amountCents : null,
      capCents: null,
      amountCents: c.amountCents ?? 0,
      payableOn: c.payableOn,
    }));
  const clawbacks = clawbackLines(originals, today);
  const ids = newIds(ctx, table, clawbacks.length);
  const created = writeLines(
    ctx,
    table,
    clawbacks.map((line) => ({ line, id: ids.take(), status: 'Approved' as CommissionStatus, approvedBy: 'tracker (clawback)' })),
    lead,
  );
  ids.commit();
  new CommissionWorkLog(ctx.ss).remove(lead.id, 'refunded');
  return { created, notice: unpaid.length ? `Voided ${unpaid.length} unpaid commission line(s).` : null };
}

function writeLines(ctx: TrackerContext, table: TrackerTable, planned: Array<{ line: CommissionLine; id: string; status: CommissionStatus; approvedBy?: string }>, lead: Lead): string[] {
  if (planned.length === 0) return [];
  const first = table.lastRow() + 1;
  const records = planned.map((p, i) =>
    lineCells(table, first + i, p.line, { id: p.id, leadId: lead.id, partnerId: lead.partnerId, status: p.status, now: ctx.now, approvedBy: p.approvedBy }, amountFormula),
  );
  const audit = planned.map((p, i) =>
    entry(
      ctx,
      table,
      first + i,
      p.id,
      '(new commission)',
      '',
      `${p.line.kind} for ${lead.id} by ${p.line.ruleId}: ${(p.line.amountCents / 100).toFixed(2)} (${String(records[i].amount)}), ${p.status}`,
    ),
  );
  auditedWrite(ctx, audit, () => {
    const at = table.append(records);
    // The formula also lives in the cell's note, so the edit trigger can restore it exactly (caps are constants in it).
    table.sheet.getRange(at, table.column('amount'), records.length, 1).setNotes(records.map((r) => [String(r.amount)]));
  });
  return planned.map((p) => p.id);
}

/** A teammate's deal: the owner's automation writes its lines (see above). Idempotent per lead and kind. */
function leaveForOwner(ctx: TrackerContext, lead: Lead, kind: 'won' | 'refunded', reason: string): CommissionOutcome {
  new CommissionWorkLog(ctx.ss).add({ leadId: lead.id, kind, by: ctx.actor, at: ctx.now.toISOString(), reason });
  const owner = rosterOf(ctx).owner;
  const what = kind === 'won' ? 'commission lines' : 'clawback lines';
  return { created: [], notice: `The ${what} for ${lead.id} will be written by the tracker's automation (it runs as ${owner}) within the hour: only it may write commission amounts.` };
}

/**
 * The owner's runs finish the commission work log: lines for won deals,
 * clawbacks for refunded ones — left by teammates, or by a run that died half
 * way — each once, from the lead as the tracker last confirmed it. A note
 * whose lead is no longer won (or refunded) is dropped.
 */
export function processPendingCommissionWork(ctx: TrackerContext): string[] {
  if (!runsAsOwner(ctx)) return [];
  const log = new CommissionWorkLog(ctx.ss);
  const pending = log.list();
  if (pending.length === 0) return [];
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const created: string[] = [];
  for (const p of pending) {
    const found = findLead(leads, p.leadId);
    if (!found) {
      log.remove(p.leadId, p.kind);
      continue;
    }
    const record = found.record;
    const held = leads.heldReason(record);
    const lead = recordToLead(record, ctx.timeZone);
    const job = { ...ctx, actor: p.by || ctx.actor };
    if (held) refuse(job, lead, `No commission work for ${lead.id}: ${held}.`);
    else if (p.kind === 'won' && lead.status === 'Closed Won') created.push(...createCommissionsForWonLead(job, lead).created);
    else if (p.kind === 'refunded' && lead.status === 'Refunded') created.push(...refundCommissions(job, lead, p.reason || lead.statusReason).created);
    // Done, refused (and audited), or no longer due: the note goes.
    log.remove(p.leadId, p.kind);
  }
  return created;
}

function refuse(ctx: TrackerContext, lead: Lead, message: string): CommissionOutcome {
  appendAudit(ctx, [{ at: ctx.now, user: ctx.actor, source: ctx.source, tab: 'Commissions', range: '', recordId: lead.id, field: '(no commission)', oldValue: '', newValue: message }]);
  return { created: [], notice: message };
}

function entry(ctx: TrackerContext, table: TrackerTable, row: number, id: string, field: string, oldValue: string, newValue: string): AuditEntry {
  return { at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${row}`, recordId: id, field, oldValue, newValue };
}

/** The partner's Closed Won deals as the tracker recorded them (held rows left out): its leads searched by Partner ID. */
function partnerWonDeals(ctx: TrackerContext, partnerId: string, leads = TrackerTable.open(ctx.ss, 'leads')): Array<{ leadId: string; partnerId: string; dealAmountCents: number; closedOn: string }> {
  const out = [];
  for (const { record } of findRows(leads, 'partnerId', partnerId)) {
    // Only deals the tracker recorded as won count towards the quarter's accelerator.
    if (readText(record.status) !== 'Closed Won' || leads.heldReason(record)) continue;
    out.push({ leadId: readText(record.id), partnerId, dealAmountCents: readCents(record.dealAmount) ?? 0, closedOn: readIsoDate(record.closedOn, ctx.timeZone) });
  }
  return out;
}

/** Daily: Pending lines whose holding period is over become Payable. Returns their IDs. */
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
    if (readText(s) === 'Pending' && payableOn && payableOn <= today && !table.heldReason(base(i))) due.push(i);
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
  const audit = due.map((i) => entry(ctx, table, i + 2, readText(cols.id[i]), 'status', 'Pending', 'Payable'));
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
      if (c.status !== 'Payable') {
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
  const audit = changed.map((c) => entry(ctx, table, c.row, c.id, 'status', c.status, decision.kind === 'approve' ? 'Approved' : `Void: ${decision.reason}`));
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

/** Restores the Amount formulas of these sheet rows from their notes (or the plain formula). Returns restored rows. */
export function restoreAmountFormulas(ctx: TrackerContext, firstRow: number, lastRow: number): number[] {
  const table = TrackerTable.open(ctx.ss, 'commissions');
  const last = Math.min(lastRow, table.lastRow());
  if (last < firstRow) return [];
  const col = table.column('amount');
  const range = table.sheet.getRange(firstRow, col, last - firstRow + 1, 1);
  const formulas = range.getFormulas();
  const notes = range.getNotes();
  const ids = table.sheet.getRange(firstRow, table.column('id'), last - firstRow + 1, 1).getValues();
  const restored: number[] = [];
  const next = formulas.map((f, i) => {
    const row = firstRow + i;
    if (!readText(ids[i][0])) return [f[0]];
    const refs = formulaRefs(table, row);
    const expected = validAmountFormula(notes[i][0], refs) ?? amountFormula(UNCAPPED_PERCENTAGE, refs);
    if (f[0] === expected) return [f[0]];
    restored.push(row);
    return [expected];
  });
  if (restored.length) range.setFormulas(next);
  return restored;
}

/**
 * The note's formula if it is one the tracker could have written for this row:
 * only this row's Deal Amount and Rate cells, numbers and ROUND/MIN/MAX (a person can edit notes).
 */
function validAmountFormula(note: string, refs: { dealAmount: string; rate: string }): string | null {
  const formula = note.trim();
  if (!/^=[-A-Z0-9(),.*/+]+$/.test(formula)) return null;
  const names = formula.slice(1).match(/[A-Z]+\d*/g) ?? [];
  const allowed = new Set(['ROUND', 'MIN', 'MAX', refs.dealAmount, refs.rate]);
  return names.every((n) => allowed.has(n)) ? formula : null;
}

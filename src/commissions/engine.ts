import { auditedWrite } from '../audit/audit-intent';
import { appendAudit } from '../audit/audit-log';
import { CommissionRule, RuleRow, WonDeal, amountFormula, clawbackLines, commissionLines, newLineStatus, parseRules, priorWonInQuarter, selectBaseRule } from '../domain/commissions';
import { CommissionLine } from '../domain/commissions/types';
import { TierHistoryEntry, tierOnDate } from '../domain/tiers/history';
import { partnerTierHistory } from '../tiers/tier-store';
import { Lead } from '../domain/lead';
import { findLead, recordToLead } from '../leads/lead-store';
import { StoredPartner, findPartner } from '../partners/partner-store';
import { rosterOf, runsAsOwner } from '../team/access';
import { CommissionWorkLog } from '../tracker/state';
import { readCents, readIsoDate, readText, textCell, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { anyIdInUse, findRows } from '../tracker/lookup';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { lineAuditEntry } from './decisions';
import { adoptRules } from '../adoption/rules';
import { CommissionStatus, StoredCommission, cachedRuleRows, commissionsOfLead, lineCells } from './commission-store';

/**
 * The commission engine at the spreadsheet's edge: Closed Won creates the
 * lines (base and bonuses) from the rule in effect on the close date; a refund
 * voids unpaid lines and claws back paid ones with negative lines. What happens
 * to a line afterwards (payable, approved, void) is in decisions.ts; putting back
 * an overwritten Amount formula in amount-formulas.ts. Every change is audited.
 * Callers hold the document lock.
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
  /** The partner's Tier History rows (read before the lock where the caller can); looked up when left out. */
  tierHistory?: TierHistoryEntry[];
}

export function readWonDealInputs(ctx: TrackerContext, partnerId: string, known: { holdingDays?: number; leads?: TrackerTable<'leads'> } = {}): WonDealInputs {
  return {
    leads: known.leads,
    commissions: TrackerTable.open(ctx.ss, 'commissions'),
    partnerId,
    partner: findPartner(ctx.ss, ctx.timeZone, partnerId),
    tierHistory: partnerTierHistory(ctx.ss, ctx.timeZone, partnerId),
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
  // A rule typed in without a Rule ID (and no edit event, or none yet) gets its ID now: no rule is silently left out.
  const { rules } = parseRules(inputs.ruleRows.some(unadoptedRule) ? ruleRowsWithIds(ctx) : inputs.ruleRows);
  const deal = {
    leadId: lead.id,
    partnerId: partner.id,
    // The tier the partner had on the close date (Tier History), so a deal closed before a promotion keeps the old tier's rule.
    partnerTier: tierOnDate(inputs.tierHistory ?? partnerTierHistory(ctx.ss, ctx.timeZone, partner.id), partner.id, lead.closedOn, partner.tier),
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
  // A line with no holding period left is Payable at once: it can be approved the day the deal is won.
  const today = todayIn(ctx.timeZone, ctx.now);
  const created = writeLines(
    ctx,
    table,
    lines.map((line) => ({ line, id: ids.take(), status: newLineStatus(line.payableOn, today) as CommissionStatus })),
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
  const audit = unpaid.map((c) => lineAuditEntry(ctx, table, c.row, c.id, 'status', c.status, 'Void'));
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
    lineAuditEntry(
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

/** A rule row with content but no Rule ID (typed or appended, not yet adopted). */
function unadoptedRule(row: RuleRow): boolean {
  return row.id === '' && row.name !== '';
}

/** Assigns the missing Rule IDs (adoption/rules.ts, audited) and reads the rules again. */
function ruleRowsWithIds(ctx: TrackerContext): RuleRow[] {
  const adoption = adoptRules(ctx, () => true);
  auditedWrite(ctx, adoption.audit, adoption.apply);
  return cachedRuleRows(ctx.ss);
}

import { appendAudit } from '../audit/audit-log';
import { cannotApprove, createCommissionsForWonLead, refundCommissions, restoreAmountFormulas } from '../commissions/engine';
import { approvePayouts, markPayoutsPaid } from '../payouts/states';
import { readRuleRows } from '../commissions/commission-store';
import { AuditEntry } from '../domain/audit-chain';
import { parseRules } from '../domain/commissions';
import { LEAD_STATUSES, LeadStatus } from '../domain/enums';
import { NEXT_STATUSES } from '../domain/lead-lifecycle';
import { recordToLead } from '../leads/lead-store';
import { columnLetter } from '../tracker/a1';
import { readCents, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { withScriptLock } from '../tracker/lock';
import { TABS, TabDef } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';
import { readSettings } from '../tracker/settings-tab';
import { ensureDailyTrigger } from '../triggers/triggers';

/**
 * The installable edit trigger: every edit a person makes to a tracked tab is
 * audited cell by cell (a paste or multi-cell edit arrives without value and
 * oldValue: its old values are "old value unavailable"), and the tracker's
 * rules are enforced where the event allows:
 * - a Leads status may only move along the pipeline; Closed Won needs a deal
 *   amount and a close date and creates the commissions; Refunded claws back;
 * - a deal amount may not be negative;
 * - a commission's Amount formula is restored if overwritten or cleared;
 * - commission statuses change only through the sidebar and the payout run.
 * A refused single-cell edit is put back to its old value, told to the person
 * (a toast) and audited. A fixed number of calls per edit, whatever the tab size.
 */
export const OLD_VALUE_UNAVAILABLE = 'old value unavailable';

interface EditEvent {
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: unknown;
  oldValue?: unknown;
  user?: GoogleAppsScript.Base.User;
}

export interface EditOutcome {
  logged: number;
  refused: string[];
  restored: number[];
  commissions: string[];
}

const TRACKED: readonly TabDef[] = TABS.filter((t) => t.kind === 'table' && t.key !== 'audit');

export function handleEdit(ctx: TrackerContext, e: EditEvent): EditOutcome {
  const outcome: EditOutcome = { logged: 0, refused: [], restored: [], commissions: [] };
  const sheet = e.range.getSheet();
  const def = TRACKED.find((t) => t.name === sheet.getName());
  if (!def) return outcome;
  return withScriptLock(() => {
    const table = TrackerTable.open(ctx.ss, def.key);
    const row0 = e.range.getRow();
    const col0 = e.range.getColumn();
    const rows = e.range.getNumRows();
    const cols = e.range.getNumColumns();
    const single = rows === 1 && cols === 1;
    const values = single && typeof e.value !== 'object' && e.value !== undefined ? [[e.value]] : e.range.getValues();
    const header = new Map<number, string>();
    for (const [key, at] of table.positions) header.set(at, def.columns.find((c) => c.key === key)?.header ?? key);
    const idColumn = table.has('id') ? table.column('id') : table.has('key') ? table.column('key') : null;
    const ids = idColumn === null || row0 < 2
      ? []
      : table.sheet.getRange(row0, idColumn, rows, 1).getValues().map((r) => readText(r[0]));

    const audit: AuditEntry[] = [];
    const base = { at: ctx.now, user: ctx.actor, source: 'edit', tab: def.name };
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const column = col0 + c;
        const fieldName = header.get(column) ?? columnLetter(column);
        audit.push({
          ...base, range: `${columnLetter(column)}${row0 + r}`, recordId: ids[r] ?? '', field: fieldName,
          oldValue: single ? text(e.oldValue) : OLD_VALUE_UNAVAILABLE, newValue: text(values[r]?.[c]),
        });
      }
    }

    if (row0 >= 2) {
      if (def.key === 'leads' && single) enforceLeadCell(ctx, table, row0, col0, e, audit, outcome);
      if (def.key === 'leads' && !single) followPastedStatuses(ctx, table, row0, col0, rows, cols, outcome);
      if (def.key === 'payouts' && single) enforcePayoutCell(ctx, table, row0, col0, e, audit, outcome);
      if (def.key === 'commissions') enforceCommissions(ctx, table, row0, col0, rows, cols, e, single, audit, outcome);
      if (def.key === 'rules') reportRuleProblems(ctx);
      if (def.key === 'settings') followPayoutSchedule(ctx);
    }
    appendAudit(ctx, audit);
    outcome.logged = audit.length;
    if (outcome.refused.length) ctx.ss.toast(outcome.refused.join('\n'), 'Partnership Tracker: change refused', 15);
    return outcome;
  });
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function refuse(
  ctx: TrackerContext, table: TrackerTable, row: number, column: number, e: EditEvent, reason: string, audit: AuditEntry[], outcome: EditOutcome,
): void {
  // Put the old value back (the event gives it for a single cell); an empty old cell becomes empty again.
  table.sheet.getRange(row, column).setValue(e.oldValue === undefined ? '' : (e.oldValue as string));
  outcome.refused.push(reason);
  audit.push({
    at: ctx.now, user: ctx.actor, source: 'edit', tab: table.name, range: `${columnLetter(column)}${row}`, recordId: '',
    field: '(refused)', oldValue: text(e.value), newValue: `reverted to "${text(e.oldValue)}": ${reason}`,
  });
}

function enforceLeadCell(ctx: TrackerContext, table: TrackerTable, row: number, column: number, e: EditEvent, audit: AuditEntry[], outcome: EditOutcome): void {
  if (table.has('status') && column === table.column('status')) {
    const from = text(e.oldValue) as LeadStatus | '';
    const to = text(e.value) as LeadStatus | '';
    if (from === to) return;
    if (from && !(LEAD_STATUSES as readonly string[]).includes(from)) return; // an unknown old value: nothing to hold it to
    const allowed: readonly string[] = from ? NEXT_STATUSES[from] : ['New'];
    if (!allowed.includes(to)) {
      refuse(ctx, table, row, column, e, `${from || 'An empty status'} cannot become ${to || 'empty'}; ${allowed.length ? `it can become ${allowed.join(' or ')}` : `${from} is final`}.`, audit, outcome);
      return;
    }
    const lead = recordToLead(table.readRows(row, row)[0], ctx.timeZone);
    if (to === 'Closed Won' && (lead.dealAmountCents === null || lead.dealAmountCents <= 0 || !lead.closedOn)) {
      refuse(ctx, table, row, column, e, 'Closed Won needs a deal amount above zero and a close date on the row; fill them in first.', audit, outcome);
      return;
    }
    if (to === 'Closed Won') outcome.commissions.push(...createCommissionsForWonLead({ ...ctx, source: 'edit' }, lead).created);
    if (to === 'Refunded') outcome.commissions.push(...refundCommissions({ ...ctx, source: 'edit' }, lead, lead.statusReason || 'refunded (status edited)').created);
    return;
  }
  if (table.has('dealAmount') && column === table.column('dealAmount')) {
    const cents = readCents(e.value);
    if (text(e.value) !== '' && (cents === null || cents < 0)) refuse(ctx, table, row, column, e, 'A deal amount must be a number of 0 or more.', audit, outcome);
  }
}

function enforceCommissions(
  ctx: TrackerContext, table: TrackerTable, row0: number, col0: number, rows: number, cols: number, e: EditEvent, single: boolean,
  audit: AuditEntry[], outcome: EditOutcome,
): void {
  const amount = table.column('amount');
  if (amount >= col0 && amount < col0 + cols) {
    const restored = restoreAmountFormulas(ctx, row0, row0 + rows - 1);
    outcome.restored.push(...restored);
    for (const r of restored) {
      audit.push({ at: ctx.now, user: ctx.actor, source: 'edit', tab: table.name, range: `${columnLetter(amount)}${r}`, recordId: '', field: '(formula restored)', oldValue: '', newValue: 'The Amount is computed by its formula; it was restored.' });
    }
    if (restored.length) outcome.refused.push(`The Amount column is computed; restored its formula in ${restored.length} row(s).`);
  }
  const status = table.column('status');
  if (single && col0 === status && text(e.value) !== text(e.oldValue)) {
    refuse(ctx, table, row0, status, e, 'Commission statuses change in the sidebar (Approvals) and by the payout run, not by hand.', audit, outcome);
  }
}

function reportRuleProblems(ctx: TrackerContext): void {
  const { problems } = parseRules(readRuleRows(ctx.ss, ctx.timeZone));
  if (problems.length) ctx.ss.toast(problems.slice(0, 5).map((p) => p.message).join('\n'), 'Commission rules need attention', 20);
}

/** A change to the payout hour moves the daily trigger (it runs at that hour). */
function followPayoutSchedule(ctx: TrackerContext): void {
  const settings = readSettings(ctx.ss);
  if (ensureDailyTrigger(ctx.ss, settings.settings.payoutHour) === 'replaced') {
    ctx.ss.toast(`The daily run (payouts, expiry, digest) now happens at ${settings.settings.payoutHour}:00.`, 'Partnership Tracker', 10);
  }
}

/**
 * A paste into the Leads status column carries no old values, so it cannot be
 * checked or reverted; but a pasted Closed Won (with its amount and date) still
 * gets its commissions, and a pasted Refunded its clawbacks — both idempotent.
 * The person is told that the pasted statuses were not checked.
 */
function followPastedStatuses(ctx: TrackerContext, table: TrackerTable, row0: number, col0: number, rows: number, cols: number, outcome: EditOutcome): void {
  if (!table.has('status')) return;
  const status = table.column('status');
  if (status < col0 || status >= col0 + cols) return;
  const leads = table.readRows(row0, row0 + rows - 1).map((r) => recordToLead(r, ctx.timeZone));
  for (const lead of leads) {
    if (!lead.id) continue;
    if (lead.status === 'Closed Won' && lead.dealAmountCents !== null && lead.dealAmountCents > 0 && lead.closedOn) {
      outcome.commissions.push(...createCommissionsForWonLead({ ...ctx, source: 'edit' }, lead).created);
    }
    if (lead.status === 'Refunded') outcome.commissions.push(...refundCommissions({ ...ctx, source: 'edit' }, lead, lead.statusReason || 'refunded (status pasted)').created);
  }
  outcome.refused.push(`Pasted statuses in rows ${row0}–${row0 + rows - 1} could not be checked against their previous values (a paste does not carry them); please review them, or move leads in the sidebar.`);
}

/**
 * A manager may move a payout along in the sheet itself (the summary email links
 * there): Draft → Approved, or Approved → Paid once the row has its payment
 * reference. The tracker then does what the sidebar would (who and when, the
 * lines marked Paid, the audit); anything else is put back.
 */
function enforcePayoutCell(ctx: TrackerContext, table: TrackerTable, row: number, column: number, e: EditEvent, audit: AuditEntry[], outcome: EditOutcome): void {
  if (column !== table.column('status')) return;
  const from = text(e.oldValue);
  const to = text(e.value);
  if (from === to) return;
  const why = cannotApprove(readSettings(ctx.ss).settings.managerEmails, ctx.actor);
  if (why) {
    refuse(ctx, table, row, column, e, why.replace('approve commissions', 'approve and pay payouts'), audit, outcome);
    return;
  }
  const record = table.readRows(row, row)[0];
  const id = text(record.id);
  const reference = text(record.paymentReference).trim();
  if (from === 'Approved' && to === 'Paid' && !reference) {
    refuse(ctx, table, row, column, e, 'Fill in the Payment Reference before marking a payout Paid.', audit, outcome);
    return;
  }
  if (!((from === 'Draft' && to === 'Approved') || (from === 'Approved' && to === 'Paid'))) {
    refuse(ctx, table, row, column, e, `A payout goes Draft → Approved → Paid; ${from || 'an empty status'} cannot become ${to || 'empty'} here.`, audit, outcome);
    return;
  }
  // Put the old status back and let the payout service make the move, exactly as from the sidebar.
  table.sheet.getRange(row, column).setValue(from);
  const result = to === 'Approved' ? approvePayouts(ctx, [id]) : markPayoutsPaid(ctx, [id], reference, todayIn(ctx.timeZone, ctx.now));
  outcome.refused.push(...result.refused.map((r) => r.reason));
}

import { appendAudit } from '../audit/audit-log';
import { currentReceipt } from '../audit/receipt';
import { AuditEntry } from '../domain/audit-chain';
import { holders } from '../domain/roles';
import { partnerStatementEmail, payoutSummaryEmail } from '../domain/emails/payout-emails';
import { eligibleLines, planPayouts } from '../domain/payouts';
import { PartnerInfo, PayoutLine, PayoutPlan, Period } from '../domain/payouts/types';
import { Fate, MAIL_BUDGET_MS, Outgoing, messageIds, openMailer, settled } from '../mail/mailer';
import { readPartners } from '../partners/partner-store';
import { PayoutPeriodView, PayoutRunView } from '../sidebar-api/contract';
import { rosterOf, runsAsOwner, whyNot } from '../team/access';
import { CellValue, dateCell, moneyCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { trackerSheet } from '../tracker/identity';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { CommissionRows, StoredPayout, StoredRun, readPayoutLines, readPayouts, readRuns, runFor } from './payout-store';

/**
 * A payout run for one period: every Approved commission payable by the
 * period's end and not yet in a payout, netted per partner; one Draft payout
 * per partner at or above the minimum, the rest carried forward.
 *
 * Idempotent per period (the Payout Runs tab records it), and safe to stop
 * anywhere: commission lines are stamped with their payout ID before the payout
 * rows are written, so a run that died in between is finished by the next one
 * (rows rebuilt from the stamped lines) without counting anything twice. When
 * the time budget runs out the run stops between partners and the next run
 * continues. Only lines the tracker approved count (a row changed by hand is
 * held, with its reason).
 *
 * The writes happen inside `critical` (the document lock, or the hourly run's);
 * the summary and statements go out after it, only from the tracker's own
 * account (when a manager runs payouts, the owner's automation sends them
 * within the hour), through the Mail Queue's ledger: each is a message with an
 * ID ("summary:2026-02-01..2026-02-28", "statement:PO-000001") that is never
 * sent twice, and whose fate a stopped run left unknown is reported to the
 * managers instead of sent again. The run row's Summary Sent and each
 * payout's Statement Sent are stamped once the ledger has settled the message
 * (sent, queued, or reported), a batch at a time; the statements stop when
 * the run's time budget is spent and the next run continues.
 */
export type Critical = <T>(task: () => T) => T;

export interface RunOptions {
  source: string;
  critical: Critical;
  /** Stop between partners after this long (Apps Script stops an execution at 6 minutes). */
  budgetMs?: number;
  /** When the execution started (Date.now()). */
  startedAtMs?: number;
}

const DEFAULT_BUDGET_MS = 4 * 60 * 1000;

export function runPayouts(ctx: TrackerContext, period: Period, options: RunOptions): PayoutRunView {
  const settings = readSettings(ctx.ss).settings;
  const started = options.startedAtMs ?? Date.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const outcome = options.critical(() => writeRun(ctx, period, options, settings.minimumPayout, started, budget));
  if (outcome.kind === 'stopped') return outcome.view;
  const mail = runsAsOwner(ctx) ? sendPayoutMail(ctx, period, options.critical, started) : 'left for the automation';
  const totalText = `${(outcome.totalCents / 100).toFixed(2)} ${settings.currency}`;
  return {
    status: 'complete', created: outcome.created, carried: outcome.carried, recovered: outcome.recovered,
    summary: mail === 'left for the automation' ? 'not yet' : mail,
    message: `${period.label}: ${outcome.payouts} payout(s), ${totalText} in total; ${outcome.carried} carried forward.` +
      (mail === 'left for the automation' ? ` The summary and statements go out from the tracker's account (${rosterOf(ctx).owner}) within the hour.` : ''),
  };
}

type WriteOutcome =
  | { kind: 'stopped'; view: PayoutRunView }
  | { kind: 'complete'; created: string[]; carried: number; recovered: string[]; payouts: number; totalCents: number };

/** The run's writes, inside the critical section: the run row, recovered payouts, stamped lines, new payouts, Complete. */
function writeRun(ctx: TrackerContext, period: Period, options: RunOptions, minimumPayout: number, started: number, budget: number): WriteOutcome {
  const runs = TrackerTable.open(ctx.ss, 'runs');
  // A run row whose only difference from its seal is its status (a run stopped between writing Complete and
  // its seal) is the period's run as the tracker last confirmed it: it is continued, never started a second time.
  const known = readRuns(runs, ctx.timeZone).map((r) => (r.held && r.sealedStatus !== null ? { ...r, status: r.sealedStatus, held: null } : r));
  let run = runFor(known.filter((r) => !r.held), period);
  if (run && run.status === 'Complete') {
    return { kind: 'stopped', view: { status: 'already complete', created: [], carried: 0, recovered: [], summary: 'already sent', message: `${period.label} was already paid out; nothing was done.` } };
  }
  if (!run) {
    const record = {
      periodStart: dateCell(period.start), periodEnd: dateCell(period.end), label: period.label, status: 'Running', startedAt: utcDateTimeCell(ctx.now),
      completedAt: '', payouts: 0, total: 0, carried: 0, summarySentAt: '', source: options.source, notes: '',
    };
    const row = runs.append([record]);
    run = {
      row, periodStart: period.start, periodEnd: period.end, status: 'Running', sealedStatus: null, summarySentAt: '', total: null, label: period.label, notes: '',
      held: null, base: record,
    };
  }

  const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
  // Likewise a line whose only difference from its seal is its Payout ID (a run stopped between stamping the
  // lines and sealing them, or a hand edit not yet put back) counts with the payout ID its seal confirms.
  for (const l of commissions.lines) {
    if (l.held && l.sealedPayoutId !== null) Object.assign(l, { payoutId: l.sealedPayoutId, held: null, base: { ...l.base, payoutId: l.sealedPayoutId } });
  }
  const payoutsTable = TrackerTable.open(ctx.ss, 'payouts');
  const payouts = readPayouts(payoutsTable, ctx.timeZone);
  const partners = partnerInfo(ctx);
  const audit: AuditEntry[] = [];

  // 1. Finish what a stopped run left: stamped lines whose payout row was never written.
  const recovered = recover(ctx, commissions, payoutsTable, payouts, period, audit);

  // 2. Pay the partners not yet paid for this period, from lines the tracker approved.
  const plan = planPayouts(eligibleLines(commissions.lines.filter((l) => !l.held), period.end), partners, Math.round(minimumPayout * 100), period);
  const donePartners = new Set(payouts.filter((p) => p.periodStart === period.start && p.periodEnd === period.end).map((p) => p.partnerId));
  const todo = plan.payouts.filter((p) => !donePartners.has(p.partner.id));
  const ids = new IdAllocator('PO-', [...payouts.map((p) => p.id), ...commissions.lines.map((l) => l.payoutId)], ctx.properties);
  const chosen: Array<{ id: string; payout: (typeof todo)[number] }> = [];
  for (const payout of todo) {
    if (chosen.length > 0 && Date.now() - started > budget) break;
    chosen.push({ id: ids.take(), payout });
  }
  if (chosen.length) {
    stamp(commissions, new Map(chosen.flatMap((c) => c.payout.lines.map((l) => [l.id, c.id] as [string, string]))));
    const first = payoutsTable.append(chosen.map((c) => payoutRecord(c.id, c.payout.partner.id, period, c.payout.grossCents, c.payout.clawbackCents, c.payout.netCents, c.payout.lines.length, ctx.now)));
    ids.commit();
    chosen.forEach((c, i) => audit.push({
      at: ctx.now, user: ctx.actor, source: ctx.source, tab: payoutsTable.name, range: `row ${first + i}`, recordId: c.id, field: '(new payout)', oldValue: '',
      newValue: `${c.payout.partner.name} (${c.payout.partner.id}), ${period.label}: net ${(c.payout.netCents / 100).toFixed(2)} from ${c.payout.lines.length} line(s), Draft`,
    }));
  }
  const finished = chosen.length === todo.length;
  appendAudit(ctx, audit);
  const created = chosen.map((c) => c.id);
  if (!finished) {
    runs.writeCells(run.row, { notes: `Stopped after ${created.length} of ${todo.length} partners to stay within the time limit; the next run continues.` });
    return { kind: 'stopped', view: { status: 'continuing', created, carried: plan.carried.length, recovered, summary: 'not yet', message: `Paid ${created.length} partner(s) of ${todo.length}; the next run continues.` } };
  }

  // 3. Complete. The summary and statements follow, each stamped once sent (sendPayoutMail).
  const periodPayouts = readPayouts(payoutsTable, ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end);
  const totalCents = periodPayouts.reduce((t, p) => t + p.netCents, 0);
  runs.writeCells(run.row, {
    status: 'Complete', completedAt: utcDateTimeCell(ctx.now), payouts: periodPayouts.length, total: moneyCell(totalCents), carried: plan.carried.length,
    notes: plan.carried.length ? `${plan.carried.length} partner(s) carried forward.` : '',
  }, run.base);
  return { kind: 'complete', created, carried: plan.carried.length, recovered, payouts: periodPayouts.length, totalCents };
}

/**
 * Sends a completed period's manager summary and the partner statements that
 * have not been settled yet, through the Mail Queue's ledger (never twice),
 * stamping the run row and the payouts once the ledger has settled each. The
 * tracker's own account sends them (see runPayouts). No statement starts after
 * the run's time budget: the next run continues where this one stopped.
 */
export function sendPayoutMail(ctx: TrackerContext, period: Period, critical: Critical, startedAtMs?: number): PayoutRunView['summary'] {
  const runs = TrackerTable.open(ctx.ss, 'runs');
  const run = runFor(readRuns(runs, ctx.timeZone).filter((r) => !r.held), period);
  if (!run || run.status !== 'Complete') return 'not yet';
  const mailer = openMailer(ctx, critical, { startedAtMs });
  const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
  const payoutsTable = TrackerTable.open(ctx.ss, 'payouts');
  const periodPayouts = readPayouts(payoutsTable, ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end && !p.held);
  const partners = partnerInfo(ctx);
  const summary = run.summarySentAt ? 'already sent' : summaryView(sendSummary(ctx, mailer, period, run, periodPayouts, commissions, runs, critical));
  sendStatements(ctx, mailer, period, periodPayouts, commissions, partners, payoutsTable, critical);
  return summary;
}

/** What the run's view says of the summary (it has no word for a fate in doubt: the managers' report says it). */
function summaryView(fate: Fate): PayoutRunView['summary'] {
  switch (fate) {
    case 'sent': case 'queued': case 'already sent': return fate;
    default: return 'not yet';
  }
}

/**
 * The hourly run's step: mail for completed periods that a manager ran, or
 * that a run left part-way (stopped, or out of time). Stops when the run's
 * time budget is spent; the next run continues.
 */
export function finishPayoutMail(ctx: TrackerContext, critical: Critical, startedAtMs?: number): string[] {
  if (!runsAsOwner(ctx)) return [];
  const runs = readRuns(TrackerTable.open(ctx.ss, 'runs'), ctx.timeZone).filter((r) => !r.held && r.status === 'Complete');
  if (runs.length === 0) return [];
  const payouts = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone);
  const deadline = (startedAtMs ?? ctx.now.getTime()) + MAIL_BUDGET_MS;
  const done: string[] = [];
  for (const run of runs) {
    const unsent = payouts.some((p) => p.periodStart === run.periodStart && p.periodEnd === run.periodEnd && !p.statementSentAt && !p.held);
    if (run.summarySentAt && !unsent) continue;
    if (Date.now() >= deadline) break;
    const period = { start: run.periodStart, end: run.periodEnd, label: run.label || `${run.periodStart} to ${run.periodEnd}` };
    sendPayoutMail(ctx, period, critical, startedAtMs ?? ctx.now.getTime());
    done.push(period.label);
  }
  return done;
}

function partnerInfo(ctx: TrackerContext): Map<string, PartnerInfo> {
  return new Map(readPartners(ctx.ss, ctx.timeZone).map((p) => [p.id, { id: p.id, name: p.name, email: p.contactEmail }]));
}

function payoutRecord(id: string, partnerId: string, period: Period, gross: number, clawbacks: number, net: number, lines: number, now: Date): Record<string, CellValue> {
  return {
    id, periodStart: dateCell(period.start), periodEnd: dateCell(period.end), partnerId, gross: moneyCell(gross), clawbacks: moneyCell(clawbacks),
    net: moneyCell(net), lines, status: 'Draft', createdAt: utcDateTimeCell(now), approvedBy: '', approvedAt: '', paidAt: '', paymentReference: '',
  };
}

/** Writes payout IDs onto commission lines: one write over the span of rows touched. */
function stamp(commissions: CommissionRows, payoutOf: ReadonlyMap<string, string>): void {
  const rows = commissions.lines.filter((l) => payoutOf.has(l.id));
  if (rows.length === 0) return;
  const first = Math.min(...rows.map((l) => l.row));
  const last = Math.max(...rows.map((l) => l.row));
  const current = commissions.table.sheet.getRange(first, commissions.table.column('payoutId'), last - first + 1, 1).getValues().map((r) => r[0] as CellValue);
  const bases: Array<Record<string, CellValue> | null> = current.map(() => null);
  for (const l of rows) {
    current[l.row - first] = payoutOf.get(l.id) as string;
    bases[l.row - first] = l.base;
    l.payoutId = payoutOf.get(l.id) as string;
  }
  commissions.table.writeSealedColumn('payoutId', first, current, bases);
}

function recover(ctx: TrackerContext, commissions: CommissionRows, table: TrackerTable<'payouts'>, payouts: StoredPayout[], period: Period, audit: AuditEntry[]): string[] {
  const known = new Set(payouts.map((p) => p.id));
  const orphans = new Map<string, PayoutLine[]>();
  for (const l of commissions.lines) {
    // Only a payout ID the tracker stamped counts: one typed onto a line makes it held.
    if (!l.payoutId || known.has(l.payoutId) || l.held) continue;
    orphans.set(l.payoutId, [...(orphans.get(l.payoutId) ?? []), l]);
  }
  if (orphans.size === 0) return [];
  const records = [...orphans.entries()].map(([id, lines]) => {
    const gross = lines.filter((l) => l.kind !== 'Clawback').reduce((t, l) => t + l.amountCents, 0);
    const clawbacks = lines.filter((l) => l.kind === 'Clawback').reduce((t, l) => t + l.amountCents, 0);
    return payoutRecord(id, lines[0].partnerId, period, gross, clawbacks, gross + clawbacks, lines.length, ctx.now);
  });
  const first = table.append(records);
  records.forEach((r, i) => audit.push({
    at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${first + i}`, recordId: String(r.id), field: '(payout recovered)', oldValue: '',
    newValue: `rebuilt from its stamped commission lines after a run stopped half way (${period.label})`,
  }));
  return [...orphans.keys()];
}

type Mailer = ReturnType<typeof openMailer>;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Statements built and sent per batch; their stamps are written after each batch. */
const STATEMENT_BATCH = 50;

function sendSummary(
  ctx: TrackerContext, mailer: Mailer, period: Period, run: StoredRun, periodPayouts: StoredPayout[], commissions: CommissionRows, runs: TrackerTable<'runs'>,
  critical: Critical,
): Fate {
  const settings = readSettings(ctx.ss).settings;
  // Managers approve payouts; the owner holds every role, so there is always someone to tell.
  const to = holders(rosterOf(ctx), 'Manager');
  const partners = partnerInfo(ctx);
  // Who carries forward: what a plan over the still-unpaid approved lines says now.
  const unpaid = planPayouts(eligibleLines(commissions.lines.filter((l) => !l.held), period.end), partners, Math.round(settings.minimumPayout * 100), period);
  const linesOf = groupBy(commissions.lines, (l) => l.payoutId);
  const plan: PayoutPlan = {
    period,
    payouts: periodPayouts.map((p) => ({
      partner: partners.get(p.partnerId) ?? { id: p.partnerId, name: p.partnerId, email: '' }, lines: linesOf.get(p.id) ?? [],
      grossCents: p.grossCents, clawbackCents: p.clawbackCents, netCents: p.netCents, outcome: 'pay' as const, reason: '',
    })).sort((a, b) => a.partner.name.localeCompare(b.partner.name)),
    carried: unpaid.carried,
    totalCents: periodPayouts.reduce((t, p) => t + p.netCents, 0),
  };
  const pending = commissions.lines.filter((l) => l.kind !== 'Clawback' && (l.status === 'Pending' || l.status === 'Payable'));
  const previous = readRuns(runs, ctx.timeZone).filter((r) => r.status === 'Complete' && r.periodEnd < period.start).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
  const url = ctx.ss.getUrl();
  const payoutsSheet = trackerSheet(ctx.ss, 'payouts');
  const mail = payoutSummaryEmail({
    programme: settings.programmeName, currency: settings.currency, plan, payoutIds: new Map(periodPayouts.map((p) => [p.partnerId, p.id])),
    pendingApproval: { lines: pending.length, cents: pending.reduce((t, l) => t + l.amountCents, 0) },
    previousTotalCents: previous ? previous.total : null, spreadsheetUrl: url, payoutsUrl: payoutsSheet ? `${url}#gid=${payoutsSheet.getSheetId()}` : url,
    receipt: currentReceipt(ctx.ss),
  });
  const id = messageIds.summary(period);
  const fate = mailer.send([{ ...mail, id, to, purpose: `payout summary ${period.label}`, senderName: settings.programmeName }]).get(id) ?? 'not yet';
  if (settled(fate)) critical(() => runs.writeCells(run.row, { summarySentAt: utcDateTimeCell(new Date()) }, run.base));
  return fate;
}

/**
 * Each payout's statement, through the ledger: payouts whose statement the
 * ledger has settled already are only stamped; the rest are built and sent a
 * batch at a time, and each batch's stamps written (one write) before the
 * next starts, while the run's time budget lasts.
 */
function sendStatements(
  ctx: TrackerContext, mailer: Mailer, period: Period, periodPayouts: StoredPayout[], commissions: CommissionRows, partners: ReadonlyMap<string, PartnerInfo>,
  table: TrackerTable<'payouts'>, critical: Critical,
): number {
  const todo = periodPayouts.filter((p) => !p.statementSentAt);
  if (todo.length === 0 || !table.has('statementSentAt')) return 0;
  const settings = readSettings(ctx.ss).settings;
  const all = readPayouts(table, ctx.timeZone);
  // Indexed once: a statement per payout scanning every line made 450 statements over 100k lines take over a minute.
  const linesOf = groupBy(commissions.lines, (l) => l.payoutId);
  const carriedOf = new Map<string, number>();
  for (const l of commissions.lines) if (l.status === 'Approved' && !l.payoutId) carriedOf.set(l.partnerId, (carriedOf.get(l.partnerId) ?? 0) + l.amountCents);
  const paidOf = new Map<string, number>();
  for (const o of all) if (o.status === 'Paid') paidOf.set(o.partnerId, (paidOf.get(o.partnerId) ?? 0) + o.netCents);
  const known = mailer.lookup(todo.map((p) => messageIds.statement(p.id)));
  // Settled in the ledger (a run stopped before stamping them): stamp, never send again.
  const stamped: number[] = todo.filter((p) => ['Sent', 'Unknown', 'Failed', 'Refused'].includes(known.get(messageIds.statement(p.id)) ?? '')).map((p) => p.row);
  const rest = todo.filter((p) => !stamped.includes(p.row));
  let sent = 0;
  for (let at = 0; at < rest.length; at += STATEMENT_BATCH) {
    if (!mailer.timeLeft()) break;
    const batch = rest.slice(at, at + STATEMENT_BATCH).map((p) => ({ payout: p, mail: statementFor(p) }));
    const fates = mailer.send(batch.flatMap((b) => (typeof b.mail === 'object' ? [b.mail] : [])));
    for (const b of batch) {
      // No email for the partner: nothing to send, and nothing to wait for.
      if (b.mail === 'no email') stamped.push(b.payout.row);
      else if (typeof b.mail === 'object' && settled(fates.get(b.mail.id))) stamped.push(b.payout.row);
      if (typeof b.mail === 'object' && fates.get(b.mail.id) === 'sent') sent++;
    }
    stamp(stamped.splice(0));
  }
  stamp(stamped);
  return sent;

  /** The statement; 'no email' when the partner has none; 'not built' when the payout no longer matches its lines (left unstamped, tried again). */
  function statementFor(p: StoredPayout): Outgoing | 'no email' | 'not built' {
    const partner = partners.get(p.partnerId);
    if (!partner || !partner.email) return 'no email';
    // Paid to date includes this payout.
    const paidToDate = (paidOf.get(p.partnerId) ?? 0) + (p.status === 'Paid' ? 0 : p.netCents);
    const carried = carriedOf.get(p.partnerId) ?? 0;
    try {
      const mail = partnerStatementEmail({
        programme: settings.programmeName, currency: settings.currency, period, partnerName: partner.name, payoutId: p.id,
        lines: linesOf.get(p.id) ?? [], grossCents: p.grossCents, clawbackCents: p.clawbackCents, netCents: p.netCents,
        paidToDateCents: paidToDate, carriedBalanceCents: carried,
      });
      return { ...mail, id: messageIds.statement(p.id), to: [partner.email], purpose: `statement ${p.id}`, senderName: settings.programmeName };
    } catch (e) {
      // A payout whose row no longer matches its lines (edited by hand) gets no statement; the others still go out.
      console.error(`statement for ${p.id} not sent: ${e instanceof Error ? e.message : String(e)}`);
      return 'not built';
    }
  }

  /** One write for a batch of stamps: the column over the span of their rows, re-read inside the critical section. */
  function stamp(rows: number[]): void {
    if (rows.length === 0) return;
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    critical(() => {
      const column = table.sheet.getRange(first, table.column('statementSentAt'), last - first + 1, 1).getValues();
      const at = utcDateTimeCell(new Date());
      for (const row of rows) column[row - first][0] = at;
      table.writeColumn('statementSentAt', first, column.map((r) => r[0] as CellValue));
    });
  }
}

/** What the Payouts view shows for a period: the run's payouts, or a preview when it has not run. Writes nothing. */
export function payoutPeriodView(ctx: TrackerContext, period: Period, mode: 'preview' | 'stored', periods: Array<{ start: string; label: string }>): PayoutPeriodView {
  const settings = readSettings(ctx.ss).settings;
  const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
  const partners = partnerInfo(ctx);
  const name = (id: string) => partners.get(id)?.name ?? id;
  const run = runFor(readRuns(TrackerTable.open(ctx.ss, 'runs'), ctx.timeZone), period);
  const plan = planPayouts(eligibleLines(commissions.lines.filter((l) => !l.held), period.end), partners, Math.round(settings.minimumPayout * 100), period);
  const stored = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end);
  const held = [
    ...commissions.lines.filter((l) => l.held).map((l) => `${l.id}: ${l.held}`),
    ...stored.filter((p) => p.held).map((p) => `${p.id}: ${p.held}`),
  ];
  const rows = mode === 'preview'
    ? plan.payouts.map((p) => ({ payoutId: null, partnerId: p.partner.id, partnerName: p.partner.name, gross: p.grossCents / 100, clawbacks: p.clawbackCents / 100, net: p.netCents / 100, lines: p.lines.length, status: 'Preview', paidAt: null, paymentReference: '' }))
    : stored.map((p) => ({ payoutId: p.id, partnerId: p.partnerId, partnerName: name(p.partnerId), gross: p.grossCents / 100, clawbacks: p.clawbackCents / 100, net: p.netCents / 100, lines: p.lines, status: p.status, paidAt: p.paidAt ? p.paidAt.toISOString() : null, paymentReference: p.paymentReference }))
      .sort((a, b) => a.partnerName.localeCompare(b.partnerName));
  const carried = (mode === 'preview' ? plan.carried : [...plan.carried, ...plan.payouts.map((p) => ({ ...p, reason: 'approved after this period was run; paid in the next run' }))])
    .map((p) => ({ partnerId: p.partner.id, partnerName: p.partner.name, net: p.netCents / 100, reason: p.reason }));
  const pending = commissions.lines.filter((l) => l.kind !== 'Clawback' && (l.status === 'Pending' || l.status === 'Payable'));
  const permissions = {
    run: whyNot(ctx, 'runPayouts'), approve: whyNot(ctx, 'approvePayouts'), markPaid: whyNot(ctx, 'markPaid'), export: whyNot(ctx, 'exportPayouts'),
  };
  return {
    period: { start: period.start, end: period.end, label: period.label }, currency: settings.currency,
    runStatus: run ? (run.status === 'Complete' ? 'Complete' : 'Running') : 'not run',
    rows, carried, total: Math.round(rows.reduce((t, r) => t + r.net * 100, 0)) / 100,
    pendingApproval: { lines: pending.length, amount: pending.reduce((t, l) => t + l.amountCents, 0) / 100 },
    canManage: permissions.run === null, whyNot: permissions.run, permissions, held, periods,
  };
}

import { currentReceipt } from '../audit/receipt';
import { holders } from '../domain/roles';
import { partnerStatementEmail, payoutSummaryEmail } from '../domain/emails/payout-emails';
import { planPeriod } from '../domain/payouts';
import { PartnerInfo, PayoutPlan, Period } from '../domain/payouts/types';
import { Fate, MAIL_BUDGET_MS, Outgoing, messageIds, openMailer, settled } from '../mail/mailer';
import { partnerContactEmails } from '../domain/partner';
import { readPartners } from '../partners/partner-store';
import { rosterOf, runsAsOwner } from '../team/access';
import { CellValue, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { trackerSheet } from '../tracker/identity';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { CommissionRows, StoredPayout, StoredRun, partnerInfo, readPayoutLines, readPayouts, readRuns, runFor } from './payout-store';
import type { Critical } from './run';

/** What became of a run's summary email, as a run reports it. */
export type SummaryFate = 'sent' | 'queued' | 'no managers' | 'already sent' | 'not yet';

/**
 * Sends a completed period's manager summary and the statements of its
 * approved (or paid) payouts that have not been settled yet (a Draft's statement
 * waits for a manager's approval), through the Mail Queue's ledger (never twice),
 * stamping the run row and the payouts once the ledger has settled each. The
 * tracker's own account sends them (see runPayouts). No statement starts after
 * the run's time budget: the next run continues where this one stopped.
 */
export function sendPayoutMail(ctx: TrackerContext, period: Period, critical: Critical, startedAtMs?: number): SummaryFate {
  const runs = TrackerTable.open(ctx.ss, 'runs');
  const run = runFor(
    readRuns(runs, ctx.timeZone).filter((r) => !r.held),
    period,
  );
  if (!run || run.status !== 'Complete') return 'not yet';
  const mailer = openMailer(ctx, critical, { startedAtMs });
  const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
  const payoutsTable = TrackerTable.open(ctx.ss, 'payouts');
  const periodPayouts = readPayouts(payoutsTable, ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end && !p.held);
  const stored = readPartners(ctx.ss, ctx.timeZone);
  const partners = new Map<string, PartnerInfo>(stored.map((p) => [p.id, { id: p.id, name: p.name, email: p.contactEmail }]));
  const contacts = new Map(stored.map((p) => [p.id, partnerContactEmails(p)]));
  const summary = run.summarySentAt ? 'already sent' : summaryView(sendSummary(ctx, mailer, period, run, periodPayouts, commissions, runs, critical));
  sendStatements(ctx, mailer, period, periodPayouts, commissions, partners, contacts, payoutsTable, critical);
  return summary;
}

/** What the run's view says of the summary (it has no word for a fate in doubt: the managers' report says it). */
function summaryView(fate: Fate): SummaryFate {
  switch (fate) {
    case 'sent':
    case 'queued':
    case 'already sent':
      return fate;
    default:
      return 'not yet';
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
    const unsent = payouts.some((p) => p.periodStart === run.periodStart && p.periodEnd === run.periodEnd && statementDue(p));
    if (run.summarySentAt && !unsent) continue;
    if (Date.now() >= deadline) break;
    const period = { start: run.periodStart, end: run.periodEnd, label: run.label || `${run.periodStart} to ${run.periodEnd}` };
    sendPayoutMail(ctx, period, critical, startedAtMs ?? ctx.now.getTime());
    done.push(period.label);
  }
  return done;
}

/**
 * The statements of payouts just approved, at once, when the tracker's own account approved them
 * (the owner in the sidebar): each period's mail as sendPayoutMail sends it. Anyone else's
 * approval (a manager in the sidebar, Approved typed into the Payouts tab) is mailed by the
 * owner's next hourly run (finishPayoutMail). A failure here never undoes the approval: the
 * hourly run sends what is left.
 */
export function sendApprovedStatements(ctx: TrackerContext, payoutIds: readonly string[], critical: Critical): void {
  if (payoutIds.length === 0 || !runsAsOwner(ctx)) return;
  try {
    const wanted = new Set(payoutIds);
    const approved = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone).filter((p) => wanted.has(p.id) && statementDue(p));
    const runs = readRuns(TrackerTable.open(ctx.ss, 'runs'), ctx.timeZone).filter((r) => !r.held && r.status === 'Complete');
    const done = new Set<string>();
    for (const p of approved) {
      const key = `${p.periodStart}..${p.periodEnd}`;
      const run = runs.find((r) => r.periodStart === p.periodStart && r.periodEnd === p.periodEnd);
      if (done.has(key) || !run) continue;
      done.add(key);
      sendPayoutMail(ctx, { start: run.periodStart, end: run.periodEnd, label: run.label || `${run.periodStart} to ${run.periodEnd}` }, critical);
    }
  } catch (e) {
    console.error(`statements after approval left to the hourly run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

type Mailer = ReturnType<typeof openMailer>;

/**
 * A partner's statement goes out once their payout is real: Approved (from the sidebar, the menu
 * or typed into the Payouts tab), or Paid already. A Draft gets none: a manager has not approved it.
 */
function statementDue(p: StoredPayout): boolean {
  return !p.statementSentAt && !p.held && (p.status === 'Approved' || p.status === 'Paid');
}

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
  ctx: TrackerContext,
  mailer: Mailer,
  period: Period,
  run: StoredRun,
  periodPayouts: StoredPayout[],
  commissions: CommissionRows,
  runs: TrackerTable<'runs'>,
  critical: Critical,
): Fate {
  const settings = readSettings(ctx.ss).settings;
  // Managers approve payouts; the owner holds every role, so there is always someone to tell.
  const to = holders(rosterOf(ctx), 'Manager');
  const partners = partnerInfo(ctx);
  // Who carries forward: what a plan over the still-unpaid approved lines says now.
  const unpaid = planPeriod(commissions.lines, partners, settings.minimumPayout, period);
  const linesOf = groupBy(commissions.lines, (l) => l.payoutId);
  const plan: PayoutPlan = {
    period,
    payouts: periodPayouts
      .map((p) => ({
        partner: partners.get(p.partnerId) ?? { id: p.partnerId, name: p.partnerId, email: '' },
        lines: linesOf.get(p.id) ?? [],
        grossCents: p.grossCents,
        clawbackCents: p.clawbackCents,
        netCents: p.netCents,
        outcome: 'pay' as const,
        reason: '',
      }))
      .sort((a, b) => a.partner.name.localeCompare(b.partner.name)),
    carried: unpaid.carried,
    totalCents: periodPayouts.reduce((t, p) => t + p.netCents, 0),
  };
  const pending = commissions.lines.filter((l) => l.kind !== 'Clawback' && (l.status === 'Pending' || l.status === 'Payable'));
  const previous = readRuns(runs, ctx.timeZone)
    .filter((r) => r.status === 'Complete' && r.periodEnd < period.start)
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
  const url = ctx.ss.getUrl();
  const payoutsSheet = trackerSheet(ctx.ss, 'payouts');
  const mail = payoutSummaryEmail({
    programme: settings.programmeName,
    currency: settings.currency,
    plan,
    payoutIds: new Map(periodPayouts.map((p) => [p.partnerId, p.id])),
    pendingApproval: { lines: pending.length, cents: pending.reduce((t, l) => t + l.amountCents, 0) },
    previousTotalCents: previous ? previous.total : null,
    spreadsheetUrl: url,
    payoutsUrl: payoutsSheet ? `${url}#gid=${payoutsSheet.getSheetId()}` : url,
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
  ctx: TrackerContext,
  mailer: Mailer,
  period: Period,
  periodPayouts: StoredPayout[],
  commissions: CommissionRows,
  partners: ReadonlyMap<string, PartnerInfo>,
  contacts: ReadonlyMap<string, string[]>,
  table: TrackerTable<'payouts'>,
  critical: Critical,
): number {
  const todo = periodPayouts.filter(statementDue);
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
    const to = contacts.get(p.partnerId) ?? [];
    if (!partner || to.length === 0) return 'no email';
    // What was paid before this payout (it may have been marked Paid before this run came round).
    const paidBefore = (paidOf.get(p.partnerId) ?? 0) - (p.status === 'Paid' ? p.netCents : 0);
    const carried = carriedOf.get(p.partnerId) ?? 0;
    try {
      const mail = partnerStatementEmail({
        programme: settings.programmeName,
        currency: settings.currency,
        period,
        partnerName: partner.name,
        payoutId: p.id,
        lines: linesOf.get(p.id) ?? [],
        grossCents: p.grossCents,
        clawbackCents: p.clawbackCents,
        netCents: p.netCents,
        paidBeforeCents: paidBefore,
        carriedBalanceCents: carried,
      });
      return { ...mail, id: messageIds.statement(p.id), to, purpose: `statement ${p.id}`, senderName: settings.programmeName };
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
      table.writeColumn(
        'statementSentAt',
        first,
        column.map((r) => r[0] as CellValue),
      );
    });
  }
}

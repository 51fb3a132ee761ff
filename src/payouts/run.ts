import { appendAudit } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { planPeriod } from '../domain/payouts';
import { PayoutLine, Period } from '../domain/payouts/types';
import { rosterOf, runsAsOwner } from '../team/access';
import { CellValue, dateCell, moneyCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { SummaryFate, sendPayoutMail } from './payout-mail';
import { CommissionRows, StoredPayout, partnerInfo, readPayoutLines, readPayouts, readRuns, runFor } from './payout-store';

/**
 * A payout run for one period: every Approved commission payable by the
 * period's end and not yet in a payout, netted per partner; one Draft payout
 * per partner at or above the minimum, the rest carried forward.
 *
 * Lines approved after their period was run are not left for next month:
 * running a Complete period again is a supplementary run that pays them (one
 * more Draft payout per partner with late lines, the run row's totals and
 * notes updated); otherwise they join the next period's run, as every
 * approved line in no payout does. A supplementary run with nothing late does
 * nothing.
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

/** What a run did (the sidebar's endpoint shows it as a PayoutRunView). */
export interface PayoutRunOutcome {
  status: 'complete' | 'continuing' | 'already complete';
  created: string[];
  carried: number;
  /** Payout rows rebuilt after an earlier run stopped half way. */
  recovered: string[];
  summary: SummaryFate;
  message: string;
}

export function runPayouts(ctx: TrackerContext, period: Period, options: RunOptions): PayoutRunOutcome {
  const settings = readSettings(ctx.ss).settings;
  const started = options.startedAtMs ?? Date.now();
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const outcome = options.critical(() => writeRun(ctx, period, options, settings.minimumPayout, started, budget));
  if (outcome.kind === 'stopped') return outcome.view;
  const mail = runsAsOwner(ctx) ? sendPayoutMail(ctx, period, options.critical, started) : 'left for the automation';
  const totalText = `${(outcome.totalCents / 100).toFixed(2)} ${settings.currency}`;
  return {
    status: 'complete',
    created: outcome.created,
    carried: outcome.carried,
    recovered: outcome.recovered,
    summary: mail === 'left for the automation' ? 'not yet' : mail,
    message:
      (outcome.supplementary
        ? `${period.label}, supplementary run for lines approved after the period was paid out: ${outcome.created.length + outcome.recovered.length} new payout(s); the period now has ${outcome.payouts} payout(s), ${totalText} in total; ${outcome.carried} carried forward.`
        : `${period.label}: ${outcome.payouts} payout(s), ${totalText} in total; ${outcome.carried} carried forward.`) +
      (mail === 'left for the automation' ? ` The summary and statements go out from the tracker's account (${rosterOf(ctx).owner}) within the hour.` : ''),
  };
}

type WriteOutcome =
  { kind: 'stopped'; view: PayoutRunOutcome } | { kind: 'complete'; supplementary: boolean; created: string[]; carried: number; recovered: string[]; payouts: number; totalCents: number };

/** The run's writes, inside the critical section: the run row, recovered payouts, stamped lines, new payouts, Complete. */
function writeRun(ctx: TrackerContext, period: Period, options: RunOptions, minimumPayout: number, started: number, budget: number): WriteOutcome {
  const runs = TrackerTable.open(ctx.ss, 'runs');
  // A run row whose only difference from its seal is its status (a run stopped between writing Complete and
  // its seal) is the period's run as the tracker last confirmed it: it is continued, never started a second time.
  const known = readRuns(runs, ctx.timeZone).map((r) => (r.held && r.sealedStatus !== null ? { ...r, status: r.sealedStatus, held: null } : r));
  let run = runFor(
    known.filter((r) => !r.held),
    period,
  );
  // Running a Complete period again is a supplementary run: it pays the lines approved since (see below).
  const supplementary = run?.status === 'Complete';
  if (!run) {
    const record = {
      periodStart: dateCell(period.start),
      periodEnd: dateCell(period.end),
      label: period.label,
      status: 'Running',
      startedAt: utcDateTimeCell(ctx.now),
      completedAt: '',
      payouts: 0,
      total: 0,
      carried: 0,
      summarySentAt: '',
      source: options.source,
      notes: '',
    };
    const row = runs.append([record]);
    run = {
      row,
      periodStart: period.start,
      periodEnd: period.end,
      status: 'Running',
      sealedStatus: null,
      summarySentAt: '',
      total: null,
      label: period.label,
      notes: '',
      held: null,
      base: record,
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
  const plan = planPeriod(commissions.lines, partners, minimumPayout, period);
  // A stopped run continues with the partners it had not paid; a supplementary run pays whoever has late lines.
  const donePartners = new Set(supplementary ? [] : payouts.filter((p) => p.periodStart === period.start && p.periodEnd === period.end).map((p) => p.partnerId));
  const todo = plan.payouts.filter((p) => !donePartners.has(p.partner.id));
  if (supplementary && todo.length === 0 && recovered.length === 0) {
    appendAudit(ctx, audit);
    const waiting = plan.carried.length ? ` ${plan.carried.length} partner(s) stay carried forward.` : '';
    return {
      kind: 'stopped',
      view: {
        status: 'already complete',
        created: [],
        carried: plan.carried.length,
        recovered: [],
        summary: 'already sent',
        message: `${period.label} was already paid out, and no line approved since is payable; nothing was done.${waiting}`,
      },
    };
  }
  const ids = new IdAllocator('PO-', [...payouts.map((p) => p.id), ...commissions.lines.map((l) => l.payoutId)], ctx.properties);
  const chosen: Array<{ id: string; payout: (typeof todo)[number] }> = [];
  for (const payout of todo) {
    if (chosen.length > 0 && Date.now() - started > budget) break;
    chosen.push({ id: ids.take(), payout });
  }
  if (chosen.length) {
    stamp(commissions, new Map(chosen.flatMap((c) => c.payout.lines.map((l) => [l.id, c.id] as [string, string]))));
    const first = payoutsTable.append(
      chosen.map((c) => payoutRecord(c.id, c.payout.partner.id, period, c.payout.grossCents, c.payout.clawbackCents, c.payout.netCents, c.payout.lines.length, ctx.now)),
    );
    ids.commit();
    chosen.forEach((c, i) =>
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: ctx.source,
        tab: payoutsTable.name,
        range: `row ${first + i}`,
        recordId: c.id,
        field: '(new payout)',
        oldValue: '',
        newValue: `${c.payout.partner.name} (${c.payout.partner.id}), ${period.label}: net ${(c.payout.netCents / 100).toFixed(2)} from ${c.payout.lines.length} line(s), Draft`,
      }),
    );
  }
  const finished = chosen.length === todo.length;
  appendAudit(ctx, audit);
  const created = chosen.map((c) => c.id);
  if (!finished) {
    runs.writeCells(run.row, { notes: `Stopped after ${created.length} of ${todo.length} partners to stay within the time limit; the next run continues.` });
    return {
      kind: 'stopped',
      view: { status: 'continuing', created, carried: plan.carried.length, recovered, summary: 'not yet', message: `Paid ${created.length} partner(s) of ${todo.length}; the next run continues.` },
    };
  }

  // 3. Complete. The summary and statements follow, each stamped once sent (sendPayoutMail).
  const periodPayouts = readPayouts(payoutsTable, ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end);
  const totalCents = periodPayouts.reduce((t, p) => t + p.netCents, 0);
  const carriedNote = plan.carried.length ? `${plan.carried.length} partner(s) carried forward.` : '';
  runs.writeCells(
    run.row,
    {
      status: 'Complete',
      // A supplementary run keeps the period's completion time and says what it added.
      completedAt: supplementary ? undefined : utcDateTimeCell(ctx.now),
      payouts: periodPayouts.length,
      total: moneyCell(totalCents),
      carried: plan.carried.length,
      notes: supplementary ? [run.notes, `Supplementary run ${ctx.now.toISOString()}: ${created.length + recovered.length} late payout(s).`].filter(Boolean).join(' ') : carriedNote,
    },
    run.base,
  );
  return { kind: 'complete', supplementary, created, carried: plan.carried.length, recovered, payouts: periodPayouts.length, totalCents };
}

function payoutRecord(id: string, partnerId: string, period: Period, gross: number, clawbacks: number, net: number, lines: number, now: Date): Record<string, CellValue> {
  return {
    id,
    periodStart: dateCell(period.start),
    periodEnd: dateCell(period.end),
    partnerId,
    gross: moneyCell(gross),
    clawbacks: moneyCell(clawbacks),
    net: moneyCell(net),
    lines,
    status: 'Draft',
    createdAt: utcDateTimeCell(now),
    approvedBy: '',
    approvedAt: '',
    paidAt: '',
    paymentReference: '',
  };
}

/** Writes payout IDs onto commission lines: one write over the span of rows touched. */
function stamp(commissions: CommissionRows, payoutOf: ReadonlyMap<string, string>): void {
  const rows = commissions.lines.filter((l) => payoutOf.has(l.id));
  if (rows.length === 0) return;
  const first = Math.min(...rows.map((l) => l.row));
  const last = Math.max(...rows.map((l) => l.row));
  const current = commissions.table.sheet
    .getRange(first, commissions.table.column('payoutId'), last - first + 1, 1)
    .getValues()
    .map((r) => r[0] as CellValue);
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
  records.forEach((r, i) =>
    audit.push({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: table.name,
      range: `row ${first + i}`,
      recordId: String(r.id),
      field: '(payout recovered)',
      oldValue: '',
      newValue: `rebuilt from its stamped commission lines after a run stopped half way (${period.label})`,
    }),
  );
  return [...orphans.keys()];
}

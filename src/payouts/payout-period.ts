import { isDueForPayable } from '../domain/commissions';
import { planPeriod } from '../domain/payouts';
import { todayIn } from '../tracker/cells';
import { Period } from '../domain/payouts/types';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { partnerInfo, readPayoutLines, readPayouts, readRuns, runFor } from './payout-store';

/** One partner's payout in a period (a preview's has no payout ID yet). */
export interface PeriodPayout {
  payoutId: string | null;
  partnerId: string;
  partnerName: string;
  grossCents: number;
  /** ≤ 0. */
  clawbackCents: number;
  netCents: number;
  lines: number;
  status: string;
  paidAt: Date | null;
  paymentReference: string;
}

/** A period's payouts as they stand: the run's, or (not run yet) what a run would write now. */
export interface PayoutPeriodState {
  period: Period;
  currency: string;
  runStatus: 'not run' | 'Running' | 'Complete';
  payouts: PeriodPayout[];
  carried: Array<{ partnerId: string; partnerName: string; netCents: number; reason: string }>;
  /** Commission lines still waiting for approval or not yet payable. */
  pending: { lines: number; cents: number };
  /** Of those, the ones in their holding period (not yet approvable), and the first date one becomes payable ('' when none). */
  holding: { lines: number; cents: number; nextPayableOn: string };
  /** Rows changed by hand, with why each does not count. */
  held: string[];
  /** A Complete period: approved lines payable by its end that arrived after it was run (a supplementary run pays them). */
  late: { partners: number; lines: number; cents: number };
}

/** The run's payouts for a period, or a preview of a run when it has not run (`mode`). Writes nothing. */
export function readPayoutPeriod(ctx: TrackerContext, period: Period, mode: 'preview' | 'stored'): PayoutPeriodState {
  const settings = readSettings(ctx.ss).settings;
  const commissions = readPayoutLines(ctx.ss, ctx.timeZone);
  const partners = partnerInfo(ctx);
  const name = (id: string) => partners.get(id)?.name ?? id;
  const run = runFor(readRuns(TrackerTable.open(ctx.ss, 'runs'), ctx.timeZone), period);
  const plan = planPeriod(commissions.lines, partners, settings.minimumPayout, period);
  const stored = readPayouts(TrackerTable.open(ctx.ss, 'payouts'), ctx.timeZone).filter((p) => p.periodStart === period.start && p.periodEnd === period.end);
  const held = [...commissions.lines.filter((l) => l.held).map((l) => `${l.id}: ${l.held}`), ...stored.filter((p) => p.held).map((p) => `${p.id}: ${p.held}`)];
  const payouts: PeriodPayout[] =
    mode === 'preview'
      ? plan.payouts.map((p) => ({
          payoutId: null,
          partnerId: p.partner.id,
          partnerName: p.partner.name,
          grossCents: p.grossCents,
          clawbackCents: p.clawbackCents,
          netCents: p.netCents,
          lines: p.lines.length,
          status: 'Preview',
          paidAt: null,
          paymentReference: '',
        }))
      : stored
          .map((p) => ({
            payoutId: p.id,
            partnerId: p.partnerId,
            partnerName: name(p.partnerId),
            grossCents: p.grossCents,
            clawbackCents: p.clawbackCents,
            netCents: p.netCents,
            lines: p.lines,
            status: p.status,
            paidAt: p.paidAt,
            paymentReference: p.paymentReference,
          }))
          .sort((a, b) => a.partnerName.localeCompare(b.partnerName));
  const late = mode === 'stored' && run?.status === 'Complete' ? plan.payouts : [];
  const lateReason = 'approved after this period was run: run the period again to pay it now (a supplementary run), or it joins the next period’s run';
  const carried = (
    mode === 'preview' ? plan.carried : [...plan.carried, ...plan.payouts.map((p) => ({ ...p, reason: late.includes(p) ? lateReason : 'approved after this period was run; paid in the next run' }))]
  ).map((p) => ({
    partnerId: p.partner.id,
    partnerName: p.partner.name,
    netCents: p.netCents,
    reason: p.reason,
  }));
  const pending = commissions.lines.filter((l) => l.kind !== 'Clawback' && (l.status === 'Pending' || l.status === 'Payable'));
  const today = todayIn(ctx.timeZone, ctx.now);
  // A Pending line whose date has come is approvable now (the Approvals view makes it Payable); the rest wait for their date.
  const holding = pending.filter((l) => l.status === 'Pending' && !isDueForPayable(l, today));
  const nextPayableOn = holding.reduce((first, l) => (l.payableOn && (first === '' || l.payableOn < first) ? l.payableOn : first), '');
  return {
    period,
    currency: settings.currency,
    runStatus: run ? (run.status === 'Complete' ? 'Complete' : 'Running') : 'not run',
    payouts,
    carried,
    pending: { lines: pending.length, cents: pending.reduce((t, l) => t + l.amountCents, 0) },
    holding: { lines: holding.length, cents: holding.reduce((t, l) => t + l.amountCents, 0), nextPayableOn },
    held,
    late: { partners: late.length, lines: late.reduce((t, p) => t + p.lines.length, 0), cents: late.reduce((t, p) => t + p.netCents, 0) },
  };
}

import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { InputError } from '../domain/input-error';
import { isIsoDate } from '../domain/fields';
import { exportPayouts } from '../payouts/export';
import { PayoutPeriodState, readPayoutPeriod } from '../payouts/payout-period';
import { resolvePeriod } from '../payouts/periods';
import { PayoutRunOutcome, runPayouts } from '../payouts/run';
import { sendApprovedStatements } from '../payouts/payout-mail';
import { approvePayouts, markPayoutsPaid } from '../payouts/states';
import { todayIn } from '../tracker/cells';
import { TrackerContext, trackerContext } from '../tracker/context';
import { requireRole, whyNot } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { BulkCommissionResult, PayoutExportView, PayoutPeriodView, PayoutRunView } from './contract';
import { endpoint, writeEndpoint } from './endpoint';

/** The sidebar's Payouts view: preview, run, approve, mark paid, export. */
const SOURCE = 'sidebar';
const PERIOD_START = /* @__PURE__ */ lazy(() => z.optional(z.string().check(z.trim(), z.maxLength(10))));
const PAYOUT_IDS = /* @__PURE__ */ lazy(() =>
  z.array(z.string().check(z.regex(/^PO-\d{6,}$/, { error: 'Payout IDs look like PO-000001' }))).check(z.minLength(1, { error: 'Select at least one payout' }), z.maxLength(1000)),
);

/** What the Payouts view shows for a period (amounts in currency units), with what this person may do. */
function periodView(ctx: TrackerContext, state: PayoutPeriodState, periods: Array<{ start: string; label: string }>): PayoutPeriodView {
  const { period } = state;
  const rows = state.payouts.map((p) => ({
    payoutId: p.payoutId,
    partnerId: p.partnerId,
    partnerName: p.partnerName,
    gross: p.grossCents / 100,
    clawbacks: p.clawbackCents / 100,
    net: p.netCents / 100,
    lines: p.lines,
    status: p.status,
    paidAt: p.paidAt ? p.paidAt.toISOString() : null,
    paymentReference: p.paymentReference,
  }));
  const permissions = {
    run: whyNot(ctx, 'runPayouts'),
    approve: whyNot(ctx, 'approvePayouts'),
    markPaid: whyNot(ctx, 'markPaid'),
    export: whyNot(ctx, 'exportPayouts'),
  };
  return {
    period: { start: period.start, end: period.end, label: period.label },
    currency: state.currency,
    runStatus: state.runStatus,
    rows,
    carried: state.carried.map((c) => ({ partnerId: c.partnerId, partnerName: c.partnerName, net: c.netCents / 100, reason: c.reason })),
    total: Math.round(rows.reduce((t, r) => t + r.net * 100, 0)) / 100,
    pendingApproval: { lines: state.pending.lines, amount: state.pending.cents / 100 },
    holding: { lines: state.holding.lines, amount: state.holding.cents / 100, nextPayableOn: state.holding.nextPayableOn },
    canManage: permissions.run === null,
    whyNot: permissions.run,
    permissions,
    held: state.held,
    periods,
    late: { partners: state.late.partners, lines: state.late.lines, amount: state.late.cents / 100 },
  };
}

function runView(run: PayoutRunOutcome): PayoutRunView {
  return { status: run.status, created: run.created, carried: run.carried, recovered: run.recovered, summary: run.summary, message: run.message };
}

export const apiPreviewPayouts = /* @__PURE__ */ endpoint(
  () => z.tuple([PERIOD_START]),
  (start): PayoutPeriodView => {
    const ctx = trackerContext(SOURCE);
    const { period, periods } = resolvePeriod(ctx, start);
    return periodView(ctx, readPayoutPeriod(ctx, period, 'preview'), periods);
  },
);

export const apiGetPayouts = /* @__PURE__ */ endpoint(
  () => z.tuple([PERIOD_START]),
  (start): PayoutPeriodView => {
    const ctx = trackerContext(SOURCE);
    const { period, periods } = resolvePeriod(ctx, start);
    return periodView(ctx, readPayoutPeriod(ctx, period, 'stored'), periods);
  },
);

export const apiRunPayouts = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PERIOD_START]),
  (start): { run: PayoutRunView; view: PayoutPeriodView } => {
    const ctx = trackerContext(SOURCE);
    requireRole(ctx, 'runPayouts');
    const { period, periods } = resolvePeriod(ctx, start);
    const run = runPayouts(ctx, period, { source: `sidebar: ${ctx.actor}`, startedAtMs: Date.now(), critical: (task) => withDocumentLock(ctx.ss, task) });
    return { run: runView(run), view: periodView(ctx, readPayoutPeriod(ctx, period, 'stored'), periods) };
  },
);

export const apiApprovePayouts = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PAYOUT_IDS]),
  (ids): BulkCommissionResult => {
    const ctx = trackerContext(SOURCE);
    const result = withDocumentLock(ctx.ss, () => approvePayouts(ctx, ids));
    // Approved is when a partner's statement goes out: at once from the owner's sidebar, else within the hour.
    sendApprovedStatements(ctx, result.changed, (task) => withDocumentLock(ctx.ss, task));
    return result;
  },
);

export const apiMarkPayoutsPaid = /* @__PURE__ */ writeEndpoint(
  () =>
    z.tuple([
      PAYOUT_IDS,
      z
        .string({ error: 'Payment reference is required' })
        .check(z.trim(), z.minLength(1, { error: 'Payment reference is required' }), z.maxLength(200, { error: 'Payment reference must be at most 200 characters' })),
      z.string({ error: 'Paid on is required' }).check(
        z.trim(),
        z.refine((s) => isIsoDate(s), { error: 'Paid on must be a date written YYYY-MM-DD' }),
      ),
    ]),
  (ids, reference, paidOn): BulkCommissionResult => {
    const ctx = trackerContext(SOURCE);
    if (paidOn > todayIn(ctx.timeZone, ctx.now)) throw InputError.field('paidOn', `Paid on ${paidOn} is in the future.`);
    return withDocumentLock(ctx.ss, () => markPayoutsPaid(ctx, ids, reference, paidOn));
  },
);

export const apiExportPayouts = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PERIOD_START]),
  (start): PayoutExportView => {
    const ctx = trackerContext(SOURCE);
    requireRole(ctx, 'exportPayouts');
    const { period } = resolvePeriod(ctx, start);
    return exportPayouts(ctx, period);
  },
);

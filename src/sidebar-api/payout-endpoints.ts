import * as z from 'zod/mini';
import { InputError } from '../domain/input-error';
import { isIsoDate } from '../domain/fields';
import { periodFromStart, previousPeriod, recentPeriods } from '../domain/payouts';
import { Period, ScheduleKind } from '../domain/payouts/types';
import { exportPayouts } from '../payouts/export';
import { payoutPeriodView, runPayouts } from '../payouts/run';
import { approvePayouts, markPayoutsPaid } from '../payouts/states';
import { todayIn } from '../tracker/cells';
import { TrackerContext, trackerContext } from '../tracker/context';
import { requireRole } from '../team/access';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { BulkCommissionResult, PayoutExportView, PayoutPeriodView, PayoutRunView } from './contract';
import { endpoint, writeEndpoint } from './endpoint';

/** The sidebar's Payouts view: preview, run, approve, mark paid, export. */
const SOURCE = 'sidebar';
const PERIOD_START = z.optional(z.string().check(z.trim(), z.maxLength(10)));
const PAYOUT_IDS = z.array(z.string().check(z.regex(/^PO-\d{6,}$/, { error: 'Payout IDs look like PO-000001' }))).check(
  z.minLength(1, { error: 'Select at least one payout' }), z.maxLength(1000),
);

function scheduleKind(ctx: TrackerContext): ScheduleKind {
  return /^weekly$/i.test(readSettings(ctx.ss).settings.payoutSchedule) ? 'Weekly' : 'Monthly';
}

/** The period a picker value names (default: the previous period), and the picker's recent periods. */
export function resolvePeriod(ctx: TrackerContext, start: string | undefined): { period: Period; periods: Array<{ start: string; label: string }> } {
  const kind = scheduleKind(ctx);
  const today = todayIn(ctx.timeZone, ctx.now);
  const periods = recentPeriods(kind, today, 12).map((p) => ({ start: p.start, label: p.label }));
  if (!start) return { period: previousPeriod(kind, today), periods };
  const period = periodFromStart(kind, start);
  if (!period) throw InputError.field('periodStart', `${start} does not start a ${kind === 'Monthly' ? 'month' : 'Monday–Sunday week'}.`);
  if (period.end >= today) throw InputError.field('periodStart', `${period.label} has not ended yet; only past periods can be paid.`);
  return { period, periods };
}

export const apiPreviewPayouts = endpoint(z.tuple([PERIOD_START]), (start): PayoutPeriodView => {
  const ctx = trackerContext(SOURCE);
  const { period, periods } = resolvePeriod(ctx, start);
  return payoutPeriodView(ctx, period, 'preview', periods);
});

export const apiGetPayouts = endpoint(z.tuple([PERIOD_START]), (start): PayoutPeriodView => {
  const ctx = trackerContext(SOURCE);
  const { period, periods } = resolvePeriod(ctx, start);
  return payoutPeriodView(ctx, period, 'stored', periods);
});

export const apiRunPayouts = writeEndpoint(z.tuple([PERIOD_START]), (start): { run: PayoutRunView; view: PayoutPeriodView } => {
  const ctx = trackerContext(SOURCE);
  requireRole(ctx, 'runPayouts');
  const { period, periods } = resolvePeriod(ctx, start);
  const run = runPayouts(ctx, period, { source: `sidebar: ${ctx.actor}`, startedAtMs: Date.now(), critical: (task) => withDocumentLock(ctx.ss, task) });
  return { run, view: payoutPeriodView(ctx, period, 'stored', periods) };
});

export const apiApprovePayouts = writeEndpoint(z.tuple([PAYOUT_IDS]), (ids): BulkCommissionResult => {
  const ctx = trackerContext(SOURCE);
  return withDocumentLock(ctx.ss, () => approvePayouts(ctx, ids));
});

export const apiMarkPayoutsPaid = writeEndpoint(
  z.tuple([
    PAYOUT_IDS,
    z.string({ error: 'Payment reference is required' }).check(z.trim(), z.minLength(1, { error: 'Payment reference is required' }), z.maxLength(200, { error: 'Payment reference must be at most 200 characters' })),
    z.string({ error: 'Paid on is required' }).check(z.trim(), z.refine((s) => isIsoDate(s), { error: 'Paid on must be a date written YYYY-MM-DD' })),
  ]),
  (ids, reference, paidOn): BulkCommissionResult => {
    const ctx = trackerContext(SOURCE);
    if (paidOn > todayIn(ctx.timeZone, ctx.now)) throw InputError.field('paidOn', `Paid on ${paidOn} is in the future.`);
    return withDocumentLock(ctx.ss, () => markPayoutsPaid(ctx, ids, reference, paidOn));
  },
);

export const apiExportPayouts = writeEndpoint(z.tuple([PERIOD_START]), (start): PayoutExportView => {
  const ctx = trackerContext(SOURCE);
  requireRole(ctx, 'exportPayouts');
  const { period } = resolvePeriod(ctx, start);
  return exportPayouts(ctx, period);
});

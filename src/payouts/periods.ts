import { InputError } from '../domain/input-error';
import { periodFromStart, previousPeriod, recentPeriods } from '../domain/payouts';
import { Period, ScheduleKind } from '../domain/payouts/types';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';

/** The payout periods a person can pick: the schedule's kind from Settings, the recent past periods, and the one a picker value names. */

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

import { isRunDue, parseSchedule } from '../domain/payouts';
import { readIsoDate, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { readRuns } from './payout-store';
import { Critical, PayoutRunOutcome, runPayouts } from './run';

/**
 * The hourly run's payout step: when the schedule in Settings says the
 * previous period is due and it has not been completed, run (or continue) it.
 */
export function scheduledPayouts(ctx: TrackerContext, startedAtMs: number, critical: Critical): PayoutRunOutcome | { skipped: string } {
  const settings = readSettings(ctx.ss).settings;
  const parsed = parseSchedule(settings.payoutSchedule, settings.payoutDay, String(settings.payoutHour));
  if (!parsed.ok) return { skipped: `payout schedule in Settings: ${parsed.problems.map((p) => p.message).join('; ')}` };
  const date = todayIn(ctx.timeZone, ctx.now);
  const hour = Number(Utilities.formatDate(ctx.now, ctx.timeZone, 'H'));
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const runs = readRuns(TrackerTable.open(ctx.ss, 'runs'), ctx.timeZone).filter((r) => r.status === 'Complete');
  const lastCompleted = runs.reduce<string | null>((latest, r) => (latest === null || readIsoDate(r.periodEnd, ctx.timeZone) > latest ? r.periodEnd : latest), null);
  const due = isRunDue(parsed.schedule, { date, hour, weekday }, lastCompleted);
  if (!due.due) return { skipped: `not due (next: ${due.period.label} is ${lastCompleted && lastCompleted >= due.period.end ? 'done' : 'waiting for its day and hour'})` };
  return runPayouts(ctx, due.period, { source: 'schedule', startedAtMs, critical });
}

import { dailyWorkDue } from '../domain/daily-work';
import { parseSettings } from '../domain/settings';
import { todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';

/** Whether a once-a-day job last done on `doneOn` is due in this run (domain/daily-work.ts), and today's date for its marker. */
export function dailyWork(ctx: TrackerContext, doneOn: string | undefined): { due: boolean; today: string } {
  const today = todayIn(ctx.timeZone, ctx.now);
  if (doneOn === today) return { due: false, today };
  const hour = Number(Utilities.formatDate(ctx.now, ctx.timeZone, 'H'));
  return { due: dailyWorkDue(doneOn, today, hour, parseSettings(reference(ctx.ss).settings()).settings.dailyHour), today };
}

import { sameEmail } from '../domain/roles';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { TrackerState } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { CHOOSER_FIRST_ROW, CHOOSER_ROWS, FIGURES_ROW } from './layout';
import { markDashboardStale, refreshDashboard } from './refresh';

/**
 * The Dashboard's period chooser changed (the installable edit trigger, which runs as the
 * tracker's owner and so may write the tab whoever typed). A tracker of up to
 * EDIT_REFRESH_MAX_LEADS leads is refreshed at once (a few seconds); a bigger one is left to the
 * owner's hourly run, which sees the chooser changed, and the tab says so: a refresh of 100k
 * leads would hold the edit trigger long enough for Google to drop other editors' edit events
 * (at most two wait), and with them their audit rows.
 */
export const EDIT_REFRESH_MAX_LEADS = 10000;
export const WITHIN_THE_HOUR = 'Period changed: the figures refresh within the hour (the owner\'s hourly run), or now with "Refresh dashboard" in the add-on menu.';

export const TYPED_OVER =
  'The Dashboard is computed by the tracker: what you typed is replaced by the next refresh (within the hour, or now with "Refresh dashboard" in the add-on menu). Only the Period, From and To cells are yours to change.';

export function handleDashboardEdit(ctx: TrackerContext, range: { row0: number; col0: number; rows: number; cols: number }, sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  const last = CHOOSER_FIRST_ROW + CHOOSER_ROWS.length - 1;
  const touchesChooser = range.col0 <= 2 && range.col0 + range.cols - 1 >= 2 && range.row0 <= last && range.row0 + range.rows - 1 >= CHOOSER_FIRST_ROW;
  if (!touchesChooser) {
    // Only a manager gets here (the tab is protected): the figures are the tracker's, so the cells are written again.
    markDashboardStale(ctx.ss);
    ctx.ss.toast(TYPED_OVER, 'Partnership Tracker', 15);
    return 'computed cells typed over: rewritten by the next refresh';
  }
  const owner = TrackerState.read(ctx.ss).record()?.owner ?? '';
  if (!owner || !sameEmail(owner, ctx.runsAs)) return `this trigger runs as ${ctx.runsAs}; the tracker's automation is ${owner || 'not set up'}'s`;
  if (TrackerTable.open(ctx.ss, 'leads').rowCount() > EDIT_REFRESH_MAX_LEADS) {
    sheet.getRange(FIGURES_ROW + 1, 3).setValue(WITHIN_THE_HOUR);
    return 'left to the hourly run';
  }
  const outcome = refreshDashboard(ctx, (task) => withDocumentLock(ctx.ss, () => task()));
  return outcome.refused ? `refused: ${outcome.refused}` : `refreshed: ${outcome.period}`;
}

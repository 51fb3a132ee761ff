import { resolvePeriod } from './periods';
import { allowedFromMenu } from '../team/access';
import { trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { exportPayouts } from './export';
import { runPayouts } from './run';

/** Menu "Run payouts now": runs the previous period's payouts. */
export function menuRunPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  if (!allowedFromMenu(ctx, 'runPayouts', 'Payouts')) return;
  const { period } = resolvePeriod(ctx, undefined);
  const run = runPayouts(ctx, period, { source: `menu: ${ctx.actor}`, startedAtMs: Date.now(), critical: (task) => withDocumentLock(ctx.ss, task) });
  ui.alert('Payouts', run.message, ui.ButtonSet.OK);
}

/** Menu "Export payouts": writes the previous period's approved payouts to a file in the person's Drive. */
export function menuExportPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  if (!allowedFromMenu(ctx, 'exportPayouts', 'Export payouts')) return;
  const { period } = resolvePeriod(ctx, undefined);
  const file = exportPayouts(ctx, period);
  ui.alert('Export payouts', `Wrote ${file.rows} approved payout(s) for ${period.label} to ${file.fileName} in your Drive:\n${file.url}`, ui.ButtonSet.OK);
}

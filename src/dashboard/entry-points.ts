import { allowedFromMenu } from '../team/access';
import { trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { refreshDashboard } from './refresh';

const TITLE = 'Refresh dashboard';

/** Menu "Refresh dashboard" (a manager or the owner): recomputes the Dashboard tab now instead of within the hour. */
export function menuRefreshDashboard() {
  const ctx = trackerContext('menu');
  if (!allowedFromMenu(ctx, 'refreshDashboard', TITLE)) return;
  // Asked for by a person: the whole grid and the charts, even when no figure moved (a chart deleted by hand comes back).
  const outcome = refreshDashboard(ctx, (task) => withDocumentLock(ctx.ss, () => task()), { whole: true });
  const ui = SpreadsheetApp.getUi();
  const lines = [`The Dashboard shows ${outcome.period}, from ${outcome.leads} leads and ${outcome.partners} partners.`, outcome.refused ? `The period chosen was not used: ${outcome.refused}` : ''];
  ui.alert(TITLE, lines.filter(Boolean).join('\n'), ui.ButtonSet.OK);
}

import { allowedFromMenu } from '../team/access';
import { trackerContext } from '../tracker/context';
import { showSidebarAt } from '../sidebar-api/sidebar';

/**
 * Menu "Run payouts now" and "Export payouts": both open the sidebar's Payouts view, where the person
 * picks the period, sees the preview (or the run's payouts) and confirms the run, or exports a run
 * period: nothing is run or written from the menu itself.
 */
export function menuRunPayouts() {
  const ctx = trackerContext('menu');
  if (!allowedFromMenu(ctx, 'runPayouts', 'Payouts')) return;
  showSidebarAt('payouts');
}

export function menuExportPayouts() {
  const ctx = trackerContext('menu');
  if (!allowedFromMenu(ctx, 'exportPayouts', 'Export payouts')) return;
  showSidebarAt('payouts');
}
